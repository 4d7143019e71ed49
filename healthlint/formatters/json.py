"""``--format json``: the Report model, as documented by ``healthlint schema``."""

from __future__ import annotations

from typing import TextIO

from ..findings import Report


def format_json(report: Report, out: TextIO, options: object = None) -> None:
    out.write(report.model_dump_json(indent=2, exclude_none=True))
    out.write("\n")
