"""Reading an article: its bytes (regular size), their text (loaders/source.py), then the loader
its suffix names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .html import load_html
from .markdown import load_markdown
from .source import decode
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


def load(path: str, text: str) -> Article:
    """The article in ``text`` (line endings ``\\n``), read as its path's suffix says."""
    return LOADERS.get(Path(path).suffix.lower(), load_text)(path, text)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        return path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None


def read_article(path: str | Path) -> Article:
    return load(str(path), decode(read_bytes(Path(path))).text)
