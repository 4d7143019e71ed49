"""The command line: check, rules, explain, schema.

Exit codes (errors.Exit): 0 no findings at or above the failure level; 1 findings; 2 a usage,
configuration or input error (reported at the end, after every other file has been linted).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from .check_options import add_check_options
from .errors import ConfigError, Exit
from .version import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="healthlint", description="A content-quality linter for consumer health articles."
    )
    parser.add_argument("--version", action="version", version=f"healthlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="lint articles (.md, .markdown, .html, .htm, .txt)")
    add_check_options(check)

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
    from .check_options import to_plan

    return run_check(to_plan(args, sys.stdin), out, err)


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
    # Start-up (imports, spaCy's tokenizer, the compiled rules) makes about a million objects
    # that live as long as the run: hundreds of collections that free nothing, a tenth of a
    # single-file run. The collector is off until the first file is linted (check.py), when
    # linter_for has frozen those objects out of its sight; on return it is as it was.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv, out or sys.stdout, err or sys.stderr)
    finally:
        gc.enable() if collecting else gc.disable()


def _main(argv: list[str] | None, out: TextIO, err: TextIO) -> int:
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
