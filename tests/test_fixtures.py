"""Every fixture article yields exactly the findings its inline markers expect, for its rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint import lint_text, segments
from healthlint.config import Settings

from .conftest import FIXTURES, expected_findings

CASES = sorted(
    (folder.name, path)
    for folder in FIXTURES.iterdir()
    if folder.is_dir()
    for path in folder.iterdir()
    if path.suffix in (".md", ".html", ".txt")
)


@pytest.mark.parametrize(
    ("rule", "path"), CASES, ids=[f"{rule}/{path.name}" for rule, path in CASES]
)
def test_fixture(rule: str, path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    findings = lint_text(source, path=path.name, settings=Settings(select=(rule,)))
    found = {(f.rule, f.line, f.column) for f in findings}
    assert found == expected_findings(source, path)


@pytest.mark.parametrize(
    ("rule", "path"), CASES, ids=[f"{rule}/{path.name}" for rule, path in CASES]
)
def test_fixture_read_in_segments_of_one_block(
    monkeypatch: pytest.MonkeyPatch, rule: str, path: Path
) -> None:
    """The same findings when each block is a segment of its own (healthlint/segments.py):
    every rule that looks past a block keeps what it needs across segments."""
    monkeypatch.setattr(segments, "SEGMENT_BLOCKS", 1)
    source = path.read_text(encoding="utf-8")
    findings = lint_text(source, path=path.name, settings=Settings(select=(rule,)))
    found = {(f.rule, f.line, f.column) for f in findings}
    assert found == expected_findings(source, path)


def test_every_mission_rule_has_fixtures_with_and_without_findings() -> None:
    for rule in (
        "missing-disclaimer",
        "unsourced-statistic",
        "procedure-mismatch",
        "medical-misspelling",
    ):
        expectations = [
            expected_findings(p.read_text(encoding="utf-8"), p) for r, p in CASES if r == rule
        ]
        assert any(expectations), rule
        assert not all(expectations), rule
