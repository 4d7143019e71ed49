"""Reading rule packs: the built-in catalogue in rules/ and a publisher's own YAML files, each
validated against the models of rulepack.py, with any mistake put in one line that names the
file, the line, the rule and the field."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ConfigError, dotted, first_problem
from .resources import rules_dir
from .rulepack import Rule, RulePack, SubstitutionRule

# libyaml's parser when PyYAML was built with it: five times faster on the catalogue.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KINDS = ("match", "substitution", "require", "conditional", "metric", "python", "suppressions")


def _location(location: list[Any], raw: Any) -> str:
    """'rule unsourced-statistic, field data.window' from a pydantic error location."""
    where = ""
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        rule = raw["rules"][location[1]] if isinstance(raw, dict) else None
        name = rule.get("name") if isinstance(rule, dict) else None
        where = f"rule {name or '#' + str(location[1] + 1)}"
        location = location[2:]
        if location and location[0] in _KINDS:  # the discriminator's tag adds nothing here
            location = location[1:]
    field = dotted(location)
    return ", ".join(part for part in (where, f"field {field}" if field else "") if part)


def load_pack(path: Path) -> RulePack:
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read rule pack: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(
            f"{path}{line}: not valid YAML: {getattr(error, 'problem', error)}"
        ) from None
    try:
        pack = RulePack.model_validate(raw)
    except ValidationError as error:
        location, message = first_problem(error)
        line = _line_of(text, location)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: {_location(location, raw)}: {message}") from None
    for rule in pack.rules:
        rule._source = path
        # A pack's own word list sits beside it; the built-in ones are under rules/.
        if isinstance(rule, SubstitutionRule) and rule.lexicon:
            beside = path.parent / rule.lexicon
            if beside.is_file():
                rule.lexicon = str(beside.resolve())
    return pack


def _line_of(text: str, location: list[Any]) -> int | None:
    """The line of the YAML node a validation error points at (the nearest one that exists)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in location:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    node, line = value, key.start_mark.line + 1
                    break
            else:
                if part in _KINDS:  # a discriminator's tag is not a key of the file
                    continue
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


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
