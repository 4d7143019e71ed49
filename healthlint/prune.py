"""Pruning the result cache: entries no run will find again go, and nothing else.

A cache entry is found only by a run of the same healthlint version on the same day, so the
cache prunes whole folders: every other version's, and each day's once no run has used it for
two days (the day folder's modification time; atime is unreliable). Only names healthlint writes
are removed, and a folder only once empty, so a --cache-dir that holds other files keeps them
and an entry a concurrent run writes meanwhile stays.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

UNUSED_FOR = 2 * 24 * 3600
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"\.?[0-9a-f]{64}\.json(\..+\.tmp)?")  # and an interrupted write's temporary


def prune(root: Path, version: str, now: float) -> None:
    """Removes from the cache folder ``root`` the entries of versions other than ``version``,
    and this version's days unused for UNUSED_FOR seconds (a day folder's modification time is
    moved by every run that uses it)."""
    for folder in _folders(root):
        current = folder.name == version
        for day in _folders(folder):
            if _SHARD.fullmatch(day.name):  # 0.1's layout, without day folders
                _empty(day)
            elif _DAY.fullmatch(day.name) and (not current or _unused(day, now)):
                for shard in _folders(day):
                    if _SHARD.fullmatch(shard.name):
                        _empty(shard)
                _remove_folder(day)
        if not current:
            _remove_folder(folder)


def _folders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _unused(folder: Path, now: float) -> bool:
    try:
        return now - folder.stat().st_mtime > UNUSED_FOR
    except OSError:
        return False


def _empty(shard: Path) -> None:
    try:
        with os.scandir(shard) as entries:
            names = [e.name for e in entries if _ENTRY.fullmatch(e.name)]
    except OSError:
        return
    for name in names:
        with suppress(OSError):
            (shard / name).unlink(missing_ok=True)
    _remove_folder(shard)


def _remove_folder(folder: Path) -> None:
    # Not when it is not empty (an entry written meanwhile, a file not ours) or gone already.
    with suppress(OSError):
        folder.rmdir()
