"""An article's bytes as text: UTF-8 checked, the byte-order mark and line endings noted.

Loaders read ``text`` (line endings ``\\n``); fixes edit ``original`` (the file's own line
endings) and ``encode`` writes it back as it was, mark included. Only line endings differ
between the two, so every line and column is the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..errors import InputError

BOM = b"\xef\xbb\xbf"


def normalise(text: str) -> str:
    """Line endings as ``\\n``: CRLF and lone CR alike."""
    if "\r" in text:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@dataclass(frozen=True)
class Source:
    original: str  # decoded, without the byte-order mark, line endings as written
    has_bom: bool = False

    @cached_property
    def text(self) -> str:
        return normalise(self.original)

    def encode(self, original: str) -> bytes:
        """``original`` (edited) as the file's bytes, with the mark if the file had one."""
        return (BOM if self.has_bom else b"") + original.encode("utf-8")


def decode(data: bytes) -> Source:
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not an article")
    has_bom = data.startswith(BOM)
    try:
        original = data[len(BOM) if has_bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start + (len(BOM) if has_bom else 0)
        raise InputError(f"not valid UTF-8 (byte 0x{data[at]:02x} at offset {at})") from None
    return Source(original, has_bom)


def from_text(text: str) -> Source:
    """Text already in memory (the API's ``lint_text``); a leading mark is dropped."""
    return Source(text.removeprefix("\ufeff"))
