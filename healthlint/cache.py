"""Results cached per file, like ``.ruff_cache``: a run over unchanged articles reads them back
without tokenizing anything (and without importing spaCy).

The key covers everything a file's findings depend on: its bytes and suffix, the effective
settings, the rule packs, the rule catalogue and lexicons, healthlint's own code and version, and
the day the run lints on (stale-review-date compares with it). Entries are written atomically (a
temporary file, then a rename), so concurrent runs never read half a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cache
from pathlib import Path

from .atomic import write_atomically
from .config import Settings
from .findings import Finding
from .resources import rules_dir
from .version import __version__

_PACKAGE = Path(__file__).resolve().parent


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
        self.folder = folder / __version__

    def key(
        self,
        data: bytes,
        suffix: str,
        settings: Settings,
        packs: tuple[Path, ...],
        today: dt.date | None = None,
    ) -> str:
        all_packs = sorted({*map(str, packs), *settings.packs})
        today = today or dt.date.today()
        parts = [
            _installation_hash(),
            hashlib.sha256(data).hexdigest(),
            suffix.lower(),
            settings.model_dump_json(),
            *(f"{p}:{_pack_hash(Path(p))}" for p in all_packs),
            today.isoformat(),
        ]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

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
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, json.dumps(rows).encode("utf-8"), durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _pack_hash(path: Path) -> str:
    """A pack and the word lists beside it (a substitution rule may read one)."""
    digest = hashlib.sha256(_file_hash(path).encode())
    for sibling in sorted(path.parent.glob("*.txt")):
        digest.update(_file_hash(sibling).encode())
    return digest.hexdigest()
