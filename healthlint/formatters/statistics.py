"""``--statistics``: how many findings of each rule, most first, instead of the findings, in any
format; the files that could not be linted are counted and named too."""

from __future__ import annotations

import json
from typing import TextIO

from ..findings import FileError, Finding, Summary
from .base import OutputOptions, Writer
from .github import GithubWriter
from .sarif import SarifWriter
from .text import TextWriter


class StatisticsWriter(Writer):
    def __init__(self, out: TextIO, options: OutputOptions | None = None, form: str = "text"):
        super().__init__(out, options)
        self.form = form
        self.codes: dict[str, str] = {}  # rule -> code

    def begin(self, version: str) -> None:
        self.version = version
        if self.form == "sarif":
            self.sarif = SarifWriter(self.out, self.options)
            self.sarif.begin(version)

    def findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.codes[finding.rule] = finding.code

    def _rows(self, summary: Summary) -> list[tuple[str, str, int]]:
        ranked = sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(self.codes[rule], rule, count) for rule, count in ranked]

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        rows = self._rows(summary)
        if self.form == "json":
            data = {
                "version": self.version,
                "statistics": [{"code": c, "rule": r, "count": n} for c, r, n in rows],
                "errors": [error.model_dump() for error in errors],
                "summary": summary.model_dump(mode="json"),
            }
            self.out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        elif self.form == "sarif":
            counts = {f"{c} {r}": n for c, r, n in rows}
            self.sarif.run_properties = {"statistics": counts, "files": summary.files}
            self.sarif.end(summary, errors)
        elif self.form == "github":
            for code, rule, count in rows:
                self.out.write(f"::notice title=healthlint statistics::{code} {rule}: {count}\n")
            GithubWriter(self.out, self.options).end(summary, errors)
        else:
            for code, rule, count in rows:
                self.out.write(f"{count:>6}  {code}  {rule}\n")
            self.out.write(f"{summary.findings:>6}  total in {summary.files} files\n")
            if errors:
                TextWriter(self.out, self.options).end(summary, errors)
