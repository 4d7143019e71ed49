"""The rules stage: which rules run under a configuration, each compiled once into its runner,
with its severity and its options; and the hits they return for an analysed article."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from .checks import CHECKS
from .config import Settings
from .errors import ConfigError, dotted, first_problem
from .findings import Severity
from .kinds import KINDS
from .kinds.base import Compiler, Hit, RuleOptions, Runner
from .nlp import get_nlp
from .packs import load_rules
from .patterns import PatternHub
from .rulepack import PythonRule, Rule

if TYPE_CHECKING:
    from .analysis import ParsedArticle

# Kinds that no runner implements: a later stage reports their findings (suppressions.py).
STAGE_KINDS = frozenset({"suppressions"})


def _selected(rule: Rule, patterns: tuple[str, ...]) -> bool:
    """Names match whole; codes match whole or by prefix (``HL0`` selects HL001..HL099)."""
    return any(p == rule.name or rule.code.startswith(p.upper()) for p in patterns)


def check_rule_names(option: str, values: Iterable[str], rules: Iterable[Rule]) -> None:
    """Every name, code or code prefix must name a rule; a near miss gets "did you mean"."""
    rules = list(rules)
    known = {key for rule in rules for key in (rule.name, rule.code)}
    for value in values:
        if value not in known and not any(k.startswith(value.upper()) for k in known):
            close = get_close_matches(value, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{option}: unknown rule {value!r}{hint}")


def active_rules(rules: Iterable[Rule], settings: Settings) -> list[Rule]:
    rules = list(rules)
    check_rule_names("select", settings.select, rules)
    check_rule_names("ignore", settings.ignore, rules)
    chosen = [r for r in rules if not settings.select or _selected(r, settings.select)]
    return [r for r in chosen if not _selected(r, settings.ignore)]


def runner_class(rule: Rule) -> type[Runner] | None:
    """The runner a rule's kind (or, for ``python``, its check) names; None for a stage's kind."""
    if rule.kind in STAGE_KINDS:
        return None
    if isinstance(rule, PythonRule):
        check = CHECKS.get(rule.check_name)
        if check is None:
            raise ConfigError(f"rule {rule.name}: field check: no check named {rule.check_name!r}")
        return check
    return KINDS[rule.kind]


def rule_options(rule: Rule, settings: Settings) -> RuleOptions | None:
    """The rule's options from the configuration, validated by its runner's model."""
    runner = runner_class(rule)
    if runner is None:
        return None
    try:
        return runner.Options.model_validate(settings.rules.get(rule.name, {}))
    except ValidationError as error:
        location, message = first_problem(error)
        key = dotted(["rules", rule.name, *location])
        raise ConfigError(f"{settings.source}: key {key}: {message}") from None


def _check_rule_names(catalogue: Iterable[Rule], settings: Settings) -> None:
    names = [rule.name for rule in catalogue]
    for name in settings.rules:
        if name not in names:
            close = get_close_matches(name, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{settings.source}: key rules.{name}: no such rule{hint}")


def _build(rule: Rule, compiler: Compiler, settings: Settings) -> Runner | None:
    runner = runner_class(rule)
    if runner is None:
        return None
    options = rule_options(rule, settings)
    if not isinstance(rule, PythonRule):
        return runner(rule, compiler, options)
    try:
        data = runner.Data.model_validate(rule.data)
    except ValidationError as error:
        location, message = first_problem(error)
        raise ConfigError(
            f"rule {rule.name}: field {dotted(['data', *location])}: {message}"
        ) from None
    return runner(rule, compiler, options, data)


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    runner: Runner | None  # None: a later stage reports its findings
    severity: Severity


class Linter:
    """Rules compiled for one set of settings; reusable across any number of articles."""

    def __init__(self, settings: Settings | None = None, packs: tuple[Path, ...] = ()) -> None:
        self.settings = settings or Settings()
        nlp = get_nlp()
        self.hub = PatternHub(nlp)
        compiler = Compiler(nlp, self.hub)
        self.catalogue = load_rules(packs)
        _check_rule_names(self.catalogue, self.settings)
        self.active: list[ActiveRule] = []
        for rule in active_rules(self.catalogue, self.settings):
            severity = self.settings.severity.get(rule.name) or self.settings.severity.get(
                rule.code, rule.severity
            )
            self.active.append(ActiveRule(rule, _build(rule, compiler, self.settings), severity))
        # Rule name -> its place in the catalogue: the order of findings at one position.
        self.order = {active.rule.name: place for place, active in enumerate(self.active)}

    def hits(self, segments: Iterable[ParsedArticle]) -> Iterator[tuple[ActiveRule, Hit]]:
        """Every active rule's hits in the analysed article: segment by segment, each rule in
        catalogue order reading a segment before the next is made (only one segment's Docs
        live), then what each rule decides on the whole article."""
        runners = [active for active in self.active if active.runner is not None]
        last = None
        for parsed in segments:
            for active in runners:
                for hit in active.runner.run(parsed):  # type: ignore[union-attr]
                    yield active, hit
            if parsed.last:
                last = parsed
            del parsed  # before the next segment is made
        if last is not None:
            for active in runners:
                for hit in active.runner.finish(last):  # type: ignore[union-attr]
                    yield active, hit


_LINTERS: dict[tuple[str, tuple[Path, ...]], Linter] = {}


def linter_for(settings: Settings, packs: tuple[Path, ...] = ()) -> Linter:
    """One compiled Linter per distinct configuration (its packs included), for the life of
    the process."""
    all_packs = packs + tuple(Path(pack) for pack in settings.packs)
    key = (settings.model_dump_json(), all_packs)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(settings, all_packs)
        # What was just built (and imported) lives as long as the process: later collections
        # need not walk it again.
        gc.freeze()
    return _LINTERS[key]
