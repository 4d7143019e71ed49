"""The dates an article gives for itself, read once the same way by missing-review-date and
stale-review-date, so that every date the first accepts the second can age.

A date counts from front matter or HTML meta, or from a dated line (checks/dates.py reads it): a
label followed by its date ("Updated 3rd March 2019", "Last reviewed: 2019/03/01", "For immediate
release: May 2, 2018"), or a credit line with a name before the date ("Reviewed by Dr. Ana Ruiz
on 3 March 2019"). "Updated guidance from March 2019" is no dated line: a word stands between.
Near the top of the page, a line that holds only a date (or a post-meta line with a
date as one of its fields: "By Ana Ruiz | 3 May 2024 | Skin care") is the page's date too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..kinds.base import Hit, RuleOptions, Runner
from ..patterns import PatternSet
from .dates import WINDOW, as_date, find_date, lone_date

if TYPE_CHECKING:
    from ..analysis import ParsedArticle

# A date line's label stands among the first tokens of its block, or the block is short: "the
# study will be published February 1, 2016" inside a paragraph dates the study, not the article.
DATE_LINE_START = 8
SHORT_BLOCK = 25
# A date line without a label: at most this many tokens, among the page's first blocks of body
# (a banner or a menu may come first; a header around the article does not count).
DATE_ONLY_LINE = 12
TOP_BLOCKS = 12

Where = tuple[int, int, int] | None  # block and prose range of a dated line; None: metadata


class ReviewDateData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metadata_keys: list[str]
    labels: PatternSet  # their date follows at once
    credits: PatternSet  # a name may stand before their date


class ReviewDateOptions(RuleOptions):
    day_first: bool = Field(
        default=False,
        description="Read an ambiguous numeric date day first (03/04/2019 is 3 April), as "
        "outside the US; month first by default. A four-digit year first is always year-month-day.",
    )


class ReviewDates(Runner):
    """A rule that reads the article's own dates."""

    Data = ReviewDateData
    Options = ReviewDateOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.keys = [key.lower() for key in self.data.metadata_keys]
        self.labels = [(key, True) for key in self.add_patterns(self.data.labels).values()]
        credits = self.add_patterns(self.data.credits, "credits").values()
        self.labels += [(key, False) for key in credits]
        self.day_first = self.options.day_first

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        """Reads the segment's dates; the rule decides on all of them in ``finish``."""
        self._read(parsed, parsed.state(self, _Dates))
        return ()

    def dates(self, parsed: ParsedArticle) -> list[tuple[dt.date, Where]]:
        """Every date the article gives for itself, metadata first, once its segments are
        read."""
        metadata = parsed.article.metadata
        found: list[tuple[dt.date, Where]] = [
            (date, None)
            for key in self.keys
            if (date := as_date(metadata.get(key), self.day_first))
        ]
        return found + parsed.state(self, _Dates).found

    def _read(self, parsed: ParsedArticle, dates: _Dates) -> None:
        for index, block, doc in parsed.blocks(region=None):
            short = len(doc) <= SHORT_BLOCK
            dated = self._labelled(parsed, index, len(doc) if short else DATE_LINE_START)
            if not dated and dates.body_blocks < TOP_BLOCKS and len(doc) <= DATE_ONLY_LINE:
                alone = lone_date(block.text, self.day_first)
                dated = [(alone[0], (index, alone[1], alone[2]))] if alone else []
            dates.body_blocks += block.region == "body"
            dates.found += dated

    def _labelled(
        self, parsed: ParsedArticle, index: int, first_tokens: int
    ) -> list[tuple[dt.date, Where]]:
        """The dates of the block's labelled lines whose label starts among its first tokens."""
        text, doc = parsed.article.blocks[index].text, parsed.docs[index]
        found: list[tuple[dt.date, Where]] = []
        for key, at_once in self.labels:
            for start, end in parsed.matches(index, key):
                if start > first_tokens:
                    break  # matches come earliest first
                offset = doc[start].idx
                follows = doc[end - 1].idx + len(doc[end - 1]) - offset if at_once else None
                date = find_date(text[offset : offset + WINDOW], self.day_first, follows)
                if date is not None:
                    found.append((date[0], (index, offset + date[1], offset + date[2])))
        return found


@dataclass
class _Dates:
    """The dates the segments read so far give, in order."""

    found: list[tuple[dt.date, Where]] = field(default_factory=list)
    body_blocks: int = 0  # a date line without a label counts near the top of the page
