"""Where a single-file run's start-up goes, step by step.

    python benchmarks/startup.py [ARTICLE] [--runs 5]

Each run is a fresh interpreter that imports spaCy as healthlint does (without spaCy's command
line, which a bare `import spacy` loads), then healthlint's command-line modules,
builds the tokenizer, compiles the rules and lints ARTICLE (examples/failed-back-surgery.md by
default) the way `healthlint check` does, timing each step; the median of each step over the
runs is printed as a Markdown table for docs/performance-notes.md. Not a test: timings depend on
the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in the child: each step's seconds as JSON. The collector is off as `healthlint` keeps it
# during start-up.
_CHILD = """
import gc, json, sys, time
gc.disable()
steps, last = {}, time.perf_counter()
def lap(name):
    global last
    now = time.perf_counter()
    steps[name] = now - last
    last = now
from healthlint.nlp import import_spacy
import_spacy()
lap("import spacy, without its command line (as healthlint imports it)")
import healthlint.check, healthlint.cli
lap("healthlint's imports (pydantic models, markdown-it, YAML)")
from healthlint.nlp import get_nlp
get_nlp()
lap("spaCy's English tokenizer, built")
from healthlint.config import Settings
from healthlint.linter import linter_for
linter_for(Settings())
lap("the rules, compiled")
from healthlint import lint_text
path = sys.argv[1]
lint_text(open(path, encoding="utf-8").read(), path=path)
lap("linting the article")
print(json.dumps(steps))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "article", nargs="?", type=Path, default=ROOT / "examples" / "failed-back-surgery.md"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(args.article)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        runs.append(json.loads(done.stdout))
    print("| step | seconds (median) |")
    print("|---|---|")
    total = 0.0
    for step in runs[0]:
        seconds = statistics.median(run[step] for run in runs)
        total += seconds
        print(f"| {step} | {seconds:.3f} |")
    print(f"| total, in the process | {total:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
