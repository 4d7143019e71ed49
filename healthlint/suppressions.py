"""The suppressions stage: the article's inline directives (directives.py) take away the findings
they name, and those that took away nothing become unused-suppression findings.

A ``disable`` runs until the next ``enable`` that names none, or one of its rules;
``disable-next-line`` covers the line after the comment; ``disable-file`` the whole file. Plain-text
articles have no comments: they use the configuration's ignores and the baseline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .directives import Directive
from .findings import Finding, Severity
from .positions import Locator

if TYPE_CHECKING:
    from .rulepack import Rule

# The rule kind whose findings this stage reports.
KIND = "suppressions"


@dataclass
class Suppressor:
    """Decides, finding by finding, whether a directive suppresses it; ``lines`` gives each
    directive's first and last source line."""

    directives: list[Directive]
    lines: list[tuple[int, int]]
    used: list[set[str]] = field(init=False)  # per directive: rules it suppressed a finding of

    def __post_init__(self) -> None:
        self.used = [set() for _ in self.directives]
        self._ranges: list[tuple[int, int, float]] = []  # directive index, first, last line
        for index, (directive, (first, last)) in enumerate(
            zip(self.directives, self.lines, strict=True)
        ):
            if directive.kind == "disable-file":
                self._ranges.append((index, 1, float("inf")))
            elif directive.kind == "disable-next-line":
                self._ranges.append((index, last + 1, last + 1))
            elif directive.kind == "disable":
                self._ranges.append((index, first, self._enabled_again(index)))

    def _enabled_again(self, index: int) -> float:
        disable = self.directives[index]
        after = zip(self.directives[index + 1 :], self.lines[index + 1 :], strict=True)
        for later, (first, _) in after:
            shared = set(later.rules) & set(disable.rules)
            closes = not later.rules or not disable.rules or shared
            if later.kind == "enable" and closes:
                return first - 1
        return float("inf")

    def suppresses(self, rule: str, code: str, line: int) -> bool:
        hit = False
        for index, first, last in self._ranges:
            if first <= line <= last and self.directives[index].names(rule, code):
                self.used[index].add(rule)
                hit = True
        return hit

    def unused(self, catalogue: set[str], active: set[str]) -> list[tuple[Directive, str]]:
        """Directives that suppressed nothing, with the reason.

        ``catalogue`` holds every rule name and code, ``active`` those that ran: a directive for
        rules that did not run this time cannot be judged, and is left alone.
        """
        found = []
        for directive, used in zip(self.directives, self.used, strict=True):
            if directive.kind == "enable":
                continue
            unknown = [rule for rule in directive.rules if rule not in catalogue]
            if unknown:
                found.append((directive, f"names an unknown rule: {', '.join(unknown)}"))
            elif directive.rules and not set(directive.rules) & active:
                continue
            elif not used:
                found.append((directive, "suppresses nothing"))
        return found


def _keys(rules: Iterable[Rule]) -> set[str]:
    return {key for rule in rules for key in (rule.name, rule.code)}


def apply(
    findings: list[Finding],
    locator: Locator,
    active: list[tuple[Rule, Severity]],
    catalogue: Iterable[Rule],
) -> list[Finding]:
    """The findings no directive suppresses, then one finding per unused directive for each
    active rule of kind ``suppressions``."""
    directives = locator.article.directives
    if not directives:
        return findings
    lines = [
        (locator.position(d.start)[0], locator.position(max(d.end - 1, d.start))[0])
        for d in directives
    ]
    suppressor = Suppressor(directives, lines)
    kept = [f for f in findings if not suppressor.suppresses(f.rule, f.code, f.line)]
    reporters = [(rule, severity) for rule, severity in active if rule.kind == KIND]
    if reporters:
        unused = suppressor.unused(_keys(catalogue), _keys(rule for rule, _ in active))
        rule, severity = reporters[0]
        for directive, reason in unused:
            values = {"reason": reason}
            kept.append(locator.at_source(rule, severity, directive.start, directive.end, values))
    return kept
