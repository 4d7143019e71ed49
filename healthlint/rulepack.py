"""Rule packs as pydantic models: what a rule declaration in a YAML pack may say (packs.py
reads the files).

Every rule carries its identity (code, name), its default severity and message, and its
documentation (summary, rationale with the standard behind it, what it does not flag, whether it
fixes, references, failing and passing examples), which `healthlint explain`, SARIF, the docs and
the tests all read. What the rule does is named by ``kind``; the ``python`` kind names a check in
the package (healthlint/checks) and passes it ``data``, which that check validates with its own
model. A rule's options, which users set in their configuration, are validated by its runner.
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .findings import Severity

RULE_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# The most sentences a rule's window may reach on either side: analysis.py reads as many around
# each segment of a long article.
MAX_SENTENCE_WINDOW = 5


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
    not_flagged: list[str] = Field(
        default_factory=list,
        description="What the rule deliberately leaves alone, one case an entry: its hard part.",
    )
    fixable: bool = Field(
        default=False,
        description="Whether its findings carry a safe fix, which --fix applies.",
    )
    references: list[str] = Field(
        default_factory=list, description="The standards and guidance behind it, with addresses."
    )

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
    modifiers: list[str] = Field(
        default_factory=list,
        description="Words (lower case) that not_after and not_after_name look past, with numbers: "
        "'the new studies', 'Smith's previous research'.",
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
    include_chrome: bool = Field(
        default=True, description="Whether page header, footer and asides count."
    )


class ConditionalRule(TriggerFilters, RuleBase):
    """A trigger needs evidence in its own sentence or in the sentences around it."""

    kind: Literal["conditional"]
    trigger: PatternSet = Field(description="What needs evidence: " + _PATTERNS)
    evidence: PatternSet = Field(description="What counts as evidence: " + _PATTERNS)
    refers_back: list[str] = Field(
        default_factory=list,
        description="Trigger labels that point back at a source the article has named before "
        "('researchers found' after a study was named): after such a sentence they are no "
        "trigger.",
    )
    exceptions: PatternSet = Field(
        default_factory=dict,
        description="A match of these that overlaps a trigger cancels it (a hedge around it: "
        "'some evidence suggests it might'): " + _PATTERNS,
    )
    window_before: int = Field(
        default=1, ge=0, le=MAX_SENTENCE_WINDOW, description="Sentences before it to search."
    )
    window_after: int = Field(
        default=1, ge=0, le=MAX_SENTENCE_WINDOW, description="Sentences after it to search."
    )
    links_count: bool = Field(default=True, description="Whether a link or <sup> is evidence.")
    paragraph_markers: list[str] = Field(
        default_factory=list,
        description="Labels of evidence patterns (reference markers) that cite the whole "
        "paragraph they end, as a <sup> marker there does ('Studies show X. ... Y.[3]').",
    )

    @field_validator("refers_back", "paragraph_markers")
    @classmethod
    def _known_labels(cls, labels: list[str], info: Any) -> list[str]:
        # refers_back names groups of the trigger, paragraph_markers of the evidence.
        known = info.data.get("trigger" if info.field_name == "refers_back" else "evidence", {})
        for label in (label for label in labels if label not in known):
            close = get_close_matches(label, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"no pattern group named {label!r}{hint}")
        return labels


class MetricRule(RuleBase):
    """A measure of the document or of each sentence over a threshold."""

    kind: Literal["metric"]
    measure: Literal["reading_grade", "sentence_words"]
    threshold: float = Field(description="Findings above this value (the option overrides it).")


class PythonRule(RuleBase):
    """Logic data cannot express, in a check of the package (healthlint/checks)."""

    kind: Literal["python"]
    check: str | None = Field(
        default=None, description="The check that runs it (default: the one of its own name)."
    )
    data: dict[str, Any] = Field(default_factory=dict, description="The check's data.")

    @property
    def check_name(self) -> str:
        return self.check or self.name


class SuppressionsRule(RuleBase):
    """Reported by the suppressions stage: inline directives that suppressed nothing."""

    kind: Literal["suppressions"]


Rule = Annotated[
    MatchRule
    | SubstitutionRule
    | RequireRule
    | ConditionalRule
    | MetricRule
    | PythonRule
    | SuppressionsRule,
    Field(discriminator="kind"),
]


class RulePack(BaseModel):
    """A YAML file of rules: the built-in catalogue in rules/, or a publisher's own pack."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule]
