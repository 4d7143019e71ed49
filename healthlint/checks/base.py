"""What every check shares: the hit it returns, the article as spaCy docs, and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ..article import Article, Block

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..config import Settings
    from ..rulepack import PythonRule


@dataclass(frozen=True)
class Hit:
    """Where a check found a problem, in block-prose offsets; the engine turns it into a Finding.

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


class ParsedArticle:
    """An article with one spaCy Doc per block (the tokenizer is fed blocks, never whole files)."""

    def __init__(self, article: Article, docs: list[Doc]) -> None:
        self.article = article
        self.docs = docs
        self._sentences: list[Sentence] | None = None

    def blocks(self, region: str | None = "body") -> Iterator[tuple[int, Block, Doc]]:
        for index, (block, doc) in enumerate(zip(self.article.blocks, self.docs, strict=True)):
            if region is None or block.region == region:
                yield index, block, doc

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences of the article's body, in order; headings are sentences of their own."""
        if self._sentences is None:
            self._sentences = [
                Sentence(index, sent) for index, _, doc in self.blocks() for sent in doc.sents
            ]
        return self._sentences


class NoData(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Check:
    """A rule's logic. Subclasses compile their matchers once, in ``__init__``."""

    Data: ClassVar[type[BaseModel]] = NoData

    def __init__(self, rule: PythonRule, data: Any, nlp: Language, settings: Settings) -> None:
        self.rule = rule
        self.data = data
        self.nlp = nlp
        self.settings = settings

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        raise NotImplementedError


REGISTRY: dict[str, type[Check]] = {}


def register(name: str) -> Callable[[type[Check]], type[Check]]:
    def add(cls: type[Check]) -> type[Check]:
        REGISTRY[name] = cls
        return cls

    return add


def compile_patterns(matcher: Any, patterns: dict[str, list[Any]], nlp: Language) -> None:
    """Add patterns in spaCy's convention: a string is a phrase, a list is a token pattern.

    Phrases go through the tokenizer and become token patterns on LOWER, so one Matcher holds both.
    """
    for label, entries in patterns.items():
        compiled = []
        for entry in entries:
            if isinstance(entry, str):
                compiled.append([{"LOWER": token.lower_} for token in nlp.make_doc(entry)])
            else:
                compiled.append(entry)
        matcher.add(label, compiled)
