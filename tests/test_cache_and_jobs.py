"""The result cache and worker processes: same findings, less work."""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import healthlint.linter
import healthlint.run
from healthlint.cli import main
from healthlint.config import Settings
from healthlint.pipeline import Job, run_job

ARTICLE = "# Knee {n}\n\nAbout {n}0% of runners hurt a knee. Take ibuprofin with with food.\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out, err=io.StringIO()), out.getvalue()


def write_articles(folder: Path, count: int) -> None:
    for n in range(count):
        (folder / f"a{n:02}.md").write_text(ARTICLE.format(n=n), encoding="utf-8")


def test_two_workers_give_the_same_report_as_one(article_dir: Path) -> None:
    write_articles(article_dir, 12)
    one = run("check", "--no-cache", "--jobs", "1", "--format", "json", str(article_dir))
    two = run("check", "--no-cache", "--jobs", "2", "--format", "json", str(article_dir))
    assert one == two
    assert one[1].count('"rule": "medical-misspelling"') == 12


def linters_built() -> tuple[int, int]:
    """In a worker: its process id and how many compiled linters it holds."""
    return os.getpid(), len(healthlint.linter._LINTERS)


def test_a_spawned_worker_builds_the_rules_once_and_gives_the_same_results(
    article_dir: Path,
) -> None:
    # spawn is the start method of Windows (the only one) and macOS: a worker starts empty.
    write_articles(article_dir, 4)
    settings = Settings()
    jobs = [Job(path, settings) for path in sorted(article_dir.iterdir())]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        2, mp_context=context, initializer=healthlint.run._start_worker, initargs=(settings, ())
    ) as pool:
        before = {pool.submit(linters_built).result() for _ in range(4)}
        results = list(pool.map(run_job, jobs))
        after = {pool.submit(linters_built).result() for _ in range(4)}
    assert {built for _, built in before} == {1}  # built by the initializer, not by a file
    assert {built for _, built in after} == {1}  # and never again
    assert results == [run_job(job) for job in jobs]
    assert all(any(f.rule == "medical-misspelling" for f in r.findings) for r in results)


def test_cached_run_reads_results_back_without_importing_spacy(
    article_dir: Path, tmp_path: Path
) -> None:
    write_articles(article_dir, 3)
    cache = tmp_path / "cache"
    first = run("check", "--cache-dir", str(cache), "--format", "json", str(article_dir))
    assert len(list(cache.rglob("*.json"))) == 3
    command = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "healthlint",
        "check",
        "--cache-dir",
        str(cache),
        "--format",
        "json",
        str(article_dir),
    ]
    second = subprocess.run(command, capture_output=True, text=True)
    assert (second.returncode, second.stdout) == first
    assert "spacy" not in second.stderr  # -X importtime lists every module imported


def test_changed_settings_or_content_miss_the_cache(article_dir: Path, tmp_path: Path) -> None:
    write_articles(article_dir, 2)
    cache = tmp_path / "cache"
    run("check", "--cache-dir", str(cache), str(article_dir))
    run("check", "--cache-dir", str(cache), "--ignore", "HL001", str(article_dir))
    assert len(list(cache.rglob("*.json"))) == 4
    (article_dir / "a00.md").write_text("# Knee\n\nRest.\n", encoding="utf-8")
    code, out = run("check", "--cache-dir", str(cache), "--select", "HL004", str(article_dir))
    assert out.splitlines()[-1] == "Found 1 finding in 2 files (1 warning)."


@pytest.mark.parametrize("entry", ["[]", "{}", "null", '{"key": "x", "findings": []}', '{"key'])
def test_a_tampered_cache_entry_is_a_miss_not_a_clean_file(
    article_dir: Path, tmp_path: Path, entry: str
) -> None:
    write_articles(article_dir, 1)
    cache = tmp_path / "cache"
    first = run("check", "--cache-dir", str(cache), "--select", "HL004", str(article_dir))
    assert first[0] == 1
    for stored in cache.rglob("*.json"):
        stored.write_text(entry, encoding="utf-8")
    assert run("check", "--cache-dir", str(cache), "--select", "HL004", str(article_dir)) == first
