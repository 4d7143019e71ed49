"""What every output format shares: a writer fed one file's findings at a time.

A run hands each file's findings to the writer as soon as they are known, in file order, so
that memory stays flat however many files there are; the summary and the files that could not
be linted come at the end.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from ..findings import FileError, Finding, Report, Summary


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    rules: tuple = field(default=())  # the rules that ran, for formats that describe them
    # text: each finding's line with carets under it, the line looked up by (path, number); the
    # caller reads the files, so that a formatter sees only findings.
    source: Callable[[str, int], str | None] | None = None
    statistics: bool = False  # counts per rule instead of the findings
    # sarif: rule code -> the web page documenting it (the built-in rules; a pack's have none)
    help_uris: dict[str, str] = field(default_factory=dict)


class Writer:
    def __init__(self, out: TextIO, options: OutputOptions | None = None) -> None:
        self.out = out
        self.options = options if options is not None else OutputOptions()

    def begin(self, version: str) -> None:
        """Called once, before any findings."""

    def findings(self, findings: list[Finding]) -> None:
        """The findings of one or more whole files, in order (a run streams one file a call)."""

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        """Called once, after the last file."""


def write_report(writer: Writer, report: Report) -> None:
    """A whole report through a writer, as a run would have streamed it."""
    writer.begin(report.version)
    writer.findings(report.findings)
    writer.end(report.summary, report.errors)


def indented(text: str, spaces: int, first: bool = True) -> str:
    """``text`` (JSON, whose strings hold no raw newlines) indented to sit inside a document."""
    block = textwrap.indent(text, " " * spaces)
    return block if first else block[spaces:]
