"""unsourced-statistic: a statistical claim with no source in its sentence or the adjacent ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from .base import Check, Hit, ParsedArticle, compile_patterns, register
from .numbers import parse_number

Pattern = str | list[dict[str, Any]]

# Words just before a figure that make it a threshold of the measurement named before it.
_THRESHOLD_PREPOSITIONS = frozenset(
    [
        "of",
        "at",
        "below",
        "above",
        "under",
        "over",
        "than",
        "to",
        "is",
        "was",
        "reaches",
        "exceeds",
        "between",
        "<",
        ">",
        "≥",
        "≤",
        "=",
    ]
)


class StatisticData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: dict[str, list[Pattern]]
    sources: dict[str, list[Pattern]]
    concentration_words: list[str]
    dosage_forms: list[str]
    measurement_words: list[str]
    threshold_words: list[str]
    spec_verbs: list[str]
    hedges: list[str]
    absolute_after: list[str]


@register("unsourced_statistic")
class UnsourcedStatistic(Check):
    Data = StatisticData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        from spacy.matcher import Matcher

        data: StatisticData = self.data
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        compile_patterns(self.matcher, {f"claim:{k}": v for k, v in data.claims.items()}, self.nlp)
        compile_patterns(
            self.matcher, {f"source:{k}": v for k, v in data.sources.items()}, self.nlp
        )
        self.concentration = frozenset(data.concentration_words)
        self.dosage_forms = frozenset(data.dosage_forms)
        self.measurements = frozenset(data.measurement_words)
        self.thresholds = frozenset(data.threshold_words)
        self.spec_verbs = frozenset(data.spec_verbs)
        self.hedges = frozenset(data.hedges)
        self.absolute_after = frozenset(data.absolute_after)

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
        if after and (after[0] in self.concentration or after[0] in self.absolute_after):
            return False
        if any(word in self.dosage_forms for word in after):
            return False
        if len(after) >= 2 and after[0] == "or" and after[1] in self.thresholds:
            return False
        number = span[0]
        before = doc[max(sent.start, number.i - 4) : number.i]
        previous = number.nbor(-1).lower_ if number.i > sent.start else ""
        if previous in _THRESHOLD_PREPOSITIONS and any(
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
        sentences = [s for s in parsed.sentences if not parsed.article.blocks[s.block].is_heading]
        claims: dict[int, Any] = {}
        sourced: set[int] = set()
        position = {(s.block, s.span.start): n for n, s in enumerate(sentences)}
        for index, block, doc in parsed.blocks():
            if block.is_heading:
                continue
            for match_id, start, end in self.matcher(doc):
                label = self.nlp.vocab.strings[match_id]
                span = doc[start:end]
                n = position[(index, span.sent.start)]
                if label.startswith("source:"):
                    sourced.add(n)
                elif n not in claims and self._is_statistic(label.split(":", 1)[1], span):
                    claims[n] = span
            for link_start, link_end in (*block.links, *block.citations):
                span = doc.char_span(link_start, link_end, alignment_mode="expand")
                if span is not None:
                    sourced.add(position[(index, span.sent.start)])
        for n, span in sorted(claims.items()):
            if sourced & {n - 1, n, n + 1}:
                continue
            yield Hit(
                block=sentences[n].block,
                start=span.start_char,
                end=span.end_char,
                values={"figure": span.text},
            )
