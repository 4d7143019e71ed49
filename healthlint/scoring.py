"""Scoring findings against hand-made answer keys: true and false positives and misses per rule
and per file format, precision and recall, and tables of them.

An item is (article, rule, line); a document-level entry (missing-disclaimer) has line None and
matches any finding of its rule in the article. Several findings of one rule on one line count
once, as the keys hold at most one entry per rule and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath

Item = tuple[str, str, int | None]  # article, rule, line (None: the whole document)


@dataclass
class Evaluation:
    articles: int = 0
    expected: set[Item] = field(default_factory=set)
    found: set[Item] = field(default_factory=set)
    messages: dict[Item, str] = field(default_factory=dict)
    notes: dict[Item, str] = field(default_factory=dict)  # the key's note of an expected item

    def add_found(self, article: str, rule: str, line: int, message: str, document: bool) -> None:
        item = (article, rule, None if document else line)
        self.found.add(item)
        self.messages.setdefault(item, message)

    def rules(self) -> list[str]:
        return sorted({rule for _, rule, _ in self.expected | self.found})

    def counts(self, rule: str | None = None, suffix: str | None = None) -> tuple[int, int, int]:
        def keep(item: Item) -> bool:
            return (rule is None or item[1] == rule) and (
                suffix is None or PurePath(item[0]).suffix == suffix
            )

        expected = {i for i in self.expected if keep(i)}
        found = {i for i in self.found if keep(i)}
        return len(expected & found), len(found - expected), len(expected - found)

    def precision_recall(self, rule: str | None = None) -> tuple[float, float]:
        return _ratios(*self.counts(rule))

    def false_positives(self) -> list[Item]:
        return sorted(self.found - self.expected, key=_order)

    def false_negatives(self) -> list[Item]:
        return sorted(self.expected - self.found, key=_order)


def _order(item: Item) -> tuple[str, str, int]:
    return item[0], item[1], item[2] or 0


def _ratios(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _row(cells: Iterable[str], widths: list[int], markdown: bool) -> str:
    cells = list(cells)
    if markdown:
        return "| " + " | ".join(cells) + " |"
    return " ".join(
        cell.ljust(width) if n == 0 else cell.rjust(width)
        for n, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def table(result: Evaluation, markdown: bool = False, suffixes: tuple[str, ...] = ()) -> str:
    """Per rule: expected, TP, FP, FN, precision, recall; then, per format, micro P/R."""
    head = ["rule", "expected", "TP", "FP", "FN", "precision", "recall"]
    head += [f"{s[1:]} P/R" for s in suffixes]
    widths = [22, 8, 4, 4, 4, 9, 6] + [11] * len(suffixes)
    lines = [_row(head, widths, markdown)]
    if markdown:
        lines.append("|" + "---|" * len(head))
    for rule in [*result.rules(), None]:
        tp, fp, fn = result.counts(rule)
        precision, recall = _ratios(tp, fp, fn)
        cells = [rule or "micro", str(tp + fn), str(tp), str(fp), str(fn)]
        cells += [f"{precision:.2f}", f"{recall:.2f}"]
        for suffix in suffixes:
            p, r = _ratios(*result.counts(rule, suffix))
            cells.append(f"{p:.2f}/{r:.2f}" if sum(result.counts(rule, suffix)) else "-")
        lines.append(_row(cells, widths, markdown))
    return "\n".join(lines)


def misses(result: Evaluation) -> str:
    lines = []
    for title, items in (
        ("False positives", result.false_positives()),
        ("Missed (false negatives)", result.false_negatives()),
    ):
        lines.append(f"{title}: {len(items)}")
        for article, rule, line in items:
            text = result.messages.get((article, rule, line)) or result.notes.get(
                (article, rule, line), ""
            )
            lines.append(f"- {article}:{line or '-'} {rule} {text}".rstrip())
        lines.append("")
    return "\n".join(lines)
