"""Shared helpers: fixture articles carry their expected findings as inline markers.

A marker ``<!-- expect: RULE@COLUMN -->`` says that RULE reports a finding starting at that column
of the marker's own line; ``<!-- expect: RULE -->`` expects a document-level finding (line 1,
column 1). Several entries are separated by commas. Plain-text articles have no comments: their
expectations sit beside them in ``NAME.expect``, one ``RULE LINE:COLUMN`` (or ``RULE``) a line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
_MARKER = re.compile(r"<!--\s*expect:\s*(.+?)\s*-->")


def expected_findings(source: str, path: Path | None = None) -> set[tuple[str, int, int]]:
    expected = set()
    sidecar = path.with_suffix(".expect") if path is not None else None
    if sidecar is not None and sidecar.exists():
        for entry in sidecar.read_text(encoding="utf-8").splitlines():
            rule, _, where = entry.strip().partition(" ")
            line, _, column = where.partition(":")
            expected.add((rule, int(line), int(column)) if where else (rule, 1, 1))
    for number, line in enumerate(source.splitlines(), start=1):
        for marker in _MARKER.finditer(line):
            for entry in marker.group(1).split(","):
                rule, _, column = entry.strip().partition("@")
                expected.add((rule, number, int(column)) if column else (rule, 1, 1))
    return expected


def fixture_files(rule: str | None = None) -> list[Path]:
    folder = FIXTURES / rule if rule else FIXTURES
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".html", ".txt"))


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    """An empty folder for articles written by a test, outside any configuration."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


# Fuzzing profiles: a short one for the suite, a long one for `make fuzz`.
from hypothesis import settings  # noqa: E402

settings.register_profile("suite", max_examples=40, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=40_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
