"""repeated-word: the same word twice in a row ("with with"), except where grammar allows it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class RepeatedWordData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    allowed: list[str]
    phrase_starts: list[str]
    after_clause: list[str]
    clause_openers: list[str]


class RepeatedWord(Runner):
    Data = RepeatedWordData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.allowed = frozenset(word.lower() for word in self.data.allowed)
        self.phrase_starts = frozenset(word.lower() for word in self.data.phrase_starts)
        self.after_clause = frozenset(word.lower() for word in self.data.after_clause)
        self.clause_openers = frozenset(word.lower() for word in self.data.clause_openers)

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        # Blocks are tokenized apart, so a heading and the paragraph after it never pair up.
        for index, _, doc in parsed.blocks():
            # Candidates from the block's LOWER array; Token objects only for equal neighbours.
            lowers = parsed.lowers(index)
            for i in (i for i in range(len(lowers) - 1) if lowers[i] == lowers[i + 1]):
                first, second = doc[i], doc[i + 1]
                third = doc[i + 2] if i + 2 < len(doc) else None
                if (
                    first.is_alpha
                    and first.lower_ == second.lower_
                    and first.whitespace_
                    and first.lower_ not in self.allowed
                    and not second.is_title  # "Stages of Gout Gout can": a title run into text
                    and first.is_upper == second.is_upper  # "children with IS is": an acronym
                    and (third is None or third.lower_ not in self.phrase_starts)
                    and not self._ends_a_clause(doc, i)
                ):
                    yield Hit(
                        index,
                        first.idx,
                        second.idx + len(second.text),
                        values={"match": f"{first.text} {second.text}", "word": first.text},
                        suggestion=first.text,
                        fix=first.text,
                    )

    def _ends_a_clause(self, doc: Any, i: int) -> bool:
        """ "What it is is simple": the first of the pair closes a clause that a wh-word opened
        earlier in the sentence."""
        if doc[i].lower_ not in self.after_clause:
            return False
        before = doc[doc[i].sent.start : i]
        return any(token.lower_ in self.clause_openers for token in before)
