"""Gitignore patterns: .gitignore files and the configuration's `exclude`, read with git's own
semantics (anchoring, `**`, directory-only patterns, negation, last match wins) through the
pathspec library. pathspec costs some 20 ms to import, so it is imported only when a list that
holds a pattern is compiled: a run over named files without force-exclude never pays it."""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


class Patterns:
    """Compiled patterns and the folder they are relative to (an absolute, resolved path)."""

    __slots__ = ("base", "spec", "_prefix")

    def __init__(self, base: str, spec: GitIgnoreSpec) -> None:
        self.base = base
        self.spec = spec
        self._prefix = base if base.endswith(os.sep) else base + os.sep

    def relative(self, path: str) -> str | None:
        """``path`` (absolute, resolved) relative to the base, with slashes; None outside it."""
        if not path.startswith(self._prefix) or len(path) == len(self._prefix):
            return None
        relative = path[len(self._prefix) :]
        return relative if os.sep == "/" else relative.replace(os.sep, "/")

    def verdict(self, path: str, is_dir: bool) -> bool | None:
        """True if the last pattern that matches ``path`` ignores it, False if it is a negation
        (``!pattern``), None if no pattern matches."""
        relative = self.relative(path)
        if relative is None:
            return None
        return self.spec.check_file(relative + "/" if is_dir else relative).include

    def covers(self, path: str, is_dir: bool) -> bool:
        """Whether ``path`` is ignored, itself or through a folder above it (as git does, a
        file in an ignored folder cannot be taken back by a negation)."""
        relative = self.relative(path)
        if relative is None:
            return False
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            if self.spec.check_file("/".join(parts[:depth]) + "/").include:
                return True
        return bool(self.spec.check_file(relative + "/" if is_dir else relative).include)

    def without_matches(self, path: str) -> Patterns | None:
        """These patterns less those that match the folder ``path`` itself: a folder named on
        the command line is searched, and what ignores it as a whole must not empty it."""
        relative = self.relative(path)
        if relative is None:
            return self
        from pathspec import GitIgnoreSpec

        kept = [p for p in self.spec.patterns if p.match_file(relative + "/") is None]
        if len(kept) == len(self.spec.patterns):
            return self
        return Patterns(self.base, GitIgnoreSpec(kept)) if kept else None


def compile_patterns(base: str, lines: tuple[str, ...]) -> Patterns | None:
    """The lines as patterns relative to ``base``; None when none of them is a pattern.
    Raises ValueError naming the first line git's syntax refuses."""
    spec = _compile(lines)
    return Patterns(base, spec) if spec is not None else None


def read_patterns(path: str, base: str) -> Patterns | None:
    """A .gitignore-style file's patterns; unreadable files and lines git would refuse are
    skipped, as git skips them."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            lines = tuple(handle.read().splitlines())
    except (OSError, ValueError):
        return None
    try:
        return compile_patterns(base, lines)
    except ValueError:
        return compile_patterns(base, tuple(line for line in lines if _valid(line)))


@cache
def _compile(lines: tuple[str, ...]) -> GitIgnoreSpec | None:
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None  # blank lines and comments only: nothing to import pathspec for
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):
        bad = next((line for line in lines if not _valid(line)), "")
        raise ValueError(f"{bad!r} is not a valid gitignore pattern") from None


@cache
def _valid(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except (ValueError, re.error):
        return False
    return True
