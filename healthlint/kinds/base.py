"""What every rule runner shares: the hit it returns, what it is compiled with, its options.

A runner is built once per process for a rule (and a configuration); it adds its token patterns to
the shared PatternHub (patterns.py), so that one pass of the hub per block serves every rule, and
then reads its own matches back from the ParsedArticle (analysis.py), one segment of the article at
a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import ParsedArticle
    from ..patterns import PatternHub, PatternSet


@dataclass(frozen=True)
class Hit:
    """Where a rule found a problem, in block-prose offsets; positions.py makes it a Finding.

    ``block`` is None for a document-level finding.
    """

    block: int | None
    start: int = 0
    end: int = 0
    values: dict[str, str] = field(default_factory=dict)
    suggestion: str | None = None
    fix: str | None = None  # replacement text for the range, if the fixes stage finds it safe


@dataclass(frozen=True)
class Compiler:
    """What a runner needs to compile itself: the pipeline and the shared patterns."""

    nlp: Language
    hub: PatternHub


class NoData(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleOptions(BaseModel):
    """A rule's options, set per rule in the configuration ([tool.healthlint.rules.NAME]), with
    keys in kebab case as everywhere in the configuration. A runner with none takes this."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=lambda name: name.replace("_", "-"),
        populate_by_name=True,
    )


class Runner:
    """A rule's logic. Subclasses compile their patterns once, in ``__init__``.

    ``Data`` validates a ``python`` rule's ``data`` (the pack's part); ``Options`` validates the
    rule's options (the user's part).
    """

    Data: ClassVar[type[BaseModel]] = NoData
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(
        self, rule: Any, compiler: Compiler, options: RuleOptions | None = None, data: Any = None
    ) -> None:
        self.rule = rule
        self.data = data
        self.options = options if options is not None else self.Options()
        self.nlp = compiler.nlp
        self.hub = compiler.hub

    def add_patterns(self, patterns: PatternSet, part: str = "") -> dict[str, str]:
        """Adds this rule's patterns to the shared hub; returns label -> match key."""
        owner = f"{self.rule.name}#{part}" if part else self.rule.name
        return self.hub.add(owner, patterns, self.rule.where)

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        """The hits in one segment of the article (segments.py; most articles are one segment)."""
        raise NotImplementedError

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        """The hits that only the whole article decides, after its last segment (``parsed``):
        from what ``run`` kept in ``parsed.state``."""
        return ()
