"""The article cut into segments of consecutive blocks, each tokenized when the rules reach it:
only one segment's Docs, pattern matches and sentences are alive at a time, so that what a long
file costs is bounded by its size rather than by its count of tokens and blocks (issue 12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .analysis import ParsedArticle
from .nlp import parse_blocks
from .rulepack import MAX_SENTENCE_WINDOW

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .article import Article
    from .patterns import PatternHub

# A segment ends before the block that would take it past either bound (a block longer than the
# bound is a segment of its own). Most articles are one segment; a segment's Docs, matches and
# counts take some 60 times its characters, or a few kB a block for blocks of one word.
SEGMENT_CHARACTERS = 50_000
SEGMENT_BLOCKS = 400


class DocWindow:
    """Block index -> Doc for one segment: its own blocks' Docs, parsed together, and any other
    block's parsed when a rule asks for it (the sentences around the segment, a list's lead-in).
    """

    def __init__(
        self, texts: Sequence[str], first: int, docs: list[Doc], others: dict[int, Doc]
    ) -> None:
        self.texts, self.first, self.docs = texts, first, docs
        self._others = others

    def __getitem__(self, index: int) -> Doc:
        if self.first <= index < self.first + len(self.docs):
            return self.docs[index - self.first]
        if not 0 <= index < len(self.texts):
            raise IndexError(index)
        if index not in self._others:
            self._others[index] = parse_blocks([self.texts[index]])[0]
        return self._others[index]

    def handed_on(self) -> dict[int, Doc]:
        """The Docs the next segment may read without parsing them again: the last blocks
        before its start (the sentences before it) and the blocks after it that a rule has
        read."""
        end = self.first + len(self.docs)
        reach = end - MAX_SENTENCE_WINDOW  # blocks of a sentence or more each: enough
        kept = {i: doc for i, doc in self._others.items() if i >= reach}
        kept.update((i, self[i]) for i in range(max(self.first, reach), end))
        return kept


def segments(
    article: Article, hub: PatternHub, today: dt.date | None = None
) -> Iterator[ParsedArticle]:
    """The article in segments of consecutive blocks, each tokenized when it is reached, ready
    for the rules; one segment (with no blocks) for an empty article. A block is tokenized once
    however many segments read it."""
    texts = [block.text for block in article.blocks]
    shared: dict[object, Any] = {}
    start, ready, derived = 0, {}, None
    while True:
        end = _segment_end(texts, start)
        missing = [i for i in range(start, end) if i not in ready]
        ready.update(zip(missing, parse_blocks([texts[i] for i in missing]), strict=True))
        docs = [ready.pop(i) for i in range(start, end)]
        window = DocWindow(texts, start, docs, ready)
        parsed = ParsedArticle(article, window, hub, today, range(start, end), shared, derived)
        yield parsed
        if end >= len(texts):
            return
        ready = window.handed_on()
        derived = parsed.derived(ready)
        del window, docs, parsed
        start = end


def _segment_end(texts: Sequence[str], start: int) -> int:
    end, size = start, 0
    while end < len(texts) and (
        end == start
        or (end - start < SEGMENT_BLOCKS and size + len(texts[end]) <= SEGMENT_CHARACTERS)
    ):
        size += len(texts[end])
        end += 1
    return end
