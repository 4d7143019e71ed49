"""Discovery: which files a run lints.

Files named on the command line are linted as they are, unless force-exclude is on and the
configuration's `exclude` covers them (pre-commit names every staged file). Folders are searched
depth first in path order, each folder listed once and each entry tested once, so the search is
linear in the tree. It leaves out:

- version-control and tool folders (.git, node_modules, healthlint's cache), and folders holding
  a CACHEDIR.TAG (other tools' caches);
- virtual environments, by their pyvenv.cfg (conda's by conda-meta/), whatever their name;
- what .gitignore files ignore, from the repository's root down, and .git/info/exclude
  (`respect-gitignore = false` turns this off);
- what `exclude` covers, with the same gitignore semantics, relative to its configuration's
  folder; the nearest configuration governs each folder (one with --config).

A folder named on the command line is searched even if ignored: the patterns that cover it as a
whole do not apply inside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .config import CACHE_DIR_NAME, CONFIG_FILES, Settings, find_config
from .errors import ConfigError
from .gitignore import Patterns, compile_patterns, read_patterns
from .loaders import SUFFIXES

SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", CACHE_DIR_NAME}
)
# A folder holding one of these is not articles: a Python environment (venv, virtualenv, uv,
# conda) or a cache that says so (https://bford.info/cachedir/).
MARKERS = frozenset({"pyvenv.cfg", "conda-meta", "CACHEDIR.TAG"})
_CONFIG_NAMES = frozenset(CONFIG_FILES)


@dataclass(frozen=True)
class _Folder:
    """A folder being searched and what governs its entries."""

    shown: Path  # as the user named it, for the report
    real: str  # absolute and resolved, for matching
    ignores: tuple[Patterns, ...]  # the .gitignore files in force, outermost first
    exclude: Patterns | None
    fixed: bool  # one configuration for all (--config): nested ones are not read
    respect: bool  # respect-gitignore


def discover(
    paths: Iterable[str | Path], config: Settings | None = None, force_exclude: bool | None = None
) -> Iterator[Path]:
    """The files to lint, in the order of ``paths`` and in path order within a folder.
    ``config``: one configuration for all (--config), else each folder's nearest governs;
    ``force_exclude`` (the flag) overrides the configuration's `force-exclude`."""
    for path in map(Path, paths):
        is_dir = path.is_dir()
        real = os.path.realpath(path) if is_dir else _real_file(path)
        settings = (
            config if config is not None else _nearest(real if is_dir else os.path.dirname(real))[1]
        )
        force = settings.force_exclude if force_exclude is None else force_exclude
        # Compiled only when needed: a run over named files need not import pathspec.
        exclude = _exclude(settings) if is_dir or force else None
        if force and exclude is not None and exclude.covers(real, is_dir):
            continue
        if is_dir:
            yield from _search(path, real, settings, exclude, config is not None)
        else:
            yield path


def _search(
    shown: Path, real: str, settings: Settings, exclude: Patterns | None, fixed: bool
) -> Iterator[Path]:
    respect = settings.respect_gitignore
    outer = _outer_ignores(real) if respect else ()
    ignores = tuple(kept for p in outer if (kept := p.without_matches(real)) is not None)
    exclude = exclude.without_matches(real) if exclude is not None else None
    # Iterators on a stack rather than recursion: a tree may be deeper than Python's stack.
    stack = [_entries(_Folder(shown, real, ignores, exclude, fixed, respect), named=True)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, _Folder):
            stack.append(_entries(item))
        else:
            yield item


def _entries(folder: _Folder, named: bool = False) -> Iterator[Path | _Folder]:
    """The folder's articles and the folders to search, sorted by name."""
    try:
        with os.scandir(folder.real) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # unreadable: nothing to find in it
    names = {entry.name for entry in entries}
    if not named and not MARKERS.isdisjoint(names):
        return
    folder = _entering(folder, names, named)
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # never into a linked folder: no loops
            if is_dir and entry.name in SKIPPED_DIRECTORIES:
                continue
            if not is_dir and os.path.splitext(entry.name)[1].lower() not in SUFFIXES:
                continue
            real = os.path.join(folder.real, entry.name)
            if _ignored(folder, real, is_dir):
                continue
            if is_dir:
                yield replace(folder, shown=folder.shown / entry.name, real=real)
            elif entry.is_file():  # a link to a file is read; a dangling one is not
                yield folder.shown / entry.name
        except OSError:
            continue


def _entering(folder: _Folder, names: set[str], named: bool) -> _Folder:
    """The folder's own rules added to those it inherits: its .gitignore (a repository's root
    starts afresh, as git does for a nested one) and its configuration's `exclude`."""
    ignores, exclude = folder.ignores, folder.exclude
    if folder.respect:
        if ".git" in names:
            ignores = _repository(folder.real)
        if ".gitignore" in names:
            own = read_patterns(os.path.join(folder.real, ".gitignore"), folder.real)
            ignores = (*ignores, own) if own is not None else ignores
    if not (folder.fixed or named or _CONFIG_NAMES.isdisjoint(names)):
        config, settings = _nearest(folder.real)
        if config is not None and str(config.parent) == folder.real:
            exclude = _exclude(settings)
    return replace(folder, ignores=ignores, exclude=exclude)


def _ignored(folder: _Folder, real: str, is_dir: bool) -> bool:
    for patterns in reversed(folder.ignores):  # the deepest .gitignore that has a say wins
        verdict = patterns.verdict(real, is_dir)
        if verdict is not None:
            if verdict:
                return True
            break
    return folder.exclude is not None and bool(folder.exclude.verdict(real, is_dir))


def _outer_ignores(real: str) -> tuple[Patterns, ...]:
    """The rules of the repository holding ``real`` from its root down to ``real``'s parent;
    none outside a repository (a .gitignore above it belongs to no project of ours)."""
    above: list[str] = []
    current = real
    while not os.path.lexists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return ()
        above.append(current := parent)
    if not above:
        return ()  # ``real`` is the repository's root: its rules are read on entering it
    found = list(_repository(current))
    for folder in reversed(above):
        own = read_patterns(os.path.join(folder, ".gitignore"), folder)
        if own is not None:
            found.append(own)
    return tuple(found)


def _repository(root: str) -> tuple[Patterns, ...]:
    """A repository's own excludes (.git/info/exclude), under every .gitignore."""
    info = read_patterns(os.path.join(root, ".git", "info", "exclude"), root)
    return (info,) if info is not None else ()


def _nearest(folder: str) -> tuple[Path | None, Settings]:
    try:
        return find_config(Path(folder))
    except ConfigError:
        return None, Settings()  # reported when a file it governs is linted


def _exclude(settings: Settings) -> Patterns | None:
    if not settings.exclude or settings.root is None:
        return None
    try:
        return compile_patterns(str(settings.root), tuple(settings.exclude))
    except ValueError as error:
        key = "tool.healthlint.exclude" if settings.source.endswith("pyproject.toml") else "exclude"
        raise ConfigError(f"{settings.source}: key {key}: {error}") from None


def _real_file(path: Path) -> str:
    """A named file's folder resolved, its own name kept: a link is matched where it stands."""
    folder, name = os.path.split(path)
    return os.path.join(os.path.realpath(folder or "."), name)
