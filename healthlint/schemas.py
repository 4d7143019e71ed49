"""JSON Schemas generated from the pydantic models, never written by hand."""

from __future__ import annotations

from typing import Any

from .config import Settings
from .findings import Report
from .rulepack import RulePack

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _with_dialect(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": _DIALECT, **schema, "title": title}


def report_schema() -> dict[str, Any]:
    return _with_dialect(Report.model_json_schema(mode="serialization"), "healthlint report")


def config_schema() -> dict[str, Any]:
    return _with_dialect(Settings.model_json_schema(by_alias=True), "healthlint configuration")


def rulepack_schema() -> dict[str, Any]:
    return _with_dialect(RulePack.model_json_schema(by_alias=True), "healthlint rule pack")
