"""Rule kinds: one runner per kind of rule a pack can declare as data. (Rules of kind ``python``
name a check in healthlint/checks; the linter builds both.)"""

from __future__ import annotations

from .base import Runner
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
