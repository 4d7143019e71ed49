"""Reading rule packs: the built-in catalogue in rules/ and a publisher's own YAML files, each
validated against the models of rulepack.py, with any mistake put in one line that names the
file, the line, the rule and the field."""

from __future__ import annotations

from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ConfigError, dotted, first_problem
from .pack_safety import (
    MAX_EXPANDED_NODES,
    MAX_PACK_BYTES,
    expanded_size,
    regex_problem,
    regexes,
    substitution_cycle,
    template_problem,
)
from .resources import rules_dir
from .rulepack import (
    ConditionalRule,
    MatchRule,
    MetricRule,
    PythonRule,
    RequireRule,
    Rule,
    RulePack,
    SubstitutionRule,
    SuppressionsRule,
)

# libyaml's parser when PyYAML was built with it: five times faster on the catalogue.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MODELS: dict[str, Any] = {
    "match": MatchRule,
    "substitution": SubstitutionRule,
    "require": RequireRule,
    "conditional": ConditionalRule,
    "metric": MetricRule,
    "python": PythonRule,
    "suppressions": SuppressionsRule,
}
_KINDS = tuple(_MODELS)


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


def _read(path: Path, trusted: bool = False) -> tuple[str, Any]:
    """The pack's text and YAML data, refusing a huge file or an alias bomb before building it
    (the check parses the file twice; the built-in catalogue, read on every start, is ours)."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise ConfigError(f"{path}: rule pack larger than {MAX_PACK_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
        root = None if trusted else yaml.compose(text, Loader=_YAML_LOADER)
        if root is not None and expanded_size(root) > MAX_EXPANDED_NODES:
            raise ConfigError(
                f"{path}: its aliases expand to more than {MAX_EXPANDED_NODES:,} nodes"
            )
        return text, yaml.load(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read rule pack: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: rule pack nested too deeply") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(
            f"{path}{line}: not valid YAML: {getattr(error, 'problem', error)}"
        ) from None


def load_pack(path: Path) -> RulePack:
    trusted = path.resolve().is_relative_to(rules_dir().resolve())
    text, raw = _read(path, trusted)
    try:
        pack = RulePack.model_validate(raw)
    except ValidationError as error:
        location, message = first_problem(error)
        message += _did_you_mean(error.errors()[0]["type"], location, raw)
        raise _error(path, text, raw, location, message) from None
    for number, rule in enumerate(pack.rules):
        rule._source = path
        problem = _problem(rule, raw["rules"][number], trusted)
        if problem is not None:
            field, message = problem
            raise _error(path, text, raw, ["rules", number, *field], message)
        if isinstance(rule, SubstitutionRule) and rule.lexicon:
            rule.lexicon = _lexicon(path, rule.lexicon, text, raw, number)
    return pack


def _problem(rule: Rule, raw: Any, trusted: bool) -> tuple[list[Any], str] | None:
    """What the rule may not do, as (field, message): see pack_safety."""
    problem = template_problem(rule.message)
    if problem is not None:
        return ["message"], problem
    if not trusted:
        for where, pattern in regexes(raw, []):
            problem = regex_problem(pattern)
            if problem is not None:
                return where, problem
    if isinstance(rule, SubstitutionRule):
        problem = substitution_cycle({w.lower(): r for w, r in rule.pairs.items()})
        if problem is not None:
            return ["pairs"], problem
    return None


def _lexicon(path: Path, name: str, text: str, raw: Any, number: int) -> str:
    """A word list named by a pack: beside the pack, or a built-in one; never elsewhere."""
    for folder in (path.parent.resolve(), rules_dir().resolve()):
        candidate = (folder / name).resolve()
        if candidate.is_relative_to(folder) and candidate.is_file():
            return str(candidate)
    message = f"no word list {name!r} beside the pack or among the built-in ones"
    raise _error(path, text, raw, ["rules", number, "lexicon"], message)


def _error(path: Path, text: str, raw: Any, location: list[Any], message: str) -> ConfigError:
    line = _line_of(text, location)
    where = f"{path}:{line}" if line else str(path)
    return ConfigError(f"{where}: {_location(location, raw)}: {message}")


def _did_you_mean(kind: str, location: list[Any], raw: Any) -> str:
    """ " (did you mean 'threshold'?)" for a misspelt field or kind."""
    if kind == "union_tag_invalid" and location:
        names: tuple[str, ...] = _KINDS
        wrong = _value_at(raw, location)
    elif kind == "extra_forbidden" and len(location) >= 3:
        model = _MODELS.get(str(_value_at(raw, location[:2] + ["kind"])))
        names = tuple(model.model_fields) if model else ()
        wrong = location[-1]
    else:
        return ""
    close = get_close_matches(str(wrong), names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _value_at(raw: Any, location: list[Any]) -> Any:
    for part in location:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


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
    _refuse_cycles(rules)
    return tuple(rules)


def _refuse_cycles(rules: list[Rule]) -> None:
    """Two substitution rules may not undo each other (house: a -> b, built-in: b -> a)."""
    from .lexicons import corrections

    table: dict[str, str] = {}
    for rule in rules:
        if isinstance(rule, SubstitutionRule):
            table.update(corrections(rule.lexicon) if rule.lexicon else {})
            table.update({wrong.lower(): right for wrong, right in rule.pairs.items()})
            problem = substitution_cycle(table)
            if problem is not None:
                raise ConfigError(f"{rule.where}, field pairs: {problem}")
