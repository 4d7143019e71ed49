"""The fixes stage (--fix, --diff): which fixes are safe, and applying them to the text as it was
read, with its own line endings, round after round until none is left.

A fix is safe when the flagged range of the file holds the same words as the prose the rule read:
markup or an entity inside it ("the [the guide](...)") would be broken by replacing the range, so
such a finding keeps its suggestion but loses its fix. Edits land by line and column in the text
with its original line endings (loaders/source.py keeps both forms).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

from .findings import Finding

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Fixes can uncover fixes ("with with with"); a few rounds reach the end.
MAX_ROUNDS = 5


def is_safe(prose: str, source: str) -> bool:
    """Whether replacing ``source`` (the file's range) cannot break markup: it reads as the
    prose the rule saw, word for word."""
    return prose.split() == source.split()


def _line_offsets(text: str) -> list[int]:
    """Where each line starts, with the same line breaks the loaders count."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def apply(original: str, findings: list[Finding]) -> tuple[str, int]:
    """``original`` with every fix that overlaps no other applied (the next round takes those),
    and how many were."""
    starts = _line_offsets(original)
    edits = []
    for finding in findings:
        if finding.fix is None:
            continue
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        edits.append((start, end, finding.fix.replacement))
    text, applied = original, 0
    last_start = len(original) + 1
    for start, end, replacement in sorted(edits, reverse=True):
        if end > last_start:
            continue  # overlaps a fix already applied; the next round takes it
        text = text[:start] + replacement + text[end:]
        last_start, applied = start, applied + 1
    return text, applied


def fix_all(
    original: str, findings: list[Finding], relint: Callable[[str], list[Finding]]
) -> tuple[str, list[Finding], int]:
    """Applies the safe fixes, lints the result again with ``relint`` and repeats while fixes
    remain (at most MAX_ROUNDS times). Returns the text, its findings and the fixes applied."""
    text, applied = original, 0
    for _ in range(MAX_ROUNDS):
        fixes = [finding for finding in findings if finding.fix is not None]
        if not fixes:
            break
        text, count = apply(text, fixes)
        applied += count
        findings = relint(text)
    return text, findings, applied


def unified_diff(path: Path, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path.as_posix()}",
            tofile=f"b/{path.as_posix()}",
        )
    )
