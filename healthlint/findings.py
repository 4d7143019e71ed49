"""The report models: what the CLI prints, the API returns and the JSON Schema describes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


def display_path(path: str | Path) -> str:
    """A file name as reports show it: as given, except that bytes that are no UTF-8 (a name
    the file system holds in another encoding) show as U+FFFD, so every format can print it."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


class Severity(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.info: 1, Severity.warning: 2, Severity.error: 3}


class Fix(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    replacement: str


class Finding(BaseModel):
    """One problem at one place in one source file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(description="The file, as given on the command line or to the API.")
    line: int = Field(ge=1, description="1-based line of the first character.")
    column: int = Field(ge=1, description="1-based column, counted in Unicode code points.")
    end_line: int = Field(ge=1, description="1-based line of the end.")
    end_column: int = Field(
        ge=1, description="1-based column just past the last character (exclusive), code points."
    )
    rule: str = Field(description="The rule's stable kebab-case name, e.g. unsourced-statistic.")
    code: str = Field(pattern=r"^HL\d{3}$", description="The rule's stable code, e.g. HL002.")
    severity: Severity
    message: str
    suggestion: str | None = Field(default=None, description="A likely correction, if any.")
    fix: Fix | None = Field(
        default=None,
        description="A safe fix: replace the finding's range with this text (--fix applies it).",
    )
    fingerprint: str = Field(
        default="",
        description="A hash of the rule, the flagged text and its line's text, without line "
        "numbers: it survives edits elsewhere in the article (used by baselines and SARIF).",
    )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class FileError(BaseModel):
    """A file that could not be linted (unreadable, binary, undecodable, too large)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    message: str


@dataclass(frozen=True)
class FileResult:
    """One file's outcome, as it flows from the run to the output: its findings, or the error
    that kept it from being linted."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    config_error: bool = False  # the error is its configuration's, shared by other files
    fail_on: Severity | None = None  # the failure level its configuration sets, if any
    fixed: int = 0  # fixes applied to the file (--fix)
    diff: str = ""  # the fixes as a unified diff (--diff)
    output: str | None = None  # the fixed text of standard input (--fix with -)


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: int = Field(description="Files linted successfully.")
    findings: int
    by_severity: dict[Severity, int]
    by_rule: dict[str, int]
    errors: int = Field(description="Files that could not be linted.")
    fixed: int = Field(default=0, description="Fixes applied (--fix).")


class Report(BaseModel):
    """The JSON output of `healthlint check --format json`."""

    model_config = ConfigDict(extra="forbid")

    version: str
    findings: list[Finding]
    errors: list[FileError] = Field(default_factory=list)
    summary: Summary

    @classmethod
    def build(
        cls, version: str, files: int, findings: list[Finding], errors: list[FileError]
    ) -> Report:
        findings = sorted(findings, key=Finding.sort_key)
        tally = Tally()
        tally.add(findings)
        summary = tally.summary(files, len(errors))
        return cls(version=version, findings=findings, errors=errors, summary=summary)


class Tally:
    """Counts of findings by severity and rule, kept as findings stream past."""

    def __init__(self) -> None:
        self.by_severity = {s: 0 for s in Severity}
        self.by_rule: dict[str, int] = {}
        self.codes: dict[str, str] = {}  # rule -> code

    def add(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.by_severity[finding.severity] += 1
            self.by_rule[finding.rule] = self.by_rule.get(finding.rule, 0) + 1
            self.codes[finding.rule] = finding.code

    def summary(self, files: int, errors: int, fixed: int = 0) -> Summary:
        return Summary(
            files=files,
            findings=sum(self.by_severity.values()),
            by_severity=dict(self.by_severity),
            by_rule=dict(sorted(self.by_rule.items())),
            errors=errors,
            fixed=fixed,
        )
