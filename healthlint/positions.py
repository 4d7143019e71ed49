"""Positions: where a rule's hit lies in the file as written. The only place where block offsets
become source offsets (through each block's OffsetMap) and then line and column."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from .article import Article, line_starts
from .findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from .kinds.base import Hit
    from .rulepack import Rule


# Past this many characters a line is no line of prose but a whole article run together; its
# findings' fingerprints take CONTEXT characters either side of them instead of the line.
LONG_LINE = 50_000
CONTEXT = 500


class Locator:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.line_starts = line_starts(article.source)
        # Each line's text with its white space folded, made once however many findings it has:
        # a long one-line article may hold thousands.
        self._contexts: dict[tuple[int, int], str] = {}
        # One copy of each message, suggestion and fix however many findings give it: a text
        # dense in findings repeats them (a finding costs some 1,100 bytes, 700 so).
        self._texts: dict[str, str] = {}
        self._fixes: dict[str, Fix] = {}

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def span(self, hit: Hit) -> tuple[int, int]:
        """The hit's range in the source; a document-level hit is the file's start."""
        if hit.block is None:
            return 0, 0
        return self.article.blocks[hit.block].offsets.span(hit.start, hit.end)

    def finding(self, rule: Rule, severity: Severity, hit: Hit, start: int, end: int) -> Finding:
        """The finding for ``hit``, whose source range is ``start``..``end``."""
        return self._finding(
            rule, severity, start, end, hit.values, hit.suggestion, hit.fix, hit.block is None
        )

    def at_source(
        self, rule: Rule, severity: Severity, start: int, end: int, values: dict[str, str]
    ) -> Finding:
        """A finding about a range of the source itself rather than of a block's prose (an
        inline directive)."""
        return self._finding(rule, severity, start, end, values, None, None, document=False)

    def _finding(
        self,
        rule: Rule,
        severity: Severity,
        start: int,
        end: int,
        values: dict[str, str],
        suggestion: str | None,
        fix: str | None,
        document: bool,
    ) -> Finding:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        # Built from values this module computed, so not validated again; every field is set,
        # and all findings share one set of their names (pydantic keeps one per instance
        # otherwise: 728 of a finding's 1,568 bytes, and a huge article may hold 90,000).
        return Finding.model_construct(
            _FIELDS,
            path=self.article.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.name,
            code=rule.code,
            severity=severity,
            message=self._one(rule.message.format_map(_Values(values))),
            suggestion=self._one(suggestion),
            fix=self._fix(fix),
            fingerprint=self.fingerprint(rule.name, start, end, document),
        )

    def _one(self, text: str | None) -> str | None:
        return text if text is None else self._texts.setdefault(text, text)

    def _fix(self, replacement: str | None) -> Fix | None:
        if replacement is None:
            return None
        if replacement not in self._fixes:
            self._fixes[replacement] = Fix(replacement=replacement)
        return self._fixes[replacement]

    def fingerprint(self, rule: str, start: int, end: int, document: bool) -> str:
        """The rule, the flagged text and its lines' text, white space folded: no positions."""
        if document:
            text = context = ""
        else:
            source = self.article.source
            first = self.line_starts[self.position(start)[0] - 1]
            # The line break at or after ``end``, from the line starts: searching the source for
            # it would scan to the end of a one-line article for each of its findings.
            after = bisect_left(self.line_starts, end + 1)
            last = self.line_starts[after] - 1 if after < len(self.line_starts) else len(source)
            lines = (first, last)
            if last - first > LONG_LINE:
                # A line the length of an article: the text around the finding stands for it,
                # or each finding would hash the whole line. Not kept: no other finding has
                # the same surroundings, and a huge line may have tens of thousands.
                around = source[max(first, start - CONTEXT) : min(last, end + CONTEXT)]
                context = " ".join(around.split())
            else:
                if lines not in self._contexts:
                    self._contexts[lines] = " ".join(source[first:last].split())
                context = self._contexts[lines]
            text = " ".join(source[start:end].split())
        digest = hashlib.sha256(f"{rule}\0{text}\0{context}".encode())
        return digest.hexdigest()[:20]


_FIELDS = set(Finding.model_fields)


class _Values(dict[str, str]):
    """Leaves an unknown {placeholder} as it is rather than failing the run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
