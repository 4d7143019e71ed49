"""``--statistics``: how many findings of each rule, most first, instead of the findings."""

from __future__ import annotations

from ..findings import FileError, Finding, Summary
from .base import Writer


class StatisticsWriter(Writer):
    def begin(self, version: str) -> None:
        self.codes: dict[str, str] = {}  # rule -> code

    def findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.codes[finding.rule] = finding.code

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            self.out.write(f"{count:>6}  {self.codes[rule]}  {rule}\n")
        self.out.write(f"{summary.findings:>6}  total in {summary.files} files\n")
