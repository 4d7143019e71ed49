"""``--format text``: one line a finding, ``path:line:col: severity [code] rule message``."""

from __future__ import annotations

from typing import TextIO

from ..findings import FileError, Finding, Report, Severity, Summary
from .base import OutputOptions, Writer, write_report

_COLORS = {Severity.error: "\033[31m", Severity.warning: "\033[33m", Severity.info: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextWriter(Writer):
    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def findings(self, findings: list[Finding]) -> None:
        paint = self._paint
        for finding in findings:
            location = f"{finding.path}:{finding.line}:{finding.column}:"
            severity = paint(finding.severity.value, _COLORS[finding.severity])
            rule = paint(f"[{finding.code}] {finding.rule}", _DIM)
            self.out.write(f"{paint(location, _BOLD)} {severity} {rule} {finding.message}\n")

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        paint = self._paint
        for error in errors:
            self.out.write(
                f"{paint(error.path + ':', _BOLD)} {paint('error', _COLORS[Severity.error])} "
                f"{error.message}\n"
            )
        counts = ", ".join(
            f"{count} {severity.value}" for severity, count in summary.by_severity.items() if count
        )
        line = f"Found {_plural(summary.findings, 'finding')} in {_plural(summary.files, 'file')}"
        if counts:
            line += f" ({counts})"
        if summary.errors:
            line += f"; {_plural(summary.errors, 'file')} could not be linted"
        self.out.write(line + ".\n")


def format_text(report: Report, out: TextIO, options: OutputOptions | None = None) -> None:
    write_report(TextWriter(out, options), report)
