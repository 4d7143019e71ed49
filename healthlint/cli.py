"""The command line: check, rules, explain, schema.

Exit codes (errors.Exit): 0 no findings at or above the failure level; 1 findings; 2 a usage,
configuration or input error (reported at the end, after every other file has been linted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from .errors import ConfigError, Exit
from .version import __version__


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="healthlint", description="A content-quality linter for consumer health articles."
    )
    parser.add_argument("--version", action="version", version=f"healthlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="lint articles (.md, .markdown, .html, .htm, .txt)")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories (default: the current directory)",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github", "auto"),
        default="text",
        help="auto: github under GitHub Actions, text elsewhere",
    )
    check.add_argument("--select", type=_csv, help="only these rules (names, codes, prefixes)")
    check.add_argument("--ignore", type=_csv, help="skip these rules")
    check.add_argument(
        "--fail-on",
        choices=("info", "warning", "error", "never"),
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    check.add_argument(
        "--config",
        type=Path,
        help="use this configuration file instead of searching beside each file",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        help="show only findings at or above this severity (the exit code still counts all)",
    )
    check.add_argument("--statistics", action="store_true", help="counts per rule, not findings")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE"
    )
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in FILE"
    )
    check.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: the CPU count)"
    )
    check.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="apply the configuration's exclude to files named on the command line too "
        "(as pre-commit names them)",
    )
    check.add_argument("--no-cache", action="store_true", help="lint every file afresh")
    check.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where results are cached (default: .healthlint_cache in the project's root)",
    )
    check.add_argument(
        "--pack",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="an extra rule pack (YAML); may be given more than once",
    )
    check.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date stale-review-date compares with (default: today), for repeatable runs",
    )

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--pack", type=Path, action="append", default=[], metavar="FILE")

    explain = commands.add_parser("explain", help="what a rule checks and why")
    explain.add_argument("rule", metavar="NAME-or-CODE", nargs="?")
    explain.add_argument("--all", action="store_true", help="every rule")
    explain.add_argument("--format", choices=("text", "markdown"), default="text")
    explain.add_argument("--pack", type=Path, action="append", default=[], metavar="FILE")

    schema = commands.add_parser("schema", help="print the JSON Schema of the JSON report")
    schema.add_argument("--config", action="store_true", help="the configuration's schema instead")
    schema.add_argument("--rulepack", action="store_true", help="the rule packs' schema instead")
    return parser


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .check import run_check
    from .config import CACHE_DIR_NAME, project_root
    from .findings import Severity
    from .plan import Plan

    plan = Plan(
        paths=tuple(args.paths),
        config=args.config,
        select=args.select,
        ignore=args.ignore,
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
        statistics=args.statistics,
        min_severity=Severity(args.min_severity) if args.min_severity else None,
        fail_on=args.fail_on,
        force_exclude=args.force_exclude,
    )
    return run_check(plan, out, err)


def _rules(args: argparse.Namespace, out: TextIO) -> int:
    from .packs import load_rules

    rules = sorted(load_rules(tuple(args.pack)), key=lambda rule: rule.code)
    if args.format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "kind": r.kind,
                "scope": r.scope,
                "summary": r.summary,
            }
            for r in rules
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return Exit.OK
    for rule in rules:
        out.write(
            f"{rule.code}  {rule.name:<22} {rule.severity.value:<8} {rule.kind:<12} "
            f"{rule.summary}\n"
        )
    return Exit.OK


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .packs import load_rules
    from .ruledoc import as_markdown, as_text

    rules = load_rules(tuple(args.pack))
    if args.all:
        out.write(
            as_markdown(list(rules))
            if args.format == "markdown"
            else "\n".join(as_text(rule) for rule in sorted(rules, key=lambda r: r.code))
        )
        return Exit.OK
    wanted = (args.rule or "").strip()
    for rule in rules:
        if wanted in (rule.name, rule.code) or wanted.upper() == rule.code:
            out.write(as_markdown([rule]) if args.format == "markdown" else as_text(rule))
            return Exit.OK
    err.write(f"healthlint: unknown rule {wanted!r} (see `healthlint rules`)\n")
    return Exit.ERROR


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .schemas import config_schema, report_schema, rulepack_schema

    schema = (
        config_schema() if args.config else rulepack_schema() if args.rulepack else report_schema()
    )
    out.write(json.dumps(schema, indent=2) + "\n")
    return Exit.OK


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and Exit.ERROR
    try:
        if args.command == "check":
            return _check(args, out, err)
        if args.command == "rules":
            return _rules(args, out)
        if args.command == "explain":
            return _explain(args, out, err)
        return _schema(args, out)
    except ConfigError as error:
        err.write(f"healthlint: {error}\n")
        return Exit.ERROR
    except BrokenPipeError:
        return Exit.OK
    except KeyboardInterrupt:
        err.write("healthlint: interrupted\n")
        return Exit.INTERRUPTED
    except Exception as error:  # a bug of ours outside any one file: one line, not a traceback
        if os.environ.get("HEALTHLINT_DEBUG"):
            raise
        err.write(
            f"healthlint: internal error ({type(error).__name__}: {error}); please report it "
            "(HEALTHLINT_DEBUG=1 shows where)\n"
        )
        return Exit.ERROR
