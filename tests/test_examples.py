"""The articles in examples/ show what the README says they show."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from healthlint import lint_paths
from healthlint.config import Settings

EXAMPLES = Path(__file__).parents[1] / "examples"
# A fixed date, so that stale-review-date gives the same answer on any day.
TODAY = dt.date(2026, 11, 24)


def findings_of(name: str) -> list[tuple[str, int, int]]:
    report = lint_paths([EXAMPLES / name], Settings(), TODAY)
    assert report.errors == []
    return [(f.rule, f.line, f.column) for f in report.findings]


def test_clean_article_has_no_findings() -> None:
    assert findings_of("hand-washing-clean.md") == []


def test_failed_spinal_fusion_post_is_the_typical_target() -> None:
    found = findings_of("failed-back-surgery.md")
    assert ("page-residue", 1, 1) in found  # the share-button row above the title
    assert ("empty-credit", 5, 2) in found  # *Image credit:* with nothing after it
    assert [f for f in found if f[0] == "unsourced-statistic"] == [
        ("unsourced-statistic", 13, 14),
        ("unsourced-statistic", 17, 13),
    ]
    assert ("procedure-mismatch", 21, 25) in found  # stenosis where fusion belongs
    assert ("medical-misspelling", 22, 56) in found
    assert ("page-residue", 33, 1) in found  # Comments are closed.
    assert "missing-disclaimer" not in {rule for rule, _, _ in found}  # it is at the bottom


def test_every_rule_has_a_defect_somewhere_in_examples() -> None:
    report = lint_paths([EXAMPLES], Settings(), TODAY)
    counts = Counter(f.rule for f in report.findings)
    from healthlint.packs import builtin_rules

    assert {rule.name for rule in builtin_rules()} <= set(counts)


def test_the_readme_shows_what_check_prints_on_examples() -> None:
    import io
    import os

    from healthlint.cli import main

    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nexamples/") + len("```text\n")
    shown = readme[start : readme.index("```", start)]
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(EXAMPLES.parent)  # the README runs it from the checkout's root
    try:
        main(["check", "--no-cache", "--today", TODAY.isoformat(), "examples"], out=out)
    finally:
        os.chdir(cwd)
    assert out.getvalue() == shown
