"""What every rule runner shares: the hit it returns, the parsed article, the one pattern pass.

A runner is built once per process for a rule (and a configuration); it adds its token patterns to
the shared :class:`PatternHub`, so that one Matcher pass per block serves every rule, and then reads
its own matches back from the :class:`ParsedArticle`.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ..article import Article, Block
from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..config import Settings

Pattern = str | list[dict[str, Any]]
PatternSet = dict[str, list[Pattern]]


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


class PatternHub:
    """Patterns of all active rules, matched in one pass per block, keyed ``owner:label``.

    Patterns follow spaCy's convention: a string is a phrase (matched on lower case, through a
    PhraseMatcher), a list is a token pattern (through a Matcher, validated when added). A pattern
    list that another rule already added is matched once and shared.

    A Matcher costs time on every token of every block it runs on, so token patterns are grouped
    by the words they require (for each token that must be there, the words it may be): a group
    runs only on blocks that contain them all.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._groups: dict[tuple[frozenset[int | str], ...], Any] = {}  # requirements -> Matcher
        self._keys_by_content: dict[str, str] = {}

    def add(self, owner: str, patterns: PatternSet, where: str = "") -> dict[str, str]:
        """Adds each label's patterns; returns label -> key under which matches come back.

        ``where`` names the rule in errors (its pack file and name)."""
        keys = {}
        for label, entries in patterns.items():
            content = json.dumps(entries, sort_keys=True)
            if content in self._keys_by_content:
                keys[label] = self._keys_by_content[content]
                continue
            key = self._keys_by_content[content] = keys[label] = f"{owner}:{label}"
            phrases = [entry for entry in entries if isinstance(entry, str)]
            if phrases:
                self.phrases.add(key, list(self.nlp.tokenizer.pipe(phrases)))
            for entry in entries:
                if not isinstance(entry, str):
                    self._add_tokens(where or f"rule {owner.split('#')[0]}", label, key, entry)
        return keys

    def _add_tokens(self, where: str, label: str, key: str, pattern: list[Any]) -> None:
        from spacy.matcher import Matcher

        # Requirements as string hashes, to test against a block's LOWER array in one go.
        group = tuple(
            frozenset(w if w in (_NUMBER, _URL) else self.nlp.vocab.strings.add(w) for w in words)
            for words in _requirements(pattern)
        )
        if group not in self._groups:
            self._groups[group] = Matcher(self.nlp.vocab, validate=True)
        try:
            self._groups[group].add(key, [pattern])
        except ValueError as error:  # spaCy's MatchPatternError
            lines = str(error).splitlines()
            detail = next((ln.strip("- ") for ln in lines if ln.startswith("- [")), lines[0])
            raise ConfigError(
                f"{where}: field {label}: invalid spaCy token pattern: {detail}"
            ) from None

    def run(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        from spacy.attrs import LIKE_NUM, LIKE_URL, LOWER, SENT_START

        found: dict[str, list[tuple[int, int]]] = {}
        if not len(doc):
            return found
        strings = self.nlp.vocab.strings
        # The block's words (as hashes) and flags, read as one array rather than token by token.
        table = doc.to_array([LOWER, LIKE_NUM, LIKE_URL, SENT_START])
        sentences = [(start, end, _words(table[start:end])) for start, end in _bounds(table[:, 3])]
        block_words = set().union(*(words for _, _, words in sentences))
        for group, matcher in self._groups.items():
            if not all(block_words & required for required in group):
                continue
            # The Matcher walks every token it is given as a Python object, so it is run only
            # on the runs of sentences that hold all the words its patterns require.
            for start, end in _runs(
                (start, end)
                for start, end, words in sentences
                if all(words & required for required in group)
            ):
                for match_id, first, last in matcher(doc[start:end]):
                    found.setdefault(strings[match_id], []).append((start + first, start + last))
        if len(self.phrases):
            for match_id, start, end in self.phrases(doc):
                found.setdefault(strings[match_id], []).append((start, end))
        for spans in found.values():
            spans.sort(key=lambda span: (span[0], -span[1]))
        return found


def _words(table: Any) -> set[int | str]:
    """The LOWER hashes of a stretch of tokens, with #number and #url when one is like them."""
    words: set[int | str] = set(table[:, 0].tolist())
    if table[:, 1].any():
        words.add(_NUMBER)
    if table[:, 2].any():
        words.add(_URL)
    return words


def _bounds(sent_starts: Any) -> list[tuple[int, int]]:
    """Token ranges of the sentences, from the SENT_START column (1 where one begins)."""
    starts = [0, *(i for i in (sent_starts == 1).nonzero()[0].tolist() if i)]
    return list(zip(starts, [*starts[1:], len(sent_starts)], strict=True))


def _runs(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent ranges joined, so that a Matcher is called once per run of sentences."""
    runs: list[tuple[int, int]] = []
    for start, end in ranges:
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


# Stand for any token like a number, or like an address, among a group's required words.
_NUMBER, _URL = "#number", "#url"


def _requirements(pattern: list[Any]) -> tuple[frozenset[str], ...]:
    """For each token a match must contain, the lower-case words (or #number, #url) one of
    which it must be. A block lacking any of them cannot match; empty: any block may."""
    found: set[frozenset[str]] = set()
    for token in pattern:
        if token.get("OP") in ("?", "*", "!") or str(token.get("OP", "")).startswith("{0"):
            continue  # may be absent
        words = _token_words(token)
        if words:
            found.add(words)
    return tuple(sorted(found, key=sorted))


def _token_words(token: dict[str, Any]) -> frozenset[str] | None:
    if token.get("LIKE_NUM") is True:
        return frozenset({_NUMBER})
    if token.get("LIKE_URL") is True:
        return frozenset({_URL})
    for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
        value = token.get(attr)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(str(word).lower() for word in value["IN"])
    return None


class ParsedArticle:
    """An article with one spaCy Doc per block (the tokenizer is fed blocks, never whole files)."""

    def __init__(self, article: Article, docs: list[Doc], hub: PatternHub | None = None) -> None:
        self.article = article
        self.docs = docs
        self._hub = hub
        self._matches: dict[int, dict[str, list[tuple[int, int]]]] = {}
        self._marks: dict[int, tuple[list[int], list[int]]] = {}
        self._sentences: list[Sentence] | None = None
        self._words: dict[int, list[str]] = {}

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        for index, (block, doc) in enumerate(zip(self.article.blocks, self.docs, strict=True)):
            if region is None or block.region == region:
                yield index, block, doc

    def matches(self, block: int, key: str) -> list[tuple[int, int]]:
        """Token ranges of ``block`` matched by the patterns under ``key``, earliest first."""
        if block not in self._matches:
            self._matches[block] = self._hub.run(self.docs[block]) if self._hub else {}
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

    def words(self, sentence: Sentence) -> list[str]:
        """The sentence's words as a reader counts them: "non-small-cell" is one word, not three;
        punctuation and symbols are none. Computed once per sentence, from arrays."""
        key = id(sentence)
        if key not in self._words:
            text = self.article.blocks[sentence.block].text  # the Doc's text, without rebuilding it
            self._words[key] = _reader_words(sentence.span, text)
        return self._words[key]

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


def _reader_words(span: Span, text: str) -> list[str]:
    from spacy.attrs import IDX, IS_ALPHA, LENGTH, LIKE_NUM, SPACY

    doc = span.doc
    first = max(0, span.start - 2)  # the two tokens before may join a hyphenated word
    rows = doc[first : span.end].to_array([IS_ALPHA, LIKE_NUM, SPACY, IDX, LENGTH]).tolist()
    words: list[str] = []
    for at in range(span.start - first, len(rows)):
        alpha, number, _, idx, length = rows[at]
        if not (alpha or number):
            continue
        word = text[idx : idx + length]
        if at >= 2 and words:
            before, hyphen = rows[at - 2], rows[at - 1]
            if not before[2] and not hyphen[2] and text[hyphen[3] : hyphen[3] + hyphen[4]] == "-":
                words[-1] += "-" + word
                continue
        words.append(word)
    return words


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
