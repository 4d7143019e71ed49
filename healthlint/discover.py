"""Discovery: which files a run lints. Files named on the command line as they are; folders
searched for articles, sorted, less the tools' folders and the files their configuration
excludes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import CACHE_DIR_NAME, is_excluded
from .loaders import SUFFIXES

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
        CACHE_DIR_NAME,
    }
)


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
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
