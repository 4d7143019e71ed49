"""The JSON Schemas in docs/schema/ are the ones the models generate today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthlint.schemas import config_schema, report_schema, rulepack_schema

SCHEMAS = Path(__file__).parents[1] / "docs" / "schema"


@pytest.mark.parametrize(
    ("name", "build"),
    [("report", report_schema), ("config", config_schema), ("rulepack", rulepack_schema)],
)
def test_kept_schema_is_current(name: str, build) -> None:  # noqa: ANN001
    kept = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert kept == build(), f"docs/schema/{name}.schema.json is stale: run `make docs`"
