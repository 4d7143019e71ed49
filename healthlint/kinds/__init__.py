"""One runner per rule kind; ``python`` rules name a check registered in healthlint.checks."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import ConfigError
from .base import REGISTRY, Compiler, Runner
from .conditional import ConditionalRunner
from .match import MatchRunner
from .metric import MetricRunner
from .require import RequireRunner
from .substitution import SubstitutionRunner

KINDS: dict[str, type[Runner]] = {
    "match": MatchRunner,
    "substitution": SubstitutionRunner,
    "require": RequireRunner,
    "conditional": ConditionalRunner,
    "metric": MetricRunner,
}


def build_runner(rule: Any, compiler: Compiler) -> Runner:
    if rule.kind != "python":
        return KINDS[rule.kind](rule, None, compiler)
    from .. import checks  # noqa: F401  (registers the Python checks)

    check = REGISTRY.get(rule.check)
    if check is None:
        raise ConfigError(f"rule {rule.name}: field check: no check named {rule.check!r}")
    try:
        data = check.Data.model_validate(rule.data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in ("data", *first["loc"]))
        raise ConfigError(f"rule {rule.name}: field {field}: {first['msg']}") from None
    return check(rule, data, compiler)
