"""The procedure and condition names of an article, for procedure-mismatch: which are named
where (from the lexicons, and any word with a procedure's suffix), and which procedure is the
article's subject."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..lexicons import table
from ..nlp import term_docs

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import ParsedArticle


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


class Named(Protocol):
    """What the main procedure is worked out from: a mention, or what is kept of one."""

    block: int
    term: str
    is_procedure: bool


# The score a procedure needs to count as the article's subject: a title mention, or three mentions.
MAIN_SCORE = 3


class Terms:
    """The lexicons of procedures (with their body region) and conditions, compiled for one
    pipeline."""

    def __init__(
        self, nlp: Language, procedures: str, conditions: str, suffixes: list[str]
    ) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.anatomy = {row["term"]: row["anatomy"] for row in table(procedures)}
        self.conditions = {
            row["term"]: Condition(
                recoverable=row["recoverable"] == "yes",
                treated_by=tuple(t for t in row["treated_by"].split(";") if t),
            )
            for row in table(conditions)
        }
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        procedures = term_docs(nlp, self.anatomy)
        names = term_docs(nlp, [c for c in self.conditions if c not in self.anatomy])
        self.phrases.add("procedure", procedures)
        self.phrases.add("condition", names)
        # A block holding none of the phrases' first words holds none of the phrases: most
        # blocks, which then cost the matcher nothing.
        self._firsts = frozenset(doc[0].lower for doc in [*procedures, *names] if len(doc))
        endings = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
        self.suffixed = re.compile(f"[a-z]{{3,}}(?:{endings})")
        self._is_suffixed: dict[int, bool] = {}  # LOWER hash -> whether a procedure's name

    def mentions(self, parsed: ParsedArticle) -> list[Mention]:
        return [
            mention
            for index, _, doc in parsed.blocks()
            for mention in self._mentions(index, doc, parsed.lowers(index))
        ]

    def _mentions(self, index: int, doc: Any, lowers: Sequence[int]) -> list[Mention]:
        from spacy.util import filter_spans

        labelled = {}
        words = set(lowers)
        if not self._firsts.isdisjoint(words):
            for match_id, start, end in self.phrases(doc):
                labelled[(start, end)] = self.nlp.vocab.strings[match_id]
        for at in self._suffixed_words(lowers, words):
            labelled[(at, at + 1)] = "procedure"
        spans = filter_spans([doc[start:end] for start, end in labelled])
        return [
            Mention(index, span, span.text.lower(), labelled[(span.start, span.end)] == "procedure")
            for span in spans
        ]

    def _suffixed_words(self, lowers: Sequence[int], words: set[int]) -> list[int]:
        """Tokens named like a procedure ("-ectomy", "-plasty"...), tested once per distinct word
        rather than by a Matcher regex on every token."""
        known, strings = self._is_suffixed, self.nlp.vocab.strings
        for word in words.difference(known):
            known[word] = self.suffixed.fullmatch(strings[word]) is not None
        if not any(known[word] for word in words):
            return []
        return [at for at, word in enumerate(lowers) if known[word]]


def main_procedure(parsed: ParsedArticle, mentions: Sequence[Named]) -> str | None:
    """The procedure the article is about: named in its title, or often enough (headings count
    twice)."""
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


def subjects(parsed: ParsedArticle, mentions: Sequence[Named]) -> set[str]:
    """Procedures the title or a heading names."""
    title = (parsed.article.title or "").lower()
    blocks = parsed.article.blocks
    return {
        m.term
        for m in mentions
        if m.is_procedure and (blocks[m.block].is_heading or m.term in title)
    }
