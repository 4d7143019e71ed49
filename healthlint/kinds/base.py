"""What every rule runner shares: the hit it returns, the parsed article, the one pattern pass.

A runner is built once per process for a rule (and a configuration); it adds its token patterns to
the shared :class:`PatternHub` (kinds/patterns.py), so that one pass of the hub per block serves
every rule, and then reads its own matches back from the :class:`ParsedArticle`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from pydantic import BaseModel, ConfigDict

from ..article import Article, Block
from ..metrics import syllables
from .patterns import PatternHub, PatternSet

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..config import Settings


@dataclass(frozen=True)
class Hit:
    """Where a rule found a problem, in block-prose offsets; the engine turns it into a Finding.

    ``block`` is None for a document-level finding.
    """

    block: int | None
    start: int = 0
    end: int = 0
    values: dict[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    source: tuple[int, int] | None = None  # a range of the source itself, not of a block
    fix: str | None = None  # safe replacement text for the range


@dataclass(frozen=True)
class Sentence:
    block: int  # index into article.blocks
    span: Span


class ParsedArticle:
    """An article with one spaCy Doc per block (the tokenizer is fed blocks, never whole files)."""

    def __init__(self, article: Article, docs: list[Doc], hub: PatternHub | None = None) -> None:
        self.article = article
        self.docs = docs
        self._hub = hub
        self._matches: dict[int, dict[str, list[tuple[int, int]]]] = {}
        self._marks: dict[int, tuple[list[int], list[int]]] = {}
        self._sentences: list[Sentence] | None = None
        self._counts: dict[tuple[int, int], ReaderCounts] = {}
        self._lowers: dict[int, list[int]] = {}

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        for index, (block, doc) in enumerate(zip(self.article.blocks, self.docs, strict=True)):
            if region is None or block.region == region:
                yield index, block, doc

    def lowers(self, block: int) -> list[int]:
        """The LOWER hashes of the block's tokens, read once from an array and shared by the
        rules that compare words without making a Token object for each."""
        if block not in self._lowers:
            from spacy.attrs import LOWER

            doc = self.docs[block]
            self._lowers[block] = doc.to_array(LOWER).tolist() if len(doc) else []
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
        from spacy.attrs import IDX, IS_ALPHA, LENGTH, LIKE_NUM, ORTH, SENT_START, SPACY

        doc = self.docs[block]
        if not len(doc):
            return
        # The block's text is the Doc's text, without the Doc rebuilding it. Plain lists, not
        # numpy: blocks are short, and numpy's cost per call would outweigh its speed.
        text, hyphen = self.article.blocks[block].text, doc.vocab.strings["-"]
        table = doc.to_array([IS_ALPHA, LIKE_NUM, SPACY, IDX, LENGTH, ORTH, SENT_START])
        start, words = 0, []
        spaced_before = spaced = True  # whether tokens i-2 and i-1 have a space after them
        hyphen_before = False  # whether token i-1 is a hyphen
        for i, (alpha, number, space, idx, length, orth, begins) in enumerate(table.tolist()):
            if begins == 1 and i:
                self._counts[(block, start)] = _reader_counts(words)
                start, words = i, []
            if alpha or number:
                word = text[idx : idx + length]
                if words and hyphen_before and not spaced and not spaced_before:
                    words[-1] += "-" + word  # "non-small-cell" is one word
                else:
                    words.append(word)
            spaced_before, spaced, hyphen_before = spaced, bool(space), orth == hyphen
        self._counts[(block, start)] = _reader_counts(words)

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


# Syllables that make a word count as long in the SMOG formula.
POLYSYLLABLE = 3


class ReaderCounts(NamedTuple):
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more


def _reader_counts(words: list[str]) -> ReaderCounts:
    counts = [syllables(word) for word in words]
    polysyllables = sum(1 for count in counts if count >= POLYSYLLABLE)
    return ReaderCounts(len(counts), sum(counts), polysyllables)


@dataclass(frozen=True)
class Compiler:
    """What a runner needs to compile itself: the pipeline, the shared patterns, the settings."""

    nlp: Language
    hub: PatternHub
    settings: Settings


class NoData(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Runner:
    """A rule's logic. Subclasses compile their patterns once, in ``__init__``."""

    Data: ClassVar[type[BaseModel]] = NoData

    def __init__(self, rule: Any, data: Any, compiler: Compiler) -> None:
        self.rule = rule
        self.data = data
        self.nlp = compiler.nlp
        self.hub = compiler.hub
        self.settings = compiler.settings

    def add_patterns(self, patterns: PatternSet, part: str = "") -> dict[str, str]:
        """Adds this rule's patterns to the shared hub; returns label -> match key."""
        owner = f"{self.rule.name}#{part}" if part else self.rule.name
        return self.hub.add(owner, patterns, self.rule.where)

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        raise NotImplementedError


# Python checks, by the name a rule of kind "python" gives in ``check``.
REGISTRY: dict[str, type[Runner]] = {}


def register(name: str) -> Callable[[type[Runner]], type[Runner]]:
    def add(cls: type[Runner]) -> type[Runner]:
        REGISTRY[name] = cls
        return cls

    return add


_SENTENCE_OPENERS = frozenset(
    "many most some several these those the other others recent previous new leading top all "
    "few numerous various independent early earlier more further other current".split()
)


def cancelled(rule: Any, doc: Doc, start: int, end: int | None = None) -> bool:
    """Whether the context of the match ``doc[start:end]`` cancels it (TriggerFilters)."""
    sent = doc[start].sent
    if rule.unless_followed_by:
        after = doc[end or start + 1 : min(sent.end, (end or start + 1) + rule.followed_window)]
        if any(token.lower_ in rule.unless_followed_by for token in after):
            return True
    if rule.unless_preceded_by:
        first = max(sent.start, start - rule.unless_window)
        if any(token.lower_ in rule.unless_preceded_by for token in doc[first:start]):
            return True
    if start > sent.start:
        before = doc[start - 1]
        if before.lower_ in rule.not_after:
            return True
        # Every sentence starts with a capital, so there only a word that is not an everyday
        # opener ("Many", "Recent") counts as a name.
        is_name = (before.is_title or before.is_upper) and (
            start - 1 > sent.start or before.lower_ not in _SENTENCE_OPENERS
        )
        if rule.not_after_name and is_name:
            return True
    return rule.not_in_questions and sent.text.rstrip().endswith("?")
