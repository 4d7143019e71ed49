"""medical-misspelling: a known misspelling of a medical word, with its correction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..lexicons import corrections
from .base import Check, Hit, ParsedArticle, register


class SpellingData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lexicon: str


def match_case(word: str, correction: str) -> str:
    if word.isupper() and len(word) > 1:
        return correction.upper()
    if word[:1].isupper():
        return correction[:1].upper() + correction[1:]
    return correction


@register("medical_misspelling")
class MedicalMisspelling(Check):
    Data = SpellingData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        accepted = {term.lower() for term in self.settings.accepted_terms}
        self.corrections = {
            wrong: right
            for wrong, right in corrections(self.data.lexicon).items()
            if wrong not in accepted
        }

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        for index, _, doc in parsed.blocks():
            for token in doc:
                right = self.corrections.get(token.lower_)
                if right is None or token.like_url or token.like_email:
                    continue
                suggestion = match_case(token.text, right)
                yield Hit(
                    block=index,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    values={"word": token.text, "suggestion": suggestion},
                    suggestion=suggestion,
                )
