"""procedure-mismatch: a condition where a procedure belongs, or another procedure after surgery.

The article's main procedure is inferred from its title, headings and mentions; it is the likely
intended word in both cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner
from .procedure_terms import Condition, Terms, main_procedure, subjects

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


@dataclass(frozen=True)
class _Noted:
    """A mention as a segment saw it, kept without its Doc until the article is read."""

    block: int
    term: str
    is_procedure: bool
    start: int  # prose range in the block
    end: int
    text: str
    cue: str | None  # what the words before ask for; None: no cue, or no mention to judge
    comparison: bool  # a procedure in a sentence that compares it with another


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


class ProcedureMismatch(Runner):
    Data = ProcedureData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: ProcedureData = self.data
        self.terms = Terms(self.nlp, data.procedures, data.conditions, data.procedure_suffixes)
        self.anatomy, self.conditions = self.terms.anatomy, self.terms.conditions
        self.words = {
            name: frozenset(getattr(data, name))
            for name in ProcedureData.model_fields
            if isinstance(getattr(data, name), list)
        }

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
            return self._recovery_cue(doc, i, first, determiner)
        scheduled = (
            word == "for" and i - 1 >= first and doc[i - 1].lower_ in words["scheduled_words"]
        )
        return "undergo" if word in words["undergo_words"] or scheduled else None

    def _recovery_cue(self, doc: Any, i: int, first: int, determiner: str) -> str | None:
        """After "after", "from" or "following" at ``i``: recovery talk before it ("recovery
        time after"), or the article's own instructions ("after your")."""
        words = self.words
        j = i - 1
        while j >= first and j >= i - 3 and doc[j].lower_ in words["recovery_fillers"]:
            j -= 1
        if j >= first and doc[j].lower_ in words["recovery_words"]:
            return "recovery"
        if doc[i].lower_ != "from" and determiner in words["possessives"]:
            return f"after-{determiner}"
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
        """Notes the segment's mentions and their contexts: which procedure is the article's
        main one is known only once every segment is read (``finish``)."""
        noted = parsed.state(self, list)
        blocks = parsed.article.blocks
        for mention in self.terms.mentions(parsed):
            span, cue = mention.span, None
            if not (blocks[mention.block].is_heading or self._part_of_longer_name(span)):
                cue = self._cue(span)
            comparison = cue is not None and mention.is_procedure and self._is_comparison(span)
            noted.append(
                _Noted(
                    mention.block,
                    mention.term,
                    mention.is_procedure,
                    span.start_char,
                    span.end_char,
                    span.text,
                    cue,
                    comparison,
                )
            )
        return ()

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        mentions: list[_Noted] = parsed.state(self, list)
        main = main_procedure(parsed, mentions)
        named = subjects(parsed, mentions)
        for mention in mentions:
            if mention.cue is None:
                continue
            if mention.is_procedure:
                verdict = self._wrong_procedure(mention, mention.cue, main, named)
            else:
                verdict = self._condition_for_procedure(mention, mention.cue, main)
            if verdict is not None:
                suggestion, reason = verdict
                yield Hit(
                    block=mention.block,
                    start=mention.start,
                    end=mention.end,
                    values={"found": mention.text, "reason": reason},
                    suggestion=suggestion,
                )

    def _condition_for_procedure(
        self, mention: _Noted, cue: str, main: str | None
    ) -> tuple[str | None, str] | None:
        """A condition where the cue asks for a procedure: its likely procedure and the reason."""
        condition = self.conditions.get(mention.term, Condition(False, ()))
        # One recovers from tonsillitis, but in a tonsillectomy article "recovery after
        # tonsillitis" is the operation's name gone wrong: the two share their stem.
        if condition.recoverable and cue != "undergo" and not _same_stem(mention.term, main):
            return None
        if mention.term in self.words["life_stages"]:
            return None
        suggestion = self._suggest(condition, main)
        reason = self.data.reasons["condition" if suggestion else "condition_unknown"]
        return suggestion, reason.format(suggestion=suggestion)

    def _wrong_procedure(
        self, mention: _Noted, cue: str, main: str | None, subjects: set[str]
    ) -> tuple[str | None, str] | None:
        """Another procedure than the article's in its own post-operative context.

        Undergoing a procedure is what procedures are for. "After your LASIK" in a cataract
        article's own instructions is a slip whatever the body part; in recovery talk or "after
        the ..." a related procedure on the same part (arthroscopy in a knee-replacement
        article, a biopsy before a mastectomy) may be meant. One the title or a heading names
        is a second subject of the article.
        """
        if cue == "undergo" or main is None or mention.term == main or mention.term in subjects:
            return None
        region, main_region = self.anatomy.get(mention.term), self.anatomy.get(main)
        if cue != "after-your" and not self._distinct_regions(region, main_region):
            return None
        if mention.comparison:
            return None
        return main, self.data.reasons["procedure"].format(suggestion=main)

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
