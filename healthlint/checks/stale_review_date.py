"""stale-review-date: the article's last review or update is older than the allowed age."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..kinds.base import Hit, RuleOptions, Runner
from ..patterns import PatternSet
from .dates import as_date, find_date

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class ReviewDateData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metadata_keys: list[str]
    labels: PatternSet


class ReviewDateOptions(RuleOptions):
    max_age_years: int = Field(
        default=3, ge=1, le=50, description="The oldest acceptable review or update, in years."
    )


class StaleReviewDate(Runner):
    Data = ReviewDateData
    Options = ReviewDateOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.keys = [key.lower() for key in self.data.metadata_keys]
        self.labels = list(self.add_patterns(self.data.labels).values())
        self.max_age_years = self.options.max_age_years

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        from dateutil.relativedelta import relativedelta

        # Calendar arithmetic that holds on 29 February too (a year back is 28 February).
        limit = parsed.today - relativedelta(years=self.max_age_years)
        metadata = parsed.article.metadata
        dates: list[tuple[dt.date, tuple[int, int, int] | None]] = [
            (date, None) for key in self.keys if (date := as_date(metadata.get(key)))
        ]
        dates += self._prose_dates(parsed)
        if not dates:
            return  # missing-review-date reports that
        newest, where = max(dates, key=lambda item: item[0])
        if newest >= limit:
            return
        values = {"date": newest.isoformat(), "years": str(self.max_age_years)}
        if where is None:
            yield Hit(block=None, values=values)
        else:
            yield Hit(where[0], where[1], where[2], values=values)

    def _prose_dates(self, parsed: ParsedArticle) -> list[tuple[dt.date, tuple[int, int, int]]]:
        found = []
        for index, block, doc in parsed.blocks(region=None):
            for key in self.labels:
                for start, _ in parsed.matches(index, key):
                    if start > DATE_LINE_START and len(doc) > SHORT_BLOCK:
                        continue  # a date inside running text dates something else
                    offset = doc[start].idx
                    date = find_date(block.text[offset : offset + 60])
                    if date is not None:
                        value, first, last = date
                        found.append((value, (index, offset + first, offset + last)))
        return found


# A date line's label stands among the first tokens of its block, or the block is short.
DATE_LINE_START = 8
SHORT_BLOCK = 25
