"""``--format sarif``: one SARIF 2.1.0 log, for code-scanning dashboards (GitHub, Azure DevOps).

Columns are counted in Unicode code points, as in every other format, and the run says so
(``columnKind``). Relative paths are resolved against ``%SRCROOT%``, the working directory. Each
result carries a partial fingerprint built from its rule, its file and its message but not its
position, so that a finding keeps its identity when lines are added or removed above it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ..findings import FileError, Finding, Report, Severity, Summary
from ..version import HOMEPAGE
from .base import OutputOptions, Writer, indented, write_report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "healthlint/v1"

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def normalised_path(path: str) -> str:
    """The path with forward slashes and without ``.`` segments or doubled separators."""
    return posixpath.normpath(path.replace("\\", "/"))


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a URI reference under %SRCROOT%; an absolute one as a file: URI."""
    native = Path(path)
    if native.is_absolute():
        return {"uri": native.as_uri()}
    return {"uri": quote(normalised_path(path), safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(directory: Path) -> str:
    uri = directory.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def fingerprint(code: str, path: str, content: str, occurrence: int = 1) -> str:
    """sha256 (first 32 hex digits) of rule, normalised path and the finding's own fingerprint
    (its flagged text and that line's text); no line or column.

    ``occurrence`` tells apart identical findings in one file (the same sentence twice): the
    second and later ones fold their ordinal into the hash, so each result keeps its own identity.
    """
    parts = [code, normalised_path(path), content]
    if occurrence > 1:
        parts.append(str(occurrence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _help(rule: Any) -> dict[str, str]:
    failing = rule.examples.failing[0].strip()
    passing = rule.examples.passing[0].strip()
    text = f"{rule.summary}\n\n{rule.rationale}\n\nFlagged:\n{failing}\n\nNot flagged:\n{passing}"
    markdown = (
        f"{rule.summary}\n\n{rule.rationale}\n\n"
        f"**Flagged:**\n\n{_fence(failing)}text\n{failing}\n{_fence(failing)}\n\n"
        f"**Not flagged:**\n\n{_fence(passing)}text\n{passing}\n{_fence(passing)}"
    )
    return {"text": text, "markdown": markdown}


def _descriptor(rule: Any, help_uri: str | None) -> dict[str, Any]:
    descriptor = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": _help(rule),
    }
    if help_uri is not None:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {"tags": ["health", rule.kind]}
    return descriptor


def _result(finding: Finding, rule_index: dict[str, int], occurrence: int) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": artifact_location(finding.path),
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            }
        }
    ]
    result["partialFingerprints"] = {
        FINGERPRINT_KEY: fingerprint(finding.code, finding.path, finding.fingerprint, occurrence)
    }
    if finding.suggestion is not None:
        result["properties"] = {"suggestion": finding.suggestion}
    return result


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


class SarifWriter(Writer):
    """One SARIF log with one run; its results are written as files finish, and the invocation
    (whether every file could be linted) after them."""

    run_properties: dict[str, Any] | None = None

    def begin(self, version: str) -> None:
        rules = sorted(self.options.rules, key=lambda rule: rule.code)
        self.rule_index = {rule.code: index for index, rule in enumerate(rules)}
        self.count = 0
        head = {
            "tool": {
                "driver": {
                    "name": "healthlint",
                    "version": version,
                    "informationUri": HOMEPAGE,
                    "rules": [_descriptor(r, self.options.help_uris.get(r.code)) for r in rules],
                }
            },
            "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(Path.cwd())}},
            "columnKind": "unicodeCodePoints",
        }
        run_head = _dumps(head).removesuffix("\n}")  # the run stays open for its results
        self.out.write(
            f'{{\n  "$schema": {json.dumps(SCHEMA_URI)},\n  "version": "2.1.0",\n  "runs": [\n'
            f'{indented(run_head, 4)},\n      "results": ['
        )

    def findings(self, findings: list[Finding]) -> None:
        # Occurrences are counted within a file (the key holds its path), and each call brings
        # whole files: nothing need be kept from one call to the next.
        seen: Counter[tuple[str, str, str]] = Counter()
        for finding in findings:
            key = (finding.code, normalised_path(finding.path), finding.message)
            seen[key] += 1
            result = _result(finding, self.rule_index, seen[key])
            self.out.write(("," if self.count else "") + "\n" + indented(_dumps(result), 8))
            self.count += 1

    def end(self, summary: Summary, errors: list[FileError]) -> None:
        notifications = [
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(error.path)}}
                ],
            }
            for error in errors
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not errors}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        extra = ""
        if self.run_properties:  # --statistics: the counts, as the run's own properties
            extra = (
                f',\n      "properties": {indented(_dumps(self.run_properties), 6, first=False)}'
            )
        self.out.write(
            ("\n      ]" if self.count else "]")
            + f',\n      "invocations": {indented(_dumps([invocation]), 6, first=False)}'
            + extra
            + "\n    }\n  ]\n}\n"
        )


def format_sarif(report: Report, out: TextIO, options: OutputOptions | None = None) -> None:
    write_report(SarifWriter(out, options), report)
