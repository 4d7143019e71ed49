"""The options of `healthlint check`, and the Plan made of them. Kept apart from cli.py, which
builds every subcommand's parser on each start, and from plan.py, whose imports are heavier."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path
from typing import Any

FORMATS = ("text", "json", "sarif", "github")


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def add_check_options(check: argparse.ArgumentParser) -> None:
    add = check.add_argument
    add(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories (default: the current directory); - reads standard input",
    )
    add(
        "--format",
        choices=(*FORMATS, "auto"),
        default="text",
        help="auto: github under GitHub Actions, text elsewhere",
    )
    add(
        "--output-file",
        type=Path,
        metavar="FILE",
        help="also write the report to FILE, in --output-format (by default from its suffix: "
        ".sarif, .json, else text)",
    )
    add("--output-format", choices=FORMATS, help="the format of --output-file")
    add(
        "--stdin-filename",
        metavar="NAME",
        help="with -, the name the text is linted as (its suffix picks the format)",
    )
    add(
        "--select",
        type=_csv,
        action="append",
        default=[],
        help="only these rules (names, codes, prefixes; repeat or separate with commas)",
    )
    add("--ignore", type=_csv, action="append", default=[], help="skip these rules (repeatable)")
    add(
        "--fail-on",
        choices=("info", "warning", "error", "never"),
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    add("--config", type=Path, help="use this configuration file instead of searching")
    add(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto: on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it)",
    )
    add(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show each finding's line with a caret under it (default: on a terminal)",
    )
    add(
        "--min-severity",
        choices=("info", "warning", "error"),
        help="show only findings at or above this severity (the exit code still counts all)",
    )
    add("--statistics", action="store_true", help="counts per rule, not findings")
    add("--fix", action="store_true", help="apply safe fixes in place")
    add("--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing")
    add("--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE")
    add("--baseline", type=Path, metavar="FILE", help="report only findings not in FILE")
    add("--jobs", "-j", type=_positive, metavar="N", help="worker processes (default: CPU count)")
    add(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="apply the configuration's exclude to files named on the command line too "
        "(as pre-commit names them)",
    )
    add("--no-cache", action="store_true", help="lint every file afresh")
    add(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where results are cached (default: .healthlint_cache in the project's root)",
    )
    add(
        "--pack",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="an extra rule pack (YAML); may be given more than once",
    )
    add(
        "--today",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date stale-review-date compares with (default: today), for repeatable runs",
    )
    add(
        "--allow-empty",
        action="store_true",
        help="finding no articles is fine (otherwise an error in CI, a warning elsewhere)",
    )


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _joined(groups: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Repeated --select a --select b,c: all of them."""
    return tuple(name for group in groups for name in group) or None


def to_plan(args: argparse.Namespace, stdin: Any) -> Any:
    from .config import CACHE_DIR_NAME, project_root
    from .findings import Severity
    from .plan import Plan

    return Plan(
        paths=tuple(args.paths),
        config=args.config,
        select=_joined(args.select),
        ignore=_joined(args.ignore),
        packs=tuple(path.resolve() for path in args.pack),
        workers=args.jobs or os.cpu_count() or 1,
        cache_dir=None
        if args.no_cache
        else args.cache_dir or project_root(args.config) / CACHE_DIR_NAME,
        today=args.today,
        fix=args.fix,
        diff=args.diff,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        format=args.format,
        color=args.color,
        show_source=args.show_source,
        statistics=args.statistics,
        min_severity=Severity(args.min_severity) if args.min_severity else None,
        fail_on=args.fail_on,
        output_file=args.output_file,
        output_format=args.output_format,
        stdin_filename=args.stdin_filename,
        stdin=stdin.buffer.read() if "-" in args.paths else None,
        allow_empty=args.allow_empty,
        force_exclude=args.force_exclude,
    )
