"""Analysis: the article as the rules read it, a segment of blocks at a time. One spaCy Doc per
block, and what is derived from the Docs once and shared by every rule: sentences, the words'
hashes, the matches of the one pattern pass (patterns.py), link and citation marks, the words and
syllables a reader counts, and whether a sentence has evidence near it.

A long article is read in segments (segments.py): the rules see one segment's blocks at a time.
A rule that looks across the article keeps what it needs in the state the segments share
(``ParsedArticle.state``) and decides in its ``finish``.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from .article import Article, Block
from .metrics import ReaderCounts, sentence_counts
from .nlp import last_sentences
from .rulepack import MAX_SENTENCE_WINDOW

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .patterns import PatternHub
    from .segments import DocWindow

T = TypeVar("T")


@dataclass
class Derived:
    """What is derived from blocks' Docs once and kept by block: pattern matches, link and
    citation marks, reader counts (by block and sentence start), word hashes."""

    matches: dict[int, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    marks: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    counts: dict[tuple[int, int], ReaderCounts] = field(default_factory=dict)
    lowers: dict[int, array[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Sentence:
    block: int  # index into article.blocks
    span: Span


class ParsedArticle:
    """A segment of an article (all of it, unless it is long) with one spaCy Doc per block (the
    tokenizer is fed blocks, never whole files), and what the rules read from it: sentences, word
    hashes, pattern matches, marks, counts. ``blocks()`` and ``sentences`` are the segment's;
    any block of the article can be read by its index."""

    def __init__(
        self,
        article: Article,
        docs: Sequence[Doc] | DocWindow,  # block index -> Doc
        hub: PatternHub | None = None,
        today: dt.date | None = None,
        segment: range | None = None,
        shared: dict[object, Any] | None = None,
        derived: Derived | None = None,
    ) -> None:
        self.article = article
        self.docs = docs
        self.today = today or dt.date.today()  # the day the article is linted on
        self.segment = range(len(article.blocks)) if segment is None else segment
        self._shared = {} if shared is None else shared
        self._hub = hub
        self._sentences: list[Sentence] | None = None
        self._prose: list[Sentence] | None = None
        self._own = range(0)  # the segment's own sentences in _prose
        derived = derived or Derived()
        self._matches = derived.matches
        self._marks = derived.marks
        self._counts = derived.counts
        self._lowers = derived.lowers

    def derived(self, blocks: Container[int]) -> Derived:
        """What was derived from ``blocks``, for the next segment to read without deriving it
        again (the sentences around a segment are read by the segments on both sides)."""
        return Derived(
            {b: found for b, found in self._matches.items() if b in blocks},
            {b: marks for b, marks in self._marks.items() if b in blocks},
            {key: count for key, count in self._counts.items() if key[0] in blocks},
            {b: words for b, words in self._lowers.items() if b in blocks},
        )

    @property
    def last(self) -> bool:
        """Whether this is the article's last segment (and no rule need keep state for more)."""
        return self.segment.stop >= len(self.article.blocks)

    def state(self, owner: object, make: Callable[[], T]) -> T:
        """``owner``'s state for the whole article, shared by its segments: made on first use."""
        if owner not in self._shared:
            self._shared[owner] = make()
        return self._shared[owner]  # type: ignore[no-any-return]

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        """The segment's blocks (of ``region``; None: all), with their Docs."""
        blocks = self.article.blocks
        for index in self.segment:
            block = blocks[index]
            if region is None or block.region == region:
                yield index, block, self.docs[index]

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
        for start, counts in sentence_counts(self.docs[block]):
            self._counts[(block, start)] = counts

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences of the segment's body, in order; headings are sentences of their own."""
        if self._sentences is None:
            self._sentences = [
                Sentence(index, sent) for index, _, doc in self.blocks() for sent in doc.sents
            ]
        return self._sentences

    def prose_sentences(self) -> list[Sentence]:
        """Body sentences outside headings: the segment's, with as many on either side as a
        window of sentences (``neighbours``) can reach from it. A rule reports on those at
        ``own_prose()``; the others are there to be looked at."""
        if self._prose is None:
            blocks = self.article.blocks
            inside = [s for s in self.sentences if not blocks[s.block].is_heading]
            before = self._reach(range(self.segment.start - 1, -1, -1))
            after = self._reach(range(self.segment.stop, len(blocks)))
            self._prose = [*reversed(before), *inside, *after]
            self._own = range(len(before), len(before) + len(inside))
        return self._prose

    def own_prose(self) -> range:
        """The indexes in ``prose_sentences()`` of the segment's own sentences."""
        self.prose_sentences()
        return self._own

    def prose_of(self, block: int) -> list[Sentence]:
        """The prose sentences of any block of the article: none for a heading or chrome."""
        if self.article.blocks[block].is_heading or self.article.blocks[block].region != "body":
            return []
        return [Sentence(block, sent) for sent in self.docs[block].sents]

    def _reach(self, outward: range) -> list[Sentence]:
        """Prose sentences of the blocks in ``outward`` order, nearest first, up to the widest
        window a rule may have; a heading parts sections, so none past one is in reach."""
        found: list[Sentence] = []
        for block in outward:
            wanted = MAX_SENTENCE_WINDOW - len(found)
            if wanted <= 0 or self.article.blocks[block].is_heading:
                break
            if self.article.blocks[block].region != "body":
                continue
            # Only the sentences in reach: a block of a long one-line article has hundreds.
            doc = self.docs[block]
            if outward.step > 0:
                found += [Sentence(block, sent) for sent in islice(doc.sents, wanted)]
            else:
                found += [Sentence(block, sent) for sent in reversed(last_sentences(doc, wanted))]
        return found

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


def has_evidence(
    parsed: ParsedArticle, sentence: Sentence, keys: list[str], links_count: bool = True
) -> bool:
    """A link or <sup> marker overlapping the sentence, or a match of one of ``keys`` in it."""
    if links_count and parsed.marked(sentence):
        return True
    end = sentence.span.end
    return any(stop <= end for key in keys for _, stop in parsed.matches_within(sentence, key))
