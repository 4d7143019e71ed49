"""unused-suppression: reported by the engine once inline suppressions have been applied."""

from __future__ import annotations

from collections.abc import Iterable

from ..kinds.base import Hit, ParsedArticle, Runner, register


@register("unused_suppression")
class UnusedSuppression(Runner):
    # The engine calls ``unused`` after the other rules' findings have met the directives.
    judges_suppressions = True

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        return ()

    def unused(self, directives: Iterable[tuple[int, int, str]]) -> Iterable[Hit]:
        """Hits for (source start, source end, reason) of directives that did nothing."""
        for start, end, reason in directives:
            yield Hit(block=None, values={"reason": reason}, source=(start, end))
