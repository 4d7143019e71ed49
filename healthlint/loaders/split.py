"""Blocks too long to be paragraphs (a whole book on one line, a page that never breaks) are cut
into pieces at sentence ends, so that no spaCy Doc holds more than a long paragraph and the cost
of every step stays that of ordinary text."""

from __future__ import annotations

from dataclasses import replace

from ..article import Block

# No paragraph of an article comes near this; a block longer is cut.
MAX_BLOCK = 20_000


def _cut(text: str, start: int) -> int:
    """Where the piece that starts at ``start`` ends: after the last sentence end within the
    limit, else at its last space, else at the limit."""
    limit = start + MAX_BLOCK
    for mark in (". ", "? ", "! ", " "):
        at = text.rfind(mark, start + MAX_BLOCK // 2, limit)
        if at != -1:
            return at + len(mark)
    return limit


def split_long_blocks(blocks: list[Block]) -> list[Block]:
    pieces: list[Block] = []
    for block in blocks:
        text = block.text
        if len(text) <= MAX_BLOCK:
            pieces.append(block)
            continue
        start = 0
        while start < len(text):
            end = len(text) if len(text) - start <= MAX_BLOCK else _cut(text, start)
            piece = replace(
                block,
                text=text[start:end],
                offsets=block.offsets.part(start, end),
                links=_inside(block.links, start, end),
                citations=_inside(block.citations, start, end),
            )
            if piece.text.strip():
                pieces.append(piece)
            start = end
    return pieces


def _inside(
    ranges: tuple[tuple[int, int], ...], start: int, end: int
) -> tuple[tuple[int, int], ...]:
    """The ranges that overlap the piece start..end, cut to it and counted from its start."""
    return tuple(
        (max(a, start) - start, min(b, end) - start) for a, b in ranges if a < end and b > start
    )
