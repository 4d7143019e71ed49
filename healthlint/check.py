"""``healthlint check``: the plan's files through the run, and each file's result, in one loop, to
the sink the plan's mode asks for: the report (baseline and severity filters, then the writer),
the diff of the fixes, or a new baseline.

Exit codes (errors.Exit): 0 no findings at or above the failure level; 1 findings (or, with
--diff, changes to make); 2 a usage, configuration or input error, reported after every other
file was linted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .baseline import load_baseline, new_findings, write_baseline
from .cache import ResultCache
from .config import Settings
from .discover import discover
from .errors import ConfigError, Exit
from .findings import FileError, FileResult, Finding, Severity, Tally, display_path
from .formatters import WRITERS, OutputOptions
from .linter import linter_for
from .packs import load_rules
from .plan import Plan
from .run import lint_stream
from .version import __version__

DEFAULT_FAIL_ON = Severity.warning
# Fewer files than this finish before a progress bar would be worth drawing.
PROGRESS_MIN_FILES = 20


def run_check(plan: Plan, out: TextIO, err: TextIO) -> int:
    if plan.write_baseline is not None and not plan.write_baseline.parent.is_dir():
        # Said before the lint, not after it.
        raise ConfigError(f"{plan.write_baseline}: --write-baseline: no such folder")
    if plan.packs:
        linter_for(Settings(), plan.packs)  # a broken pack stops the run before any file is read
    # A path that does not exist is an error in every format, listed before the files' own.
    missing = [
        FileError(path=display_path(p), message="no such file or directory")
        for p in plan.paths
        if not os.path.lexists(p)  # a dangling or looping symlink is read, to say which
    ]
    # Sorted by name, so that streamed output comes in the order a sorted report would have.
    found = discover(
        (p for p in plan.paths if os.path.lexists(p)), plan.fixed_settings, plan.force_exclude
    )
    paths = sorted(set(found), key=str)
    sink = _sink(plan, out, err)
    cache = ResultCache(plan.cache_dir) if plan.cache_dir is not None else None
    results = lint_stream(
        paths, plan.settings_for, plan.packs, plan.workers, cache, plan.today, plan.mode
    )
    files, errors = 0, list(missing)
    for result in _progress(results, len(paths), err):
        if result.error is not None:
            errors.append(result.error)
        else:
            files += 1
            sink.take(result)
    sink.finish(files, errors)
    return Exit.ERROR if errors else sink.exit_code()


class _Report:
    """The default: each file's findings, less those in the baseline and below the display
    level, to the writer as they come."""

    def __init__(self, plan: Plan, out: TextIO) -> None:
        self.plan = plan
        self.baseline = load_baseline(plan.baseline) if plan.baseline else None
        name = "statistics" if plan.statistics else plan.format
        if name == "auto":
            name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        options = OutputOptions(_use_color(plan.color, out), load_rules(plan.packs))
        self.writer = WRITERS[name](out, options)
        self.writer.begin(__version__)
        self.floor = plan.min_severity.rank if plan.min_severity else 0
        self.shown, self.failing = Tally(), False

    def take(self, result: FileResult) -> None:
        findings = result.findings
        if self.baseline is not None:
            findings = new_findings(findings, self.baseline, self.plan.baseline)  # type: ignore[arg-type]
        self.failing = self.failing or _fails(findings, self.plan.fail_on, result)
        # --min-severity hides findings; the exit code still counts them all.
        shown = [f for f in findings if f.severity.rank >= self.floor]
        shown.sort(key=Finding.sort_key)
        self.shown.add(shown)
        self.writer.findings(shown)

    def finish(self, files: int, errors: list[FileError]) -> None:
        self.writer.end(self.shown.summary(files, len(errors)), errors)

    def exit_code(self) -> int:
        return Exit.FINDINGS if self.failing else Exit.OK


class _Diff:
    """--diff: the fixes each file would get, as a unified diff; nothing is written."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err, self.changed = out, err, False

    def take(self, result: FileResult) -> None:
        self.out.write(result.diff)
        self.changed = self.changed or bool(result.diff)

    def finish(self, files: int, errors: list[FileError]) -> None:
        _print_errors(errors, self.err)

    def exit_code(self) -> int:
        return Exit.FINDINGS if self.changed else Exit.OK


class _Record:
    """--write-baseline: every finding of every file, recorded in the baseline at the end."""

    def __init__(self, path: Path, err: TextIO) -> None:
        self.path, self.err, self.findings = path, err, []
        self.failed = False

    def take(self, result: FileResult) -> None:
        self.findings.extend(result.findings)

    def finish(self, files: int, errors: list[FileError]) -> None:
        _print_errors(errors, self.err)
        try:
            count = write_baseline(self.path, self.findings)
        except OSError as error:
            self.failed = True
            why = error.strerror or error
            self.err.write(f"healthlint: {self.path}: cannot write the baseline: {why}\n")
            return
        self.err.write(f"healthlint: wrote {count} findings to {self.path}\n")

    def exit_code(self) -> int:
        return Exit.ERROR if self.failed else Exit.OK


def _sink(plan: Plan, out: TextIO, err: TextIO) -> _Report | _Diff | _Record:
    if plan.diff:
        return _Diff(out, err)
    if plan.write_baseline is not None:
        return _Record(plan.write_baseline, err)
    return _Report(plan, out)


def _print_errors(errors: list[FileError], err: TextIO) -> None:
    for error in errors:
        err.write(f"healthlint: {error.path}: {error.message}\n")


def _fails(findings: list[Finding], fail_on: str | None, result: FileResult) -> bool:
    if fail_on == "never":
        return False
    level = Severity(fail_on or result.fail_on or DEFAULT_FAIL_ON)
    return any(finding.severity.rank >= level.rank for finding in findings)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def _progress(results: Iterator[FileResult], total: int, err: TextIO) -> Iterator[FileResult]:
    """A progress bar on a terminal's standard error for long runs; nothing in CI logs."""
    if total < PROGRESS_MIN_FILES or not err.isatty() or err is not sys.stderr:
        yield from results
        return
    from rich.progress import track

    yield from track(results, total=total, description="Linting", transient=True, console=None)
