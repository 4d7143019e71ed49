"""healthlint: a content-quality linter for consumer health articles.

The public API returns the same models the command line prints::

    from healthlint import lint_text
    for finding in lint_text("As many as 40% of patients...", path="post.md"):
        print(finding.rule, finding.line, finding.column)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .config import Settings
    from .findings import Finding, Report

__all__ = ["__version__", "lint_paths", "lint_text"]


def lint_text(
    text: str, path: str = "article.md", settings: Settings | None = None
) -> list[Finding]:
    """Lint an article held in memory; ``path``'s suffix picks the format (.md, .html, .txt)."""
    from .config import Settings
    from .engine import _linter
    from .loaders import load_text_source

    article = load_text_source(path, text)
    return _linter(settings or Settings(), ()).lint_article(article)


def lint_paths(paths: Iterable[str | Path], settings: Settings | None = None) -> Report:
    """Lint files and directories, with configuration found beside each file unless given."""
    from .config import find_config
    from .engine import discover, lint_files
    from .findings import Report

    def settings_for(path: Path):
        return settings if settings is not None else find_config(path.resolve().parent)[1]

    files, findings, errors = lint_files(discover(paths), settings_for)
    return Report.build(__version__, files, findings, errors)
