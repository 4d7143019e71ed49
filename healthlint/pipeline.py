"""One file through every stage: read, analyse, rules, positions, fix safety, suppressions; then,
with --fix or --diff, the fixes; then the cache. This is what a worker process runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from . import fixes, suppressions
from .article import Article
from .atomic import write_atomically
from .budget import Budget, file_budget
from .cache import ResultCache
from .config import Settings
from .errors import ConfigError, HealthlintError, InputError
from .findings import FileError, FileResult, Finding, display_path
from .linter import Linter, linter_for
from .loaders import load, read_bytes
from .loaders.source import decode, normalise
from .positions import Locator
from .segments import segments


def lint_article(article: Article, linter: Linter, today: dt.date | None = None) -> list[Finding]:
    """The article's findings, sorted by position; at one position, in catalogue order."""
    locator = Locator(article)
    findings = []
    # Each hit becomes a finding as its segment is read, so an article's hits are never all
    # held beside its findings.
    for active, hit in linter.hits(segments(article, linter.hub, today)):
        start, end = locator.span(hit)
        if hit.fix is not None and hit.block is not None:
            prose = article.blocks[hit.block].text[hit.start : hit.end]
            if not fixes.is_safe(prose, article.source[start:end]):
                hit = replace(hit, fix=None)
        findings.append(locator.finding(active.rule, active.severity, hit, start, end))
    findings.sort(key=lambda finding: (finding.sort_key(), linter.order[finding.rule]))
    active = [(a.rule, a.severity) for a in linter.active]
    findings = suppressions.apply(findings, locator, active, linter.catalogue)
    return sorted(findings, key=Finding.sort_key)


class Mode(StrEnum):
    report = "report"  # findings only
    fix = "fix"  # apply the safe fixes to the file, report what remains
    diff = "diff"  # the safe fixes as a diff; the file is left alone


@dataclass(frozen=True)
class Job:
    """A file and everything its lint depends on; what a worker process receives."""

    path: Path
    settings: Settings
    packs: tuple[Path, ...] = ()
    today: dt.date | None = None
    mode: Mode = Mode.report
    cache: ResultCache | None = None
    data: bytes | None = None  # the text itself, when it is no file (standard input)


def run_job(job: Job) -> FileResult:
    """The job's file linted (and fixed), or the error that stopped it: whatever goes wrong with
    one file is that file's error, and the run goes on."""
    try:
        # Compiling the rules is the run's cost, not the file's: outside the file's budget.
        linter = linter_for(job.settings, job.packs)
        settings = job.settings
        with file_budget(settings.file_time_limit, settings.file_memory_limit) as budget:
            return _run(job, linter, budget)
    except HealthlintError as error:
        message, config = str(error), isinstance(error, ConfigError)
    except Exception as error:  # a bug of ours: reported with the file, never a traceback
        message, config = (
            f"internal error ({type(error).__name__}: {error}); please report it",
            False,
        )
    name = display_path(job.path)
    return FileResult(name, error=FileError(path=name, message=message), config_error=config)


def _run(job: Job, linter: Linter, budget: Budget) -> FileResult:
    path, name = job.path, display_path(job.path)
    data = read_bytes(path) if job.data is None else job.data
    budget.allow(len(data))
    source = decode(data)
    findings = lint_article(load(name, source.text), linter, job.today)
    fixed, diff, output = 0, "", None
    if job.mode is not Mode.report and any(f.fix is not None for f in findings):

        def relint(text: str) -> list[Finding]:
            return lint_article(load(name, normalise(text)), linter, job.today)

        text, remaining, fixed = fixes.fix_all(source.original, findings, relint)
        if job.mode is Mode.diff:
            diff = fixes.unified_diff(path, source.original, text)
        elif job.data is not None:  # standard input: the fixed text goes back the same way
            output, findings = text, remaining
        else:
            data = source.encode(text)
            try:
                write_atomically(path, data)
            except OSError as error:  # the file is as it was; say why it was not fixed
                raise InputError(f"cannot write the fixes: {error.strerror or error}") from None
            findings = remaining
    if job.cache is not None:
        key = job.cache.key(data, path.suffix, job.settings, job.packs, job.today)
        job.cache.put(key, findings)
    if output is None and job.data is not None and job.mode is Mode.fix:
        output = source.original  # nothing to fix: the text comes back as it went in
    result = FileResult(name, findings, fail_on=job.settings.fail_on, fixed=fixed, diff=diff)
    return replace(result, output=output) if output is not None else result
