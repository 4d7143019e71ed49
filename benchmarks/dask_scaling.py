"""Throughput of healthlint.cluster (the healthlint[dask] extra) with one and two Dask workers.

    python benchmarks/dask_scaling.py [CORPUS] [--runs 3]

Lints every article of the reference corpus (CORPUS defaults to ../shared/corpus beside the
repository; .md and .txt files, as benchmarks/performance.py finds them) as a Dask bag on a
``distributed`` LocalCluster of one worker process, then of two (one thread each: the work holds
the GIL), the files read by the workers. Each cluster first lints the corpus once untimed, so
that every worker has built its pipeline and the files are in the page cache; then the median of
``runs`` timed runs. A plain loop over ``lint_text`` in this process, timed the same way, gives
the findings both clusters must reproduce exactly, and a row without Dask for comparison.

Prints a Markdown table. ``measure(paths)`` returns the numbers, for benchmarks/performance.py.
Nothing here is a test: timings depend on the machine, and on what else runs on it (the load
average before and after the run is reported; under 0.5 before means the machine was quiet).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 24)  # a fixed day, so that every run's findings are comparable
PARTITIONS = 64  # about 28 articles each: enough for two workers to finish together


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt"))
    return [p for p in files if p.name != "README.md"]


def _median_run(runs: int, run: Callable[[], list[dict[str, Any]]]) -> tuple[float, list]:
    """Median wall seconds of ``runs`` calls, and the last call's findings."""
    seconds, found = [], []
    for _ in range(runs):
        started = time.perf_counter()
        found = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), found


def measure(
    paths: Sequence[str | Path],
    runs: int = 3,
    workers: Sequence[int] = (1, 2),
    npartitions: int = PARTITIONS,
) -> dict[str, Any]:
    """Seconds (median of ``runs``), articles per second and speed-up over one worker for each
    cluster size in ``workers``, and whether each cluster's findings equal a local run's."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from healthlint import lint_text
    from healthlint.cluster import lint_bag

    names = [str(path) for path in paths]
    load_before = os.getloadavg()[0]

    def read(path: str) -> tuple[str, str]:  # on the workers, as an archive's nodes would
        return path, Path(path).read_text(encoding="utf-8")

    def local() -> list[dict[str, Any]]:
        return [
            finding.model_dump(mode="json")
            for path, text in map(read, names)
            for finding in lint_text(text, path=path, today=TODAY)
        ]

    local()  # builds this process's pipeline, untimed as the workers' are
    local_seconds, expected = _median_run(runs, local)
    rows = []
    for count in workers:
        with (
            LocalCluster(
                n_workers=count, processes=True, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster),
        ):
            bag = db.from_sequence(names, npartitions=npartitions).map(read)

            def on_cluster(bag=bag) -> list[dict[str, Any]]:
                return lint_bag(bag, today=TODAY).compute()

            on_cluster()  # every worker builds its pipeline
            seconds, found = _median_run(runs, on_cluster)
        rows.append(
            {
                "workers": count,
                "seconds": seconds,
                "articles_per_second": len(names) / seconds,
                "identical": found == expected,
            }
        )
    load_after = os.getloadavg()[0]
    for row in rows:
        row["speed_up"] = rows[0]["seconds"] / row["seconds"]
    return {
        "articles": len(names),
        "findings": len(expected),
        "runs": runs,
        "npartitions": npartitions,
        "load_before": load_before,
        "load_after": load_after,  # includes this run's own processes
        "local_seconds": local_seconds,
        "rows": rows,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} articles, {result['findings']:,} findings; median of "
        f"{result['runs']} runs; {result['npartitions']} partitions; one-minute load average "
        f"{result['load_before']:.2f} before, {result['load_after']:.2f} after (with its own).",
        "",
        "| workers | seconds | articles/s | speed-up | findings equal a local run |",
        "|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['workers']} | {row['seconds']:.2f} | {row['articles_per_second']:.0f} "
            f"| {row['speed_up']:.2f}x | {'yes' if row['identical'] else 'NO'} |"
        )
    local = result["local_seconds"]
    lines.append(
        f"| none (a `lint_text` loop in one process) | {local:.2f} "
        f"| {result['articles'] / local:.0f} | — | (the reference) |"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    if not files:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 2
    result = measure(files, args.runs)
    print(table(result))
    return 0 if all(row["identical"] for row in result["rows"]) else 1


if __name__ == "__main__":  # worker processes are spawned: they must not run this again
    raise SystemExit(main())
