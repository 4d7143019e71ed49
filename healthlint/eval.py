"""Accuracy against hand-made answer keys: per-rule precision and recall, and every miss.

    python -m healthlint.eval [--markdown] [--show]

Scores two sets. The project's own (eval/articles, keys in eval/keys/<file name>.yaml: findings
a correct linter reports, ``{rule, line}`` or ``{rule}`` for a document-level finding, which
healthlint reports at line 1). And, when ../shared/wild is beside the checkout, real articles by
other authors: the pool's own keys (../shared/wild/keys) and ours (eval/wild), scored as the
pool's score.py does (see realtext.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .config import Settings
from .discover import discover
from .realtext import DEFAULT_POOL, SUFFIXES, evaluate_pool
from .run import collect, lint_stream
from .scoring import Evaluation, misses, table

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


def load_key(path: Path) -> Key:
    return Key.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def evaluate(folder: Path = DEFAULT_DIR) -> Evaluation:
    """The project's own set."""
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
        result.add_found(
            Path(finding.path).name, finding.rule, finding.line, finding.message, False
        )
    return result


def report(result: Evaluation, markdown: bool = False, show: bool = True) -> str:
    tp, fp, fn = result.counts()
    precision, recall = result.precision_recall()
    summary = (
        f"{result.articles} articles; {tp + fn} expected findings; overall precision "
        f"{precision:.3f}, recall {recall:.3f}"
    )
    text = table(result, markdown) + f"\n\n{summary}\n"
    return text + ("\n" + misses(result) if show else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthlint.eval", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--pool", type=Path, default=DEFAULT_POOL, help="real articles' pool")
    parser.add_argument("--markdown", action="store_true", help="Markdown tables")
    parser.add_argument("--show", action="store_true", help="list every miss of the real set")
    args = parser.parse_args(argv)
    out = sys.stdout
    out.write("Our own articles (eval/)\n\n" + report(evaluate(args.folder), args.markdown) + "\n")
    if (args.pool / "articles").is_dir():
        real = evaluate_pool(args.pool, args.folder / "wild", TODAY)
        tp, fp, fn = real.counts()
        precision, recall = real.precision_recall()
        out.write(
            f"Real articles ({args.pool}): {real.articles} labelled; {tp + fn} expected; "
            f"micro precision {precision:.3f}, recall {recall:.3f}\n\n"
        )
        out.write(table(real, args.markdown, SUFFIXES) + "\n")
        if args.show:
            out.write("\n" + misses(real))
    else:
        out.write(f"(no pool of real articles at {args.pool}: only our own set is scored)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
