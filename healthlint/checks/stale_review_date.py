"""stale-review-date: the article's last review or update is older than the allowed age."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import Field

from ..kinds.base import Hit
from .review_dates import ReviewDateOptions, ReviewDates

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class StaleReviewDateOptions(ReviewDateOptions):
    max_age_years: int = Field(
        default=3, ge=1, le=50, description="The oldest acceptable review or update, in years."
    )


class StaleReviewDate(ReviewDates):
    Options = StaleReviewDateOptions

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        from dateutil.relativedelta import relativedelta

        dates = self.dates(parsed)
        if not dates:
            return  # missing-review-date reports that
        # Calendar arithmetic that holds on 29 February too (a year back is 28 February).
        limit = parsed.today - relativedelta(years=self.options.max_age_years)
        newest, where = max(dates, key=lambda item: item[0])
        if newest >= limit:
            return
        values = {"date": newest.isoformat(), "years": str(self.options.max_age_years)}
        if where is None:
            yield Hit(block=None, values=values)
        else:
            yield Hit(where[0], where[1], where[2], values=values)
