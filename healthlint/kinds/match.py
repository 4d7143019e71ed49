"""Kind ``match``: each match of the rule's patterns is a finding, unless a negation precedes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .base import Hit, Runner
from .filters import cancelled

if TYPE_CHECKING:
    from ..analysis import ParsedArticle


class MatchRunner(Runner):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        rule = self.rule
        anywhere = self.add_patterns(rule.patterns)
        self.anywhere = list(anywhere.values())
        self.first_token_only = {anywhere[label] for label in rule.first_token_only}
        self.whole_block = list(self.add_patterns(rule.block_patterns, "block").values())

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        for index, _, doc in parsed.blocks():
            taken: list[tuple[int, int]] = []
            candidates = [
                (start, start + 1 if key in self.first_token_only else end)
                for key in self.anywhere
                for start, end in parsed.matches(index, key)
            ]
            candidates += [
                m
                for key in self.whole_block
                for m in parsed.matches(index, key)
                if is_whole_block(doc, *m)
            ]
            for start, end in sorted(candidates, key=lambda m: (m[0], -m[1])):
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue  # one finding for overlapping matches
                if cancelled(self.rule, doc, start, end) or in_compound(doc, start, end):
                    continue
                taken.append((start, end))
                span = doc[start:end]
                yield Hit(index, span.start_char, span.end_char, values={"match": span.text})


def is_whole_block(doc: Any, start: int, end: int) -> bool:
    """Nothing but punctuation and white space outside the match."""
    return all(t.is_punct or t.is_space for t in (*doc[:start], *doc[end:]))


def in_compound(doc: Any, start: int, end: int) -> bool:
    """Part of a hyphenated word ("MT-TK" is a gene, not the placeholder TK)."""
    before = doc[start - 1] if start else None
    after = doc[end] if end < len(doc) else None
    return (before is not None and before.text == "-" and not before.whitespace_) or (
        after is not None and after.text == "-" and not doc[end - 1].whitespace_
    )
