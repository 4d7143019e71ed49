"""unsourced-statistic: a statistical claim with no source in its sentence or the adjacent ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, ParsedArticle, PatternSet, Runner, register
from ..kinds.conditional import has_evidence
from .numbers import parse_number


class StatisticData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: PatternSet
    sources: PatternSet
    concentration_words: list[str]
    notation_words: list[str]
    dosage_forms: list[str]
    measurement_words: list[str]
    threshold_words: list[str]
    threshold_prepositions: list[str]
    spec_verbs: list[str]
    hedges: list[str]
    absolute_after: list[str]
    advice_words: list[str]


@register("unsourced_statistic")
class UnsourcedStatistic(Runner):
    Data = StatisticData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: StatisticData = self.data
        self.claims = self.add_patterns(data.claims, "claim")  # label -> key
        self.sources = list(self.add_patterns(data.sources, "source").values())
        self.concentration = frozenset(data.concentration_words)
        self.dosage_forms = frozenset(data.dosage_forms)
        self.not_claims_after = self.concentration | frozenset(data.notation_words)
        self.measurements = frozenset(data.measurement_words)
        self.thresholds = frozenset(data.threshold_words)
        self.threshold_prepositions = frozenset(data.threshold_prepositions)
        self.spec_verbs = frozenset(data.spec_verbs)
        self.hedges = frozenset(data.hedges)
        self.absolute_after = frozenset(data.absolute_after)
        self.advice_words = frozenset(data.advice_words)

    # -- what is not a statistic ---------------------------------------------------------------
    def _is_statistic(self, kind: str, span: Any) -> bool:
        if kind == "percent":
            return self._percent_is_statistic(span)
        if kind == "ratio":
            numbers = [parse_number(t.text) for t in span if t.like_num]
            if len(numbers) != 2 or None in numbers:
                return False
            first, second = numbers
            year_like = span[-1].text.isdigit() and len(span[-1].text) == 4
            return 0 < first < second and not year_like
        if kind == "count":
            has_scale = any(t.lower_ in ("thousand", "million", "billion") for t in span)
            value = parse_number(span[0].text)
            year_like = span[0].text.isdigit() and len(span[0].text) == 4
            return has_scale or (value is not None and value >= 1000 and not year_like)
        return True

    def _percent_is_statistic(self, span: Any) -> bool:
        doc, sent = span.doc, span.sent
        after = [t.lower_ for t in doc[span.end : min(span.end + 3, sent.end)]]
        if after and (after[0] in self.not_claims_after or after[0] in self.absolute_after):
            return False
        if any(word in self.dosage_forms for word in after):
            return False
        if any(t.lower_ in self.advice_words for t in doc[span.end : min(span.end + 5, sent.end)]):
            return False
        # "creams such as 0.05% fluticasone": a strength followed by a substance, not "of ...".
        preceding = doc[max(sent.start, span.start - 4) : span.start]
        names_substance = bool(after) and after[0].isalpha() and after[0] != "of"
        if names_substance and any(t.lower_ in self.dosage_forms for t in preceding):
            return False
        if len(after) >= 2 and after[0] == "or" and after[1] in self.thresholds:
            return False
        number = span[0]
        before = doc[max(sent.start, number.i - 6) : number.i]
        previous = number.nbor(-1).lower_ if number.i > sent.start else ""
        if previous in self.threshold_prepositions and any(
            t.lower_ in self.measurements for t in before
        ):
            return False
        # A product specification: "blocks up to 99% of UVA rays".
        i = number.i - 1
        while i >= sent.start and doc[i].lower_ in self.hedges:
            i -= 1
        return not (i >= sent.start and doc[i].lower_ in self.spec_verbs)

    # -- the check -----------------------------------------------------------------------------
    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = parsed.prose_sentences()
        for n, sentence in enumerate(sentences):
            figure = self._first_statistic(parsed, sentence)
            if figure is None:
                continue
            window = sentences[max(0, n - 1) : n + 2]
            if any(has_evidence(parsed, other, self.sources) for other in window):
                continue
            yield Hit(
                block=sentence.block,
                start=figure.start_char,
                end=figure.end_char,
                values={"figure": figure.text},
            )

    def _first_statistic(self, parsed: ParsedArticle, sentence: Any) -> Any:
        """The sentence's first figure that is a statistic: one finding per claim."""
        span = sentence.span
        found = [
            (start, -end, kind)
            for kind, key in self.claims.items()
            for start, end in parsed.matches_within(sentence, key)
        ]
        # The earliest, longest match is the figure: "30 million Americans", not "million ...".
        for start, negative_end, kind in sorted(found):
            figure = span.doc[start:-negative_end]
            if self._is_statistic(kind, figure):
                return figure
        return None
