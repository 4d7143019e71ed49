"""healthlint: a content-quality linter for consumer health articles.

The public API returns the same models the command line prints::

    from healthlint import lint_text
    for finding in lint_text("As many as 40% of patients...", path="post.md"):
        print(finding.rule, finding.line, finding.column)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .config import Settings
    from .findings import Finding, Report

__all__ = ["__version__", "lint_paths", "lint_text"]


def lint_text(
    text: str,
    path: str | os.PathLike[str] = "article.md",
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Lint an article held in memory; ``path``'s suffix picks the format (.md, .html, .txt).
    ``today`` is the date stale-review-date compares with (default: today)."""
    if not isinstance(text, str):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes) else ""
        raise TypeError(f"lint_text() takes the article as str, not {type(text).__name__}{hint}")
    path = os.fspath(path)
    from .config import Settings
    from .linter import linter_for
    from .loaders import load
    from .loaders.source import from_text
    from .pipeline import lint_article

    article = load(path, from_text(text).text)
    return lint_article(article, linter_for(settings or Settings()), today)


def lint_paths(
    paths: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    today: dt.date | None = None,
) -> Report:
    """Lint files and directories, with configuration found beside each file unless given. A
    single path may be given as it is."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    from .config import find_config
    from .discover import discover
    from .findings import Report
    from .run import collect, lint_stream

    def settings_for(path: Path) -> Settings:
        return settings if settings is not None else find_config(path.resolve().parent)[1]

    files, findings, errors = collect(lint_stream(discover(paths), settings_for, today=today))
    return Report.build(__version__, files, findings, errors)
