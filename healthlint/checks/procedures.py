"""procedure-mismatch: a condition where a procedure belongs, or another procedure after surgery.

The article's main procedure is inferred from its title, headings and mentions; it is the likely
intended word in both cases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, ParsedArticle, Runner, register
from ..lexicons import table


class ProcedureData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    procedures: str
    conditions: str
    broad_regions: list[str]
    procedure_suffixes: list[str]
    determiners: list[str]
    possessives: list[str]
    modifiers: list[str]
    recovery_words: list[str]
    recovery_fillers: list[str]
    recovery_prepositions: list[str]
    undergo_words: list[str]
    scheduled_words: list[str]
    compound_heads: list[str]
    life_stages: list[str]
    comparison_words: list[str]
    reasons: dict[str, str]


@dataclass(frozen=True)
class Condition:
    recoverable: bool
    treated_by: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    block: int
    span: Any  # spacy Span
    term: str
    is_procedure: bool


# The score a procedure needs to count as the article's subject: a title mention, or three mentions.
MAIN_SCORE = 3


@register("procedure_mismatch")
class ProcedureMismatch(Runner):
    Data = ProcedureData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        from spacy.matcher import PhraseMatcher

        data: ProcedureData = self.data
        self.anatomy = {row["term"]: row["anatomy"] for row in table(data.procedures)}
        self.conditions = {
            row["term"]: Condition(
                recoverable=row["recoverable"] == "yes",
                treated_by=tuple(t for t in row["treated_by"].split(";") if t),
            )
            for row in table(data.conditions)
        }
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.phrases.add("procedure", list(self.nlp.tokenizer.pipe(self.anatomy)))
        conditions = [c for c in self.conditions if c not in self.anatomy]
        self.phrases.add("condition", list(self.nlp.tokenizer.pipe(conditions)))
        suffixes = "|".join(sorted(data.procedure_suffixes, key=len, reverse=True))
        self.suffixed = re.compile(f"[a-z]{{3,}}(?:{suffixes})")
        self._is_suffixed: dict[int, bool] = {}  # LOWER hash -> whether a procedure's name
        self.words = {
            name: frozenset(getattr(data, name))
            for name in ProcedureData.model_fields
            if isinstance(getattr(data, name), list)
        }

    # -- finding the terms ---------------------------------------------------------------------
    def _mentions(self, index: int, doc: Any, lowers: list[int]) -> list[Mention]:
        from spacy.util import filter_spans

        labelled = {}
        for match_id, start, end in self.phrases(doc):
            labelled[(start, end)] = self.nlp.vocab.strings[match_id]
        for at in self._suffixed_words(lowers):
            labelled[(at, at + 1)] = "procedure"
        spans = filter_spans([doc[start:end] for start, end in labelled])
        return [
            Mention(index, span, span.text.lower(), labelled[(span.start, span.end)] == "procedure")
            for span in spans
        ]

    def _suffixed_words(self, lowers: list[int]) -> list[int]:
        """Tokens named like a procedure ("-ectomy", "-plasty"...), tested once per distinct word
        rather than by a Matcher regex on every token."""
        known, strings = self._is_suffixed, self.nlp.vocab.strings
        words = set(lowers)
        for word in words.difference(known):
            known[word] = self.suffixed.fullmatch(strings[word]) is not None
        if not any(known[word] for word in words):
            return []
        return [at for at, word in enumerate(lowers) if known[word]]

    def _main_procedure(self, parsed: ParsedArticle, mentions: list[Mention]) -> str | None:
        scores: Counter[str] = Counter()
        blocks = parsed.article.blocks
        for mention in mentions:
            if mention.is_procedure:
                scores[mention.term] += 2 if blocks[mention.block].is_heading else 1
        title = (parsed.article.title or "").lower()
        for term in list(scores):
            if term in title:
                scores[term] += MAIN_SCORE
        if not scores:
            return None
        term, score = scores.most_common(1)[0]
        return term if score >= MAIN_SCORE else None

    # -- the contexts ----------------------------------------------------------------------------
    def _cue(self, span: Any) -> str | None:
        """What the words before the term ask for: 'recovery', 'after-your' / 'after-the',
        'undergo' or None."""
        words, doc, first = self.words, span.doc, span.sent.start
        i = span.start - 1
        while i >= first and doc[i].lower_ in words["modifiers"]:
            i -= 1
        determiner = ""
        if i >= first and doc[i].lower_ in words["determiners"]:
            determiner = doc[i].lower_
            i -= 1
        if i < first:
            return None
        word = doc[i].lower_
        if word in words["recovery_prepositions"]:
            j = i - 1
            while j >= first and j >= i - 3 and doc[j].lower_ in words["recovery_fillers"]:
                j -= 1
            if j >= first and doc[j].lower_ in words["recovery_words"]:
                return "recovery"
            if word != "from" and determiner in words["possessives"]:
                return f"after-{determiner}"
            return None
        if word in words["undergo_words"]:
            return "undergo"
        if word == "for" and i - 1 >= first and doc[i - 1].lower_ in words["scheduled_words"]:
            return "undergo"
        return None

    def _part_of_longer_name(self, span: Any) -> bool:
        """'spinal stenosis surgery', 'cancer therapy': the word after makes it another thing."""
        doc = span.doc
        return span.end < len(doc) and doc[span.end].lower_ in self.words["compound_heads"]

    def _is_comparison(self, span: Any) -> bool:
        before = span.doc[span.sent.start : span.start]
        return any(token.lower_ in self.words["comparison_words"] for token in before)

    # -- the check -------------------------------------------------------------------------------
    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        mentions = [
            mention
            for index, _, doc in parsed.blocks()
            for mention in self._mentions(index, doc, parsed.lowers(index))
        ]
        main = self._main_procedure(parsed, mentions)
        subjects = self._subjects(parsed, mentions)
        reasons = self.data.reasons
        for mention in mentions:
            if parsed.article.blocks[mention.block].is_heading or self._part_of_longer_name(
                mention.span
            ):
                continue
            cue = self._cue(mention.span)
            if cue is None:
                continue
            if not mention.is_procedure:
                condition = self.conditions.get(mention.term, Condition(False, ()))
                # One recovers from tonsillitis, but in a tonsillectomy article "recovery after
                # tonsillitis" is the operation's name gone wrong: the two share their stem.
                if (
                    condition.recoverable
                    and cue != "undergo"
                    and not _same_stem(mention.term, main)
                ):
                    continue
                if mention.term in self.words["life_stages"]:
                    continue
                suggestion = self._suggest(condition, main)
                reason = reasons["condition" if suggestion else "condition_unknown"]
            else:
                # Undergoing a procedure is what procedures are for. "After your LASIK" in a
                # cataract article's own instructions is a slip whatever the body part; in
                # recovery talk or "after the ..." a related procedure on the same part
                # (arthroscopy in a knee-replacement article, a biopsy before a mastectomy) may
                # be meant. One the title or a heading names is a second subject of the article.
                region, main_region = self.anatomy.get(mention.term), self.anatomy.get(main or "")
                if (
                    cue == "undergo"
                    or main is None
                    or mention.term == main
                    or mention.term in subjects
                    or (cue != "after-your" and not self._distinct_regions(region, main_region))
                    or self._is_comparison(mention.span)
                ):
                    continue
                suggestion, reason = main, reasons["procedure"]
            yield Hit(
                block=mention.block,
                start=mention.span.start_char,
                end=mention.span.end_char,
                values={"found": mention.span.text, "reason": reason.format(suggestion=suggestion)},
                suggestion=suggestion,
            )

    @staticmethod
    def _subjects(parsed: ParsedArticle, mentions: list[Mention]) -> set[str]:
        """Procedures the title or a heading names."""
        title = (parsed.article.title or "").lower()
        blocks = parsed.article.blocks
        return {
            m.term
            for m in mentions
            if m.is_procedure and (blocks[m.block].is_heading or m.term in title)
        }

    def _distinct_regions(self, region: str | None, main_region: str | None) -> bool:
        broad = self.words["broad_regions"]
        return (
            bool(region and main_region)
            and region != main_region
            and not (region in broad or main_region in broad)
        )

    def _suggest(self, condition: Condition, main: str | None) -> str | None:
        if main is not None:
            return main
        return condition.treated_by[0] if len(condition.treated_by) == 1 else None


# Letters a condition and a procedure must share at the start to be taken for one another.
STEM = 5


def _same_stem(condition: str, procedure: str | None) -> bool:
    """'tonsillitis' and 'tonsillectomy', 'appendicitis' and 'appendectomy'."""
    return procedure is not None and condition[:STEM] == procedure[:STEM] and " " not in condition
