"""Replacing a file's content whole or not at all, and keeping the file what it was: a symlink
stays a symlink (its target is written), hard links stay linked, the mode and owner stay.

The usual way is a temporary file in the target's folder, then a rename over the target. A
rename makes a new file, though: for a file with other hard links, or one whose owner this
process cannot give the new file, the content is rewritten in place instead, and put back as it
was if the write fails. On any failure no temporary file is left behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Writes ``data`` as the content of ``path`` (through a symlink, to its target).
    ``durable`` flushes it to disk first (an article; a cache entry need not be)."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        _replace(target, data, 0o666 & ~_umask(), None, durable)
        return
    owner = (info.st_uid, info.st_gid)
    if info.st_nlink > 1 or (owner != (os.geteuid(), os.getegid()) and os.geteuid() != 0):
        _rewrite(target, data, durable)
    else:
        _replace(target, data, info.st_mode & 0o7777, owner, durable)


def _replace(
    target: Path, data: bytes, mode: int, owner: tuple[int, int] | None, durable: bool
) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if owner is not None:
            os.chown(temporary, *owner)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _rewrite(target: Path, data: bytes, durable: bool) -> None:
    """In place, for a file a rename would part from its other names or its owner."""
    before = target.read_bytes()
    try:
        with target.open("r+b") as out:
            out.write(data)
            out.truncate()
            if durable:
                out.flush()
                os.fsync(out.fileno())
    except BaseException:
        with target.open("r+b") as out:  # the old content fitted before: put it back
            out.write(before)
            out.truncate()
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
