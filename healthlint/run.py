"""The run: many files through the pipeline, in worker processes when there are enough of them,
with results read from the cache where they are there, handed on in the files' order as soon as
each is known, and nothing kept once handed on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ResultCache
from .config import Settings
from .errors import ConfigError, HealthlintError
from .findings import FileError, FileResult, Finding, display_path
from .linter import linter_for
from .loaders import read_bytes
from .pipeline import Job, Mode, run_job

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

# Below this many files per worker, starting workers costs more than it saves.
FILES_PER_WORKER = 4


@dataclass
class _Entry:
    """A file's place in the run: its job, or its cached findings' key, or its error."""

    path: Path
    job: Job | None = None
    key: str | None = None  # a cache hit's key
    error: FileResult | None = None


def _results(jobs: list[Job], workers: int) -> Iterator[FileResult]:
    """Runs the jobs in order, in worker processes when there are enough of them."""
    if workers <= 1 or len(jobs) < workers * FILES_PER_WORKER:
        yield from map(run_job, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    context = _pool_context()
    first = (jobs[0].settings, jobs[0].packs)
    if context.get_start_method() == "fork":
        # A forked worker starts with what its parent built: build it once, here.
        _build(*first)
    # Small chunks, so that no worker is left with a long tail while the other waits.
    chunk = max(1, len(jobs) // (workers * 32))
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=first
    ) as pool:
        try:
            yield from pool.map(run_job, jobs, chunksize=chunk)
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _pool_context() -> BaseContext:
    """The platform's default start method: fork does not exist on Windows, and macOS and newer
    Pythons start workers another way because forking a process with threads is unsafe."""
    from multiprocessing import get_context

    return get_context()


def _start_worker(settings: Settings, packs: tuple[Path, ...]) -> None:
    """A worker's start: the spaCy pipeline and the compiled rules built once, before its
    first file (a spawned worker starts empty); Ctrl-C is left to the coordinating process,
    so that workers leave quietly."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # a forked worker inherits the command line's start-up pause
    _build(settings, packs)


def _build(settings: Settings, packs: tuple[Path, ...]) -> None:
    # What stops the build is reported by run_job, with each file it stops.
    with suppress(Exception):
        linter_for(settings, packs)


def lint_stream(
    paths: Iterable[Path],
    settings_for: Callable[[Path], Settings],
    packs: tuple[Path, ...] = (),
    workers: int = 1,
    cache: ResultCache | None = None,
    today: dt.date | None = None,
    mode: Mode = Mode.report,
) -> Iterator[FileResult]:
    """Each file's result, in the order of ``paths`` whatever the number of workers.

    A file that fails becomes an error and the others go on; a broken configuration is
    reported once, for the first file it governs.
    """
    today = today or dt.date.today()
    # First the cheap part: settings and cache keys, so that the workers get only the files
    # that need linting. Cached findings are read back only when their turn comes.
    template = Job(Path(), Settings(), packs, today, mode, cache)
    entries = [_entry(path, settings_for, replace(template, path=path)) for path in paths]
    jobs = [entry.job for entry in entries if entry.job is not None and entry.key is None]
    results = _results(jobs, workers)
    reported: set[str] = set()  # configuration errors already reported
    for entry in entries:
        result = entry.error or _result(entry, results)
        if result.error is not None and result.config_error:
            if result.error.message in reported:
                continue
            reported.add(result.error.message)
        yield result
    next(results, None)  # let the workers' generator finish and the pool close in order
    if cache is not None:
        cache.tidy(today)


def _entry(path: Path, settings_for: Callable[[Path], Settings], template: Job) -> _Entry:
    """The file's job, or the cache key of its findings, or its error."""
    try:
        job = replace(template, settings=settings_for(path))
        cache = job.cache
        if cache is not None:
            key = cache.key(read_bytes(path), path.suffix, job.settings, job.packs, job.today)
            if cache.has(key) and (job.mode is Mode.report or not _fixable(cache, key, path)):
                return _Entry(path, job, key=key)
        return _Entry(path, job)
    except Exception as error:  # whatever stops one file stops that file only
        message = str(error) if isinstance(error, HealthlintError) else _internal(error)
        failed = FileError(path=display_path(path), message=message)
        is_config = isinstance(error, ConfigError)
        return _Entry(path, error=FileResult(failed.path, error=failed, config_error=is_config))


def _result(entry: _Entry, results: Iterator[FileResult]) -> FileResult:
    job = entry.job
    assert job is not None
    if entry.key is None:
        return next(results)
    cached = job.cache.get(entry.key, display_path(entry.path)) if job.cache else None
    if cached is not None:
        return FileResult(display_path(entry.path), cached, fail_on=job.settings.fail_on)
    return run_job(job)  # the entry went bad since it was found: lint the file here


def _fixable(cache: ResultCache, key: str, path: Path) -> bool:
    """Whether the cached findings hold a fix (then --fix and --diff need the file linted)."""
    cached = cache.get(key, display_path(path))
    return cached is None or any(finding.fix is not None for finding in cached)


def collect(results: Iterable[FileResult]) -> tuple[int, list[Finding], list[FileError]]:
    """A whole run at once: the files linted, their findings, the files that failed."""
    findings: list[Finding] = []
    errors: list[FileError] = []
    linted = 0
    for result in results:
        if result.error is not None:
            errors.append(result.error)
        else:
            findings.extend(result.findings)
            linted += 1
    return linted, findings, errors


def _internal(error: Exception) -> str:
    return f"internal error ({type(error).__name__}: {error}); please report it"
