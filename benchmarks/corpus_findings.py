"""Findings per rule per 10,000 words over the shared reference corpus.

Usage: python benchmarks/corpus_findings.py [CORPUS] > docs/corpus-findings-table.md

CORPUS defaults to ../shared/corpus beside the repository; the corpus is not part of the project
(its press releases carry no licence), so this script only reads it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path

from healthlint import lint_paths
from healthlint.config import Settings
from healthlint.packs import builtin_rules

_WORD = re.compile(r"\w+")


def main() -> int:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    collections = {
        "NIH (medquad)": sorted((corpus / "medquad").glob("*.md")),
        "press releases": sorted((corpus / "fakehealth_release" / "articles").glob("*.txt")),
    }
    settings, today = Settings(), dt.date(2026, 11, 24)
    rows: dict[str, dict[str, float]] = {}
    header = ["rule"]
    for name, files in collections.items():
        words = sum(len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in files)
        started = time.perf_counter()
        report = lint_paths(files, settings, today)
        seconds = time.perf_counter() - started
        counts = Counter(f.rule for f in report.findings)
        header += [f"{name}: findings", f"{name}: per 10k words"]
        for rule in builtin_rules():
            rows.setdefault(rule.name, {})[name] = counts[rule.name]
            rows[rule.name][name + "/10k"] = counts[rule.name] / words * 10_000
        print(f"<!-- {name}: {len(files)} files, {words:,} words, {seconds:.1f} s -->")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for rule, values in rows.items():
        cells = []
        for name in collections:
            cells += [str(values[name]), f"{values[name + '/10k']:.2f}"]
        print(f"| {rule} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
