"""Inline suppressions in Markdown and HTML comments, and unused ones reported."""

from __future__ import annotations

from healthlint import lint_text
from healthlint.config import Settings

RULES = Settings(select=("unsourced-statistic", "absolute-claim", "unused-suppression"))


def found(text: str, path: str = "a.md") -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in lint_text(text, path, RULES)]


def test_disable_next_line_by_name_and_by_code() -> None:
    text = (
        "<!-- healthlint-disable-next-line unsourced-statistic -->\n"
        "About 40% of adults snore.\n\n"
        "<!-- healthlint-disable-next-line HL002 -->\n"
        "About 30% of children snore.\n\n"
        "About 20% of teens snore.\n"
    )
    assert found(text) == [("unsourced-statistic", 7, 7)]


def test_disable_next_line_covers_only_the_next_line() -> None:
    text = (
        "<!-- healthlint-disable-next-line unsourced-statistic -->\n"
        "Snoring is common.\n"
        "About 40% of adults snore.\n"
    )
    assert found(text) == [
        ("unused-suppression", 1, 1),
        ("unsourced-statistic", 3, 7),
    ]


def test_disable_enable_range_with_a_list_of_rules() -> None:
    text = (
        "<!-- healthlint-disable HL002, absolute-claim -->\n\n"
        "About 40% of adults snore. This spray cures snoring.\n\n"
        "<!-- healthlint-enable -->\n\n"
        "About 20% of teens snore. This pillow cures snoring.\n"
    )
    assert found(text) == [("unsourced-statistic", 7, 7), ("absolute-claim", 7, 39)]


def test_enable_of_one_rule_leaves_the_others_disabled() -> None:
    text = (
        "<!-- healthlint-disable HL002 -->\n<!-- healthlint-disable absolute-claim -->\n\n"
        "About 40% of adults snore. This spray cures snoring.\n\n"
        "<!-- healthlint-enable HL002 -->\n\n"
        "About 20% of teens snore. This pillow cures snoring.\n"
    )
    assert found(text) == [("unsourced-statistic", 8, 7)]


def test_disable_file_without_rules_suppresses_everything() -> None:
    text = (
        "About 40% of adults snore. This spray cures snoring.\n<!-- healthlint-disable-file -->\n"
    )
    assert found(text) == []


def test_unused_and_unknown_suppressions_are_reported_at_the_comment() -> None:
    text = (
        "Snoring is common. <!-- healthlint-disable absolute-claim -->\n\n"
        "<!-- healthlint-disable-next-line no-such-rule -->\nSnoring is common.\n"
    )
    findings = lint_text(text, "a.md", RULES)
    assert [(f.rule, f.line, f.column, f.end_column, f.message) for f in findings] == [
        ("unused-suppression", 1, 20, 62, "Unused suppression: suppresses nothing"),
        ("unused-suppression", 3, 1, 51, "Unused suppression: names an unknown rule: no-such-rule"),
    ]


def test_suppression_of_a_rule_that_did_not_run_is_not_judged() -> None:
    text = "<!-- healthlint-disable-next-line long-sentence -->\nSnoring is common.\n"
    assert found(text) == []


def test_html_comments_suppress_too() -> None:
    text = (
        "<html><body>\n<!-- healthlint-disable-next-line unsourced-statistic -->\n"
        "<p>About 40% of adults snore.</p>\n<p>About 20% of teens snore.</p>\n</body></html>\n"
    )
    assert found(text, "a.html") == [("unsourced-statistic", 4, 10)]


def test_markdown_raw_html_block_comment_counts() -> None:
    text = "<!--\nhealthlint-disable-file absolute-claim\n-->\n\nThis spray cures snoring.\n"
    assert found(text) == []
