"""missing-review-date: the article gives no date of writing, update or review."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..kinds.base import Hit
from .review_dates import ReviewDates

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class MissingReviewDate(ReviewDates):
    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        return () if self.dates(parsed) else (Hit(block=None),)
