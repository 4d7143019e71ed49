"""Where a check run's results go, by its mode: the report (baseline and severity filters, then the
writers: the chosen format, and a second copy with --output-file), the diff of the fixes, a new
baseline, or the fixed text of standard input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from .baseline import load_baseline, new_findings, write_baseline
from .errors import Exit
from .findings import FileError, FileResult, Finding, Severity, Summary, Tally
from .formatters import WRITERS, OutputOptions, Writer
from .formatters.statistics import StatisticsWriter
from .packs import builtin_rules, load_rules
from .plan import Plan
from .version import __version__, rule_doc_uri

DEFAULT_FAIL_ON = Severity.warning
_SUFFIX_FORMATS = {".sarif": "sarif", ".json": "json"}


def use_color(choice: str, stream: TextIO) -> bool:
    """--color: always, never, or (auto) FORCE_COLOR, then NO_COLOR, then whether a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    return "NO_COLOR" not in os.environ and stream.isatty()


class Tee(Writer):
    """Two writers fed the same stream: --format to the screen, --output-file to a file."""

    def __init__(self, *writers: Writer) -> None:
        self.writers = writers

    def begin(self, version: str) -> None:
        for writer in self.writers:
            writer.begin(version)

    def findings(self, findings: list[Finding]) -> None:
        for writer in self.writers:
            writer.findings(findings)

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        for writer in self.writers:
            writer.end(summary, errors)


class SourceLines:
    """--show-source: the lines of the file last asked about (findings come a file at a time), or
    of standard input's text, which has no file to read again."""

    def __init__(self, stdin: tuple[str, bytes] | None = None) -> None:
        self.stdin = stdin
        self.path, self.lines = "", [""]

    def __call__(self, path: str, number: int) -> str | None:
        if path != self.path:
            self.path, self.lines = path, self._read(path)
        return self.lines[number - 1] if 0 < number <= len(self.lines) else None

    def _read(self, path: str) -> list[str]:
        try:
            if self.stdin is not None and path == self.stdin[0]:
                data = self.stdin[1]
            else:
                data = Path(path).read_bytes()
        except OSError:  # gone since it was linted: the findings are shown without it
            return []
        text = data.decode("utf-8-sig", errors="replace")
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _writer(name: str, out: TextIO, plan: Plan, color: bool, source: SourceLines | None) -> Writer:
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    rules = load_rules(plan.packs)
    builtin = {rule.code for rule in builtin_rules()}
    uris = {rule.code: rule_doc_uri(rule.code, rule.name) for rule in rules if rule.code in builtin}
    options = OutputOptions(color, rules, source, plan.statistics, uris)
    if plan.statistics:
        return StatisticsWriter(out, options, name)
    return WRITERS[name](out, options)


class Report:
    """The default: each file's findings, less those in the baseline and below the display
    level, to the writers as they come."""

    def __init__(self, plan: Plan, out: TextIO) -> None:
        self.plan = plan
        self.baseline = load_baseline(plan.baseline) if plan.baseline else None
        color = use_color(plan.color, out)
        source = None
        if plan.show_source or (plan.show_source is None and out.isatty()):
            stdin = (plan.stdin_filename or "-", plan.stdin) if plan.stdin is not None else None
            source = SourceLines(stdin)
        self.writer = _writer(plan.format, out, plan, color, source)
        self.file: TextIO | None = None
        if plan.output_file is not None:
            name = plan.output_format or _SUFFIX_FORMATS.get(plan.output_file.suffix, "text")
            self.file = plan.output_file.open("w", encoding="utf-8")
            self.writer = Tee(self.writer, _writer(name, self.file, plan, False, None))
        self.writer.begin(__version__)
        self.floor = plan.min_severity.rank if plan.min_severity else 0
        self.shown, self.failing, self.fixed = Tally(), False, 0

    def take(self, result: FileResult) -> None:
        findings = result.findings
        if self.baseline is not None:
            findings = new_findings(findings, self.baseline, self.plan.baseline)  # type: ignore[arg-type]
        self.failing = self.failing or _fails(findings, self.plan.fail_on, result)
        self.fixed += result.fixed
        # --min-severity hides findings; the exit code still counts them all.
        shown = [f for f in findings if f.severity.rank >= self.floor]
        shown.sort(key=Finding.sort_key)
        self.shown.add(shown)
        self.writer.findings(shown)

    def finish(self, files: int, errors: list[FileError]) -> None:
        self.writer.end(self.shown.summary(files, len(errors), self.fixed), errors)
        if self.file is not None:
            self.file.close()

    def exit_code(self) -> int:
        return Exit.FINDINGS if self.failing else Exit.OK


class Diff:
    """--diff: the fixes each file would get, as a unified diff; nothing is written."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out, self.err, self.changed = out, err, False

    def take(self, result: FileResult) -> None:
        self.out.write(result.diff)
        self.changed = self.changed or bool(result.diff)

    def finish(self, files: int, errors: list[FileError]) -> None:
        print_errors(errors, self.err)

    def exit_code(self) -> int:
        return Exit.FINDINGS if self.changed else Exit.OK


class FixedText:
    """--fix on standard input: the fixed text goes to standard output, as ruff does."""

    def __init__(self, plan: Plan, out: TextIO, err: TextIO) -> None:
        self.plan, self.out, self.err, self.failing = plan, out, err, False

    def take(self, result: FileResult) -> None:
        self.out.write(result.output or "")
        self.failing = _fails(result.findings, self.plan.fail_on, result)

    def finish(self, files: int, errors: list[FileError]) -> None:
        print_errors(errors, self.err)

    def exit_code(self) -> int:
        return Exit.FINDINGS if self.failing else Exit.OK


class Record:
    """--write-baseline: every finding of every file, recorded in the baseline at the end."""

    def __init__(self, path: Path, err: TextIO) -> None:
        self.path, self.err, self.findings = path, err, []
        self.failed = False

    def take(self, result: FileResult) -> None:
        self.findings.extend(result.findings)

    def finish(self, files: int, errors: list[FileError]) -> None:
        print_errors(errors, self.err)
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


Sink = Report | Diff | FixedText | Record


def sink_for(plan: Plan, out: TextIO, err: TextIO) -> Sink:
    if plan.diff:
        return Diff(out, err)
    if plan.write_baseline is not None:
        return Record(plan.write_baseline, err)
    if plan.fix and plan.stdin is not None:
        return FixedText(plan, out, err)
    return Report(plan, out)


def print_errors(errors: list[FileError], err: TextIO) -> None:
    for error in errors:
        err.write(f"healthlint: {error.path}: {error.message}\n")


def _fails(findings: list[Finding], fail_on: str | None, result: FileResult) -> bool:
    if fail_on == "never":
        return False
    level = Severity(fail_on or result.fail_on or DEFAULT_FAIL_ON)
    return any(finding.severity.rank >= level.rank for finding in findings)
