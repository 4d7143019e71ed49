"""What every rule runner shares: the hit it returns, the parsed article, the one pattern pass.

A runner is built once per process for a rule (and a configuration); it adds its token patterns to
the shared :class:`PatternHub`, so that one Matcher pass per block serves every rule, and then reads
its own matches back from the :class:`ParsedArticle`.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Sentence:
    block: int  # index into article.blocks
    span: Span


class PatternHub:
    """Token patterns of all active rules in one Matcher, keyed ``owner:label``.

    Patterns follow spaCy's convention: a string is a phrase (matched on lower case), a list is a
    token pattern. They are validated when added.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp
        self.matcher = Matcher(nlp.vocab, validate=True)

    def add(self, owner: str, patterns: PatternSet) -> dict[str, str]:
        """Adds each label's patterns; returns label -> key under which matches come back."""
        keys = {}
        for label, entries in patterns.items():
            key = f"{owner}:{label}"
            compiled = [
                [{"LOWER": t.lower_} for t in self.nlp.make_doc(e)] if isinstance(e, str) else e
                for e in entries
            ]
            if compiled:
                try:
                    self.matcher.add(key, compiled)
                except ValueError as error:  # spaCy's MatchPatternError
                    detail = next(
                        (ln.strip("- ") for ln in str(error).splitlines() if ln.startswith("- [")),
                        str(error).splitlines()[0],
                    )
                    rule = owner.split("#")[0]
                    raise ConfigError(
                        f"rule {rule}: field {label}: invalid spaCy token pattern: {detail}"
                    ) from None
            keys[label] = key
        return keys

    def run(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        if not len(self.matcher):
            return {}
        found: dict[str, list[tuple[int, int]]] = {}
        strings = self.nlp.vocab.strings
        for match_id, start, end in self.matcher(doc):
            found.setdefault(strings[match_id], []).append((start, end))
        for spans in found.values():
            spans.sort(key=lambda span: (span[0], -span[1]))
        return found


class ParsedArticle:
    """An article with one spaCy Doc per block (the tokenizer is fed blocks, never whole files)."""

    def __init__(self, article: Article, docs: list[Doc], hub: PatternHub | None = None) -> None:
        self.article = article
        self.docs = docs
        self._hub = hub
        self._matches: dict[int, dict[str, list[tuple[int, int]]]] = {}
        self._sentences: list[Sentence] | None = None

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        for index, (block, doc) in enumerate(zip(self.article.blocks, self.docs, strict=True)):
            if region is None or block.region == region:
                yield index, block, doc

    def matches(self, block: int, key: str) -> list[tuple[int, int]]:
        """Token ranges of ``block`` matched by the patterns under ``key``, earliest first."""
        if block not in self._matches:
            self._matches[block] = self._hub.run(self.docs[block]) if self._hub else {}
        return self._matches[block].get(key, [])

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

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        raise NotImplementedError


# Python checks, by the name a rule of kind "python" gives in ``check``.
REGISTRY: dict[str, type[Runner]] = {}


def register(name: str) -> Callable[[type[Runner]], type[Runner]]:
    def add(cls: type[Runner]) -> type[Runner]:
        REGISTRY[name] = cls
        return cls

    return add


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
