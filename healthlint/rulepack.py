"""Rule packs: YAML files of rule declarations, validated by pydantic models.

Every rule carries its identity (code, name), its default severity and message, and its
documentation (summary, rationale with the standard behind it, failing and passing examples), which
`healthlint explain`, the docs and the tests all read. What the rule does is named by ``kind``; the
``python`` kind names a check registered in the package (see healthlint.checks) and passes it
``data``, which that check validates with its own model.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .findings import Severity
from .resources import rules_dir

RULE_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    failing: list[str] = Field(min_length=1, alias="fail", description="Texts the rule flags.")
    passing: list[str] = Field(min_length=1, alias="pass", description="Texts it leaves alone.")


class RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^HL\d{3}$", description="Stable code: HL and three digits.")
    name: str = Field(pattern=RULE_NAME, description="Stable kebab-case name used in configs.")
    severity: Severity = Field(description="Default severity.")
    scope: Literal["span", "document"] = Field(
        default="span", description="document: one finding per article, at line 1, column 1."
    )
    message: str = Field(description="The finding's message; {placeholders} are filled per hit.")
    summary: str = Field(description="What it does, in one sentence.")
    rationale: str = Field(description="Why it matters, naming the standard behind it.")
    examples: Examples


class PythonRule(RuleBase):
    kind: Literal["python"]
    check: str = Field(description="The name of a check registered in healthlint.checks.")
    data: dict[str, Any] = Field(default_factory=dict, description="Options for the check.")


Rule = Annotated[PythonRule, Field(discriminator="kind")]


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[Rule]


def _location(error: dict[str, Any], raw: Any) -> str:
    """'rule unsourced-statistic, field data.window' from a pydantic error location."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = raw["rules"][loc[1]] if isinstance(raw, dict) else None
        name = rule.get("name") if isinstance(rule, dict) else None
        where = f"rule {name or '#' + str(loc[1] + 1)}"
        loc = loc[2:]
        if loc and loc[0] == "python":  # the discriminator's tag adds nothing for the reader
            loc = loc[1:]
    field = ".".join(str(part) for part in loc)
    return ", ".join(part for part in (where, f"field {field}" if field else "") if part)


def load_pack(path: Path) -> RulePack:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read rule pack: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(
            f"{path}{line}: not valid YAML: {getattr(error, 'problem', error)}"
        ) from None
    try:
        return RulePack.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise ConfigError(f"{path}: {_location(first, raw)}: {first['msg']}") from None


@cache
def builtin_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for path in sorted(rules_dir().glob("*.yaml")):
        rules.extend(load_pack(path).rules)
    return tuple(rules)


def load_rules(extra_packs: tuple[Path, ...] = ()) -> tuple[Rule, ...]:
    rules = list(builtin_rules())
    for path in extra_packs:
        rules.extend(load_pack(path).rules)
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise ConfigError(f"rule {rule.name}: {key} is already used by rule {seen[key]}")
            seen[key] = rule.name
    return tuple(rules)
