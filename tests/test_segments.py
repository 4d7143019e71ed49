"""A long article is read in segments of blocks (healthlint/segments.py), so that only one
segment's Docs are alive. Where the segments end must change no finding: the rules that look
across the article (the main procedure, a source named earlier, a list's lead-in, a myth section,
how often a spelling recurs, the reading grade, the dates, the disclaimer at the bottom) keep what
they need from one segment to the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from healthlint import lint_text, segments
from healthlint.config import Settings
from healthlint.linter import linter_for
from healthlint.loaders import load

from .conftest import expected_findings

DATA = Path(__file__).parent / "data" / "segments"
ARTICLES = sorted(DATA.glob("*.md"))
TODAY = dt.date(2026, 11, 29)


def _found(path: Path) -> set[tuple[str, int, int]]:
    text = path.read_text(encoding="utf-8")
    findings = lint_text(text, path=path.name, today=TODAY)
    return {(f.rule, f.line, f.column) for f in findings}


@pytest.mark.parametrize("size", [1, 2, 3, segments.SEGMENT_BLOCKS])
@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_findings_are_the_same_wherever_segments_end(
    monkeypatch: pytest.MonkeyPatch, path: Path, size: int
) -> None:
    monkeypatch.setattr(segments, "SEGMENT_BLOCKS", size)
    source = path.read_text(encoding="utf-8")
    assert _found(path) == expected_findings(source, path)


def _ranges(text: str) -> list[range]:
    article = load("article.md", text)
    return [parsed.segment for parsed in segments.segments(article, linter_for(Settings()).hub)]


def test_a_segment_ends_at_its_count_of_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_BLOCKS", 4)
    text = "\n\n".join(f"Paragraph {n}." for n in range(10))
    assert _ranges(text) == [range(0, 4), range(4, 8), range(8, 10)]


def test_a_segment_ends_before_the_block_that_would_take_it_past_its_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(segments, "SEGMENT_CHARACTERS", 30)
    long = "A paragraph of forty characters or more."
    text = "\n\n".join(["Short one.", "Short two.", long, "Short three."])
    # 10 + 10 characters fit; the long block is a segment of its own, though over the bound.
    assert _ranges(text) == [range(0, 2), range(2, 3), range(3, 4)]


def test_an_empty_article_is_one_empty_segment() -> None:
    assert _ranges("") == [range(0, 0)]


def test_a_block_is_tokenized_once_however_many_segments_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sentences next to a segment are read by the segments on both sides: the next
    segment takes the Docs already made rather than tokenizing its blocks again."""
    parsed_texts: list[str] = []
    real = segments.parse_blocks

    def counting(texts: list[str]) -> list:  # type: ignore[type-arg]
        parsed_texts.extend(texts)
        return real(texts)

    monkeypatch.setattr(segments, "parse_blocks", counting)
    monkeypatch.setattr(segments, "SEGMENT_BLOCKS", 1)
    text = "\n\n".join(f"About {n}% of adults snore." for n in range(6))
    lint_text(text, path="article.md")
    assert sorted(parsed_texts) == sorted(f"About {n}% of adults snore." for n in range(6))
