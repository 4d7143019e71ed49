"""Issue 14's measures in one run, written to docs/performance.md: start-up against a bare
``import spacy``, throughput over the NIH corpus against proselint, codespell and spaCy's
tokenizer alone, memory of huge articles and of long runs, Dask's scaling, and where the time
goes, stage by stage. With ``--before REV`` the same measures of an older commit sit beside.

    python benchmarks/performance.py [--before REV] [--runs 3] [--quick] [--out FILE]

Every time is the median of ``--runs`` runs (start-up: of 9, alternating with the floor). Peak
memory is sampled from /proc every 20 ms for the command and each of its worker processes.
proselint and codespell are installed into benchmarks/.peers on first use. Needs ../shared
(the corpus is not ours to ship). Nothing here is a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "medquad"
PEERS = ROOT / "benchmarks" / ".peers"
NOTES = ROOT / "docs" / "performance-notes.md"
CHECK = ["-m", "healthlint", "check", "--fail-on", "never", "--today", "2026-11-24"]
_WORD = re.compile(r"\w+")

sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass
class Measure:
    seconds: float  # median wall time
    main_mb: float  # peak resident memory of the command's own process
    worker_mb: float = 0.0  # of its largest worker process
    all_seconds: list[float] = field(default_factory=list)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
                found += [int(child) for child in listing.read().split()]
    except OSError:
        pass
    return found


def sampled(command: list[str], cwd: Path = ROOT) -> Measure:
    """One run: wall seconds, and the peak memory of the process and of its largest child."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    main = worker = 0.0
    while process.poll() is None:
        main = max(main, _rss_mb(process.pid))
        for child in _children(process.pid):
            worker = max(worker, _rss_mb(child))
        time.sleep(0.02)
    return Measure(time.perf_counter() - started, main, worker)


def median(command: list[str], runs: int, cwd: Path = ROOT, before=None) -> Measure:
    measures = []
    for _ in range(runs):
        if before is not None:
            before()
        measures.append(sampled(command, cwd))
    times = [m.seconds for m in measures]
    return Measure(
        statistics.median(times),
        max(m.main_mb for m in measures),
        max(m.worker_mb for m in measures),
        times,
    )


def healthlint(*arguments: str) -> list[str]:
    """``healthlint check`` as ``python -m``: run in a checkout's folder, it is that checkout's
    code (the folder comes first on the module path)."""
    return [sys.executable, *CHECK, *arguments]


def peers() -> Path:
    python = PEERS / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "proselint", "codespell"], check=True
        )
    return python


TOKENIZE = """
import sys, time
from pathlib import Path
from healthlint.loaders import read_article
texts = [b.text for p in sys.argv[1:] for b in read_article(Path(p)).blocks]
import spacy
tokenizer = spacy.blank("en").tokenizer
started = time.perf_counter()
for text in texts:
    tokenizer(text)
print(time.perf_counter() - started)
"""


def tokenizer_floor(files: list[Path], runs: int) -> float:
    """Seconds spaCy's English tokenizer alone takes over the prose healthlint reads in
    ``files`` (each block as healthlint feeds it; reading and start-up not counted)."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", TOKENIZE, *map(str, files)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout))
    return statistics.median(times)


def startup(codes: dict[str, Path], article: Path, runs: int) -> dict[str, float]:
    """Median seconds of ``import spacy`` and of one article linted as pre-commit runs it
    (cache on, the article not in it), alternating so that load on the machine hits all alike."""
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in codes}}
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(runs):
            times["floor"].append(sampled([sys.executable, "-c", "import spacy"]).seconds)
            for name, code in codes.items():
                cache = Path(scratch) / f"{name}-{number}"
                command = healthlint("--force-exclude", "--cache-dir", str(cache))
                if name == "before":  # older commits had no --force-exclude
                    command = healthlint("--cache-dir", str(cache))
                times[name].append(sampled([*command, str(article)], code).seconds)
    return {name: statistics.median(values) for name, values in times.items()}


def corpus_copies(files: list[Path], times: int, into: Path) -> Path:
    for number in range(times):
        folder = into / f"copy{number}"
        folder.mkdir(parents=True)
        for path in files:
            shutil.copyfile(path, folder / path.name)
    return into


def huge_articles(files: list[Path], into: Path) -> dict[str, Path]:
    """A 5 MB article of ordinary pages, and one of 5 MB dense in findings."""
    from hostile import CLASSES

    text = "\n\n".join(path.read_text(encoding="utf-8") for path in files)
    ordinary = into / "ordinary-5mb.md"
    ordinary.write_text(text[:5_000_000], encoding="utf-8")
    _, suffix, make, units = CLASSES["paragraphs"]
    dense = into / f"dense-5mb{suffix}"
    dense.write_text(make(units * 16), encoding="utf-8")
    return {"5 MB of ordinary pages": ordinary, "5 MB dense in findings": dense}


def stages(code: Path) -> str:
    done = subprocess.run(
        [sys.executable, "benchmarks/stages.py", str(CORPUS), "--every", "2"],
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def dask_scaling(files: list[Path], runs: int) -> str:
    try:
        import dask  # noqa: F401
        from dask_scaling import measure, table
    except ImportError:
        return "(dask is not installed: `pip install -e '.[dask]'`)"
    return table(measure(files, runs=runs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", metavar="REV", help="also measure this commit")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="no 16x corpus, no Dask")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args()
    files = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    if not files:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    words = sum(len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in files)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        codes = {"now": ROOT}
        if args.before:
            codes["before"] = work / "before"
            subprocess.run(
                ["git", "worktree", "add", "-q", "--detach", str(codes["before"]), args.before],
                cwd=ROOT,
                check=True,
            )
        try:
            results = measure_all(args, codes, files, work)
        finally:
            if args.before:
                subprocess.run(["git", "worktree", "remove", "--force", str(codes["before"])])
    args.out.write_text(page(args, results, len(files), words), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def measure_all(args, codes: dict[str, Path], files: list[Path], work: Path) -> dict:
    runs, results = args.runs, {}

    def say(what: str, value: object) -> None:
        print(f"{what}: {value}", flush=True)

    results["startup"] = startup(codes, files[len(files) // 2], max(9, runs))
    say("start-up", results["startup"])
    for name, code in codes.items():
        for jobs in ("1", "2"):
            command = healthlint("--no-cache", "--jobs", jobs, str(CORPUS))
            results[f"{name} jobs {jobs}"] = median(command, runs, code)
            say(f"{name} jobs {jobs}", results[f"{name} jobs {jobs}"])
    cache = work / "cache"
    cached = healthlint("--cache-dir", str(cache), str(CORPUS))
    results["cold"] = median(cached, runs, before=lambda: shutil.rmtree(cache, True))
    results["warm"] = median(cached, runs)
    results["tokenizer"] = tokenizer_floor(files, runs)
    python = peers()
    proselint = [str(python), "-m", "proselint", "check", *map(str, files)]
    results["proselint"] = median(proselint, runs)
    results["codespell"] = median([str(PEERS / "bin" / "codespell"), str(CORPUS)], runs)
    say("peers", (results["proselint"].seconds, results["codespell"].seconds))
    for times in (1, 4) if args.quick else (1, 4, 16):
        tree = corpus_copies(files, times, work / f"x{times}")
        results[f"x{times}"] = sampled(healthlint("--no-cache", "--jobs", "2", str(tree)))
        shutil.rmtree(tree)
        say(f"{times}x corpus", results[f"x{times}"])
    for label, path in huge_articles(files, work).items():
        for name, code in codes.items():
            command = healthlint("--no-cache", "--jobs", "1", str(path))
            results[f"{name} {label}"] = sampled(command, code)
            say(f"{name} {label}", results[f"{name} {label}"])
    results["dask"] = "(--quick)" if args.quick else dask_scaling(files, runs)
    results["stages"] = {name: stages(code) for name, code in codes.items()}
    return results


def _row(name: str, m: Measure, files: int, words: int) -> str:
    rate = f"{words / m.seconds:,.0f}" if words else "-"
    worker = f"{m.worker_mb:.0f}" if m.worker_mb else "-"
    return f"| {name} | {files:,} | {m.seconds:.2f} | {rate} | {m.main_mb:.0f} | {worker} |"


def _target(what: str, value: float, limit: float, sense: str, unit: str = "") -> str:
    met = value >= limit if sense == ">=" else value <= limit
    return f"| {what} | {value:.2f}{unit} | {sense} {limit:g}{unit} | {'yes' if met else 'no'} |"


def page(args, r: dict, count: int, words: int) -> str:
    before = "before" in r["startup"]
    today = dt.date.today().isoformat()
    lines = [
        "# healthlint performance",
        "",
        "<!-- Written by benchmarks/performance.py: our own measurements. -->",
        "<!-- healthlint-disable-file unsourced-statistic -->",
        "",
        f"Measured {today} on this 2-core machine by `python benchmarks/performance.py"
        + (f" --before {args.before}`" if before else "`")
        + f": medians of {args.runs} runs (start-up: of {max(9, args.runs)}, alternating).",
        f"Corpus: the {count:,} NIH pages of `../shared/corpus/medquad`, {words:,} words.",
        "",
        "## Start-up: one article as pre-commit runs it",
        "",
        "| run | seconds | against `python -c 'import spacy'` |",
        "|---|---|---|",
    ]
    floor = r["startup"]["floor"]
    for name, seconds in r["startup"].items():
        lines.append(f"| {name} | {seconds:.3f} | {seconds / floor:.2f}x |")
    lines += [
        "",
        "## Throughput and memory over the corpus",
        "",
        "| run | files | seconds | words/s | peak MB (command) | peak MB (largest worker) |",
        "|---|---|---|---|---|---|",
    ]
    names = [n for n in ("before jobs 1", "before jobs 2", "now jobs 1", "now jobs 2") if n in r]
    for name in names:
        lines.append(_row(f"healthlint {name.replace('jobs', '--jobs')}", r[name], count, words))
    lines.append(_row("healthlint --jobs 2, cold cache", r["cold"], count, words))
    lines.append(_row("healthlint --jobs 2, warm cache", r["warm"], count, words))
    token = Measure(r["tokenizer"], 0)
    lines.append(_row("spaCy's tokenizer alone, same prose (no start-up)", token, count, words))
    lines.append(_row("proselint", r["proselint"], count, words))
    lines.append(_row("codespell", r["codespell"], count, words))
    for times in (1, 4, 16):
        if f"x{times}" in r:
            name = f"healthlint --jobs 2, corpus x{times} (one run)"
            lines.append(_row(name, r[f"x{times}"], count * times, words * times))
    lines += ["", "## Huge articles (one run each, `--jobs 1`)", ""]
    lines += ["| article | code | seconds | peak MB |", "|---|---|---|---|"]
    for label in ("5 MB of ordinary pages", "5 MB dense in findings"):
        for name in ("before", "now"):
            if f"{name} {label}" in r:
                m = r[f"{name} {label}"]
                lines.append(f"| {label} | {name} | {m.seconds:.2f} | {m.main_mb:.0f} |")
    now1, now2 = r["now jobs 1"].seconds, r["now jobs 2"].seconds
    x1, x16 = r["x1"], r.get("x16", r.get("x4"))
    lines += [
        "",
        "## Targets",
        "",
        "| target | measured | limit | met |",
        "|---|---|---|---|",
        _target("one file, against `import spacy`", r["startup"]["now"] / floor, 1.1, "<=", "x"),
        _target("proselint's time over ours (--jobs 2)", r["proselint"].seconds / now2, 4, ">="),
        _target("ours (--jobs 1) over the tokenizer alone", now1 / r["tokenizer"], 2, "<="),
        _target("--jobs 1 over --jobs 2", now1 / now2, 1.8, ">="),
        _target("warm cache over cold", r["warm"].seconds / r["cold"].seconds, 0.1, "<="),
        _target(
            "5 MB of ordinary pages, peak MB", r["now 5 MB of ordinary pages"].main_mb, 400, "<="
        ),
        _target(
            "5 MB dense in findings, peak MB", r["now 5 MB dense in findings"].main_mb, 400, "<="
        ),
        _target("largest worker on the largest corpus, MB", x16.worker_mb, 300, "<="),
        _target(
            "command's own memory, largest corpus over 1x", x16.main_mb / x1.main_mb, 1.2, "<="
        ),
        "",
        f"codespell (a word-list scan) takes {r['codespell'].seconds:.2f} s: ours with two "
        f"workers takes {now2 / r['codespell'].seconds:.1f} times as long.",
        "",
        "## Past one machine: Dask",
        "",
        r["dask"],
        "",
        "## Where the time goes (`benchmarks/stages.py`, one process, every second article)",
        "",
    ]
    for name, profile in r["stages"].items():
        lines += [f"{name}:", "", "```text", profile, "```", ""]
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
