"""The options of `healthlint check` that shape where the report goes and what it holds:
standard input, a second report in a file, statistics, source lines, colour, repeated
--select, and the mistakes of the command line itself."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from healthlint.cli import main

BAD = "# Knee pain\n\nAs many as 40% of patients still have pain.\n"
ONLY_STATISTIC = ("--select", "unsourced-statistic")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))

    return feed


def test_standard_input_is_linted_under_the_name_given(stdin, article_dir: Path) -> None:
    stdin(BAD)
    name = str(article_dir / "knee.md")
    code, out, err = run("check", *ONLY_STATISTIC, "--stdin-filename", name, "-")
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith(f"{name}:3:12: warning [HL002] unsourced-statistic")


def test_standard_input_name_picks_the_format(stdin) -> None:
    # As HTML the heading markup is not text, so the statistic sits on line 1.
    stdin("<p>As many as 40% of patients still have pain.</p>\n")
    code, out, _ = run("check", *ONLY_STATISTIC, "--stdin-filename", "knee.html", "-")
    assert out.splitlines()[0].startswith("knee.html:1:15: warning [HL002]")


def test_fix_on_standard_input_prints_the_fixed_text(stdin) -> None:
    stdin("# Knee\n\nThe the knee hurts.\n")
    code, out, err = run("check", "--select", "repeated-word", "--fix", "-")
    assert out == "# Knee\n\nThe knee hurts.\n"
    assert (code, err) == (0, "")


def test_standard_input_beside_files_needs_a_name(stdin, article_dir: Path) -> None:
    stdin(BAD)
    code, out, err = run("check", "-", str(article_dir))
    assert code == 2
    assert err == (
        "healthlint: -: give --stdin-filename to lint standard input beside other paths\n"
    )


def test_output_file_gets_a_second_report_in_its_own_format(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    report = article_dir.parent / "report.sarif"
    code, out, _ = run("check", *ONLY_STATISTIC, "--output-file", str(report), str(article_dir))
    assert code == 1
    assert out.endswith("Found 1 finding in 1 file (1 warning).\n")
    sarif = json.loads(report.read_text(encoding="utf-8"))
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "HL002"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 12)


def test_output_format_overrides_the_suffix(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    report = article_dir.parent / "report.txt"
    argv = ("--output-file", str(report), "--output-format", "json", str(article_dir))
    run("check", *ONLY_STATISTIC, *argv)
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [
        ("unsourced-statistic", 3, 12)
    ]


def test_output_file_in_a_missing_folder_is_refused_before_linting(article_dir: Path) -> None:
    report = article_dir / "nowhere" / "report.json"
    code, out, err = run("check", "--output-file", str(report), str(article_dir))
    assert (code, out) == (2, "")
    assert err == f"healthlint: {report}: --output-file: no such folder\n"


TWO_RULES = "# Knee\n\nThe the knee hurts in 40% of runners.\n\nIt hurts in 30% of walkers.\n"


def test_statistics_as_text(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(TWO_RULES, encoding="utf-8")
    argv = ("--select", "unsourced-statistic", "--select", "repeated-word", "--statistics")
    code, out, _ = run("check", *argv, str(article_dir))
    assert code == 1
    assert out.splitlines() == [
        "     2  HL002  unsourced-statistic",
        "     1  HL010  repeated-word",
        "     3  total in 1 files",
    ]


def test_statistics_as_json_and_sarif(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(TWO_RULES, encoding="utf-8")
    argv = ("--select", "unsourced-statistic,repeated-word", "--statistics")
    _, out, _ = run("check", *argv, "--format", "json", str(article_dir))
    assert json.loads(out)["statistics"] == [
        {"code": "HL002", "rule": "unsourced-statistic", "count": 2},
        {"code": "HL010", "rule": "repeated-word", "count": 1},
    ]
    _, out, _ = run("check", *argv, "--format", "sarif", str(article_dir))
    run_log = json.loads(out)["runs"][0]
    assert run_log["properties"]["statistics"] == {
        "HL002 unsourced-statistic": 2,
        "HL010 repeated-word": 1,
    }
    assert run_log["results"] == []


def test_statistics_as_github_notices(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(TWO_RULES, encoding="utf-8")
    argv = ("--select", "repeated-word", "--statistics", "--format", "github")
    _, out, _ = run("check", *argv, str(article_dir))
    assert out.splitlines()[0] == "::notice title=healthlint statistics::HL010 repeated-word: 1"


def test_show_source_puts_carets_under_the_finding(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("check", *ONLY_STATISTIC, "--show-source", str(article_dir))
    lines = out.splitlines()
    assert lines[1:3] == [
        "3 | As many as 40% of patients still have pain.",
        "  |            ^^^",
    ]


def test_show_source_cuts_a_long_line_around_the_finding(article_dir: Path) -> None:
    prose = "Knee pain is common. " * 5 + "About 40% of runners have it. " + "It eases. " * 8
    (article_dir / "a.md").write_text(f"# Knee\n\n{prose}\n", encoding="utf-8")
    _, out, _ = run("check", *ONLY_STATISTIC, "--show-source", str(article_dir))
    source, carets = out.splitlines()[1:3]
    column = prose.index("40%")
    shown = prose[column - 40 : column + 3 + 40]
    assert source == f"3 | …{shown}…"
    assert carets == "  | " + " " * 41 + "^^^"


def test_show_source_of_standard_input(stdin) -> None:
    stdin(BAD)
    argv = ("--show-source", "--stdin-filename", "knee.md", "-")
    _, out, _ = run("check", *ONLY_STATISTIC, *argv)
    assert out.splitlines()[1] == "3 | As many as 40% of patients still have pain."


def test_colour_only_when_asked(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, plain, _ = run("check", *ONLY_STATISTIC, str(article_dir))
    assert "\x1b[" not in plain  # a StringIO is no terminal
    _, coloured, _ = run("check", *ONLY_STATISTIC, "--color", "always", str(article_dir))
    assert "\x1b[33mwarning\x1b[0m" in coloured
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, forced, _ = run("check", *ONLY_STATISTIC, str(article_dir))
    assert "\x1b[33mwarning\x1b[0m" in forced
    _, never, _ = run("check", *ONLY_STATISTIC, "--color", "never", str(article_dir))
    assert never == plain


def test_select_accumulates_and_ignore_subtracts(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(TWO_RULES, encoding="utf-8")
    argv = ("--select", "repeated-word", "--select", "HL002", "--ignore", "unsourced-statistic")
    _, out, _ = run("check", *argv, "--format", "json", str(article_dir))
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["repeated-word"]


def test_unknown_rule_name_suggests_the_closest(article_dir: Path) -> None:
    code, out, err = run("check", "--select", "unsourced-statistics", str(article_dir))
    assert (code, out) == (2, "")
    assert err == (
        "healthlint: --select: unknown rule 'unsourced-statistics' "
        "(did you mean 'unsourced-statistic'?)\n"
    )


def test_a_file_of_another_kind_is_named_and_the_rest_linted(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    (article_dir / "notes.docx").write_bytes(b"PK\x03\x04")
    code, out, err = run(
        "check", *ONLY_STATISTIC, str(article_dir / "notes.docx"), str(article_dir)
    )
    assert code == 2
    assert err == ""
    assert f"{article_dir / 'notes.docx'}: error not an article: healthlint reads" in out
    assert f"{article_dir / 'a.md'}:3:12:" in out


def test_no_articles_is_a_warning_and_in_ci_an_error(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    code, _, err = run("check", str(article_dir))
    assert (code, err) == (0, f"healthlint: warning: no articles found in {article_dir}\n")
    monkeypatch.setenv("CI", "true")
    assert run("check", str(article_dir))[0] == 2
    assert run("check", "--allow-empty", str(article_dir))[0] == 0


ROOT = Path(__file__).resolve().parent.parent


def _github_anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, spaces to hyphens, other punctuation dropped."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def test_sarif_links_each_builtin_rule_to_its_documentation(article_dir: Path) -> None:
    import tomllib

    from healthlint.version import HOMEPAGE, __version__

    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    _, out, _ = run("check", "--format", "sarif", str(article_dir))
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert driver["informationUri"] == HOMEPAGE == project["urls"]["Homepage"]
    headings = [
        line.removeprefix("## ")
        for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## HL")
    ]
    page = f"{HOMEPAGE}/blob/v{__version__}/docs/rules.md#"
    assert [rule["helpUri"] for rule in driver["rules"]] == [
        page + _github_anchor(heading) for heading in headings
    ]


def test_a_pack_rule_has_no_documentation_link(article_dir: Path) -> None:
    pack = article_dir.parent / "house.yaml"
    pack.write_text(
        "rules:\n"
        "  - name: house-style\n"
        "    code: HL901\n"
        "    kind: substitution\n"
        "    severity: info\n"
        "    summary: House spelling.\n"
        "    rationale: The style guide spells it so.\n"
        "    message: Write {right}\n"
        "    pairs: {orthopaedic: orthopedic}\n"
        "    examples:\n"
        "      failing: ['An orthopaedic surgeon.']\n"
        "      passing: ['An orthopedic surgeon.']\n",
        encoding="utf-8",
    )
    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    _, out, err = run("check", "--pack", str(pack), "--format", "sarif", str(article_dir))
    assert err == ""
    rules = {rule["id"]: rule for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert "helpUri" not in rules["HL901"]
    assert "helpUri" in rules["HL001"]


def test_named_files_all_force_excluded_are_no_error_in_ci(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (article_dir / ".healthlint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    (article_dir / "drafts").mkdir()
    draft = article_dir / "drafts" / "a.md"
    draft.write_text(BAD, encoding="utf-8")
    monkeypatch.setenv("CI", "true")
    assert run("check", "--force-exclude", str(draft)) == (0, "Found 0 findings in 0 files.\n", "")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_goes_to_standard_error_never_between_findings(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from healthlint.check import PROGRESS_MIN_FILES

    for number in range(PROGRESS_MIN_FILES):
        (article_dir / f"a{number:02}.md").write_text(BAD, encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    out = io.StringIO()
    argv = ["check", *ONLY_STATISTIC, "--no-cache", "--jobs", "1", str(article_dir)]
    code = main(argv, out=out, err=sys.stderr)
    assert code == 1
    assert "Linting" in terminal.getvalue()
    lines = out.getvalue().splitlines()
    assert len(lines) == PROGRESS_MIN_FILES + 1  # a finding per file, then the summary
    assert all(" [HL002] " in line for line in lines[:-1])
