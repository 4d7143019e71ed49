"""``--format text``: one line a finding, ``path:line:col: severity [code] rule message``; with
--show-source, the finding's stretch of its line with carets under it (prose lines are long, so
only the part around the finding); colours through rich, only when asked for."""

from __future__ import annotations

from typing import Any, TextIO

from ..findings import FileError, Finding, Report, Severity, Summary
from .base import OutputOptions, Writer, write_report

_STYLES = {Severity.error: "red", Severity.warning: "yellow", Severity.info: "cyan"}
# Characters of the line shown on each side of a finding.
_AROUND = 40


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextWriter(Writer):
    def __init__(self, out: TextIO, options: OutputOptions | None = None) -> None:
        super().__init__(out, options)
        self._console: Any = None

    def _write(self, *parts: tuple[str, str]) -> None:
        """(text, rich style) parts as one line; plain text unless colours are on."""
        if not self.options.color:
            self.out.write("".join(text for text, _ in parts) + "\n")
            return
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.out, force_terminal=True, highlight=False)
        from rich.text import Text

        self._console.print(Text.assemble(*parts), soft_wrap=True)

    def findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            self._write(
                (f"{finding.path}:{finding.line}:{finding.column}:", "bold"),
                (" ", ""),
                (finding.severity.value, _STYLES[finding.severity]),
                (f" [{finding.code}] {finding.rule}", "dim"),
                (f" {finding.message}", ""),
            )
            empty = (finding.line, finding.column) == (finding.end_line, finding.end_column)
            if self.options.source is not None and not empty:  # a document-level one has none
                self._source(finding, self.options.source(finding.path, finding.line))

    def _source(self, finding: Finding, line: str | None) -> None:
        if line is None:
            return
        line = line.replace("\t", " ")
        start = finding.column - 1
        end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
        left, right = max(0, start - _AROUND), min(len(line), max(end, start + 1) + _AROUND)
        shown = ("…" if left else "") + line[left:right] + ("…" if right < len(line) else "")
        offset = start - left + (1 if left else 0)
        number = str(finding.line)
        gutter = " " * len(number)
        self._write((f"{number} | ", "dim"), (shown, ""))
        carets = "^" * max(1, min(end, right) - start)
        self._write((f"{gutter} | ", "dim"), (" " * offset + carets, _STYLES[finding.severity]))

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        for error in errors:
            self._write(
                (f"{error.path}:", "bold"),
                (" ", ""),
                ("error", _STYLES[Severity.error]),
                (f" {error.message}", ""),
            )
        counts = ", ".join(
            f"{count} {severity.value}" for severity, count in summary.by_severity.items() if count
        )
        line = f"Found {_plural(summary.findings, 'finding')} in {_plural(summary.files, 'file')}"
        if counts:
            line += f" ({counts})"
        if summary.fixed:
            line += f"; {summary.fixed} fixed, {summary.findings} remaining"
        if summary.errors:
            line += f"; {_plural(summary.errors, 'file')} could not be linted"
        self._write((line + ".", ""))


def format_text(report: Report, out: TextIO, options: OutputOptions | None = None) -> None:
    write_report(TextWriter(out, options), report)
