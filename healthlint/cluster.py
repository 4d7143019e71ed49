"""Linting an archive on a Dask cluster: the optional extra ``pip install "healthlint[dask]"``.

A Dask bag of article records goes in, a bag of finding records comes out, linted by the
workers of the ``distributed`` Client the caller made (or any Dask scheduler)::

    import dask.bag as db
    from dask.distributed import Client
    from healthlint.cluster import lint_bag

    client = Client("tcp://scheduler:8786")
    articles = db.from_sequence(records, npartitions=64)  # (path, text) pairs
    findings = lint_bag(articles).compute()

A record is a ``(path, text)`` pair or a mapping with ``"path"`` and ``"text"`` keys (what
``json.loads`` gives for a line of a database export, or ``DataFrame.to_bag(format="dict")``);
the path's suffix picks the format, as for ``healthlint.lint_text``.

Each worker process builds the pipeline (spaCy tokenizer, compiled rules) once, when its first
partition arrives, and keeps it for every later partition with the same settings: the cache is
``healthlint.linter.linter_for``'s, which lives as long as the process. ``worker_stats`` counts
what a process built and linted (``client.run(worker_stats)`` asks every worker).

Nothing here is imported by ``import healthlint`` or by the command line: dask stays out of
their start-up.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .config import Settings
from .linter import Linter, linter_for
from .loaders import load
from .loaders.source import from_text
from .nlp import get_nlp
from .pipeline import lint_article

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["ROW_META", "as_row", "lint_bag", "lint_partition", "worker_stats"]

# The columns of a finding as a table row (``as_row``) and their dtypes, for
# ``findings.map(as_row).to_dataframe(meta=ROW_META)``: with meta given, Dask need not lint a
# partition twice to guess them, and Parquet gets string columns, not untyped objects.
ROW_META: dict[str, str] = {
    "path": "string",
    "line": "int64",
    "column": "int64",
    "end_line": "int64",
    "end_column": "int64",
    "rule": "string",
    "code": "string",
    "severity": "string",
    "message": "string",
    "suggestion": "string",
    "fix": "string",
    "fingerprint": "string",
}

# One partition at a time per process: the pipeline is not written for use from several
# threads at once (spaCy's tokenizer, for one, fills a cache as it goes), and the work holds
# the GIL, so a second thread would not run in parallel anyway: give workers one thread each.
_LOCK = threading.Lock()
# What this process has used, for worker_stats: the distinct pipelines (kept, so that a rebuilt
# one can never reuse a freed object's id), partitions and records.
_PIPELINES: list[Linter] = []
_COUNTS = {"partitions": 0, "records": 0}


def _pipeline(settings: Settings) -> Linter:
    linter = linter_for(settings)  # built on the first call in this process, then cached
    if not any(linter is seen for seen in _PIPELINES):
        _PIPELINES.append(linter)
    return linter


def _unpack(record: Any) -> tuple[str, str]:
    """A record's path and text: a (path, text) pair or a mapping with those keys."""
    if isinstance(record, Mapping):
        path, text = record["path"], record["text"]
    else:
        path, text = record
    path = os.fspath(path)
    if not isinstance(text, str):
        raise TypeError(
            f"{path}: the article's text must be str, not {type(text).__name__}"
            " (decode bytes first; leave out records with no text)"
        )
    return path, text


def lint_partition(
    records: Iterable[Any], settings: Settings | None = None, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """The finding records of every article in ``records``, article by article in their order,
    each article's findings sorted as ``lint_text`` sorts them. This is what a worker runs on
    one partition (``Bag.map_partitions``); it also works in a plain process.

    Each finding is ``Finding.model_dump(mode="json")``, a dict of str, int and None (``fix``
    a one-key dict), rather than the Finding model: a dict pickles in a quarter of the time and
    about three quarters of the bytes, needs no healthlint to be read on the client, and goes
    straight to ``json.dumps`` (and through ``as_row`` to a data frame).
    ``Finding.model_validate(record)`` gives back the model, equal to ``lint_text``'s.

    ``settings`` (default: ``Settings()``, as ``lint_text``) choose rules, options, severities
    and packs; a pack's path must be readable where the partition runs. ``today`` is the date
    stale-review-date compares with (default: today)."""
    settings = settings or Settings()
    findings: list[dict[str, Any]] = []
    with _LOCK:
        linter = _pipeline(settings)
        count = 0
        for record in records:
            path, text = _unpack(record)
            article = load(path, from_text(text).text)
            findings += (f.model_dump(mode="json") for f in lint_article(article, linter, today))
            count += 1
        _COUNTS["partitions"] += 1
        _COUNTS["records"] += count
    return findings


def lint_bag(bag: Bag, settings: Settings | None = None, today: dt.date | None = None) -> Bag:
    """A bag of the finding records of every article in ``bag`` (see ``lint_partition`` for the
    records and the arguments), one partition of findings per partition of articles, in order.
    Nothing runs until the result is computed, on whatever scheduler is current: the
    ``distributed`` Client made last, or the one given to ``compute(scheduler=client)``.

    ``today`` defaults to the caller's today, fixed here, so that every partition compares with
    the same day however long the run takes. Articles with no findings add nothing."""
    today = today or dt.date.today()
    return bag.map_partitions(lint_partition, settings or Settings(), today)


def as_row(finding: dict[str, Any]) -> dict[str, Any]:
    """A finding record as a flat table row: ``fix`` becomes its replacement text (or None), so
    that every column holds one type (``ROW_META``'s) and Parquet can store it."""
    fix = finding.get("fix")
    return {**finding, "fix": fix["replacement"] if fix else None}


def worker_stats() -> dict[str, int]:
    """What this process has done: its id, the pipelines (compiled rule sets) it built, the
    times it built spaCy's tokenizer, and the partitions and records it linted. On a cluster,
    ``client.run(worker_stats)`` gives each worker's; one pipeline per distinct settings, however
    many partitions, is the cache working."""
    return {
        "pid": os.getpid(),
        "pipelines": len(_PIPELINES),
        "tokenizers": get_nlp.cache_info().misses,
        **_COUNTS,
    }
