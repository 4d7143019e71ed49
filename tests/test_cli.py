"""The command line as a user meets it: formats, exit codes, bad files beside good ones."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from healthlint import __version__
from healthlint.cli import main

BAD = "# Knee pain\n\nAs many as 40% of patients still have pain.\n"
GOOD = "# Knee pain\n\nThis article is for informational purposes only.\n"


# The two rules these tests are about; the others have tests of their own.
MISSION = ("--select", "missing-disclaimer,unsourced-statistic")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_text_output_lines_and_summary(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("check", *MISSION, str(article_dir))
    path = article_dir / "bad.md"
    assert out.splitlines() == [
        f"{path}:1:1: warning [HL001] missing-disclaimer No medical disclaimer: say that the "
        "article is information, not medical advice",
        f"{path}:3:12: warning [HL002] unsourced-statistic Statistic with no source: cite where "
        '"40%" comes from in this or an adjacent sentence',
        "Found 2 findings in 1 file (2 warning).",
    ]
    assert code == 1


def test_clean_file_exits_zero(article_dir: Path) -> None:
    (article_dir / "good.md").write_text(GOOD, encoding="utf-8")
    assert run("check", *MISSION, str(article_dir)) == (0, "Found 0 findings in 1 file.\n", "")


def test_json_output_is_valid_against_the_generated_schema(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    (article_dir / "good.md").write_text(GOOD, encoding="utf-8")
    code, out, _ = run("check", "--format", "json", *MISSION, str(article_dir))
    report = json.loads(out)
    _, schema_text, _ = run("schema")
    jsonschema.validate(report, json.loads(schema_text))
    assert code == 1
    assert report["version"] == __version__
    assert [(f["rule"], f["line"], f["column"], f["end_column"]) for f in report["findings"]] == [
        ("missing-disclaimer", 1, 1, 1),
        ("unsourced-statistic", 3, 12, 15),
    ]
    assert report["summary"]["files"] == 2
    assert report["summary"]["by_rule"] == {"missing-disclaimer": 1, "unsourced-statistic": 1}


def test_findings_sorted_by_path_line_column(article_dir: Path) -> None:
    (article_dir / "b.md").write_text(BAD, encoding="utf-8")
    (article_dir / "a.txt").write_text("About 1 in 5 adults. Later, 40% of them.\n", "utf-8")
    _, out, _ = run("check", "--format", "json", "--select", "HL002", str(article_dir))
    keys = [(f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert keys == sorted(keys) and len(keys) == 3


def test_files_named_out_of_order_or_twice_come_out_once_in_path_order(
    article_dir: Path,
) -> None:
    for name in ("b.md", "a.md"):
        (article_dir / name).write_text(BAD, encoding="utf-8")
    a, b = article_dir / "a.md", article_dir / "b.md"
    _, out, _ = run("check", "--select", "HL002", str(b), str(a), str(b))
    assert out.splitlines() == [
        f"{a}:3:12: warning [HL002] unsourced-statistic Statistic with no source: cite where "
        '"40%" comes from in this or an adjacent sentence',
        f"{b}:3:12: warning [HL002] unsourced-statistic Statistic with no source: cite where "
        '"40%" comes from in this or an adjacent sentence',
        "Found 2 findings in 2 files (2 warning).",
    ]


def test_bad_files_are_reported_and_the_others_still_linted(article_dir: Path) -> None:
    (article_dir / "a-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (article_dir / "b-latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (article_dir / "c-bad.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("check", "--select", "unsourced-statistic", str(article_dir))
    lines = out.splitlines()
    assert lines == [
        f"{article_dir / 'c-bad.md'}:3:12: warning [HL002] unsourced-statistic Statistic with no "
        'source: cite where "40%" comes from in this or an adjacent sentence',
        f"{article_dir / 'a-binary.md'}: error binary file (contains NUL bytes), not an article",
        f"{article_dir / 'b-latin1.txt'}: error not valid UTF-8 (byte 0xe9 at offset 3)",
        "Found 1 finding in 1 file (1 warning); 2 files could not be linted.",
    ]
    assert code == 2


def test_missing_path_is_an_error_in_every_format(article_dir: Path) -> None:
    (article_dir / "a.md").write_text("# Knee\n\nRest it.\n", encoding="utf-8")
    missing = str(article_dir / "nope.md")
    code, out, err = run("check", "--select", "HL004", missing, str(article_dir))
    assert (code, err) == (2, "")
    assert out.splitlines() == [
        f"{missing}: error no such file or directory",
        "Found 0 findings in 1 file; 1 file could not be linted.",
    ]
    code, out, _ = run("check", "--select", "HL004", "--format", "json", missing)
    assert json.loads(out)["errors"] == [{"path": missing, "message": "no such file or directory"}]
    code, out, _ = run("check", "--select", "HL004", "--format", "sarif", missing)
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "no such file or directory"
    )


def test_an_internal_error_in_one_file_is_that_files_error(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from healthlint import pipeline

    real = pipeline.lint_article

    def breaks_on_boom(article, linter, today=None):  # noqa: ANN001, ANN202
        if article.path.endswith("boom.md"):
            raise RuntimeError("boom")
        return real(article, linter, today)

    monkeypatch.setattr(pipeline, "lint_article", breaks_on_boom)
    (article_dir / "boom.md").write_text("# Knee\n", encoding="utf-8")
    (article_dir / "fine.md").write_text("# Knee\n\nTake ibuprofin.\n", encoding="utf-8")
    code, out, _ = run(
        "check", "--select", "HL004", "--no-cache", "--format", "json", str(article_dir)
    )
    report = json.loads(out)
    assert code == 2
    assert report["errors"] == [
        {
            "path": str(article_dir / "boom.md"),
            "message": "internal error (RuntimeError: boom); please report it",
        }
    ]
    assert [f["rule"] for f in report["findings"]] == ["medical-misspelling"]


def test_an_interrupt_is_one_line_and_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from healthlint import check

    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "run_check", interrupted)
    assert run("check", ".") == (130, "", "healthlint: interrupted\n")


def test_a_file_name_that_is_not_utf8_is_reported_readably(article_dir: Path) -> None:
    name = os.path.join(os.fsencode(article_dir), b"caf\xe9.md")
    with open(name, "wb") as handle:
        handle.write(b"# Knee\n\nTake ibuprofin.\n")
    for fmt in ("json", "sarif", "text", "github"):
        code, out, _ = run(
            "check", "--select", "HL004", "--no-cache", "--format", fmt, str(article_dir)
        )
        assert code == 1, fmt
        # SARIF names an absolute path by a file: URI, with the character percent-encoded.
        assert ("caf%EF%BF%BD.md" if fmt == "sarif" else "caf\ufffd.md") in out, fmt
        if fmt in ("json", "sarif"):
            json.loads(out)


def test_fail_on_error_ignores_warnings(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    assert run("check", *MISSION, "--fail-on", "error", str(article_dir))[0] == 0
    assert run("check", *MISSION, "--fail-on", "never", str(article_dir))[0] == 0
    assert run("check", *MISSION, "--fail-on", "warning", str(article_dir))[0] == 1


def test_select_and_ignore(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    _, out, _ = run(
        "check", "--format", "json", "--ignore", "HL001,HL011,HL012,HL014", str(article_dir)
    )
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["unsourced-statistic"]
    _, out, _ = run("check", "--format", "json", "--select", "missing-disclaimer", str(article_dir))
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["missing-disclaimer"]


def test_unknown_rule_in_select_is_a_usage_error_before_any_file(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    code, out, err = run("check", "--select", "unsourced-statistics", str(article_dir))
    assert (code, out) == (2, "")
    assert err == (
        "healthlint: --select: unknown rule 'unsourced-statistics' "
        "(did you mean 'unsourced-statistic'?)\n"
    )


def test_config_file_with_an_unknown_key_names_file_and_key(article_dir: Path) -> None:
    (article_dir / ".healthlint.toml").write_text('selcet = ["HL002"]\n', encoding="utf-8")
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    (article_dir / "other.md").write_text(BAD, encoding="utf-8")
    code, out, _ = run("check", str(article_dir))
    config = article_dir / ".healthlint.toml"
    assert code == 2
    assert out.splitlines() == [
        f"{article_dir / 'bad.md'}: error {config}: key selcet: Extra inputs are not permitted "
        "(did you mean 'select'?)",
        "Found 0 findings in 0 files; 1 file could not be linted.",
    ]


def test_rule_option_phrases_extend_the_disclaimer_rule(article_dir: Path) -> None:
    (article_dir / "pyproject.toml").write_text(
        '[tool.healthlint.rules.missing-disclaimer]\nphrases = ["ask our nurses first"]\n',
        encoding="utf-8",
    )
    (article_dir / "a.md").write_text("# Knee\n\nAsk our nurses first.\n", encoding="utf-8")
    assert run("check", *MISSION, str(article_dir)) == (0, "Found 0 findings in 1 file.\n", "")


def test_a_key_that_became_a_rule_option_says_where_it_went(article_dir: Path) -> None:
    config = article_dir / ".healthlint.toml"
    config.write_text('disclaimer-phrases = ["ask our nurses first"]\n', encoding="utf-8")
    (article_dir / "a.md").write_text("# Knee\n\nAsk our nurses first.\n", encoding="utf-8")
    code, out, _ = run("check", str(article_dir))
    assert code == 2
    assert out.splitlines()[0] == (
        f"{article_dir / 'a.md'}: error {config}: key disclaimer-phrases: now an option of its "
        "rule: [rules.missing-disclaimer] phrases = ..."
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "[rules.long-sentence]\nthreshold = 0\n",
            "key rules.long-sentence.threshold: Input should be greater than 0",
        ),
        (
            "[rules.long-sentence]\nlimit = 20\n",
            "key rules.long-sentence.limit: Extra inputs are not permitted",
        ),
        (
            "[rules.long-sentences]\nthreshold = 20\n",
            "key rules.long-sentences: no such rule (did you mean 'long-sentence'?)",
        ),
    ],
)
def test_bad_rule_options_name_file_and_key(article_dir: Path, table: str, message: str) -> None:
    config = article_dir / ".healthlint.toml"
    config.write_text(table, encoding="utf-8")
    (article_dir / "a.md").write_text("# Knee\n\nRest.\n", encoding="utf-8")
    code, out, _ = run("check", str(article_dir))
    assert code == 2
    assert out.splitlines()[0] == f"{article_dir / 'a.md'}: error {config}: {message}"


def test_rule_options_change_thresholds_and_ages(article_dir: Path) -> None:
    (article_dir / ".healthlint.toml").write_text(
        "[rules.long-sentence]\nthreshold = 5\n[rules.stale-review-date]\nmax-age-years = 1\n",
        encoding="utf-8",
    )
    (article_dir / "a.md").write_text(
        "# Knee\n\nUpdated May 2025\n\nRest the knee for a day or two after a long run.\n",
        encoding="utf-8",
    )
    select = ("--select", "long-sentence,stale-review-date", "--today", "2026-11-24")
    code, out, _ = run("check", *select, str(article_dir))
    assert [line.split()[0] for line in out.splitlines()[:-1]] == [
        f"{article_dir / 'a.md'}:3:9:",
        f"{article_dir / 'a.md'}:5:1:",
    ]
    assert "Sentence of 12 words (limit 5)" in out


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "healthlint", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, f"healthlint {__version__}\n")


def test_rules_and_explain() -> None:
    code, out, _ = run("rules", "--format", "json")
    names = [rule["name"] for rule in json.loads(out)]
    assert names[:4] == [
        "missing-disclaimer",
        "unsourced-statistic",
        "procedure-mismatch",
        "medical-misspelling",
    ]
    code, out, _ = run("explain", "HL003")
    assert code == 0
    assert out.startswith("HL003 procedure-mismatch (default severity: error)\n\nWhat it does\n")
    assert "Why is this bad?" in out
    assert run("explain", "nope")[0] == 2


@pytest.mark.parametrize("flag", ["--config", "--rulepack"])
def test_other_schemas_are_json_schema(flag: str) -> None:
    code, out, _ = run("schema", flag)
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert code == 0


def test_only_regular_files_are_read(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = article_dir / "pipe.md"
    os.mkfifo(fifo)
    (article_dir / "fine.md").write_text("# Knee\n\nTake ibuprofin.\n", encoding="utf-8")
    code, out, _ = run("check", "--select", "HL004", "--no-cache", str(fifo), "/dev/zero")
    assert code == 2
    assert out.splitlines() == [
        "/dev/zero: error not a regular file",
        f"{fifo}: error not a regular file",
        "Found 0 findings in 0 files; 2 files could not be linted.",
    ]
    from healthlint import loaders

    monkeypatch.setattr(loaders, "MAX_BYTES", 10)
    code, out, _ = run("check", "--select", "HL004", "--no-cache", str(article_dir / "fine.md"))
    assert out.splitlines()[0] == (
        f"{article_dir / 'fine.md'}: error file too large (more than the limit of 10 bytes)"
    )


def _sleep() -> None:
    time.sleep(5)


def _hold_memory() -> None:
    held = b"x" * (64 * 1024 * 1024)  # written, so resident (a calloc'd buffer may not be)
    time.sleep(1)  # the budget looks every tenth of a second
    del held


@pytest.mark.parametrize(
    ("setting", "misbehave", "error"),
    [
        ("file-time-limit = 0.5", _sleep, "took longer than the limit of 0.5 s for one file"),
        pytest.param(
            "file-memory-limit = 16",
            _hold_memory,
            "needed more memory than the limit of 16 MB for one file (setting: file-memory-limit)",
            marks=pytest.mark.skipif(
                not Path("/proc/self/statm").exists(), reason="memory is read from /proc"
            ),
        ),
    ],
)
def test_a_file_over_its_time_or_memory_limit_is_an_error_and_the_run_goes_on(
    article_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    misbehave: Callable[[], None],
    error: str,
) -> None:
    from healthlint import pipeline

    real = pipeline.lint_article

    def misbehaves_on_bad(article, linter, today=None):  # noqa: ANN001, ANN202
        if article.path.endswith("bad.md"):
            misbehave()
        return real(article, linter, today)

    monkeypatch.setattr(pipeline, "lint_article", misbehaves_on_bad)
    (article_dir / ".healthlint.toml").write_text(setting + "\n", encoding="utf-8")
    (article_dir / "bad.md").write_text("# Knee\n", encoding="utf-8")
    (article_dir / "fine.md").write_text("# Knee\n\nTake ibuprofin.\n", encoding="utf-8")
    code, out, _ = run("check", "--select", "HL004", "--no-cache", str(article_dir))
    assert code == 2
    assert out.splitlines() == [
        f"{article_dir / 'fine.md'}:3:6: warning [HL004] medical-misspelling Misspelled medical "
        'term "ibuprofin": did you mean "ibuprofen"?',
        f"{article_dir / 'bad.md'}: error {error}",
        "Found 1 finding in 1 file (1 warning); 1 file could not be linted.",
    ]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="memory is read from /proc")
def test_markdown_too_dense_in_markup_for_its_memory_limit_is_an_error(tmp_path: Path) -> None:
    # A real shape, in a process of its own (one in which nothing was freed before): 16,000
    # nested one-word list items, 280 kB, take markdown-it about 40 MB of tokens.
    nested = tmp_path / "nested.md"
    nested.write_text("".join("  " * (i % 12) + "- step\n" for i in range(16_000)), "utf-8")
    (tmp_path / "fine.md").write_text("# Knee\n\nTake ibuprofin.\n", encoding="utf-8")
    (tmp_path / ".healthlint.toml").write_text("file-memory-limit = 20\n", encoding="utf-8")
    command = [sys.executable, "-m", "healthlint", "check", "--no-cache", "--select", "HL004"]
    result = subprocess.run([*command, "."], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        'fine.md:3:6: warning [HL004] medical-misspelling Misspelled medical term "ibuprofin": '
        'did you mean "ibuprofen"?',
        "nested.md: error needed more memory than the limit of 20 MB for one file (setting: "
        "file-memory-limit)",
        "Found 1 finding in 1 file (1 warning); 1 file could not be linted.",
    ]


def test_without_a_memory_setting_a_file_may_add_forty_times_its_size_and_at_least_256_mb() -> None:
    from healthlint.budget import MB, Budget

    small, large = Budget(120, None), Budget(120, None)
    small.allow(1_000_000)
    large.allow(19 * MB)
    assert (small.limit, large.limit) == (256 * MB, 760 * MB)
    assert str(small.over_memory()) == (
        "needed more memory than the 256 MB any file may use for one file "
        "(setting: file-memory-limit)"
    )
    assert str(large.over_memory()) == (
        "needed more memory than 40 times its size (760 MB) for one file "
        "(setting: file-memory-limit)"
    )
    chosen = Budget(120, 512)
    chosen.allow(19 * MB)
    assert chosen.limit == 512 * MB
