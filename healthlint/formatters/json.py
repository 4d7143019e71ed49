"""``--format json``: the Report model, as documented by ``healthlint schema``.

Written a finding at a time; the text is the same as ``Report.model_dump_json(indent=2,
exclude_none=True)`` (a test holds the two together).
"""

from __future__ import annotations

import json
from typing import TextIO

from pydantic import TypeAdapter

from ..findings import FileError, Finding, Report, Summary
from .base import OutputOptions, Writer, indented, write_report

_ERRORS = TypeAdapter(list[FileError])


class JsonWriter(Writer):
    def begin(self, version: str) -> None:
        self.count = 0
        self.out.write(f'{{\n  "version": {json.dumps(version)},\n  "findings": [')

    def findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            text = finding.model_dump_json(indent=2, exclude_none=True)
            self.out.write(("," if self.count else "") + "\n" + indented(text, 4))
            self.count += 1

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        errors_text = _ERRORS.dump_json(errors, indent=2).decode()
        summary_text = summary.model_dump_json(indent=2)
        self.out.write(
            ("\n  ]" if self.count else "]")
            + f',\n  "errors": {indented(errors_text, 2, first=False)}'
            + f',\n  "summary": {indented(summary_text, 2, first=False)}\n}}\n'
        )


def format_json(report: Report, out: TextIO, options: OutputOptions | None = None) -> None:
    write_report(JsonWriter(out, options), report)
