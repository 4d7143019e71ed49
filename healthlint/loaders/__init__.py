"""Reading an article file: decoding, then dispatch on the file's suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .html import load_html
from .markdown import load_markdown
from .text import load_text

LOADERS: dict[str, Callable[[str, str], Article]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
}
SUFFIXES = frozenset(LOADERS)
# Far beyond any article; protects the run from a data dump committed by mistake.
MAX_BYTES = 20 * 1024 * 1024


def decode(data: bytes) -> str:
    """UTF-8 text without its byte-order mark, line endings normalised to ``\\n``.

    Only line endings change, so every line and column stays what an editor shows.
    """
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def loader_for(path: str) -> Callable[[str, str], Article]:
    return LOADERS.get(Path(path).suffix.lower(), load_text)


def load_text_source(path: str, source: str) -> Article:
    """An article from text already in memory (the API's ``lint_text``)."""
    source = source.removeprefix("\ufeff")
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    return loader_for(path)(path, source)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        return path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def read_article(path: str | Path) -> Article:
    path = Path(path)
    return loader_for(str(path))(str(path), decode(read_bytes(path)))
