"""Hostile and unlucky inputs at 1x, 4x and 16x their base size: time, peak memory and result of
one `healthlint check` each, written to docs/robustness.md.

    python benchmarks/hostile.py [--quick]      # --quick: 1x and 4x only

Each input class is built here from our own text; each run is a fresh process (start-up
included, about 1 s), so the growth from 1x to 16x shows whether a shape costs more than its
size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "About 40% of adults snore, and rest helps the knee heal with with ease. "
PARAGRAPH = (
    "Rest the knee for a day or two after a long run. Studies show that ice eases the swelling. "
    "Take ibuprofin with food. About 1 in 5 runners hurt a knee each year."
)

# name -> (what it is, file suffix, text of n units, units at 1x)
CLASSES: dict[str, tuple[str, str, Callable[[int], str], int]] = {
    "links": (
        "one line of Markdown links",
        ".md",
        lambda n: "".join(f"[link {i}](https://example.org/{i}) " for i in range(n)),
        4_000,
    ),
    "ampersands": ("a run of '&'", ".md", lambda n: "&" * n, 20_000),
    "punctuation": ("a run of mixed punctuation", ".md", lambda n: ".,;:!?" * n, 3_000),
    "paragraph": ("one paragraph dense in findings", ".md", lambda n: SENTENCE * n, 900),
    "entities": (
        "'&amp;' entities in HTML",
        ".html",
        lambda n: "<p>" + "&amp;" * n + "</p>",
        62_500,
    ),
    "one-line": ("an ordinary article on one line", ".md", lambda n: (PARAGRAPH + " ") * n, 1_900),
    "paragraphs": (
        "an ordinary article of paragraphs",
        ".md",
        lambda n: (PARAGRAPH + "\n\n") * n,
        1_900,
    ),
    "deep-html": (
        "HTML nested deep",
        ".html",
        lambda n: "<div>" * n + "Take ibuprofin." + "</div>" * n,
        1_250,
    ),
    "footnotes": (
        "figures with footnote markers",
        ".md",
        lambda n: "".join(f"About {i % 90}% of adults snore.[^{i}] " for i in range(n)),
        2_000,
    ),
    "figure-list": (
        "a list of figures under one lead-in",
        ".md",
        lambda n: (
            "According to the CDC, these were the findings:\n\n"
            + "".join(f"- About {i % 90}% of adults snore.\n" for i in range(n))
        ),
        2_000,
    ),
    "nesting": (
        "Markdown lists nested twelve deep",
        ".md",
        lambda n: "".join("  " * (i % 12) + "- step\n" for i in range(n)),
        2_000,
    ),
}
SIZES = (1, 4, 16)
# What the table cannot say (the long fuzz run, why memory is where it is): kept by hand and
# appended to the page.
NOTES = ROOT / "docs" / "robustness-notes.md"


# Runs `healthlint check` in the child and, as it exits, writes the child's own peak resident
# size (VmHWM) to standard error. Not ru_maxrss from wait4: Linux carries the parent's peak into
# a child across fork and exec, so after this script had read a large report every later child
# seemed to take at least as much.
_CHILD = """
import atexit, sys
def peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("peak-kB " + line.split()[1] + "\\n")
atexit.register(peak)
from healthlint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(path: Path) -> tuple[float, float, str]:
    """Seconds, peak resident megabytes and the outcome of linting ``path`` in a new process."""
    command = [sys.executable, "-c", _CHILD, "check", "--no-cache", "--format", "json"]
    command += ["--jobs", "1", str(path)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peaks = [line for line in done.stderr.decode().splitlines() if line.startswith("peak-kB ")]
    megabytes = int(peaks[-1].split()[1]) / 1024 if peaks else float("nan")
    try:
        report = json.loads(done.stdout)
        if report["errors"]:
            outcome = "error: " + report["errors"][0]["message"]
        else:
            outcome = f"{len(report['findings'])} findings"
    except (ValueError, KeyError):
        outcome = f"no report (exit {done.returncode})"
    return seconds, megabytes, outcome


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1x and 4x only")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "robustness.md")
    args = parser.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        # What a run costs before any article: the memory a file adds is measured above it.
        empty = Path(folder) / "empty.md"
        empty.write_text("Rest.\n", encoding="utf-8")
        base_seconds, base_mb, _ = _run(empty)
        print(f"start-up: {base_seconds:.2f} s, {base_mb:.0f} MB", file=sys.stderr)
        for name, (what, suffix, build, units) in CLASSES.items():
            cells = []
            for size in sizes:
                path = Path(folder) / f"{name}-{size}x{suffix}"
                path.write_text(build(units * size), encoding="utf-8")
                kilobytes = path.stat().st_size / 1024
                seconds, megabytes, outcome = _run(path)
                cells.append((kilobytes, seconds, megabytes, outcome))
                print(
                    f"{name} {size}x: {kilobytes:,.0f} kB, {seconds:.2f} s, {megabytes:.0f} MB,"
                    f" {outcome}",
                    file=sys.stderr,
                )
            rows.append((name, what, cells))
        limits = [] if args.quick else _at_the_limit(Path(folder), rows, base_mb)
    args.out.write_text(_page(rows, sizes, base_seconds, base_mb, limits), encoding="utf-8")
    return 0


def _at_the_limit(folder: Path, rows: list, base_mb: float) -> list:
    """Each class whose largest file added more than the bound (40x its size) built again just
    under the size limit and linted with the default settings: the memory budget should stop it
    as an error near 40x, where it would otherwise have gone on growing."""
    from healthlint.budget import MEMORY_PER_BYTE
    from healthlint.loaders import MAX_BYTES

    limits = []
    for name, what, cells in rows:
        kilobytes, _, megabytes, _ = cells[-1]
        if (megabytes - base_mb) * 1024 / kilobytes <= MEMORY_PER_BYTE:
            continue
        _, suffix, build, units = CLASSES[name]
        times = int(0.95 * MAX_BYTES / (kilobytes * 1024) * SIZES[-1])
        path = folder / f"{name}-limit{suffix}"
        path.write_text(build(units * times), encoding="utf-8")
        size = path.stat().st_size / 1024
        seconds, peak_mb, outcome = _run(path)
        print(f"{name} at the limit: {size:,.0f} kB, {seconds:.2f} s, {peak_mb:.0f} MB, {outcome}")
        limits.append((name, what, size, seconds, peak_mb, outcome))
        path.unlink()
    return limits


def _page(
    rows: list, sizes: tuple[int, ...], base_seconds: float, base_mb: float, limits: list
) -> str:
    head = " | ".join(f"{s}x: size, time, peak" for s in sizes)
    lines = [
        "# Robustness: cost per input shape",
        "",
        "<!-- Written by benchmarks/hostile.py: our own measurements. -->",
        "<!-- healthlint-disable-file unsourced-statistic -->",
        "",
        f"Measured {dt.date.today().isoformat()} on this 2-core machine by "
        f"`python benchmarks/hostile.py`: each input class at {', '.join(f'{s}x' for s in sizes)} "
        "its base size, linted by a fresh `healthlint check --no-cache --jobs 1`, so each time "
        f"and peak includes start-up (a one-line article: {base_seconds:.2f} s, "
        f"{base_mb:.0f} MB). Growth is the largest size's figure over the smallest's, for "
        f"{sizes[-1] // sizes[0]}x the size; the last column is the memory the largest file "
        "adds to start-up, as a multiple of its size.",
        "",
        f"| input class | {head} | result at the largest | time growth | memory growth "
        "| memory added / size |",
        "|---|" + "---|" * len(sizes) + "---|---|---|---|",
    ]
    for name, what, cells in rows:
        shown = " | ".join(f"{k:,.0f} kB, {s:.2f} s, {m:.0f} MB" for k, s, m, _ in cells)
        growth_t = cells[-1][1] / cells[0][1]
        growth_m = cells[-1][2] / cells[0][2]
        added = max(0.0, cells[-1][2] - base_mb) * 1024 / cells[-1][0]
        lines.append(
            f"| {what} (`{name}`) | {shown} | {cells[-1][3]} | {growth_t:.1f} | {growth_m:.1f} "
            f"| {added:.0f}x |"
        )
    if limits:
        lines += [
            "",
            "## At the size limit: the memory budget",
            "",
            "Each class above whose largest file added more than 40 times its size, built again "
            "just under the 20 MB size limit and linted with the default settings (a file may "
            "add 40 times its size, at least 256 MB: `file-memory-limit`).",
            "",
            "| input class | size | time | peak | memory added / size | result |",
            "|---|---|---|---|---|---|",
        ]
        for name, what, kilobytes, seconds, megabytes, outcome in limits:
            added = max(0.0, megabytes - base_mb) * 1024 / kilobytes
            lines.append(
                f"| {what} (`{name}`) | {kilobytes:,.0f} kB | {seconds:.2f} s | "
                f"{megabytes:.0f} MB | {added:.0f}x | {outcome} |"
            )
    if NOTES.exists():
        lines += ["", NOTES.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
