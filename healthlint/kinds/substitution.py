"""Kind ``substitution``: a listed wrong word, with the right one as suggestion (a safe fix)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ..lexicons import corrections
from .base import Hit, RuleOptions, Runner

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..analysis import ParsedArticle


class SubstitutionOptions(RuleOptions):
    accepted: tuple[str, ...] = Field(
        default=(), description="Words never to flag (a house vocabulary), any case."
    )


def match_case(word: str, correction: str) -> str:
    if word.isupper() and len(word) > 1:
        return correction.upper()
    if word[:1].isupper():
        return correction[:1].upper() + correction[1:]
    return correction


def correction(block: int, token: Token, right: str, sure: bool) -> Hit:
    """A hit on one word with its correction in the word's case; a fix only if it is ``sure``."""
    return word_correction(block, token.idx, token.text, right, sure)


def word_correction(block: int, start: int, word: str, right: str, sure: bool) -> Hit:
    """The same for ``word`` at ``start`` in the block's prose."""
    suggestion = match_case(word, right)
    return Hit(
        block=block,
        start=start,
        end=start + len(word),
        values={"match": word, "suggestion": suggestion},
        suggestion=suggestion,
        fix=suggestion if sure else None,
    )


class SubstitutionRunner(Runner):
    Options = SubstitutionOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        table = self.pairs()
        accepted = {term.lower() for term in self.options.accepted}
        self.table = {wrong: right for wrong, right in table.items() if wrong not in accepted}
        strings = self.nlp.vocab.strings
        self.wrong = {strings.add(word) for word in self.table}

    def pairs(self) -> dict[str, str]:
        """wrong -> right: the rule's lexicon and its inline pairs."""
        table = dict(corrections(self.rule.lexicon)) if self.rule.lexicon else {}
        table.update({wrong.lower(): right for wrong, right in self.rule.pairs.items()})
        return table

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        wrong = self.wrong
        for index, _, doc in parsed.blocks():
            # Compare hashes of the whole block at once; make Token objects only for hits.
            lowers = parsed.lowers(index)
            if wrong.isdisjoint(lowers):
                continue
            for i in (i for i, h in enumerate(lowers) if h in wrong):
                token = doc[i]
                if not (token.like_url or token.like_email):
                    yield correction(index, token, self.table[token.lower_], sure=True)
