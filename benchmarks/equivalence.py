"""Are the findings the same as before a change? For refactoring: record, change, compare.

    python benchmarks/equivalence.py record [SNAPSHOT]    # before the change
    python benchmarks/equivalence.py compare [SNAPSHOT]   # after it: exit 1 on any difference
    python benchmarks/equivalence.py compare SNAPSHOT --segment-blocks 1

``--segment-blocks N`` lints with segments of at most N blocks (healthlint/segments.py), so that
every rule's state across segments is put to the test on every article, not only on long ones:
the findings must be those of whole-article segments.

Lints examples/, eval/articles and, when it is there, everything under ../shared (the reference
corpus and the pool of real articles) through the command line, with JSON output, no cache and a
fixed "today", and keeps every file's findings as JSON lines. ``compare`` lints again and lists
each file whose findings differ in any byte (position, message, fingerprint, fix), and any file
that failed one way and not the other.

The snapshot (default benchmarks/.equivalence.jsonl, not committed) holds findings of articles
that are not ours to ship: it stays on the machine that made it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}
DEFAULT_SNAPSHOT = ROOT / "benchmarks" / ".equivalence.jsonl"
# A fixed day, so that stale-review-date gives the same answer whenever the script runs.
TODAY = "2026-11-24"


def articles() -> list[Path]:
    folders = [ROOT / "examples", ROOT / "eval" / "articles"]
    if SHARED.is_dir():
        folders.append(SHARED)
    found = [
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in SUFFIXES and path.name != "README.md"
    ]
    return sorted(found)


# Set by --segment-blocks: the most blocks a segment may hold; None: as healthlint has it.
SEGMENT_BLOCKS: int | None = None


def _healthlint() -> list[str]:
    if SEGMENT_BLOCKS is None:
        return [sys.executable, "-m", "healthlint"]
    # Forked workers inherit the bound set here.
    start = (
        "import sys, healthlint.segments as s; "
        f"s.SEGMENT_BLOCKS = {SEGMENT_BLOCKS}; "
        "from healthlint.cli import main; sys.exit(main())"
    )
    return [sys.executable, "-c", start]


def _date_arguments(folder: Path) -> list[str]:
    """``--today`` where the command has it; before that, a configuration file's ``today``."""
    help_text = subprocess.run(
        [*_healthlint(), "check", "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--today" in help_text:
        return ["--today", TODAY]
    config = folder / "healthlint.toml"
    config.write_text(f"today = {TODAY}\n", encoding="utf-8")
    return ["--config", str(config)]


def lint(paths: list[Path]) -> dict[str, str]:
    """Each file's findings and error as one line of JSON, keyed by path."""
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "report.json"
        command = [
            *_healthlint(),
            "check",
            "--format",
            "json",
            "--no-cache",
            "--fail-on",
            "never",
            *_date_arguments(Path(folder)),
        ]
        with listing.open("w", encoding="utf-8") as out:
            subprocess.run([*command, *map(str, paths)], stdout=out, cwd=ROOT, check=False)
        report = json.loads(listing.read_text(encoding="utf-8"))
    by_file: dict[str, list] = {str(path): [] for path in paths}
    for finding in report["findings"]:
        by_file.setdefault(finding["path"], []).append(finding)
    for error in report["errors"]:
        by_file.setdefault(error["path"], []).append({"error": error["message"]})
    return {path: json.dumps(rows, sort_keys=True) for path, rows in by_file.items()}


def main(argv: list[str]) -> int:
    global SEGMENT_BLOCKS
    if "--segment-blocks" in argv:
        at = argv.index("--segment-blocks")
        SEGMENT_BLOCKS = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if not argv or argv[0] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    snapshot = Path(argv[1]) if len(argv) > 1 else DEFAULT_SNAPSHOT
    results = lint(articles())
    if argv[0] == "record":
        with snapshot.open("w", encoding="utf-8") as out:
            for path, rows in sorted(results.items()):
                out.write(json.dumps({"path": path, "findings": rows}) + "\n")
        findings = sum(len(json.loads(rows)) for rows in results.values())
        print(f"recorded {len(results)} files, {findings} findings and errors in {snapshot}")
        return 0
    before = {}
    for line in snapshot.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        before[row["path"]] = row["findings"]
    differ = sorted(p for p in before.keys() | results.keys() if before.get(p) != results.get(p))
    for path in differ:
        print(f"differs: {path}")
        print(f"  before: {before.get(path)}")
        print(f"  after:  {results.get(path)}")
    findings = sum(len(json.loads(rows)) for rows in results.values())
    print(f"{len(results)} files, {findings} findings and errors; {len(differ)} files differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
