"""Reading the curated word lists in rules/lexicons/ (their provenance sits beside them)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from .errors import ConfigError
from .resources import rules_dir


def lexicon_path(name: str) -> Path:
    return rules_dir() / name


@cache
def corrections(name: str) -> dict[str, str]:
    """A ``wrong->right`` list: comments start with ``#``."""
    path = lexicon_path(name)
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        wrong, arrow, right = line.partition("->")
        if not arrow or not wrong.strip() or not right.strip():
            raise ConfigError(f"{path}:{number}: expected 'wrong->right', got {line!r}")
        table[wrong.strip().lower()] = right.strip()
    return table


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated table with a header row."""
    path = lexicon_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))
