"""Article in, findings out. The only place where prose offsets become source lines and columns."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .article import Article, line_starts
from .cache import ResultCache
from .config import Settings, is_excluded
from .errors import ConfigError, HealthlintError
from .findings import FileError, Finding, Fix, Severity
from .kinds import build_runner
from .kinds.base import Compiler, Hit, ParsedArticle, PatternHub, Runner
from .loaders import SUFFIXES, read_article, read_bytes
from .nlp import get_nlp, parse_blocks
from .rulepack import Rule, load_rules
from .suppressions import Suppressor

DEFAULT_FAIL_ON = Severity.warning


def _selected(rule: Rule, patterns: tuple[str, ...]) -> bool:
    """Names match whole; codes match whole or by prefix (``HL0`` selects HL001..HL099)."""
    return any(p == rule.name or rule.code.startswith(p.upper()) for p in patterns)


def active_rules(rules: Iterable[Rule], settings: Settings) -> list[Rule]:
    known = {key for rule in rules for key in (rule.name, rule.code)}
    for option, values in (("select", settings.select), ("ignore", settings.ignore)):
        for value in values:
            if value not in known and not any(k.startswith(value.upper()) for k in known):
                raise ConfigError(f"{option}: unknown rule {value!r}")
    chosen = [r for r in rules if not settings.select or _selected(r, settings.select)]
    return [r for r in chosen if not _selected(r, settings.ignore)]


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    runner: Runner
    severity: Severity


class Linter:
    """Rules compiled for one set of settings; reusable across any number of articles."""

    def __init__(self, settings: Settings | None = None, packs: tuple[Path, ...] = ()) -> None:
        self.settings = settings or Settings()
        nlp = get_nlp()
        self.hub = PatternHub(nlp)
        compiler = Compiler(nlp, self.hub, self.settings)
        self.active: list[ActiveRule] = []
        self.catalogue = load_rules(packs)
        for rule in active_rules(self.catalogue, self.settings):
            severity = self.settings.severity.get(rule.name) or self.settings.severity.get(
                rule.code, rule.severity
            )
            self.active.append(ActiveRule(rule, build_runner(rule, compiler), severity))

    def lint_article(self, article: Article) -> list[Finding]:
        docs = parse_blocks([block.text for block in article.blocks])
        parsed = ParsedArticle(article, docs, self.hub)
        locator = Locator(article)
        findings = [
            locator.finding(active, hit)
            for active in self.active
            for hit in active.runner.run(parsed)
        ]
        if article.directives:
            findings = self._apply_suppressions(article, locator, findings)
        return sorted(findings, key=Finding.sort_key)

    def _apply_suppressions(
        self, article: Article, locator: Locator, findings: list[Finding]
    ) -> list[Finding]:
        lines = [
            (locator.position(d.start)[0], locator.position(max(d.end - 1, d.start))[0])
            for d in article.directives
        ]
        suppressor = Suppressor(article.directives, lines)
        kept = [f for f in findings if not suppressor.suppresses(f.rule, f.code, f.line)]
        judges = [a for a in self.active if getattr(a.runner, "judges_suppressions", False)]
        if judges:
            active = {key for a in self.active for key in (a.rule.name, a.rule.code)}
            catalogue = {key for rule in self.catalogue for key in (rule.name, rule.code)}
            unused = [
                (d.start, d.end, reason) for d, reason in suppressor.unused(catalogue, active)
            ]
            kept += [locator.finding(judges[0], hit) for hit in judges[0].runner.unused(unused)]
        return kept


class Locator:
    """Block offsets -> source offsets (through the block's OffsetMap) -> line and column."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.line_starts = line_starts(article.source)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def finding(self, active: ActiveRule, hit: Hit) -> Finding:
        rule = active.rule
        if hit.source is not None:
            start, end = hit.source
        elif hit.block is None:
            start = end = 0
        else:
            block = self.article.blocks[hit.block]
            start, end = block.offsets.span(hit.start, hit.end)
            if hit.fix is not None and not _same_words(
                block.text[hit.start : hit.end], self.article.source[start:end]
            ):
                # Markup or an entity inside the range ("the [the guide](...)"): replacing it
                # would break the markup, so the finding keeps its suggestion but no fix.
                hit = replace(hit, fix=None)
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Finding(
            path=self.article.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule.name,
            code=rule.code,
            severity=active.severity,
            message=rule.message.format_map(_Values(hit.values)),
            suggestion=hit.suggestion,
            fix=Fix(replacement=hit.fix) if hit.fix is not None else None,
            fingerprint=self.fingerprint(
                rule.name, start, end, document=hit.block is None and hit.source is None
            ),
        )

    def fingerprint(self, rule: str, start: int, end: int, document: bool) -> str:
        """The rule, the flagged text and its lines' text, white space folded: no positions."""
        if document:
            text = context = ""
        else:
            source = self.article.source
            first = self.line_starts[self.position(start)[0] - 1]
            last = source.find("\n", end)
            text = " ".join(source[start:end].split())
            context = " ".join(source[first : last if last != -1 else len(source)].split())
        digest = hashlib.sha256(f"{rule}\0{text}\0{context}".encode())
        return digest.hexdigest()[:20]


def _same_words(prose: str, source: str) -> bool:
    return prose.split() == source.split()


class _Values(dict[str, str]):
    """Leaves an unknown {placeholder} as it is rather than failing the run."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".tox",
        ".healthlint_cache",
    }
)


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line as they are; folders searched for articles, sorted, less
    the files their configuration excludes."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if any(part in SKIPPED_DIRECTORIES for part in relative[:-1]):
                    continue
                is_article = child.is_file() and child.suffix.lower() in SUFFIXES
                if is_article and not is_excluded(child):
                    yield child
        else:
            yield path


_LINTERS: dict[tuple[str, tuple[Path, ...]], Linter] = {}


def _linter(settings: Settings, packs: tuple[Path, ...]) -> Linter:
    """One compiled Linter per distinct configuration, for the life of the process."""
    key = (settings.model_dump_json(), packs)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(settings, packs)
    return _LINTERS[key]


def lint_file(path: Path, settings: Settings, packs: tuple[Path, ...] = ()) -> list[Finding]:
    """Raises InputError when the file cannot be read as an article."""
    all_packs = packs + tuple(Path(pack) for pack in settings.packs)
    return _linter(settings, all_packs).lint_article(read_article(path))


Job = tuple[Path, Settings, str | None]  # a file, its settings, its cache key
Outcome = tuple[list[Finding], tuple[bool, str] | None]  # findings, or (is_config, error)


def _lint_one(path: Path, settings: Settings, packs: tuple[Path, ...]) -> Outcome:
    try:
        return lint_file(path, settings, packs), None
    except ConfigError as error:
        return [], (True, str(error))
    except HealthlintError as error:
        return [], (False, str(error))


def _lint_job(job: tuple[Path, Settings, tuple[Path, ...]]) -> Outcome:
    return _lint_one(*job)


# Below this many files per worker, starting workers costs more than it saves.
FILES_PER_WORKER = 4


def _outcomes(jobs: list[Job], packs: tuple[Path, ...], workers: int) -> Iterator[Outcome]:
    """Lints the jobs in order, in worker processes when there are enough of them."""
    if workers <= 1 or len(jobs) < workers * FILES_PER_WORKER:
        for path, settings, _ in jobs:
            yield _lint_one(path, settings, packs)
        return
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    # Build the pipeline and matchers before forking, so that every worker starts with them.
    path, settings, _ = jobs[0]
    _linter(settings, packs + tuple(Path(p) for p in settings.packs))
    # Small chunks, so that no worker is left with a long tail while the other waits.
    chunk = max(1, len(jobs) // (workers * 32))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        tasks = ((p, s, packs) for p, s, _ in jobs)
        yield from pool.map(_lint_job, tasks, chunksize=chunk)


# A file, its findings (or why it has none) and the settings it was linted with.
Result = tuple[Path, list[Finding] | FileError, Settings | None]


def lint_stream(
    paths: Iterable[Path],
    settings_for: object,
    packs: tuple[Path, ...] = (),
    workers: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[Result]:
    """Each file's findings (or its error), in the order of ``paths`` whatever the number of
    workers, as soon as they are known; nothing is kept once it has been handed on.

    A file that fails becomes a FileError and the others go on; a broken configuration is
    reported once, for the first file it governs.
    """
    config_errors: set[str] = set()
    # First the cheap part: settings and cache keys, so that the workers get only the files
    # that need linting. Cached findings are read back only when their turn comes.
    entries: list[_Entry] = []
    jobs: list[Job] = []
    for path in paths:
        try:
            settings = settings_for(path)  # type: ignore[operator]
            key = None
            if cache is not None:
                key = cache.key(read_bytes(path), path.suffix, settings, packs)
            entry = _Entry(path, settings, key, cached=cache is not None and cache.has(key))
            if not entry.cached:
                jobs.append((path, settings, key))
        except HealthlintError as error:
            entry = _Entry(path, error=(isinstance(error, ConfigError), str(error)))
        entries.append(entry)
    outcomes = _outcomes(jobs, packs, workers)
    for entry in entries:
        path, error = entry.path, entry.error
        result: list[Finding] | None = []
        if error is None:
            if entry.cached:
                result = cache.get(entry.key, str(path))  # type: ignore[union-attr]
                if result is not None:
                    yield path, result, entry.settings
                    continue
                # The entry went bad since it was found: lint the file here.
                result, error = _lint_one(path, entry.settings, packs)  # type: ignore[arg-type]
            else:
                result, error = next(outcomes)
        if error is not None:
            is_config, message = error
            if not (is_config and message in config_errors):
                yield path, FileError(path=str(path), message=message), entry.settings
            if is_config:
                config_errors.add(message)
            continue
        if cache is not None and entry.key is not None:
            cache.put(entry.key, result)
        yield path, result, entry.settings


@dataclass
class _Entry:
    path: Path
    settings: Settings | None = None
    key: str | None = None
    cached: bool = False
    error: tuple[bool, str] | None = None  # (is a configuration error, message)


def lint_files(
    paths: Iterable[Path],
    settings_for: object,
    packs: tuple[Path, ...] = (),
    workers: int = 1,
    cache: ResultCache | None = None,
) -> tuple[int, list[Finding], list[FileError]]:
    """All of :func:`lint_stream` at once: files linted, their findings, the files that failed."""
    findings: list[Finding] = []
    errors: list[FileError] = []
    linted = 0
    for _, result, _ in lint_stream(paths, settings_for, packs, workers, cache):
        if isinstance(result, FileError):
            errors.append(result)
        else:
            findings.extend(result)
            linted += 1
    return linted, findings, errors
