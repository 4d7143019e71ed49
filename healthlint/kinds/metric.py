"""Kind ``metric``: a measure of the document or of each sentence over a threshold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..metrics import flesch_kincaid_grade, smog_grade
from .base import Hit, RuleOptions, Runner

if TYPE_CHECKING:
    from ..analysis import ParsedArticle

# Below this many words a grade-level formula says more about chance than about the text.
MIN_WORDS_FOR_GRADE = 100


class MetricOptions(RuleOptions):
    threshold: float | None = Field(
        default=None, gt=0, le=1000, description="Report values above this."
    )


class MetricRunner(Runner):
    Options = MetricOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        configured = self.options.threshold
        self.threshold = float(configured if configured is not None else self.rule.threshold)

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        if self.rule.measure == "reading_grade":
            return self._reading_grade(parsed)
        return self._sentence_words(parsed)

    def _values(self, value: float) -> dict[str, str]:
        return {"value": f"{value:g}", "threshold": f"{self.threshold:g}"}

    def _reading_grade(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = [c for s in parsed.prose_sentences() if (c := parsed.counts(s)).words]
        words = sum(c.words for c in sentences)
        if words < MIN_WORDS_FOR_GRADE:
            return
        grade = flesch_kincaid_grade(words, len(sentences), sum(c.syllables for c in sentences))
        smog = smog_grade(sum(c.polysyllables for c in sentences), len(sentences))
        shown = f"{grade:.1f}"  # compared as shown: "8.0 is above the target of 8" is no finding
        if float(shown) > self.threshold:
            values = {
                "value": shown,
                "threshold": f"{self.threshold:g}",
                "smog": f"{smog:.1f}",
            }
            yield Hit(block=None, values=values)

    def _sentence_words(self, parsed: ParsedArticle) -> Iterable[Hit]:
        for sentence in parsed.prose_sentences():
            count = parsed.counts(sentence).words
            if count > self.threshold:
                span = sentence.span
                text = span.text.rstrip()
                yield Hit(
                    sentence.block,
                    span.start_char,
                    span.start_char + len(text),
                    values=self._values(count),
                )
