"""Inline directives, as the loaders find them in Markdown and HTML comments:

    <!-- healthlint-disable-next-line unsourced-statistic -->
    <!-- healthlint-disable HL005, absolute-claim -->  ...  <!-- healthlint-enable -->
    <!-- healthlint-disable-file missing-author -->

Rules are names or codes, separated by commas; none means every rule. What they do to findings is
the suppressions stage (suppressions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["disable-next-line", "disable", "enable", "disable-file"]
_PREFIX = "healthlint-"
_KINDS: tuple[Kind, ...] = ("disable-next-line", "disable-file", "disable", "enable")


@dataclass(frozen=True)
class Directive:
    kind: Kind
    rules: tuple[str, ...]  # names or codes as written; empty: all rules
    start: int  # source offset of the comment
    end: int

    def names(self, rule: str, code: str) -> bool:
        return not self.rules or rule in self.rules or code in self.rules


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
