"""unsourced-statistic: a statistical claim with no source in its sentence or the adjacent ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from .base import Check, Hit, ParsedArticle, compile_patterns, register
from .numbers import NUMBER_WORDS, parse_number

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
        # Claims and sources in two matchers: sources are only looked for around a claim, and a
        # block is only searched for claims when it has a word that can start one.
        self.claims = Matcher(self.nlp.vocab, validate=True)
        compile_patterns(self.claims, data.claims, self.nlp)
        self.sources = Matcher(self.nlp.vocab, validate=True)
        compile_patterns(self.sources, data.sources, self.nlp)
        # A number (digits or a number word) or a word that opens a claim pattern.
        words = sorted(_first_words(data.claims.values()) | NUMBER_WORDS, key=len, reverse=True)
        self.claim_start = re.compile(
            r"\d|\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE
        )
        self.concentration = frozenset(data.concentration_words)
        self.dosage_forms = frozenset(data.dosage_forms)
        self.measurements = frozenset(data.measurement_words)
        self.thresholds = frozenset(data.threshold_words)
        self.spec_verbs = frozenset(data.spec_verbs)
        self.hedges = frozenset(data.hedges)
        self.absolute_after = frozenset(data.absolute_after)

    # -- what is not a statistic ---------------------------------------------------------------
    def _is_statistic(self, label: str, span: Any) -> bool:
        kind = label
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
        article = parsed.article
        sentences = [s for s in parsed.sentences if not article.blocks[s.block].is_heading]
        position = {(s.block, s.span.start): n for n, s in enumerate(sentences)}
        claims: dict[int, Any] = {}
        for index, block, doc in parsed.blocks():
            if block.is_heading or not self._may_claim(block.text):
                continue
            # The earliest, longest match is the figure: "30 million Americans", not "million ...".
            for match_id, start, end in sorted(self.claims(doc), key=lambda m: (m[1], -m[2])):
                span = doc[start:end]
                n = position[(index, span.sent.start)]
                if n not in claims and self._is_statistic(self.nlp.vocab.strings[match_id], span):
                    claims[n] = span
        for n, span in sorted(claims.items()):
            if not any(self._has_source(parsed, sentences, m) for m in (n, n - 1, n + 1)):
                yield Hit(
                    block=sentences[n].block,
                    start=span.start_char,
                    end=span.end_char,
                    values={"figure": span.text},
                )

    def _may_claim(self, text: str) -> bool:
        return self.claim_start.search(text) is not None

    def _has_source(self, parsed: ParsedArticle, sentences: list[Any], n: int) -> bool:
        if not 0 <= n < len(sentences):
            return False
        sentence = sentences[n]
        block = parsed.article.blocks[sentence.block]
        span = sentence.span
        for start, end in (*block.links, *block.citations):
            if start < span.end_char and end > span.start_char:
                return True
        return bool(self.sources(span))


def _first_words(pattern_lists: Iterable[list[Pattern]]) -> frozenset[str]:
    """Words that can open a claim pattern (besides numbers, which are checked by LIKE_NUM)."""
    words: set[str] = set()
    for patterns in pattern_lists:
        for pattern in patterns:
            first = pattern.split()[0] if isinstance(pattern, str) else pattern[0].get("LOWER")
            if isinstance(first, str):
                words.add(first.lower())
            elif isinstance(first, dict):
                words.update(word.lower() for word in first.get("IN", ()))
    return frozenset(words)
