"""The optional extra healthlint[dask]: a bag of articles linted on a local cluster of worker
processes gives exactly the findings of a local lint_text run, each worker builds the pipeline
once, and neither `import healthlint` nor a single-file run imports dask."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import dask.bag as db
import pytest
from distributed import Client, LocalCluster

from healthlint import lint_text
from healthlint.cluster import ROW_META, as_row, lint_bag, lint_partition, worker_stats
from healthlint.config import Settings
from healthlint.findings import Finding

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)
# Our own articles: the examples, the evaluation set and the rule fixtures (every format, front
# matter, suppressions, fixes), read as the records of an archive.
ARTICLES = sorted(
    path
    for folder in ("examples", "eval/articles", "tests/fixtures")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".md", ".html", ".txt") and path.name != "README.md"
)
RECORDS = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in ARTICLES]


def local_run(records, settings: Settings | None = None, today=TODAY) -> list[dict]:
    return [
        finding.model_dump(mode="json")
        for path, text in records
        for finding in lint_text(text, path=path, settings=settings, today=today)
    ]


def _count_linter_builds() -> None:
    """Run on each worker: count every Linter built in the process, whatever builds it, so the
    test does not rest on the module's own counter alone."""
    from healthlint import linter

    if getattr(linter.Linter, "builds", None) is None:
        build = linter.Linter.__init__

        def counted(self, *args, **kwargs):
            linter.Linter.builds += 1
            build(self, *args, **kwargs)

        linter.Linter.builds = 0
        linter.Linter.__init__ = counted


def _linter_builds() -> int:
    from healthlint import linter

    return linter.Linter.builds


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_count_linter_builds)
        yield client


def test_the_articles_cover_every_format() -> None:
    assert {path.suffix for path in ARTICLES} == {".md", ".html", ".txt"}
    assert len(RECORDS) > 150


@pytest.mark.slow
def test_cluster_findings_equal_a_local_run(client: Client) -> None:
    bag = db.from_sequence(RECORDS, npartitions=8)
    found = lint_bag(bag, today=TODAY).compute()
    expected = local_run(RECORDS)
    assert len(expected) > 500
    # Finding by finding, as a reader compares them; then every field.
    key = ("path", "rule", "line", "column", "message")
    assert [tuple(f[k] for k in key) for f in found] == [tuple(f[k] for k in key) for f in expected]
    assert found == expected
    # The records are the models lint_text returns.
    models = [f for path, text in RECORDS for f in lint_text(text, path=path, today=TODAY)]
    assert [Finding.model_validate(record) for record in found] == models


@pytest.mark.slow
def test_each_worker_builds_the_pipeline_once(client: Client) -> None:
    before = client.run(worker_stats)
    builds_before = client.run(_linter_builds)
    bag = db.from_sequence(RECORDS, npartitions=12)
    lint_bag(bag, today=TODAY).compute()
    after = client.run(worker_stats)
    builds_after = client.run(_linter_builds)
    partitions = {w: after[w]["partitions"] - before[w]["partitions"] for w in after}
    assert sum(partitions.values()) == bag.npartitions > len(after)
    assert sum(after[w]["records"] - before[w]["records"] for w in after) == len(RECORDS)
    for worker, stats in after.items():
        # One compiled rule set and one tokenizer per process, however many partitions it ran.
        assert builds_after[worker] - builds_before[worker] <= 1, (worker, partitions)
        assert stats["pipelines"] == builds_after[worker]
        assert stats["tokenizers"] == (1 if stats["partitions"] else 0)
    assert max(partitions.values()) >= 2  # some worker reused its pipeline


@pytest.mark.slow
def test_settings_and_today_reach_the_workers(client: Client) -> None:
    settings = Settings(select=("stale-review-date", "HL002"), severity={"HL002": "error"})
    records = RECORDS[:60]
    for today in (dt.date(2024, 1, 1), dt.date(2031, 1, 1)):
        bag = db.from_sequence(records, npartitions=4)
        found = lint_bag(bag, settings, today).compute()
        assert found == local_run(records, settings, today)
        assert {f["rule"] for f in found} <= {"stale-review-date", "unsourced-statistic"}
        assert {f["severity"] for f in found if f["rule"] == "unsourced-statistic"} == {"error"}
    # Seven years on, more reviews are stale than in 2024.
    stale = [
        sum(f["rule"] == "stale-review-date" for f in lint_bag(bag, settings, day).compute())
        for day in (dt.date(2024, 1, 1), dt.date(2031, 1, 1))
    ]
    assert stale[0] < stale[1]


def test_the_synchronous_scheduler_gives_the_same_findings() -> None:
    records = RECORDS[::7]
    with dask.config.set(scheduler="sync"):
        assert lint_bag(db.from_sequence(records, npartitions=3), today=TODAY).compute() == (
            local_run(records)
        )


def test_records_may_be_mappings_from_an_export() -> None:
    records = RECORDS[:10]
    rows = [{"path": path, "text": text, "id": n} for n, (path, text) in enumerate(records)]
    assert lint_partition(rows, today=TODAY) == local_run(records)
    assert lint_partition([], today=TODAY) == []


def test_a_record_without_text_names_its_path() -> None:
    with pytest.raises(TypeError, match=r"^drafts/empty\.md: .* not NoneType"):
        lint_partition([("drafts/empty.md", None)])
    with pytest.raises(TypeError, match="decode bytes first"):
        lint_partition([{"path": "post.md", "text": b"Hello"}])


def test_a_finding_becomes_a_flat_row_of_the_declared_columns() -> None:
    findings = local_run(RECORDS[:40])
    rows = [as_row(finding) for finding in findings]
    assert all(list(row) == list(ROW_META) == list(Finding.model_fields) for row in rows)
    fixed = [(f, row) for f, row in zip(findings, rows, strict=True) if f["fix"]]
    assert fixed and all(row["fix"] == f["fix"]["replacement"] for f, row in fixed)
    for row in rows:  # each column holds the one type ROW_META declares (None: missing)
        for name, dtype in ROW_META.items():
            assert row[name] is None or isinstance(row[name], int if dtype == "int64" else str)


def test_a_single_file_run_does_not_import_dask() -> None:
    command = [sys.executable, "-X", "importtime", "-m", "healthlint", "check", "--no-cache"]
    done = subprocess.run(
        [*command, "examples/failed-back-surgery.md"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 1, done.stderr[-2000:]  # the example has findings
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "spacy" in imported  # the import log is there, and the run linted
    tops = {name.split(".")[0] for name in imported}
    assert not tops & {"dask", "distributed"} and "healthlint.cluster" not in imported
    # Nor does the package, nor does the module itself (it needs dask only when given a bag).
    code = "import sys, healthlint.cluster; print({'dask', 'distributed'} & set(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout == "set()\n", done.stderr[-2000:]
