"""Results cached per file, like ``.ruff_cache``: a run over unchanged articles reads them back
without tokenizing anything (and without importing spaCy).

The key covers everything a file's findings depend on: its bytes and suffix, the effective
settings, the rule packs, the rule catalogue and lexicons, healthlint's own code and version, and
the day the run lints on (stale-review-date compares with it). Entries are written atomically (a
temporary file, then a rename), so concurrent runs never read half a file.

Layout: ``<cache>/<version>/<day>/<2 hex>/<key>.json``, with a ``.gitignore`` of ``*`` and a
``CACHEDIR.TAG`` in ``<cache>``, so that git, backup and archiving tools leave it alone. An entry
is only ever found again by a run of the same version on the same day, so pruning works on whole
folders (see ``ResultCache.tidy``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from contextlib import suppress
from functools import cache
from pathlib import Path

from .atomic import write_atomically
from .config import CACHE_DIR_NAME, Settings
from .findings import Finding
from .prune import prune
from .resources import rules_dir
from .version import __version__

_PACKAGE = Path(__file__).resolve().parent

# Written into the cache folder when healthlint makes it: `git add -A` must never pick it up,
# and the tag is the standard "this is a cache" mark (https://bford.info/cachedir/).
GITIGNORE = b"# Created by healthlint: this folder is a cache and never committed.\n*\n"
CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by healthlint.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
# Pruning runs at most once a day; the stamp's modification time says when it last ran.
STAMP = "last-pruned"
PRUNE_EVERY = 24 * 3600


def _tree_hash(folder: Path, pattern: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _installation_hash() -> str:
    """healthlint's version, code and built-in rules: any change starts a fresh cache."""
    parts = (__version__, _tree_hash(_PACKAGE, "*.py"), _tree_hash(rules_dir(), "*"))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@cache
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / __version__
        self._marked = False

    def key(
        self,
        data: bytes,
        suffix: str,
        settings: Settings,
        packs: tuple[Path, ...],
        today: dt.date | None = None,
    ) -> str:
        """``<day>/<digest>``: entries of one day share a folder, pruned as one."""
        all_packs = sorted({*map(str, packs), *settings.packs})
        today = today or dt.date.today()
        parts = [
            _installation_hash(),
            hashlib.sha256(data).hexdigest(),
            suffix.lower(),
            settings.model_dump_json(),
            *(f"{p}:{_pack_hash(Path(p))}" for p in all_packs),
        ]
        digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        return f"{today.isoformat()}/{digest}"

    def _path(self, key: str) -> Path:
        day, _, digest = key.partition("/")
        return self.folder / day / digest[:2] / f"{digest}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str, path: str) -> list[Finding] | None:
        """The findings stored under ``key``, or None (lint again) for anything but an entry
        that names its own key and holds valid findings: an empty list or a truncated file
        must never pass for a file without findings."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                return None
            rows = entry["findings"]
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                return None
            return [Finding.model_validate({**row, "path": path}) for row in rows]
        except (OSError, ValueError, KeyError, RecursionError):
            return None  # unreadable, or written by another version of the models

    def put(self, key: str, findings: list[Finding]) -> None:
        target = self._path(key)
        rows = {
            "key": key,
            "findings": [f.model_dump(mode="json", exclude={"path"}) for f in findings],
        }
        data = json.dumps(rows).encode("utf-8")
        try:
            self._mark()
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data, durable=False)
            except FileNotFoundError:  # a concurrent prune removed the emptied folder just now
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data, durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _mark(self) -> None:
        """The folder's .gitignore and CACHEDIR.TAG, written once when healthlint makes the folder
        (or finds its own, or an empty one); a --cache-dir of the user's own is left as it is."""
        if self._marked:
            return
        self._marked = True
        if (self.root / "CACHEDIR.TAG").is_file():
            return
        if self.root.name != CACHE_DIR_NAME and self.root.is_dir() and any(self.root.iterdir()):
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            if not (self.root / name).exists():  # the tag last: its presence means both are there
                write_atomically(self.root / name, content, durable=False)

    def tidy(self, today: dt.date, now: float | None = None) -> None:
        """After a run: marks the run's day as used, then, if a day has passed since the last
        time, prunes. Cheap: one stat a run, and the pruning lists only folders it removes.

        Concurrent runs never race badly: the stamp is moved before pruning, so one of them
        prunes; a run whose entry vanishes lints the file again; a folder is removed only
        once empty (os.rmdir), so an entry written meanwhile stays."""
        now = time.time() if now is None else now
        stamp = self.root / STAMP
        with suppress(OSError):  # (no such folder when nothing was written that day)
            os.utime(self.folder / today.isoformat(), (now, now))
        try:
            if now - stamp.stat().st_mtime < PRUNE_EVERY:
                return
        except FileNotFoundError:
            if not self.root.is_dir():
                return
        except OSError:
            return
        try:
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            return  # a read-only cache: prune nothing
        prune(self.root, __version__, now)


def _pack_hash(path: Path) -> str:
    """A pack and the word lists beside it (a substitution rule may read one)."""
    digest = hashlib.sha256(_file_hash(path).encode())
    for sibling in sorted(path.parent.glob("*.txt")):
        digest.update(_file_hash(sibling).encode())
    return digest.hexdigest()
