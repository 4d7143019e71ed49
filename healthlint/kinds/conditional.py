"""Kind ``conditional``: a trigger needs evidence nearby ("studies show" needs a citation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..analysis import has_evidence
from .base import Hit, Runner
from .filters import cancelled

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class ConditionalRunner(Runner):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        rule = self.rule
        self.triggers = list(self.add_patterns(rule.trigger, "trigger").values())
        self.evidence = list(self.add_patterns(rule.evidence, "evidence").values())

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = parsed.prose_sentences()
        for n, sentence in enumerate(sentences):
            span = sentence.span
            found = [
                (start, end)
                for key in self.triggers
                for start, end in parsed.matches_within(sentence, key)
                if not cancelled(self.rule, span.doc, start, end)
            ]
            if not found:
                continue
            window = range(
                max(0, n - self.rule.window_before),
                min(len(sentences), n + self.rule.window_after + 1),
            )
            if any(
                has_evidence(parsed, sentences[m], self.evidence, self.rule.links_count)
                for m in window
            ):
                continue
            start, end = min(found)
            trigger = span.doc[start:end]
            yield Hit(
                sentence.block, trigger.start_char, trigger.end_char, values={"match": trigger.text}
            )
