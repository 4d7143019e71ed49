"""unsourced-statistic: a statistical claim with no source in its sentence or the adjacent ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner
from ..patterns import PatternSet
from .numbers import parse_number
from .statistic_sources import SourceFinder

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class StatisticData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: PatternSet
    sources: PatternSet
    back_references: PatternSet
    concentration_words: list[str]
    notation_words: list[str]
    dosage_forms: list[str]
    measurement_words: list[str]
    threshold_words: list[str]
    threshold_prepositions: list[str]
    quantity_words: list[str]
    quantity_determiners: list[str]
    spec_verbs: list[str]
    hedges: list[str]
    absolute_after: list[str]
    advice_words: list[str]


class UnsourcedStatistic(Runner):
    Data = StatisticData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: StatisticData = self.data
        self.claims = self.add_patterns(data.claims, "claim")  # label -> key
        self.sources = list(self.add_patterns(data.sources, "source").values())
        self.back_references = self.add_patterns(data.back_references, "back")
        self.concentration = frozenset(data.concentration_words)
        self.dosage_forms = frozenset(data.dosage_forms)
        self.not_claims_after = self.concentration | frozenset(data.notation_words)
        self.measurements = frozenset(data.measurement_words)
        self.thresholds = frozenset(data.threshold_words)
        self.threshold_prepositions = frozenset(data.threshold_prepositions)
        self.quantities = frozenset(data.quantity_words)
        self.quantity_determiners = frozenset(data.quantity_determiners)
        self.spec_verbs = frozenset(data.spec_verbs)
        self.hedges = frozenset(data.hedges)
        self.absolute_after = frozenset(data.absolute_after)
        self.advice_words = frozenset(data.advice_words)

    # -- what is not a statistic ---------------------------------------------------------------
    def _is_statistic(self, kind: str, span: Any) -> bool:
        if kind == "percent":
            return not (
                self._is_strength(span)
                or self._is_threshold(span)
                or self._is_advice(span)
                or self._is_specification(span)
                or self._is_share_of_quantity(span)
            )
        if kind == "ratio":
            return _is_ratio_of_people(span)
        if kind == "slash":
            return _is_slash_fraction(span)
        if kind == "count":
            return _is_large_count(span)
        if kind == "share":
            return not self._is_advice(span)
        if kind == "tally":
            return _is_whole_value(span)
        return True

    @staticmethod
    def _after(span: Any, count: int) -> list[str]:
        """The lower-case words of up to ``count`` tokens after the figure, in its sentence."""
        return [t.lower_ for t in span.doc[span.end : min(span.end + count, span.sent.end)]]

    def _is_strength(self, span: Any) -> bool:
        """A concentration, a notation or a dose: "1% cream", "100% cotton", "0.05% fluticasone"."""
        after = self._after(span, 3)
        if after and (after[0] in self.not_claims_after or after[0] in self.absolute_after):
            return True
        if any(word in self.dosage_forms for word in after):
            return True
        # "creams such as 0.05% fluticasone": a strength followed by a substance, not "of ...".
        preceding = span.doc[max(span.sent.start, span.start - 4) : span.start]
        names_substance = bool(after) and after[0].isalpha() and after[0] != "of"
        return names_substance and any(t.lower_ in self.dosage_forms for t in preceding)

    def _is_threshold(self, span: Any) -> bool:
        """A clinical cut-off: "6.5% or higher", "an HbA1c above 6.5%"."""
        after = self._after(span, 3)
        if len(after) >= 2 and after[0] == "or" and after[1] in self.thresholds:
            return True
        doc, number, first = span.doc, span[0], span.sent.start
        before = doc[max(first, number.i - 6) : number.i]
        previous = number.nbor(-1).lower_ if number.i > first else ""
        return previous in self.threshold_prepositions and any(
            t.lower_ in self.measurements for t in before
        )

    def _is_advice(self, span: Any) -> bool:
        """Advice addressed to the reader: "get 20% of your calories from protein"."""
        return any(word in self.advice_words for word in self._after(span, 5))

    def _is_share_of_quantity(self, span: Any) -> bool:
        """A share of a quantity or of the body, not of people: "60% of the body weight", "40
        percent of this value" ("40% of the number of patients" is a share of people)."""
        after = self._after(span, 5)
        if after[:1] != ["of"]:
            return False
        words = after[2:] if after[1:2] and after[1] in self.quantity_determiners else after[1:]
        for k, word in enumerate(words[:2]):
            if word in self.quantities:
                return words[k + 1 : k + 2] != ["of"]
        return False

    def _is_specification(self, span: Any) -> bool:
        """A product specification: "blocks up to 99% of UVA rays"."""
        doc, first = span.doc, span.sent.start
        i = span[0].i - 1
        while i >= first and doc[i].lower_ in self.hedges:
            i -= 1
        return i >= first and doc[i].lower_ in self.spec_verbs

    # -- the check -----------------------------------------------------------------------------
    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = parsed.prose_sentences()
        finder = SourceFinder(parsed, sentences, self.sources, self.back_references, self)
        for n in finder.own:
            sentence = sentences[n]
            figure = self._first_statistic(parsed, sentence)
            if figure is None or finder.sourced(n):
                continue
            yield Hit(
                block=sentence.block,
                start=figure.start_char,
                end=figure.end_char,
                values={"figure": figure.text},
            )
        finder.finish()

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
                # A field's count is the value, not the colon before it.
                return figure[1:] if kind == "tally" else figure
        return None


def _is_ratio_of_people(span: Any) -> bool:
    """ "1 in 5", "3 out of 10": two numbers, the first the smaller, the second not a year."""
    numbers = [parse_number(t.text) for t in span if t.like_num]
    if len(numbers) != 2 or None in numbers:
        return False
    first, second = numbers
    year_like = span[-1].text.isdecimal() and len(span[-1].text) == 4
    return 0 < first < second and not year_like  # type: ignore[operator]


# Below this a count of people reads as a small group rather than a statistic.
LARGE_COUNT = 1000


def _is_large_count(span: Any) -> bool:
    """ "30 million Americans", "12,000 deaths": a scale word, or a number of at least a
    thousand that is not a year."""
    has_scale = any(t.lower_ in ("thousand", "million", "billion") for t in span)
    value = parse_number(span[0].text)
    year_like = span[0].text.isdecimal() and len(span[0].text) == 4
    return has_scale or (value is not None and value >= LARGE_COUNT and not year_like)


def _is_slash_fraction(span: Any) -> bool:
    """ "7/10 adults": a part of a whole, not a date ("3/4/2020"), a pressure ("120/80") or a
    schedule ("24/7")."""
    top, _, bottom = span[0].text.partition("/")
    return 0 < int(top) < int(bottom) <= 1000


def _is_whole_value(span: Any) -> bool:
    """The count is all the field holds: nothing but punctuation follows it in its sentence."""
    return all(token.is_punct for token in span.doc[span.end : span.sent.end])
