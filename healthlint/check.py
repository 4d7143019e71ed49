"""``healthlint check``: the plan's files (and standard input) through the run, and each file's
result, in one loop, to the sink the plan's mode asks for (reporting.py).

Exit codes (errors.Exit): 0 no findings at or above the failure level; 1 findings (or, with
--diff, changes to make); 2 a usage, configuration or input error, reported after every other
file was linted, or no articles found in CI; 130 interrupted.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import TextIO

from .cache import ResultCache
from .config import Settings
from .discover import discover
from .errors import ConfigError, Exit
from .findings import FileError, FileResult, display_path
from .linter import check_rule_names, linter_for
from .loaders import SUFFIXES
from .packs import load_rules
from .pipeline import Job, run_job
from .plan import Plan
from .reporting import sink_for
from .run import lint_stream

# Fewer files than this finish before a progress bar would be worth drawing.
PROGRESS_MIN_FILES = 20
STDIN = "-"


def run_check(plan: Plan, out: TextIO, err: TextIO) -> int:
    _check_before_linting(plan)
    named = [p for p in plan.paths if p != STDIN]
    checked = [(p, _problem(p)) for p in named]
    errors = [FileError(path=display_path(p), message=m) for p, m in checked if m is not None]
    readable = [p for p, problem in checked if problem is None]
    # Sorted by name, so that streamed output comes in the order a sorted report would have.
    found = discover(readable, plan.fixed_settings, plan.force_exclude)
    paths = sorted(set(found), key=str)
    sink = sink_for(plan, out, err)
    cache = ResultCache(plan.cache_dir) if plan.cache_dir is not None else None
    results: Iterator[FileResult] = lint_stream(
        paths, plan.settings_for, plan.packs, plan.workers, cache, plan.today, plan.mode
    )
    if plan.stdin is not None:
        results = chain([_lint_stdin(plan)], results)
    files = 0
    for result in _progress(results, len(paths), err):
        gc.enable()  # start-up is over (cli.py paused the collector for it)
        if result.error is not None:
            errors.append(result.error)
        else:
            files += 1
            sink.take(result)
    sink.finish(files, errors)
    if errors:
        return Exit.ERROR
    # Only a folder that holds no articles is suspect: files named one by one (pre-commit's way)
    # that the configuration excludes were left out on purpose.
    if not files and plan.stdin is None and any(os.path.isdir(p) for p in plan.paths):
        where = ", ".join(plan.paths)
        err.write(f"healthlint: warning: no articles found in {where}\n")
        if os.environ.get("CI") and not plan.allow_empty:
            return Exit.ERROR  # a CI job that lints nothing is broken, not clean
    return sink.exit_code()


def _check_before_linting(plan: Plan) -> None:
    """Mistakes of the command line itself, said before any file is read."""
    if plan.write_baseline is not None and not plan.write_baseline.parent.is_dir():
        raise ConfigError(f"{plan.write_baseline}: --write-baseline: no such folder")
    if plan.output_file is not None and not plan.output_file.parent.is_dir():
        raise ConfigError(f"{plan.output_file}: --output-file: no such folder")
    if plan.packs:
        linter_for(Settings(), plan.packs)  # a broken pack stops the run before any file
    rules = load_rules(_all_packs(plan))
    check_rule_names("--select", plan.select or (), rules)
    check_rule_names("--ignore", plan.ignore or (), rules)
    if STDIN in plan.paths and plan.stdin_filename is None and len(plan.paths) > 1:
        raise ConfigError("-: give --stdin-filename to lint standard input beside other paths")


def _all_packs(plan: Plan) -> tuple[Path, ...]:
    """The command line's packs and those of the configurations governing the named paths:
    the rules a --select may name."""
    folders = {Path(p) if os.path.isdir(p) else Path(p).parent for p in plan.paths if p != STDIN}
    packs = list(plan.packs)
    for folder in sorted(folders):
        try:
            settings = plan.settings_for(folder / "_")  # the configuration of that folder
        except ConfigError:
            continue  # reported with the files it governs
        packs += [Path(pack) for pack in settings.packs if Path(pack) not in packs]
    return tuple(packs)


def _problem(path: str) -> str | None:
    """Why a path named on the command line cannot be linted, or None."""
    if not os.path.lexists(path):  # a dangling or looping symlink is read, to say which
        return "no such file or directory"
    if os.path.isfile(path) and Path(path).suffix.lower() not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        return f"not an article: healthlint reads {known}"
    return None


def _lint_stdin(plan: Plan) -> FileResult:
    path = Path(plan.stdin_filename or STDIN)
    settings = plan.settings_for(path)
    return run_job(Job(path, settings, plan.packs, plan.today, plan.mode, None, plan.stdin))


def _progress(results: Iterator[FileResult], total: int, err: TextIO) -> Iterator[FileResult]:
    """A progress bar on a terminal's standard error for long runs; nothing in CI logs."""
    if total < PROGRESS_MIN_FILES or not err.isatty() or err is not sys.stderr:
        yield from results
        return
    from rich.console import Console
    from rich.progress import track

    console = Console(stderr=True)  # never between the findings on standard output
    yield from track(results, total=total, description="Linting", transient=True, console=console)
