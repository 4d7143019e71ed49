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


class RepeatedWord(Runner):
    Data = RepeatedWordData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.allowed = frozenset(word.lower() for word in self.data.allowed)
        self.phrase_starts = frozenset(word.lower() for word in self.data.phrase_starts)

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
                    and (third is None or third.lower_ not in self.phrase_starts)
                ):
                    yield Hit(
                        index,
                        first.idx,
                        second.idx + len(second.text),
                        values={"match": f"{first.text} {second.text}", "word": first.text},
                        suggestion=first.text,
                        fix=first.text,
                    )
