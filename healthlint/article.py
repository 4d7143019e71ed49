"""The linted article: its source text, its prose blocks and the map from prose back to source.

Loaders build an :class:`Article`; checks read its blocks; only the engine turns block offsets into
source positions (through :class:`OffsetMap`) and then into line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .directives import Directive

Region = Literal["body", "chrome"]
# What inline code becomes in the prose: punctuation to the tokenizer, never a word.
CODE_PLACEHOLDER = "\u2026"
# White space that is not a single space: it would become a token of its own.
_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]")
# A long run of punctuation and symbols ("&&&&...", "=-=-=-..."): never prose, and spaCy's
# tokenizer splits it a character at a time at a cost that grows with the square of its length.
_SYMBOL_RUN = re.compile(r"[^\w\s]{32,}")


def _tame(text: str) -> str:
    """``text`` with each long symbol run turned into one placeholder and spaces, so that its
    length, and every offset after it, stay the same."""
    return _SYMBOL_RUN.sub(lambda run: CODE_PLACEHOLDER + " " * (len(run.group()) - 1), text)


class OffsetMap:
    """Maps offsets in a block's prose text to offsets in the source text.

    The prose is built from runs. A literal run copies source characters one to one; any other run
    (a decoded entity, a backslash escape, a synthetic separator) stands for a source range as a
    whole.
    """

    __slots__ = ("_text_starts", "_runs")

    def __init__(self) -> None:
        self._text_starts: list[int] = []
        self._runs: list[
            tuple[int, int, int, int]
        ] = []  # (text_start, text_len, src_start, src_len)

    def add(self, text_start: int, text_len: int, src_start: int, src_len: int) -> None:
        if text_len <= 0:
            return
        last = self._runs[-1] if self._runs else None
        if (
            last is not None
            and last[1] == last[3]
            and text_len == src_len
            and last[0] + last[1] == text_start
            and last[2] + last[3] == src_start
        ):
            # Adjacent literal runs merge, which keeps the map small for plain prose.
            self._runs[-1] = (last[0], last[1] + text_len, last[2], last[3] + src_len)
            return
        self._text_starts.append(text_start)
        self._runs.append((text_start, text_len, src_start, src_len))

    def _run(self, offset: int) -> tuple[int, int, int, int]:
        index = max(bisect_right(self._text_starts, offset) - 1, 0)
        return self._runs[index]

    def start(self, offset: int) -> int:
        """Source offset of the prose character at ``offset``."""
        text_start, text_len, src_start, src_len = self._run(offset)
        if text_len == src_len:
            return src_start + min(offset - text_start, src_len)
        return src_start

    def end(self, offset: int) -> int:
        """Source offset just past the prose character before ``offset`` (an exclusive end)."""
        if offset <= 0:
            return self.start(0)
        text_start, text_len, src_start, src_len = self._run(offset - 1)
        if text_len == src_len:
            return src_start + min(offset - text_start, src_len)
        return src_start + src_len

    def span(self, start: int, end: int) -> tuple[int, int]:
        src_start = self.start(start)
        return src_start, max(self.end(end), src_start)

    def part(self, start: int, end: int) -> OffsetMap:
        """The map of the prose ``start``..``end`` alone, its offsets counted from ``start``. A
        literal run may be cut anywhere; a run that stands for a source range as a whole is
        kept whole (callers cut at white space, which no such run holds but a separator)."""
        piece = OffsetMap()
        first = max(bisect_right(self._text_starts, start) - 1, 0)  # not a walk over every run
        for index in range(first, len(self._runs)):
            text_start, text_len, src_start, src_len = self._runs[index]
            if text_start >= end:
                break
            low, high = max(text_start, start), min(text_start + text_len, end)
            if low >= high:
                continue
            if text_len == src_len:
                piece.add(low - start, high - low, src_start + low - text_start, high - low)
            else:
                piece.add(max(text_start - start, 0), text_len, src_start, src_len)
        return piece


@dataclass(frozen=True)
class Block:
    """One unit of prose: a heading, a paragraph, a list item, a table cell."""

    text: str
    offsets: OffsetMap
    kind: str = "paragraph"
    region: Region = "body"  # "chrome": navigation, header, footer, aside of a full page
    links: tuple[tuple[int, int], ...] = ()  # prose ranges that are link text
    citations: tuple[tuple[int, int], ...] = ()  # prose ranges that are citation markers (<sup>)

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


def line_starts(source: str) -> list[int]:
    """Offsets at which each line of ``source`` begins."""
    return [0, *(match.end() for match in re.finditer("\n", source))]


@dataclass
class Article:
    path: str
    source: str  # decoded, BOM removed, line endings normalised to "\n"
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    directives: list[Directive] = field(default_factory=list)  # inline suppressions


class ProseBuilder:
    """Accumulates one block's prose together with its offset map."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.offsets = OffsetMap()
        self.links: list[tuple[int, int]] = []
        self.citations: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return self._length

    def literal(self, text: str, src_start: int) -> None:
        """Source text copied as is, except that each run of white space becomes one space.

        spaCy makes a token of any white space but a single space, and a token between "40" and
        "%" would break every pattern; the collapsed space still maps to its whole source run.
        """
        at = 0
        for run in _IRREGULAR_SPACE.finditer(text):
            self._chunk(text[at : run.start()], src_start + at)
            self._chunk(" ", src_start + run.start(), run.end() - run.start())
            at = run.end()
        self._chunk(text[at:], src_start + at)

    def _chunk(self, text: str, src_start: int, src_len: int | None = None) -> None:
        """Adds text whose white space is single spaces, never two spaces in a row."""
        src_len = len(text) if src_len is None else src_len
        if text[:1] == " " and (not self._length or self._parts[-1][-1:].isspace()):
            if src_len != len(text):  # a collapsed run with nothing to separate
                return
            text, src_start, src_len = text[1:], src_start + 1, src_len - 1
        self.replaced(text, src_start, src_len)

    def replaced(self, text: str, src_start: int, src_len: int) -> None:
        """Text that stands for ``src_len`` source characters (an entity, an escape)."""
        if text.isspace() and len(text) != src_len:
            # A decoded &nbsp; or &#10; is plain white space to the tokenizer, and one at most.
            if self._length and self._parts[-1][-1:].isspace():
                return
            text = " "
        if not text:
            return
        self.offsets.add(self._length, len(text), src_start, src_len)
        self._parts.append(text)
        self._length += len(text)

    def placeholder(self, src_start: int, src_len: int) -> None:
        """Stands for code left out of the prose, so that the words around it stay apart: the
        reader sees something there ("and `<style>` and" is not a doubled word)."""
        self.replaced(CODE_PLACEHOLDER, src_start, src_len)

    def separator(self, src_at: int, text: str = " ") -> None:
        """A space or line break that keeps words apart where markup was dropped."""
        if self._length and not self._parts[-1][-1:].isspace():
            self.replaced(text, src_at, 0)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self, kind: str, region: Region = "body") -> Block | None:
        text = _tame(self.text)
        if not text.strip():
            return None
        return Block(
            text=text,
            offsets=self.offsets,
            kind=kind,
            region=region,
            links=tuple(self.links),
            citations=tuple(self.citations),
        )
