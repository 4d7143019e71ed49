"""Editors and CI: --fix and --diff, baselines, configuration, display options."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from healthlint.cli import main

SAFE = ("--select", "medical-misspelling,repeated-word")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_fix_keeps_bom_and_crlf_and_is_idempotent(article_dir: Path) -> None:
    path = article_dir / "a.md"
    original = (
        "\ufeff# Ibuprofin\r\n\r\nTake ibuprofin with with food.\r\nKeep `ibuprofin` as code.\r\n"
    )
    path.write_bytes(original.encode("utf-8"))
    code, out, _ = run("check", *SAFE, "--fix", str(article_dir))
    assert path.read_bytes() == (
        "\ufeff# Ibuprofen\r\n\r\nTake ibuprofen with food.\r\nKeep `ibuprofin` as code.\r\n"
    ).encode("utf-8")
    assert (code, out) == (0, "Found 0 findings in 1 file; 3 fixed, 0 remaining.\n")
    before = path.read_bytes()
    assert run("check", *SAFE, "--fix", str(article_dir))[0] == 0
    assert path.read_bytes() == before


def test_fix_reaches_the_end_of_a_run_of_repeats(article_dir: Path) -> None:
    path = article_dir / "a.txt"
    path.write_text("Rest with with with ice.\n", encoding="utf-8")
    run("check", *SAFE, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "Rest with ice.\n"


def test_fix_reports_what_it_cannot_fix_at_its_new_position(article_dir: Path) -> None:
    path = article_dir / "a.md"
    path.write_text("Take the the pill. About 40% of people forget it.\n", encoding="utf-8")
    code, out, _ = run("check", "--select", "repeated-word,unsourced-statistic", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "Take the pill. About 40% of people forget it.\n"
    assert out.splitlines()[0].startswith(f"{path}:1:22: warning [HL002] unsourced-statistic")
    assert code == 1


def test_diff_prints_the_fix_and_writes_nothing(article_dir: Path) -> None:
    path = article_dir / "a.md"
    path.write_text("Take ibuprofin.\n", encoding="utf-8")
    code, out, _ = run("check", *SAFE, "--diff", str(path))
    assert path.read_text(encoding="utf-8") == "Take ibuprofin.\n"
    assert out == (
        f"--- a/{path.as_posix()}\n+++ b/{path.as_posix()}\n@@ -1 +1 @@\n"
        "-Take ibuprofin.\n+Take ibuprofen.\n"
    )
    assert code == 1
    path.write_text("Take ibuprofen.\n", encoding="utf-8")
    assert run("check", *SAFE, "--diff", str(path)) == (0, "", "")


def test_baseline_survives_edits_elsewhere_and_catches_new_findings(
    article_dir: Path, tmp_path: Path
) -> None:
    article = article_dir / "a.md"
    article.write_text("# Knee\n\nAbout 40% of people have knee pain.\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    select = ("--select", "unsourced-statistic")
    code, _, err = run("check", *select, "--write-baseline", str(baseline), str(article_dir))
    assert (code, err) == (0, f"healthlint: wrote 1 findings to {baseline}\n")
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["rule"], e["count"]) for e in entries] == [
        ("articles/a.md", "unsourced-statistic", 1)
    ]
    # Lines move above the old finding; a new one arrives below.
    article.write_text(
        "# Knee\n\nKnees take weight.\n\nAbout 40% of people have knee pain.\n\n"
        "About 1 in 5 runners hurt a knee.\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", *select, "--baseline", str(baseline), str(article_dir))
    assert out.splitlines()[:-1] == [
        f"{article}:7:7: warning [HL002] unsourced-statistic Statistic with no source: cite "
        'where "1 in 5" comes from in this or an adjacent sentence'
    ]
    assert code == 1


def test_baseline_entries_belong_to_their_own_file(article_dir: Path, tmp_path: Path) -> None:
    text = "# Knee\n\nAbout 40% of people have knee pain.\n"
    (article_dir / "b.md").write_text(text, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    select = ("--select", "unsourced-statistic")
    run("check", *select, "--write-baseline", str(baseline), str(article_dir))
    # The same sentence in a new file, before and after the recorded one in path order.
    for name in ("a.md", "c.md"):
        (article_dir / name).write_text(text, encoding="utf-8")
    code, out, _ = run("check", *select, "--baseline", str(baseline), str(article_dir))
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        str(article_dir / "a.md"),
        str(article_dir / "c.md"),
    ]
    assert out.splitlines()[-1] == "Found 2 findings in 3 files (2 warning)."
    assert code == 1


def test_broken_baseline_is_a_one_line_error(article_dir: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"healthlint": "0.1.0", "entries": [{"path": 3}]}', encoding="utf-8")
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, err = run("check", "--baseline", str(baseline), str(article_dir))
    assert (code, out) == (2, "")
    field = "baseline field entries.0.path: Input should be a valid string"
    assert err == f"healthlint: {baseline}: {field}\n"


def test_per_file_ignores_and_packs_from_configuration(article_dir: Path) -> None:
    (article_dir / "legacy").mkdir()
    (article_dir / "legacy" / "old.md").write_text("Take ibuprofin.\n", encoding="utf-8")
    (article_dir / "new.md").write_text("Take ibuprofin. Kale is a superfood.\n", encoding="utf-8")
    (article_dir / "house.yaml").write_text(
        "rules:\n  - code: HL950\n    name: house-superfood\n    kind: match\n"
        "    severity: warning\n    message: m\n    summary: s\n    rationale: FTC.\n"
        "    patterns: {word: [superfood]}\n    examples: {fail: [a superfood], pass: [kale]}\n",
        encoding="utf-8",
    )
    (article_dir / ".healthlint.toml").write_text(
        'select = ["HL004", "house-superfood"]\npacks = ["house.yaml"]\n'
        '[per-file-ignores]\n"legacy/*" = ["medical-misspelling"]\n',
        encoding="utf-8",
    )
    code, out, _ = run("check", "--format", "json", str(article_dir))
    found = [(Path(f["path"]).name, f["rule"]) for f in json.loads(out)["findings"]]
    assert found == [("new.md", "medical-misspelling"), ("new.md", "house-superfood")]


def test_configured_pack_that_does_not_exist_names_file_and_key(article_dir: Path) -> None:
    config = article_dir / ".healthlint.toml"
    config.write_text('packs = ["nope.yaml"]\n', encoding="utf-8")
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, _ = run("check", str(article_dir))
    assert code == 2
    assert f"error {config}: key packs: no rule pack at nope.yaml" in out


def test_statistics_and_min_severity(article_dir: Path) -> None:
    (article_dir / "a.md").write_text(
        "Take ibuprofin with with food. Take ibuprofin again.\n", encoding="utf-8"
    )
    code, out, _ = run("check", *SAFE, "--statistics", str(article_dir))
    assert out.splitlines() == [
        "     2  HL004  medical-misspelling",
        "     1  HL010  repeated-word",
        "     3  total in 1 files",
    ]
    code, out, _ = run("check", *SAFE, "--min-severity", "error", str(article_dir))
    assert (code, out) == (1, "Found 0 findings in 1 file.\n")


@pytest.mark.parametrize(("env", "prefix"), [("true", "::warning file="), (None, "")])
def test_format_auto_picks_github_under_actions(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch, env: str | None, prefix: str
) -> None:
    if env is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", env)
    path = article_dir / "a.md"
    path.write_text("Take ibuprofin.\n", encoding="utf-8")
    _, out, _ = run("check", *SAFE, "--format", "auto", str(path))
    expected = prefix or f"{path}:1:6: warning [HL004]"
    assert out.startswith(expected)


def test_fix_never_breaks_markup_inside_the_flagged_words(article_dir: Path) -> None:
    path = article_dir / "a.md"
    original = "Read the [the sleep diary](https://example.org/diary) today.\n"
    path.write_text(original, encoding="utf-8")
    code, out, _ = run("check", *SAFE, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == original
    assert out.startswith(f"{path}:1:6: warning [HL010] repeated-word")
    assert code == 1


def test_fix_runs_in_worker_processes_and_fixes_every_file(article_dir: Path) -> None:
    for n in range(12):
        (article_dir / f"a{n:02}.md").write_text(f"# Knee {n}\n\nTake ibuprofin.\n", "utf-8")
    code, out, _ = run("check", *SAFE, "--fix", "--no-cache", "--jobs", "2", str(article_dir))
    assert (code, out) == (0, "Found 0 findings in 12 files; 12 fixed, 0 remaining.\n")
    texts = {p.read_text(encoding="utf-8").splitlines()[-1] for p in article_dir.iterdir()}
    assert texts == {"Take ibuprofen."}


def test_fix_after_a_cached_run_still_fixes_and_caches_the_fixed_text(
    article_dir: Path, tmp_path: Path
) -> None:
    path = article_dir / "a.md"
    path.write_text("Take ibuprofin with with food.\n", encoding="utf-8")
    cache = ("--cache-dir", str(tmp_path / "cache"))
    assert run("check", *SAFE, *cache, str(path))[0] == 1  # the findings are cached
    code, out, _ = run("check", *SAFE, *cache, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "Take ibuprofen with food.\n"
    assert (code, out) == (0, "Found 0 findings in 1 file; 2 fixed, 0 remaining.\n")
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 2  # before and after the fix


def test_diff_shows_every_round_of_fixes(article_dir: Path) -> None:
    path = article_dir / "a.txt"
    path.write_text("Rest with with with ice.\n", encoding="utf-8")
    code, out, _ = run("check", *SAFE, "--diff", str(path))
    assert out.endswith("-Rest with with with ice.\n+Rest with ice.\n")
    assert code == 1


def test_today_is_a_run_parameter(article_dir: Path) -> None:
    path = article_dir / "a.md"
    path.write_text("# Knee\n\nUpdated May 2024\n\nRest the knee.\n", encoding="utf-8")
    select = ("--select", "stale-review-date", "--no-cache")
    # "May 2024" reads as 1 May 2024: three years old on 1 May 2027, stale the day after.
    assert run("check", *select, "--today", "2027-05-01", str(path))[1] == (
        "Found 0 findings in 1 file.\n"
    )
    out = run("check", *select, "--today", "2027-05-02", str(path))[1]
    assert out.startswith(f"{path}:3:9: info [HL013] stale-review-date Last reviewed or updated")


def test_a_leap_day_is_an_ordinary_day(article_dir: Path) -> None:
    path = article_dir / "a.md"
    path.write_text("# Knee\n\nUpdated 28 February 2025\n\nRest the knee.\n", encoding="utf-8")
    select = ("--select", "stale-review-date", "--no-cache")
    assert run("check", *select, "--today", "2028-02-29", str(path))[1] == (
        "Found 0 findings in 1 file.\n"
    )
    out = run("check", *select, "--today", "2028-03-02", str(path))[1]
    assert out.startswith(f"{path}:3:9: info [HL013] stale-review-date")


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("date: 2023-02-30", "front matter: key date: day is out of range for month"),
        ("views: " + "9" * 100_000, "front matter: key views: a number too long to read"),
        ("tags: " + "[" * 5_000 + "]" * 5_000, "front matter: nested too deeply to read"),
        ("a: &x [1, 2]\nb: [*x, *x]", "front matter: YAML aliases (*name) are not allowed"),
        (
            "title: [unclosed",
            "front matter: not valid YAML (line 2): expected ',' or ']', but got '<stream end>'",
        ),
    ],
)
def test_broken_front_matter_is_an_error_for_its_file_only(
    article_dir: Path, front_matter: str, message: str
) -> None:
    (article_dir / "bad.md").write_text(f"---\n{front_matter}\n---\n# Knee\n", encoding="utf-8")
    (article_dir / "good.md").write_text("# Knee\n\nRest it.\n", encoding="utf-8")
    code, out, _ = run("check", "--select", "HL001", "--no-cache", str(article_dir))
    assert code == 2
    assert out.splitlines()[1:] == [
        f"{article_dir / 'bad.md'}: error {message}",
        "Found 1 finding in 1 file (1 warning); 1 file could not be linted.",
    ]


def test_fix_writes_through_a_symlink_and_keeps_hard_links_and_mode(article_dir: Path) -> None:
    target = article_dir / "real.md"
    target.write_text("Take ibuprofin.\n", encoding="utf-8")
    target.chmod(0o640)
    link = article_dir / "link.md"
    link.symlink_to(target)
    twin = article_dir.parent / "twin.md"
    os.link(target, twin)
    inode = target.stat().st_ino
    assert run("check", *SAFE, "--fix", "--no-cache", str(link))[0] == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "Take ibuprofen.\n"
    assert twin.read_text(encoding="utf-8") == "Take ibuprofen.\n"
    assert target.stat().st_ino == inode
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_fix_leaves_the_article_and_no_temporary_file(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = article_dir / "a.md"
    path.write_text("Take ibuprofin.\n", encoding="utf-8")

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, out, _ = run("check", *SAFE, "--fix", "--no-cache", str(path))
    assert code == 2
    assert out.splitlines()[0] == f"{path}: error cannot write the fixes: No space left on device"
    assert path.read_text(encoding="utf-8") == "Take ibuprofin.\n"
    assert sorted(p.name for p in article_dir.iterdir()) == ["a.md"]


def test_write_baseline_into_a_missing_folder_fails_before_the_lint(article_dir: Path) -> None:
    (article_dir / "a.md").write_text("Take ibuprofin.\n", encoding="utf-8")
    missing = article_dir / "no" / "baseline.json"
    assert run("check", "--write-baseline", str(missing), str(article_dir)) == (
        2,
        "",
        f"healthlint: {missing}: --write-baseline: no such folder\n",
    )
