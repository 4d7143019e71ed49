"""placeholder-text: text never meant for readers. Drafting placeholders and notes to the writer
are found by their words; production leftovers by how a block stands: a block of one letter
repeated (an article pack's separator), a bare number as the article's last block (its word
count). A writer's brief of several label lines is reported once, at its first label, and a
stretch of dummy text once, at its start."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner
from ..kinds.match import in_compound, is_whole_block
from ..patterns import PatternSet

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..analysis import ParsedArticle
    from ..article import Article

_YEARS = range(1900, 2100)  # a bare number in this range reads as a year, not a word count
_OPENERS, _CLOSERS = frozenset("[{"), frozenset("]}")
_LABEL_ENDS = frozenset({":", "-", "\u2013", "\u2014"})


class PlaceholderData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    anywhere: PatternSet
    blocks: PatternSet
    labels: PatternSet
    filler: PatternSet
    filler_words: list[str]
    filler_needed: int
    filler_gap: int
    separator_letters: int
    word_count_from: int


class PlaceholderText(Runner):
    Data = PlaceholderData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: PlaceholderData = self.data
        self.anywhere = list(self.add_patterns(data.anywhere, "anywhere").values())
        self.whole = list(self.add_patterns(data.blocks, "block").values())
        self.labels = list(self.add_patterns(data.labels, "label").values())
        self.filler = list(self.add_patterns(data.filler, "filler").values())
        strings = self.nlp.vocab.strings
        self.filler_hashes = frozenset(strings.add(word) for word in data.filler_words)
        self.separator = re.compile(rf"([^\W\d_])\1{{{data.separator_letters - 1},}}")

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        brief = parsed.state(self, _Brief)
        gap = self.data.filler_gap
        last = _last_body_block(parsed.article)
        for index, block, doc in parsed.blocks():
            text = block.text.strip()
            label = self._label(parsed, index, doc)
            if label is not None:
                if not brief.open:
                    yield label
                brief.open = True
                continue
            # A brief goes on through its lists of keywords, which are no sentences.
            brief.open = brief.open and not text.endswith((".", "!", "?"))
            if self.separator.fullmatch(text) or (
                index == last and block.kind == "paragraph" and self._count(text)
            ):
                yield Hit(index, 0, len(block.text), values={"match": text})
                continue
            filler = self._filler(parsed, index, doc)
            if filler is not None:
                if brief.filler is None or index - brief.filler > gap:
                    yield filler
                brief.filler = index
            yield from self._placeholders(parsed, index, doc)

    def _filler(self, parsed: ParsedArticle, index: int, doc: Doc) -> Hit | None:
        """Dummy text in the block: the phrase, or enough different words of the passage, from
        the first to the one that makes enough."""
        for key in self.filler:
            for start, end in parsed.matches(index, key):
                span = doc[start:end]
                return Hit(index, span.start_char, span.end_char, values={"match": span.text})
        lowers, hashes = parsed.lowers(index), self.filler_hashes
        if hashes.isdisjoint(lowers):  # the common case, without a Token object
            return None
        seen: set[int] = set()
        first = -1
        for i, key in enumerate(lowers):
            if key in hashes:
                first = i if first < 0 else first
                seen.add(key)
                if len(seen) == self.data.filler_needed:
                    span = doc[first : i + 1]
                    return Hit(index, span.start_char, span.end_char, values={"match": span.text})
        return None

    def _placeholders(self, parsed: ParsedArticle, index: int, doc: Doc) -> Iterable[Hit]:
        candidates = [m for key in self.anywhere for m in parsed.matches(index, key)]
        candidates += [
            m for key in self.whole for m in parsed.matches(index, key) if is_whole_block(doc, *m)
        ]
        taken: list[tuple[int, int]] = []
        for start, end in sorted(candidates, key=lambda m: (m[0], -m[1])):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue  # one finding for overlapping matches
            if in_compound(doc, start, end) or _initials(doc, start, end):
                continue
            if doc[end - 1].text in _CLOSERS:  # a bracketed note: from its opening bracket
                if not start or doc[start - 1].text not in _OPENERS:
                    continue
                start -= 1
            taken.append((start, end))
            span = doc[start:end]
            yield Hit(index, span.start_char, span.end_char, values={"match": span.text})

    def _label(self, parsed: ParsedArticle, index: int, doc: Doc) -> Hit | None:
        """A brief's label opening the block, with a colon or nothing after it."""
        for key in self.labels:
            for start, end in parsed.matches(index, key):
                opens = all(t.is_punct for t in doc[:start])
                if opens and (end == len(doc) or doc[end].text in _LABEL_ENDS):
                    span = doc[start:end]
                    return Hit(index, span.start_char, span.end_char, values={"match": span.text})
        return None

    def _count(self, text: str) -> bool:
        """A bare number of words: "512", "(1,200)"."""
        digits = text.strip("()[] ").replace(",", "")
        if not digits.isdecimal() or len(digits) > 5:
            return False
        number = int(digits)
        return number >= self.data.word_count_from and number not in _YEARS


@dataclass
class _Brief:
    open: bool = False  # the block before was a label of a writer's brief, or went on with it
    filler: int | None = None  # the last block of dummy text so far


def _last_body_block(article: Article) -> int:
    """The index of the article's last block of body text; -1: none."""
    return next(
        (i for i in range(len(article.blocks) - 1, -1, -1) if article.blocks[i].region == "body"),
        -1,
    )


def _initials(doc: Doc, start: int, end: int) -> bool:
    """A name's initials in a reference list ("Mundorf TK, Reis BL"), not the placeholder TK."""
    return (
        end - start == 1
        and doc[start].is_upper
        and start > 0
        and doc[start - 1].is_title
        and end < len(doc)
        and doc[end].text == ","
    )
