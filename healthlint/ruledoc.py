"""A rule's documentation, as `healthlint explain` prints it and docs/rules.md shows it: what it
does, why, what it leaves alone, whether it fixes, its options, references and examples. All of
it comes from the rule's declaration and its runner's options model."""

from __future__ import annotations

from typing import Any

from .linter import runner_class
from .rulepack import Rule

FIX = {
    True: "Safe: --fix replaces the flagged text with the suggestion (never across markup).",
    False: "None: findings name the problem; an editor decides the wording.",
}


def options(rule: Rule) -> list[tuple[str, str, str]]:
    """(key, default, description) of each option the rule takes in the configuration."""
    runner = runner_class(rule)
    if runner is None:
        return []
    rows = []
    for name, field in runner.Options.model_fields.items():
        default: Any = field.get_default(call_default_factory=True)
        if default is None:  # unset, the rule's own field of that name holds
            default = getattr(rule, name, None)
        shown = "none" if default in (None, ()) else str(default)
        rows.append((field.alias or name, shown, field.description or ""))
    return rows


def _indent(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.rstrip("\n").splitlines())


def as_text(rule: Rule) -> str:
    parts = [
        f"{rule.code} {rule.name} (default severity: {rule.severity.value})\n\n",
        f"What it does\n  {rule.summary}\n\n",
        f"Why is this bad?\n  {rule.rationale}\n\n",
    ]
    if rule.not_flagged:
        parts.append("Not flagged\n" + "".join(f"  - {case}\n" for case in rule.not_flagged) + "\n")
    parts.append(f"Fix\n  {FIX[rule.fixable]}\n\n")
    rows = options(rule)
    if rows:
        parts.append(f"Options ([tool.healthlint.rules.{rule.name}])\n")
        parts += [f"  {key} (default: {default}): {text}\n" for key, default, text in rows]
        parts.append("\n")
    if rule.references:
        parts.append("References\n" + "".join(f"  - {ref}\n" for ref in rule.references) + "\n")
    parts.append("Example that is flagged\n" + _indent(rule.examples.failing[0]) + "\n")
    parts.append("Example that passes\n" + _indent(rule.examples.passing[0]))
    return "".join(parts)


def _fence(text: str) -> str:
    return f"```text\n{text.rstrip()}\n```\n"


def as_markdown(rules: list[Rule]) -> str:
    """The whole catalogue as one page, a section a rule."""
    lines = [
        "# Rules\n",
        "Generated from rules/*.yaml by `healthlint explain --all --format markdown`; "
        "a test fails when this page is stale.\n",
    ]
    for rule in sorted(rules, key=lambda r: r.code):
        lines.append(f"## {rule.code} {rule.name}\n")
        lines.append(f"Default severity: {rule.severity.value}. Kind: {rule.kind}.\n")
        lines.append(f"**What it does.** {rule.summary}\n")
        lines.append(f"**Why is this bad?** {rule.rationale}\n")
        if rule.not_flagged:
            lines.append("**Not flagged:**\n\n" + "".join(f"- {c}\n" for c in rule.not_flagged))
        lines.append(f"**Fix.** {FIX[rule.fixable]}\n")
        rows = options(rule)
        if rows:
            table = "".join(f"| `{k}` | {d} | {t} |\n" for k, d, t in rows)
            lines.append(
                f"**Options** (`[tool.healthlint.rules.{rule.name}]`):\n\n"
                "| option | default | meaning |\n|---|---|---|\n" + table
            )
        if rule.references:
            lines.append("**References:**\n\n" + "".join(f"- {r}\n" for r in rule.references))
        lines.append("**Flagged:**\n\n" + _fence(rule.examples.failing[0]))
        lines.append("**Not flagged:**\n\n" + _fence(rule.examples.passing[0]))
    return "\n".join(lines)
