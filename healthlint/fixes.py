"""Safe fixes (--fix, --diff): corrections applied to the file as written.

Positions come from findings (line and column), so edits land in the original text, with its
byte-order mark and line endings kept. Files are replaced atomically: a temporary file in the same
folder, then a rename.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path

from .findings import Finding
from .loaders import decode

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"


def _offsets(text: str) -> list[int]:
    """Where each line starts, with the same line breaks the loaders count."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def fixed_text(original: str, findings: list[Finding]) -> str:
    """``original`` with every non-overlapping fix applied."""
    starts = _offsets(original)
    edits = []
    for finding in findings:
        if finding.fix is None:
            continue
        start = starts[finding.line - 1] + finding.column - 1
        end = starts[finding.end_line - 1] + finding.end_column - 1
        edits.append((start, end, finding.fix.replacement))
    text = original
    last_start = len(original) + 1
    for start, end, replacement in sorted(edits, reverse=True):
        if end > last_start:
            continue  # overlaps a fix already applied; the next run takes it
        text = text[:start] + replacement + text[end:]
        last_start = start
    return text


def read_original(path: Path) -> tuple[str, bool]:
    data = path.read_bytes()
    decode(data)  # the same checks as for linting: not binary, valid UTF-8
    has_bom = data.startswith(_BOM)
    return data[len(_BOM) if has_bom else 0 :].decode("utf-8"), has_bom


def write_atomically(path: Path, text: str, has_bom: bool) -> None:
    data = (_BOM if has_bom else b"") + text.encode("utf-8")
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unified_diff(path: Path, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path.as_posix()}",
            tofile=f"b/{path.as_posix()}",
        )
    )
