"""``healthlint check``: lint, then fix, baseline, filter and print.

Exit codes: 0 no findings at or above the failure level; 1 findings (or, with --diff, changes
to make); 2 a usage, configuration or input error, reported after every other file was linted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from . import __version__
from .baseline import load_baseline, new_findings, write_baseline
from .cache import CACHE_DIR_NAME, ResultCache
from .config import Settings, effective_settings, load_config_file
from .engine import DEFAULT_FAIL_ON, _linter, discover, lint_files
from .errors import HealthlintError
from .findings import Finding, Report, Severity
from .fixes import fixed_text, read_original, unified_diff, write_atomically
from .formatters import FORMATTERS, OutputOptions
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
    paths = list(discover(p for p in args.paths if Path(p).exists()))
    packs = tuple(path.resolve() for path in args.pack)
    if packs:
        _linter(Settings(), packs)  # a broken pack stops the run before any file is read
    baseline = load_baseline(args.baseline) if args.baseline else None
    cache = None if args.no_cache else ResultCache(args.cache_dir or Path(CACHE_DIR_NAME))
    workers = args.jobs or os.cpu_count() or 1

    files, findings, errors = lint_files(
        _progress(paths, err), settings_for, packs, workers=workers, cache=cache
    )
    if args.diff:
        return _show_diff(findings, out)
    if args.fix:
        findings = _fix(findings, settings_for, packs)
    if args.write_baseline:
        count = write_baseline(args.write_baseline, findings)
        err.write(f"healthlint: wrote {count} findings to {args.write_baseline}\n")
        return EXIT_ERROR if errors or missing else EXIT_OK
    if baseline is not None:
        findings = new_findings(findings, baseline, args.baseline)

    report = Report.build(__version__, files, findings, errors)
    _print(args, report, packs, out)
    for path in missing:
        err.write(f"healthlint: {path}: no such file or directory\n")
    if errors or missing:
        return EXIT_ERROR
    return _exit_code(report, args.fail_on, settings_for)


def _print(args: argparse.Namespace, report: Report, packs: tuple[Path, ...], out: TextIO) -> None:
    shown = report
    if args.min_severity:
        floor = Severity(args.min_severity).rank
        kept = [f for f in report.findings if f.severity.rank >= floor]
        shown = Report.build(report.version, report.summary.files, kept, report.errors)
    if args.statistics:
        _print_statistics(shown, out)
        return
    name = args.format
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = OutputOptions(_use_color(args.color, out), load_rules(packs))
    FORMATTERS[name](shown, out, options)


def _print_statistics(report: Report, out: TextIO) -> None:
    codes = {f.rule: f.code for f in report.findings}
    for rule, count in sorted(report.summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{count:>6}  {codes[rule]}  {rule}\n")
    out.write(f"{report.summary.findings:>6}  total in {report.summary.files} files\n")


def _exit_code(report: Report, fail_on: str | None, settings_for: Callable) -> int:
    if fail_on == "never":
        return EXIT_OK
    for finding in report.findings:
        configured = settings_for(Path(finding.path)).fail_on
        level = Severity(fail_on or configured or DEFAULT_FAIL_ON)
        if finding.severity.rank >= level.rank:
            return EXIT_FINDINGS
    return EXIT_OK


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and "NO_COLOR" not in os.environ


def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None:
            grouped.setdefault(finding.path, []).append(finding)
    return grouped


def _fix(findings: list[Finding], settings_for: Callable, packs: tuple[Path, ...]) -> list[Finding]:
    """Applies safe fixes until none are left; returns the findings that remain."""
    for _ in range(MAX_FIX_ROUNDS):
        fixable = _by_path(findings)
        if not fixable:
            break
        for path, fixes in fixable.items():
            original, has_bom = read_original(Path(path))
            write_atomically(Path(path), fixed_text(original, fixes), has_bom)
        _, relinted, _ = lint_files((Path(p) for p in fixable), settings_for, packs)
        findings = [f for f in findings if f.path not in fixable] + relinted
    return findings


def _show_diff(findings: list[Finding], out: TextIO) -> int:
    """Prints what --fix would change, writes nothing; exit 1 when there are changes."""
    changed = False
    for path, fixes in sorted(_by_path(findings).items()):
        try:
            original, _ = read_original(Path(path))
        except HealthlintError:
            continue
        diff = unified_diff(Path(path), original, fixed_text(original, fixes))
        if diff:
            out.write(diff)
            changed = True
    return EXIT_FINDINGS if changed else EXIT_OK


def _progress(paths: list[Path], err: TextIO) -> Iterator[Path]:
    """A progress bar on a terminal's standard error for long runs; nothing in CI logs."""
    if len(paths) < PROGRESS_MIN_FILES or not err.isatty() or err is not sys.stderr:
        yield from paths
        return
    from rich.progress import track

    yield from track(paths, description="Linting", transient=True, console=None)
