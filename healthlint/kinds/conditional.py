"""Kind ``conditional``: a trigger needs evidence nearby ("studies show" needs a citation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .base import Hit, ParsedArticle, Runner, Sentence, cancelled


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


def has_evidence(
    parsed: ParsedArticle, sentence: Sentence, keys: list[str], links_count: bool = True
) -> bool:
    """A link or <sup> marker overlapping the sentence, or a match of one of ``keys`` in it."""
    if links_count and parsed.marked(sentence):
        return True
    end = sentence.span.end
    return any(stop <= end for key in keys for _, stop in parsed.matches_within(sentence, key))
