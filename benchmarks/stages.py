"""Where a lint's time goes, stage by stage, in one process over (part of) the reference corpus.

    python benchmarks/stages.py [CORPUS] [--every N]

Loads, tokenizes, splits sentences, runs the pattern hub and then each rule on its own, timing
each; prints seconds per stage and its share. Each article is linted twice and the second pass
is reported, so that start-up and first-use costs do not count. Used to explain
docs/performance-notes.md; not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from healthlint.analysis import ParsedArticle  # noqa: E402
from healthlint.config import Settings  # noqa: E402
from healthlint.linter import linter_for  # noqa: E402
from healthlint.loaders import read_article  # noqa: E402
from healthlint.nlp import get_nlp  # noqa: E402
from healthlint.positions import Locator  # noqa: E402


class Stopwatch:
    """Adds the time since the last lap to a stage."""

    def __init__(self) -> None:
        self.times: Counter[str] = Counter()
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.times[stage] += now - self.last
        self.last = now


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--every", type=int, default=4, help="lint every Nth article")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".md", ".txt"))
    files = [p for p in files if p.name != "README.md"][:: args.every]
    linter = linter_for(Settings())
    nlp = get_nlp()
    watch = Stopwatch()
    tokens = 0
    for second_pass in (False, True):
        watch = Stopwatch()
        for path in files:
            watch.last = time.perf_counter()
            article = read_article(path)
            watch.lap("load (read, parse markup)")
            docs = [nlp.tokenizer(block.text) for block in article.blocks]
            watch.lap("tokenizer (spaCy)")
            for name, component in nlp.pipeline:
                docs = [component(doc) for doc in docs]
                watch.lap(f"pipeline: {name}")
            parsed = ParsedArticle(article, docs, linter.hub)
            for index in range(len(docs)):
                parsed.matches(index, "")
            watch.lap("pattern hub (all token patterns)")
            locator = Locator(article)
            for active in linter.active:
                if active.runner is None:
                    continue  # reported by a later stage
                hits = [*active.runner.run(parsed), *active.runner.finish(parsed)]
                watch.lap(f"rule: {active.rule.name}")
                for hit in hits:
                    locator.finding(active.rule, active.severity, hit, *locator.span(hit))
                watch.lap("findings (line:column, models)")
            if second_pass:
                tokens += sum(len(doc) for doc in docs)
    spent = watch.times
    total = sum(spent.values())
    print(f"{len(files)} articles, {tokens:,} tokens, {total:.2f} s")
    for stage, seconds in spent.most_common():
        print(f"{seconds:7.2f} s {seconds / total:6.1%}  {stage}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
