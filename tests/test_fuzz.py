"""Property-based fuzzing: articles generated from markup, entities, odd white space and odd
characters, statistics and medical words. Whatever the input, healthlint raises nothing, every
position lies inside the file, each finding's span holds the text it names, worker processes and
the cache change nothing, and --fix is idempotent and touches nothing outside its spans.

The suite runs a short profile; `make fuzz` runs the long one (HYPOTHESIS_PROFILE=long).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint import lint_text, segments
from healthlint.cli import main
from healthlint.errors import InputError

WORDS = [
    "Rest",
    "the",
    "knee",
    "with",
    "with",
    "ibuprofin",
    "diabetis",
    "About",
    "40%",
    "of",
    "adults",
    "snore",
    "1 in 5",
    "Studies show",
    "cures",
    "no side effects",
    "TODO",
    "TK",
    "spinal fusion",
    "recovery after spinal stenosis",
    "Share",
    "Tweet",
    "Comments are closed.",
    "Image credit:",
    "[3]",
    "(6)",
    "adults2.",
    "7/10 adults",
    "one-third of all nurses",
    "Stroke: 140,323",
]
ODD = [
    "\u200b",
    "\u200d",
    "\u00a0",
    "e\u0301",
    "\U0001f600",
    "\u05e9\u05dc\u05d5\u05dd",
    "\t",
    "  ",
    "\ufeff",
    "\u2028",
    "…",
    "&",
    "<",
    ">",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "#",
    "|",
    "\\",
]
MARKDOWN = [
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "*",
    "**",
    "`",
    "[link](https://x.org/a)",
    "![i](i.png)",
    "&amp;",
    "&nbsp;",
    "&#x1F600;",
    "<em>",
    "</em>",
    "<!-- c -->",
    "\n\n",
    "\n",
    "---\n",
]
HTML = [
    "<p>",
    "</p>",
    "<h2>",
    "</h2>",
    "<em>",
    "</em>",
    "<a href='x'>",
    "</a>",
    "<sup>1</sup>",
    "<nav>",
    "</nav>",
    "<li>",
    "&amp;",
    "&nbsp;",
    "&#233;",
    "&bogus;",
    "<br>",
    "<!-- c -->",
    "<script>x</script>",
    "<div class='sidebar'>",
    "</div>",
    "\n",
]

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=6))
FRONT_MATTER = ["", "---\na: 1\n---\n", "---\n", '+++\na = "x"\n+++\n', "+++\n", '{"a": 1}\n', "{"]
SUFFIXES = {".md": MARKDOWN, ".html": HTML, ".txt": ["\n", "\n\n", "• ", "Label: "]}


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, str]:
    suffix = draw(st.sampled_from(sorted(SUFFIXES)))
    parts = draw(st.lists(st.one_of(piece, st.sampled_from(SUFFIXES[suffix])), max_size=60))
    text = " ".join(parts)
    if suffix != ".txt":  # front matter, whole or broken, in each of its three forms
        text = draw(st.sampled_from(FRONT_MATTER)) + text
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return suffix, bom + text.replace("\n", newline)


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) + 1 for text in lines[: line - 1]) + column - 1


def _quoted(message: str) -> str | None:
    found = re.search(r'"(.+?)"', message)
    return found.group(1).rstrip("\u2026") if found else None


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_lints_without_error_and_positions_hold(article: tuple[str, str]) -> None:
    suffix, text = article
    try:
        findings = lint_text(text, path=f"fuzz{suffix}")
    except InputError as error:  # one clear error for bad input is an answer, not a crash
        assert str(error).startswith("front matter: "), error
        return
    lines = _lines(text)
    joined = "\n".join(lines)
    for finding in findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines)
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
        assert 1 <= finding.end_column <= len(lines[finding.end_line - 1]) + 1
        start = _offset(lines, finding.line, finding.column)
        end = _offset(lines, finding.end_line, finding.end_column)
        assert start <= end
        quoted = _quoted(finding.message)
        if quoted and "{" not in quoted:
            # The span holds the named text: its letters and digits in order, markup (even
            # inside a word) between them, entities decoded.
            span, at = joined[start:end], 0
            if suffix != ".txt":
                span = html.unescape(span)
            for char in re.sub(r"\W", "", quoted):
                at = span.find(char, at)
                assert at != -1, (quoted, span)
                at += 1


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles())
def test_segments_of_one_block_change_no_finding(monkeypatch, article) -> None:  # noqa: ANN001
    """Where a long article's segments end (healthlint/segments.py) changes nothing."""
    suffix, text = article
    try:
        whole = lint_text(text, path=f"fuzz{suffix}")
    except InputError:
        return
    with monkeypatch.context() as patched:
        patched.setattr(segments, "SEGMENT_BLOCKS", 1)
        assert lint_text(text, path=f"fuzz{suffix}") == whole


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out, err=io.StringIO()), out.getvalue()


@settings(
    max_examples=4_000 if LONG else 5,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(articles(), min_size=8, max_size=10))
def test_workers_and_the_cache_change_nothing(tmp_path_factory, batch) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("batch")
    for number, (suffix, text) in enumerate(batch):
        (folder / f"a{number:02}{suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
    cache = folder.parent / f"{folder.name}-cache"
    common = ("check", "--format", "json", "--today", "2026-11-24", str(folder))
    one = _run(*common, "--no-cache", "--jobs", "1")
    two = _run(*common, "--no-cache", "--jobs", "2")
    first = _run(*common, "--jobs", "1", "--cache-dir", str(cache))
    again = _run(*common, "--jobs", "1", "--cache-dir", str(cache))
    assert one == two == first == again
    json.loads(one[1])


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(articles())
def test_fix_is_idempotent_and_changes_only_its_spans(tmp_path_factory, article) -> None:  # noqa: ANN001
    suffix, text = article
    path: Path = tmp_path_factory.mktemp("fix") / f"a{suffix}"
    data = text.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    if "\x00" in text[:8192]:  # the command line takes it for a binary file and leaves it
        assert _run("check", "--fix", "--no-cache", str(path))[0] == 2
        assert path.read_bytes() == data
        return
    try:
        findings = lint_text(text, path=path.name)
    except InputError:
        return  # bad front matter: nothing is fixed, which the CLI tests show
    spans = []
    lines = _lines(text)
    for finding in findings:
        if finding.fix is not None:
            start = _offset(lines, finding.line, finding.column)
            spans.append((start, _offset(lines, finding.end_line, finding.end_column)))
    _run("check", "--fix", "--no-cache", str(path))
    fixed = path.read_bytes()
    _run("check", "--fix", "--no-cache", str(path))
    assert path.read_bytes() == fixed  # idempotent
    after = fixed.decode("utf-8", "surrogatepass")
    assert not any(f.fix for f in lint_text(after, path=path.name))  # nothing fixable left
    # The text between the fixed spans (line endings folded) is all there, in order.
    before = "\n".join(lines)
    now = "\n".join(_lines(after))
    assert after.startswith("\ufeff") == text.startswith("\ufeff")
    gaps, at = [], 0
    for start, end in sorted(spans):
        gaps.append(before[at:start])
        at = max(at, end)
    gaps.append(before[at:])
    assert now.startswith(gaps[0]) and now.endswith(gaps[-1])
    at = len(gaps[0])
    for gap in gaps[1:]:
        found = now.find(gap, at)
        assert found != -1, (gap, now)
        at = found + len(gap)
