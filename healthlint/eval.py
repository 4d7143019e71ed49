"""Accuracy on the labelled evaluation set: per-rule precision and recall, and every miss.

    python -m healthlint.eval [EVAL_DIR] [--markdown]

Each article in ``EVAL_DIR/articles`` has a key, ``EVAL_DIR/keys/<file name>.yaml``, listing the
findings a correct linter reports: ``{rule, line}``, or ``{rule}`` for a document-level finding
(which healthlint reports at line 1). A finding matches a key entry with the same rule and line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .config import Settings
from .discover import discover
from .run import collect, lint_stream

# The evaluation's fixed "today", so that stale-review-date answers the same on any day.
TODAY = dt.date(2026, 11, 24)
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "eval"


class KeyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str
    line: int | None = Field(default=None, ge=1)


class Key(BaseModel):
    model_config = ConfigDict(extra="forbid")

    findings: list[KeyEntry]
    clean: bool = False
    notes: str = ""


Item = tuple[str, str, int]  # article, rule, line (document-level: 1)


@dataclass
class Evaluation:
    articles: int = 0
    expected: set[Item] = field(default_factory=set)
    found: set[Item] = field(default_factory=set)
    messages: dict[Item, str] = field(default_factory=dict)

    def rules(self) -> list[str]:
        return sorted({rule for _, rule, _ in self.expected | self.found})

    def counts(self, rule: str) -> tuple[int, int, int]:
        expected = {i for i in self.expected if i[1] == rule}
        found = {i for i in self.found if i[1] == rule}
        return len(expected & found), len(found - expected), len(expected - found)

    def precision_recall(self, rule: str) -> tuple[float, float]:
        tp, fp, fn = self.counts(rule)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall

    def false_positives(self) -> list[Item]:
        return sorted(self.found - self.expected)

    def false_negatives(self) -> list[Item]:
        return sorted(self.expected - self.found)


def load_key(path: Path) -> Key:
    return Key.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def evaluate(folder: Path = DEFAULT_DIR) -> Evaluation:
    articles = sorted(discover([folder / "articles"]))
    result = Evaluation(articles=len(articles))
    for article in articles:
        key = load_key(folder / "keys" / f"{article.name}.yaml")
        for entry in key.findings:
            result.expected.add((article.name, entry.rule, entry.line or 1))
    settings = Settings()
    _, findings, errors = collect(lint_stream(articles, lambda _: settings, today=TODAY))
    if errors:
        raise RuntimeError(f"{errors[0].path}: {errors[0].message}")
    for finding in findings:
        item = (Path(finding.path).name, finding.rule, finding.line)
        result.found.add(item)
        result.messages.setdefault(item, finding.message)
    return result


def report(result: Evaluation, markdown: bool = False) -> str:
    lines = []
    head = ("rule", "expected", "TP", "FP", "FN", "precision", "recall")
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    else:
        lines.append(
            f"{head[0]:<22} {head[1]:>8} {head[2]:>4} {head[3]:>4} {head[4]:>4} "
            f"{head[5]:>9} {head[6]:>6}"
        )
    totals: Counter[str] = Counter()
    for rule in result.rules():
        tp, fp, fn = result.counts(rule)
        totals.update({"tp": tp, "fp": fp, "fn": fn})
        precision, recall = result.precision_recall(rule)
        row = (rule, str(tp + fn), str(tp), str(fp), str(fn), f"{precision:.2f}", f"{recall:.2f}")
        if markdown:
            lines.append("| " + " | ".join(row) + " |")
        else:
            lines.append(
                f"{row[0]:<22} {row[1]:>8} {row[2]:>4} {row[3]:>4} {row[4]:>4} "
                f"{row[5]:>9} {row[6]:>6}"
            )
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    summary = (
        f"{result.articles} articles; {tp + fn} expected findings; overall precision "
        f"{tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f}"
    )
    lines += ["", summary, ""]
    for title, items in (
        ("False positives", result.false_positives()),
        ("Missed (false negatives)", result.false_negatives()),
    ):
        lines.append(f"{title}: {len(items)}")
        for article, rule, line in items:
            message = result.messages.get((article, rule, line), "")
            lines.append(f"- {article}:{line} {rule} {message}".rstrip())
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthlint.eval", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    sys.stdout.write(report(evaluate(args.folder), args.markdown) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
