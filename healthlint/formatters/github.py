"""``--format github``: GitHub Actions workflow commands, which the runner turns into annotations.

One line a finding, ``::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE name::msg``,
and ``::error file=F::msg`` for a file that could not be linted. Nothing else is printed: any
other line would be shown in the log as it is.
"""

from __future__ import annotations

from typing import TextIO

from ..findings import FileError, Finding, Report, Severity, Summary
from .base import OutputOptions, Writer, write_report

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(value: str) -> str:
    """A command's message, escaped as the Actions runner expects (toolkit's escapeData)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command's property value (toolkit's escapeProperty): also ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}\n"


class GithubWriter(Writer):
    def findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            properties = {
                "file": finding.path,
                "line": finding.line,
                "col": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
                "title": f"{finding.code} {finding.rule}",
            }
            self.out.write(_command(LEVELS[finding.severity], properties, finding.message))

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        for error in errors:
            self.out.write(_command("error", {"file": error.path}, error.message))


def format_github(report: Report, out: TextIO, options: OutputOptions | None = None) -> None:
    write_report(GithubWriter(out, options), report)
