"""Speed and memory of healthlint against proselint, codespell and a bare ``import spacy``.

    python benchmarks/performance.py [CORPUS] [--out docs/performance.md] [--notes-only]

Times, in one run on the same files: healthlint with a cold and a warm cache, with --jobs 1 and
--jobs 2, over (a) every article of the reference corpus, (b) repositories four and sixteen times
its size made by copying it, (c) one article as pre-commit passes it; proselint and codespell
(installed into this script's own virtual environment, benchmarks/.peers) over (a); and the
floor, a Python process that only imports spaCy. Peak memory is the largest resident set of any
process of a run (GNU time's %M). Writes a Markdown table, followed by our explanation of the
targets not met, copied from docs/performance-notes.md (``--notes-only`` copies it again without
measuring). Nothing here is a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "benchmarks" / ".peers"
HEALTHLINT = [sys.executable, "-m", "healthlint", "check", "--fail-on", "never", "--format", "json"]
_WORD = re.compile(r"\w+")
NOTES = ROOT / "docs" / "performance-notes.md"
NOTES_HEADING = "## Why the targets not met are missed (from docs/performance-notes.md)"


@dataclass
class Run:
    name: str
    files: int
    words: int
    seconds: float
    peak_mb: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def timed(
    command: list[str], before: Callable[[], object] = lambda: None, repeat: int = 3
) -> tuple[float, float]:
    """Wall seconds and peak resident megabytes of a command (the best of ``repeat`` runs);
    ``before`` runs ahead of each (to empty a cache)."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        before()
        wrapped = ["/usr/bin/time", "-f", "%M", *command]
        started = time.perf_counter()
        done = subprocess.run(wrapped, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_kb = int(done.stderr.strip().splitlines()[-1])
        if seconds < best[0]:
            best = (seconds, peak_kb / 1024)
    return best


def peers_python() -> Path:
    python = PEERS / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "proselint", "codespell"], check=True
        )
    return python


def copies(corpus_files: list[Path], times: int, into: Path) -> Path:
    """A repository ``times`` the corpus: the articles copied into numbered folders."""
    for n in range(times):
        folder = into / f"copy{n:02}"
        folder.mkdir(parents=True)
        for path in corpus_files:
            target = folder / path.parent.name / path.name
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, target)
    return into


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--notes-only", action="store_true", help="only copy the notes again")
    args = parser.parse_args()
    if args.notes_only:
        measured = args.out.read_text(encoding="utf-8").split(NOTES_HEADING)[0].rstrip()
        args.out.write_text(measured + "\n\n" + notes_section(), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".md", ".txt"))
    files = [p for p in files if p.name != "README.md"]
    words = sum(len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in files)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    python = peers_python()
    runs: list[Run] = []

    def record(
        name: str, command: list[str], count: int, wordcount: int, before=lambda: None, repeat=3
    ) -> Run:
        seconds, peak = timed(command, before, repeat)
        run = Run(name, count, wordcount, seconds, peak)
        runs.append(run)
        print(f"{name:<46} {seconds:7.2f} s {peak:7.0f} MB", flush=True)
        return run

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = copies(files, 1, work / "x1")
        cache = work / "cache"
        floor = record(
            "floor: python -c 'import spacy'", [sys.executable, "-c", "import spacy"], 0, 0
        )
        single = files[len(files) // 2]
        one = record(
            "healthlint, one file (pre-commit), no cache",
            [*HEALTHLINT, "--no-cache", str(single)],
            1,
            len(_WORD.findall(single.read_text(encoding="utf-8"))),
        )
        j1 = record(
            "healthlint corpus --jobs 1, no cache",
            [*HEALTHLINT, "--no-cache", "--jobs", "1", str(corpus)],
            len(files),
            words,
        )
        j2 = record(
            "healthlint corpus --jobs 2, no cache",
            [*HEALTHLINT, "--no-cache", "--jobs", "2", str(corpus)],
            len(files),
            words,
        )
        cold = record(
            "healthlint corpus --jobs 2, cold cache",
            [*HEALTHLINT, "--jobs", "2", "--cache-dir", str(cache), str(corpus)],
            len(files),
            words,
            before=lambda: shutil.rmtree(cache, ignore_errors=True),
        )
        warm = record(
            "healthlint corpus --jobs 2, warm cache",
            [*HEALTHLINT, "--jobs", "2", "--cache-dir", str(cache), str(corpus)],
            len(files),
            words,
        )
        proselint = record(
            "proselint corpus",
            [str(python), "-m", "proselint", "check", *map(str, sorted(corpus.rglob("*.*")))],
            len(files),
            words,
        )
        codespell = record(
            "codespell corpus", [str(PEERS / "bin" / "codespell"), str(corpus)], len(files), words
        )
        scaled = {}
        for times in (4, 16):
            big = copies(files, times, work / f"x{times}")
            # One run each: the 16x corpus alone takes minutes.
            scaled[times] = record(
                f"healthlint {times}x corpus --jobs 2, no cache (one run)",
                [*HEALTHLINT, "--no-cache", "--jobs", "2", str(big)],
                len(files) * times,
                words * times,
                repeat=1,
            )
            shutil.rmtree(big)

        # Pathological single files, each at a quarter and at full size: time should grow
        # linearly (about 4x), never faster.
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix == ".md")
        makers = {
            "one 5 MB article": (".md", lambda n: text[: 5_000_000 * n // 4]),
            "a paragraph of 20,000 linked statistics": (
                ".md",
                lambda n: (
                    " ".join(
                        f"About {i % 90 + 1}% of people [see](https://x.org/{i}). Then more."
                        for i in range(5_000 * n)
                    )
                    + "\n"
                ),
            ),
            "a paragraph of 50,000 figures": (
                ".md",
                lambda n: (
                    "Values: "
                    + " ".join(
                        f"{i % 97}% of {i % 9 + 1} in {i % 89 + 10}" for i in range(12_500 * n)
                    )
                    + ".\n"
                ),
            ),
            "one 1.3 MB line of HTML": (
                ".html",
                lambda n: (
                    "<p>"
                    + " ".join(
                        f"Studies show {i % 90}% of patients <a href='#'>recover</a> &amp; heal."
                        for i in range(5_000 * n)
                    )
                    + "</p>"
                ),
            ),
        }
        growth = {}
        for name, (suffix, make) in makers.items():
            sizes = []
            for quarters in (1, 4):
                path = work / f"pathological-{quarters}{suffix}"
                content = make(quarters)
                path.write_text(content, encoding="utf-8")
                label = f"{name}" if quarters == 4 else f"{name}, a quarter"
                run = record(
                    label,
                    [*HEALTHLINT, "--no-cache", "--jobs", "1", str(path)],
                    1,
                    len(_WORD.findall(content)),
                    repeat=1,
                )
                sizes.append(run.seconds - floor.seconds)  # less the start-up
            growth[name] = sizes[1] / sizes[0]

    best = min(j1.seconds, j2.seconds)
    lines = [
        "# healthlint performance",
        "",
        "<!-- Written by benchmarks/performance.py: our own measurements. -->",
        "<!-- healthlint-disable-file unsourced-statistic -->",
        "",
        "Why the targets not met are missed, and what would close them: the last section, kept "
        "in `docs/performance-notes.md` with the stage profile behind it.",
        "",
        f"Measured {dt.date.today().isoformat()} on this 2-core machine by "
        "`python benchmarks/performance.py` (best of three runs each; one run for the 4x and 16x "
        "corpora and the single files).",
        f"Corpus: {len(files):,} articles, {words:,} words, {megabytes:.1f} MB.",
        "",
        "| run | files | seconds | words/s | peak MB (largest process) |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        rate = f"{run.words_per_second:,.0f}" if run.words else "—"
        lines.append(
            f"| {run.name} | {run.files:,} | {run.seconds:.2f} | {rate} | {run.peak_mb:.0f} |"
        )
    lines += [
        "",
        "| target | measured | met |",
        "|---|---|---|",
        _target(
            "at least 4x faster than proselint over the corpus", proselint.seconds / best, 4, ">="
        ),
        _target("within 4x of codespell's time", best / codespell.seconds, 4, "<="),
        _target(
            "single-file call within 1.4x of `import spacy`", one.seconds / floor.seconds, 1.4, "<="
        ),
        _target(
            "warm re-run within 10% of the cold run's time", warm.seconds / cold.seconds, 0.10, "<="
        ),
        _target(
            "4x corpus takes at most 4.4x the time (linear)",
            scaled[4].seconds / j2.seconds,
            4.4,
            "<=",
        ),
        _target(
            "16x corpus takes at most 17.6x the time (linear)",
            scaled[16].seconds / j2.seconds,
            17.6,
            "<=",
        ),
        *(
            _target(f"{name}: 4x the size takes at most 4.6x the time", ratio, 4.6, "<=")
            for name, ratio in growth.items()
        ),
        _target(
            "peak memory per worker under 300 MB",
            max(r.peak_mb for r in runs if r.name.startswith("healthlint")),
            300,
            "<=",
        ),
    ]
    args.out.write_text("\n".join(lines) + "\n\n" + notes_section(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def notes_section() -> str:
    """Our explanation of the targets not met: the last section of docs/performance-notes.md,
    so that this page shows each measure with its reason."""
    text = NOTES.read_text(encoding="utf-8")
    body = text[text.index("## The targets not met") :].split("\n", 1)[1].strip()
    return f"{NOTES_HEADING}\n\n{body}\n"


def _target(name: str, value: float, limit: float, sense: str) -> str:
    met = value >= limit if sense == ">=" else value <= limit
    return f"| {name} | {value:.2f} (limit {sense} {limit:g}) | {'yes' if met else 'no'} |"


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    raise SystemExit(main())
