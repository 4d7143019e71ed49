"""Analysis: the article as the rules read it. One spaCy Doc per block, and what is derived from
the Docs once and shared by every rule: sentences, the words' hashes, the matches of the one
pattern pass (patterns.py), link and citation marks, the words and syllables a reader counts, and
whether a sentence has evidence near it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .article import Article, Block
from .metrics import syllable_parts, syllables
from .nlp import parse_blocks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .patterns import PatternHub


@dataclass(frozen=True)
class Sentence:
    block: int  # index into article.blocks
    span: Span


class ParsedArticle:
    """An article with one spaCy Doc per block (the tokenizer is fed blocks, never whole files),
    and what the rules read from it: sentences, word hashes, pattern matches, marks, counts."""

    def __init__(
        self,
        article: Article,
        docs: list[Doc],
        hub: PatternHub | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.article = article
        self.docs = docs
        self.today = today or dt.date.today()  # the day the article is linted on
        self._hub = hub
        self._matches: dict[int, dict[str, list[tuple[int, int]]]] = {}
        self._marks: dict[int, tuple[list[int], list[int]]] = {}
        self._sentences: list[Sentence] | None = None
        self._counts: dict[tuple[int, int], ReaderCounts] = {}
        self._lowers: dict[int, array[int]] = {}

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        for index, (block, doc) in enumerate(zip(self.article.blocks, self.docs, strict=True)):
            if region is None or block.region == region:
                yield index, block, doc

    def lowers(self, block: int) -> Sequence[int]:
        """The LOWER hashes of the block's tokens, read once from an array and shared by the
        rules that compare words without making a Token object for each. Kept as machine words
        (8 bytes a token, where a list of Python ints takes 40: a 5 MB article has a million
        tokens)."""
        if block not in self._lowers:
            from spacy.attrs import LOWER

            doc, words = self.docs[block], array("Q")
            if len(doc):
                words.frombytes(doc.to_array(LOWER).tobytes())
            self._lowers[block] = words
        return self._lowers[block]

    def matches(self, block: int, key: str) -> list[tuple[int, int]]:
        """Token ranges of ``block`` matched by the patterns under ``key``, earliest first."""
        if block not in self._matches:
            hub, doc = self._hub, self.docs[block]
            self._matches[block] = hub.run(doc, self.lowers(block)) if hub else {}
        return self._matches[block].get(key, [])

    def matches_within(self, sentence: Sentence, key: str) -> list[tuple[int, int]]:
        """The matches under ``key`` that start inside ``sentence`` (found by bisection, so a
        block of thousands of sentences costs no more than its matches)."""
        found = self.matches(sentence.block, key)
        span = sentence.span
        first = bisect_left(found, (span.start, -1))
        last = bisect_left(found, (span.end, -1))
        return found[first:last]

    def marked(self, sentence: Sentence) -> bool:
        """Whether a link or a <sup> citation marker overlaps the sentence."""
        if sentence.block not in self._marks:
            block = self.article.blocks[sentence.block]
            ranges = sorted((*block.links, *block.citations))
            furthest, ends = 0, []
            for _, end in ranges:
                furthest = max(furthest, end)
                ends.append(furthest)  # the furthest end among this range and those before it
            self._marks[sentence.block] = ([start for start, _ in ranges], ends)
        starts, ends = self._marks[sentence.block]
        span = sentence.span
        at = bisect_left(starts, span.end_char) - 1  # the last range starting inside or before
        return at >= 0 and ends[at] > span.start_char

    def counts(self, sentence: Sentence) -> ReaderCounts:
        """The sentence's words as a reader counts them ("non-small-cell" is one word, not three;
        punctuation and symbols are none) and their syllables. Counted for a whole block at once,
        from its token array; only the counts are kept, so a huge article costs no word lists."""
        key = (sentence.block, sentence.span.start)
        if key not in self._counts:
            self._count_block(sentence.block)
        return self._counts[key]

    def _count_block(self, block: int) -> None:
        from spacy.attrs import IS_ALPHA, LIKE_NUM, ORTH, SENT_START, SPACY

        doc = self.docs[block]
        if not len(doc):
            return
        # One pass over the block's token array, counting as it goes: no word strings, and each
        # distinct word's syllables looked up once a process (by its hash). A word joined to the
        # one before by a hyphen with no space around it grows that word ("non-small-cell").
        strings, hyphen, parts = doc.vocab.strings, doc.vocab.strings["-"], _SYLLABLE_PARTS
        table = doc.to_array([IS_ALPHA, LIKE_NUM, SPACY, ORTH, SENT_START])
        start = words = total = long_words = 0
        current = -1  # the syllables of the sentence's last word so far; -1: no word yet
        spaced_before = spaced = True  # whether tokens i-2 and i-1 have a space after them
        hyphen_before = False  # whether token i-1 is a hyphen
        for i, (alpha, number, space, orth, begins) in enumerate(table.tolist()):
            if begins == 1 and i:
                self._counts[(block, start)] = _counted(words, total, long_words, current)
                start, words, total, long_words, current = i, 0, 0, 0, -1
            if alpha or number:
                count = parts.get(orth)
                if count is None:
                    count = parts[orth] = syllable_parts(strings[orth])
                if current >= 0 and hyphen_before and not spaced and not spaced_before:
                    current += count
                else:
                    if current >= 0:
                        word = max(1, current)
                        words, total = words + 1, total + word
                        long_words += word >= POLYSYLLABLE
                    current = count
            spaced_before, spaced, hyphen_before = spaced, bool(space), orth == hyphen
        self._counts[(block, start)] = _counted(words, total, long_words, current)

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences of the article's body, in order; headings are sentences of their own."""
        if self._sentences is None:
            self._sentences = [
                Sentence(index, sent) for index, _, doc in self.blocks() for sent in doc.sents
            ]
        return self._sentences

    def prose_sentences(self) -> list[Sentence]:
        """Body sentences outside headings."""
        blocks = self.article.blocks
        return [s for s in self.sentences if not blocks[s.block].is_heading]

    def neighbours(self, sentences: list[Sentence], n: int, before: int, after: int) -> list[int]:
        """Indexes of the sentences around ``sentences[n]`` (itself included) that share its
        section: a heading between two sentences parts them, so a source under the next
        heading does not source a figure above it."""
        blocks = self.article.blocks
        block = sentences[n].block
        return [
            m
            for m in range(max(0, n - before), min(len(sentences), n + after + 1))
            if not any(blocks[b].is_heading for b in range(*sorted((block, sentences[m].block))))
        ]


# Syllables that make a word count as long in the SMOG formula.
POLYSYLLABLE = 3


class ReaderCounts(NamedTuple):
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more


def reader_counts(words: list[str]) -> ReaderCounts:
    counts = [syllables(word) for word in words]
    polysyllables = sum(1 for count in counts if count >= POLYSYLLABLE)
    return ReaderCounts(len(counts), sum(counts), polysyllables)


# Word hash -> syllable_parts of the word, for the life of the process (hashes are the same in
# every vocabulary).
_SYLLABLE_PARTS: dict[int, int] = {}


def _counted(words: int, total: int, long_words: int, last: int) -> ReaderCounts:
    """A sentence's counts, its last word (``last`` syllables; -1: none) included."""
    if last < 0:
        return ReaderCounts(words, total, long_words)
    word = max(1, last)
    return ReaderCounts(words + 1, total + word, long_words + (word >= POLYSYLLABLE))


def analyse(article: Article, hub: PatternHub, today: dt.date | None = None) -> ParsedArticle:
    """The article tokenized block by block, ready for the rules."""
    return ParsedArticle(
        article, parse_blocks([block.text for block in article.blocks]), hub, today
    )


def has_evidence(
    parsed: ParsedArticle, sentence: Sentence, keys: list[str], links_count: bool = True
) -> bool:
    """A link or <sup> marker overlapping the sentence, or a match of one of ``keys`` in it."""
    if links_count and parsed.marked(sentence):
        return True
    end = sentence.span.end
    return any(stop <= end for key in keys for _, stop in parsed.matches_within(sentence, key))
