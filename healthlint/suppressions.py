"""Inline suppressions in Markdown and HTML comments, and the findings they leave unused.

    <!-- healthlint-disable-next-line unsourced-statistic -->
    <!-- healthlint-disable HL005, absolute-claim -->  ...  <!-- healthlint-enable -->
    <!-- healthlint-disable-file missing-author -->

Rules are names or codes, separated by commas; none means every rule. Plain-text articles have no
comments: they use the configuration's ignores and the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["disable-next-line", "disable", "enable", "disable-file"]
_PREFIX = "healthlint-"
_KINDS: tuple[Kind, ...] = ("disable-next-line", "disable-file", "disable", "enable")


@dataclass
class Directive:
    kind: Kind
    rules: tuple[str, ...]  # names or codes as written; empty: all rules
    start: int  # source offset of the comment
    end: int
    used: set[str] = field(default_factory=set)  # rules it suppressed a finding of


def parse_comment(text: str, start: int, end: int) -> Directive | None:
    """A directive from a comment's inner text, or None if the comment is not one."""
    body = text.strip()
    if not body.startswith(_PREFIX):
        return None
    word, _, rest = body[len(_PREFIX) :].partition(" ")
    if word not in _KINDS:
        return None
    rules = tuple(part.strip() for part in rest.replace(",", " ").split() if part.strip())
    return Directive(word, rules, start, end)  # type: ignore[arg-type]


def _names(directive: Directive, rule: str, code: str) -> bool:
    return not directive.rules or rule in directive.rules or code in directive.rules


@dataclass
class Suppressor:
    """Decides, finding by finding, whether a directive of the article suppresses it.

    ``lines`` gives each directive's first and last source line. A ``disable`` runs until the
    next ``enable`` that names none, or one of its rules; ``disable-next-line`` covers the line
    after the comment; ``disable-file`` the whole file.
    """

    directives: list[Directive]
    lines: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self._ranges: list[tuple[Directive, int, float]] = []
        pairs = zip(self.directives, self.lines, strict=True)
        for index, (directive, (first, last)) in enumerate(pairs):
            if directive.kind == "disable-file":
                self._ranges.append((directive, 1, float("inf")))
            elif directive.kind == "disable-next-line":
                self._ranges.append((directive, last + 1, last + 1))
            elif directive.kind == "disable":
                self._ranges.append((directive, first, self._enabled_again(index)))

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
        for directive, first, last in self._ranges:
            if first <= line <= last and _names(directive, rule, code):
                directive.used.add(rule)
                hit = True
        return hit

    def unused(self, catalogue: set[str], active: set[str]) -> list[tuple[Directive, str]]:
        """Directives that suppressed nothing, with the reason.

        ``catalogue`` holds every rule name and code, ``active`` those that ran: a directive for
        rules that did not run this time cannot be judged, and is left alone.
        """
        found = []
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            unknown = [rule for rule in directive.rules if rule not in catalogue]
            if unknown:
                found.append((directive, f"names an unknown rule: {', '.join(unknown)}"))
            elif directive.rules and not set(directive.rules) & active:
                continue
            elif not directive.used:
                found.append((directive, "suppresses nothing"))
        return found
