"""How healthlint's findings on the press releases relate to HealthNewsReview's expert ratings.

Usage: python benchmarks/hnr_relation.py [CORPUS]

For each pairing of a rule with the criterion it touches, compares the share of releases rated
"Not Satisfactory" among those where the rule fired with the share among those where it did not.
For information only: the ratings judge the whole release, the rules one kind of wording.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

from healthlint import lint_paths
from healthlint.config import Settings

# Rule -> the HealthNewsReview criteria it bears on.
PAIRS = {
    "unsourced-statistic": ["evidence", "benefits"],
    "vague-attribution": ["evidence"],
    "missing-sources": ["evidence"],
    "absolute-claim": ["sensational", "harms"],
    "reading-level": ["sensational"],
}
# "Satisfactory" on these two means the release does NOT commit the fault.
LABELS = ("Satisfactory", "Not Satisfactory")


def main() -> int:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    corpus = (Path(sys.argv[1]) if len(sys.argv) > 1 else default) / "fakehealth_release"
    with (corpus / "labels_hnr_criteria.csv").open(encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    files = [corpus / name for name in rows if (corpus / name).exists()]
    report = lint_paths(files, Settings(), dt.date(2026, 11, 24))
    fired: dict[str, set[str]] = defaultdict(set)
    for finding in report.findings:
        fired[finding.rule].add(Path(finding.path).relative_to(corpus).as_posix())
    print(f"{len(files)} labelled releases\n")
    print(
        "| rule | criterion | releases with a finding | not satisfactory among them | "
        "releases without | not satisfactory among them |"
    )
    print("|---|---|---|---|---|---|")
    for rule, criteria in PAIRS.items():
        for criterion in criteria:
            groups = {True: [0, 0], False: [0, 0]}  # [rated, not satisfactory]
            for name, row in rows.items():
                if row[criterion] not in LABELS:
                    continue  # not applicable
                group = groups[name in fired[rule]]
                group[0] += 1
                group[1] += row[criterion] == "Not Satisfactory"
            cells = []
            for key in (True, False):
                rated, bad = groups[key]
                cells += [str(rated), f"{bad / rated:.0%}" if rated else "—"]
            print(f"| {rule} | {criterion} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
