"""Kind ``metric``: a measure of the document or of each sentence over a threshold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..metrics import flesch_kincaid_grade, smog_grade
from .base import Hit, RuleOptions, Runner

if TYPE_CHECKING:
    from ..analysis import ParsedArticle

# Below this many words a grade-level formula says more about chance than about the text.
MIN_WORDS_FOR_GRADE = 100


@dataclass
class _Totals:
    """The article's sentences with words, and their words, syllables and long words."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0


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
            self._count(parsed)
            return ()
        return self._sentence_words(parsed)

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        if self.rule.measure == "reading_grade":
            return self._reading_grade(parsed.state(self, _Totals))
        return ()

    def _values(self, value: float) -> dict[str, str]:
        return {"value": f"{value:g}", "threshold": f"{self.threshold:g}"}

    def _count(self, parsed: ParsedArticle) -> None:
        """Adds the segment's sentences that have words to the article's totals."""
        totals = parsed.state(self, _Totals)
        sentences = parsed.prose_sentences()
        for n in parsed.own_prose():
            counts = parsed.counts(sentences[n])
            if counts.words:
                totals.sentences += 1
                totals.words += counts.words
                totals.syllables += counts.syllables
                totals.polysyllables += counts.polysyllables

    def _reading_grade(self, totals: _Totals) -> Iterable[Hit]:
        if totals.words < MIN_WORDS_FOR_GRADE:
            return
        grade = flesch_kincaid_grade(totals.words, totals.sentences, totals.syllables)
        smog = smog_grade(totals.polysyllables, totals.sentences)
        shown = f"{grade:.1f}"  # compared as shown: "8.0 is above the target of 8" is no finding
        if float(shown) > self.threshold:
            values = {
                "value": shown,
                "threshold": f"{self.threshold:g}",
                "smog": f"{smog:.1f}",
            }
            yield Hit(block=None, values=values)

    def _sentence_words(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = parsed.prose_sentences()
        for sentence in (sentences[n] for n in parsed.own_prose()):
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
