"""``healthlint check``: lint, then fix, baseline, filter and print.

Exit codes: 0 no findings at or above the failure level; 1 findings (or, with --diff, changes
to make); 2 a usage, configuration or input error, reported after every other file was linted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from . import __version__
from .baseline import load_baseline, new_findings, write_baseline
from .cache import CACHE_DIR_NAME, ResultCache
from .config import Settings, effective_settings, load_config_file
from .engine import DEFAULT_FAIL_ON, Result, _linter, discover, lint_file, lint_stream
from .errors import HealthlintError
from .findings import FileError, Finding, Severity, Summary, Tally
from .fixes import fixed_text, read_original, unified_diff, write_atomically
from .formatters import WRITERS, OutputOptions, Writer
from .rulepack import load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Fixes can uncover fixes ("with with with"); a few rounds reach the end.
MAX_FIX_ROUNDS = 5
# Fewer files than this finish before a progress bar would be worth drawing.
PROGRESS_MIN_FILES = 20


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    overrides = {"select": args.select, "ignore": args.ignore}
    fixed: Settings | None = None
    if args.config is not None:
        fixed = load_config_file(args.config)

    def settings_for(path: Path) -> Settings:
        return effective_settings(path, fixed, **overrides)

    missing = [p for p in args.paths if not Path(p).exists()]
    # Sorted by name, so that streamed output comes in the order a sorted report would have.
    paths = sorted(set(discover(p for p in args.paths if Path(p).exists())), key=str)
    packs = tuple(path.resolve() for path in args.pack)
    if packs:
        _linter(Settings(), packs)  # a broken pack stops the run before any file is read
    baseline = load_baseline(args.baseline) if args.baseline else None
    cache = None if args.no_cache else ResultCache(args.cache_dir or Path(CACHE_DIR_NAME))
    workers = args.jobs or os.cpu_count() or 1
    results = lint_stream(paths, settings_for, packs, workers=workers, cache=cache)

    if args.diff or args.write_baseline:
        return _diff_or_baseline(
            args, _progress(results, len(paths), err), packs, out, err, missing
        )
    return _report(args, _progress(results, len(paths), err), baseline, packs, out, err, missing)


def _report(
    args: argparse.Namespace,
    results: Iterator[Result],
    baseline: Counter | None,
    packs: tuple[Path, ...],
    out: TextIO,
    err: TextIO,
    missing: list[str],
) -> int:
    """Fixes (with --fix), filters and writes each file's findings as they come."""
    writer = None if args.statistics else _writer(args, packs, out)
    if writer is not None:
        writer.begin(__version__)
    floor = Severity(args.min_severity).rank if args.min_severity else 0
    shown, failing, files, errors = Tally(), False, 0, []
    for path, result, settings in results:
        if isinstance(result, FileError) or settings is None:  # findings come with settings
            errors.append(result)  # type: ignore[arg-type]
            continue
        findings = _fix(path, result, settings, packs) if args.fix else result
        if isinstance(findings, FileError):
            errors.append(findings)
            continue
        files += 1
        if baseline is not None:
            findings = new_findings(findings, baseline, args.baseline)
        failing = failing or _fails(findings, args.fail_on, settings)
        # --min-severity hides findings; the exit code still counts them all.
        findings = sorted((f for f in findings if f.severity.rank >= floor), key=Finding.sort_key)
        shown.add(findings)
        if writer is not None:
            writer.findings(findings)
    summary = shown.summary(files, len(errors))
    if writer is not None:
        writer.end(summary, errors)
    else:
        _print_statistics(summary, shown.codes, out)
    for path in missing:
        err.write(f"healthlint: {path}: no such file or directory\n")
    if errors or missing:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_OK


def _diff_or_baseline(
    args: argparse.Namespace,
    results: Iterator[Result],
    packs: tuple[Path, ...],
    out: TextIO,
    err: TextIO,
    missing: list[str],
) -> int:
    """--diff prints each file's safe fixes; --write-baseline records every finding."""
    kept: list[Finding] = []
    errors: list[FileError] = []
    changed = False
    for path, result, settings in results:
        if isinstance(result, FileError) or settings is None:  # findings come with settings
            errors.append(result)  # type: ignore[arg-type]
        elif args.diff:
            changed = _show_diff(path, result, out) or changed
        else:
            found = _fix(path, result, settings, packs) if args.fix else result
            if isinstance(found, FileError):
                errors.append(found)
            else:
                kept.extend(found)  # a baseline records every finding: it needs them all
    if args.diff:
        return EXIT_FINDINGS if changed else EXIT_OK
    count = write_baseline(args.write_baseline, kept)
    err.write(f"healthlint: wrote {count} findings to {args.write_baseline}\n")
    return EXIT_ERROR if errors or missing else EXIT_OK


def _writer(args: argparse.Namespace, packs: tuple[Path, ...], out: TextIO) -> Writer:
    name = args.format
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = OutputOptions(_use_color(args.color, out), load_rules(packs))
    return WRITERS[name](out, options)


def _print_statistics(summary: Summary, codes: dict[str, str], out: TextIO) -> None:
    for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{count:>6}  {codes[rule]}  {rule}\n")
    out.write(f"{summary.findings:>6}  total in {summary.files} files\n")


def _fails(findings: list[Finding], fail_on: str | None, settings: Settings) -> bool:
    if fail_on == "never":
        return False
    level = Severity(fail_on or settings.fail_on or DEFAULT_FAIL_ON)
    return any(finding.severity.rank >= level.rank for finding in findings)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def _fix(
    path: Path, findings: list[Finding], settings: Settings, packs: tuple[Path, ...]
) -> list[Finding] | FileError:
    """Applies the file's safe fixes until none are left; returns the findings that remain."""
    for _ in range(MAX_FIX_ROUNDS):
        fixes = [finding for finding in findings if finding.fix is not None]
        if not fixes:
            break
        original, has_bom = read_original(path)
        write_atomically(path, fixed_text(original, fixes), has_bom)
        try:
            findings = lint_file(path, settings, packs)
        except HealthlintError as error:
            return FileError(path=str(path), message=str(error))
    return findings


def _show_diff(path: Path, findings: list[Finding], out: TextIO) -> bool:
    """Prints what --fix would change in the file, writes nothing; whether there is any."""
    fixes = [finding for finding in findings if finding.fix is not None]
    if not fixes:
        return False
    try:
        original, _ = read_original(path)
    except HealthlintError:
        return False
    diff = unified_diff(path, original, fixed_text(original, fixes))
    out.write(diff)
    return bool(diff)


def _progress(results: Iterator[Result], total: int, err: TextIO) -> Iterator[Result]:
    """A progress bar on a terminal's standard error for long runs; nothing in CI logs."""
    if total < PROGRESS_MIN_FILES or not err.isatty() or err is not sys.stderr:
        yield from results
        return
    from rich.progress import track

    yield from track(results, total=total, description="Linting", transient=True, console=None)
