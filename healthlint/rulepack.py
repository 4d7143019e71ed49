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
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

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

    # The pack file the rule came from, for error messages.
    _source: Path | None = PrivateAttr(default=None)

    @property
    def where(self) -> str:
        return f"{self._source}: rule {self.name}" if self._source else f"rule {self.name}"


Pattern = str | list[dict[str, Any]]
PatternSet = dict[str, list[Pattern]]
_PATTERNS = "label -> patterns; a string is a phrase (any case), a list a spaCy token pattern."


class TriggerFilters(BaseModel):
    """Context that cancels a match: what stands just before it, or the kind of sentence."""

    unless_preceded_by: list[str] = Field(
        default_factory=list,
        description="Words (lower case) that cancel a match when they stand shortly before it "
        "in its sentence: negations such as 'no' or 'not'.",
    )
    unless_window: int = Field(default=4, ge=1, le=12, description="How many tokens 'shortly' is.")
    unless_followed_by: list[str] = Field(
        default_factory=list,
        description="Words (lower case) that cancel a match when they follow it closely in its "
        "sentence ('a cure ... has not been found', 'cures it in most cases').",
    )
    followed_window: int = Field(default=8, ge=1, le=20, description="How close 'closely' is.")
    not_after: list[str] = Field(
        default_factory=list,
        description="Words (lower case) that cancel a match when they stand right before it "
        "('the researchers say' names researchers already introduced).",
    )
    not_after_name: bool = Field(
        default=False,
        description="Cancel a match right after a capitalised word or acronym inside the "
        "sentence ('Stanford researchers found' names its source).",
    )
    not_in_questions: bool = Field(default=False, description="Ignore matches in questions.")


class MatchRule(TriggerFilters, RuleBase):
    """Flags each match of its patterns."""

    kind: Literal["match"]
    patterns: PatternSet = Field(default_factory=dict, description="Anywhere: " + _PATTERNS)
    first_token_only: list[str] = Field(
        default_factory=list,
        description="Labels whose patterns end in context words: a finding covers only the "
        "first token ('cures' in 'cures diabetes').",
    )
    block_patterns: PatternSet = Field(
        default_factory=dict,
        description="Only when the match is the whole block (punctuation aside): " + _PATTERNS,
    )


class SubstitutionRule(RuleBase):
    """Flags a listed wrong word and suggests the right one (a safe fix)."""

    kind: Literal["substitution"]
    lexicon: str | None = Field(
        default=None, description="A wrong->right list under rules/ (or beside the pack)."
    )
    pairs: dict[str, str] = Field(default_factory=dict, description="Inline wrong -> right.")

    @model_validator(mode="after")
    def _has_words(self) -> SubstitutionRule:
        if not self.lexicon and not self.pairs:
            raise ValueError("a substitution rule needs a lexicon or pairs")
        return self


class RequireRule(RuleBase):
    """A document-level requirement: at least one of its patterns must appear."""

    kind: Literal["require"]
    scope: Literal["document"] = "document"
    patterns: PatternSet = Field(description="What satisfies the requirement: " + _PATTERNS)
    headings: list[str] = Field(
        default_factory=list, description="Block texts (any case) that satisfy it, e.g. a heading."
    )
    metadata_keys: list[str] = Field(
        default_factory=list, description="Front matter or HTML meta keys that satisfy it."
    )
    links_count: bool = Field(default=False, description="Whether any link satisfies it.")
    when: PatternSet | None = Field(
        default=None, description="Only require it when one of these appears: " + _PATTERNS
    )
    settings_phrases: Literal["disclaimer_phrases"] | None = Field(
        default=None, description="A configuration key whose phrases also satisfy it."
    )
    include_chrome: bool = Field(
        default=True, description="Whether page header, footer and asides count."
    )


class ConditionalRule(TriggerFilters, RuleBase):
    """A trigger needs evidence in its own sentence or in the sentences around it."""

    kind: Literal["conditional"]
    trigger: PatternSet = Field(description="What needs evidence: " + _PATTERNS)
    evidence: PatternSet = Field(description="What counts as evidence: " + _PATTERNS)
    window_before: int = Field(default=1, ge=0, le=5, description="Sentences before it to search.")
    window_after: int = Field(default=1, ge=0, le=5, description="Sentences after it to search.")
    links_count: bool = Field(default=True, description="Whether a link or <sup> is evidence.")


class MetricRule(RuleBase):
    """A measure of the document or of each sentence over a threshold."""

    kind: Literal["metric"]
    measure: Literal["reading_grade", "sentence_words"]
    threshold: float = Field(description="Findings above this value.")
    threshold_setting: Literal["reading_level_target", "sentence_word_limit"] | None = Field(
        default=None, description="A configuration key that overrides the threshold."
    )


class PythonRule(RuleBase):
    """Logic data cannot express, in a check registered in the package (see healthlint.checks)."""

    kind: Literal["python"]
    check: str = Field(description="The name of a check registered in healthlint.checks.")
    data: dict[str, Any] = Field(default_factory=dict, description="Options for the check.")


Rule = Annotated[
    MatchRule | SubstitutionRule | RequireRule | ConditionalRule | MetricRule | PythonRule,
    Field(discriminator="kind"),
]


class RulePack(BaseModel):
    """A YAML file of rules: the built-in catalogue in rules/, or a publisher's own pack."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule]


# libyaml's parser when PyYAML was built with it: five times faster on the catalogue.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KINDS = ("match", "substitution", "require", "conditional", "metric", "python")


def _location(error: dict[str, Any], raw: Any) -> str:
    """'rule unsourced-statistic, field data.window' from a pydantic error location."""
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = raw["rules"][loc[1]] if isinstance(raw, dict) else None
        name = rule.get("name") if isinstance(rule, dict) else None
        where = f"rule {name or '#' + str(loc[1] + 1)}"
        loc = loc[2:]
        if loc and loc[0] in _KINDS:  # the discriminator's tag adds nothing for the reader
            loc = loc[1:]
    field = ".".join(str(part) for part in loc)
    return ", ".join(part for part in (where, f"field {field}" if field else "") if part)


def load_pack(path: Path) -> RulePack:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
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
        first = error.errors()[0]
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            first["loc"] = (*first["loc"], "kind")  # an unknown or missing kind
        line = _line_of(path.read_text(encoding="utf-8"), first["loc"])
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: {_location(first, raw)}: {first['msg']}") from None
    for rule in pack.rules:
        rule._source = path
        # A pack's own word list sits beside it; the built-in ones are under rules/.
        if isinstance(rule, SubstitutionRule) and rule.lexicon:
            beside = path.parent / rule.lexicon
            if beside.is_file():
                rule.lexicon = str(beside.resolve())
    return pack


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of the YAML node a validation error points at (the nearest one that exists)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
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
