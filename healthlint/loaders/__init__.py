"""Reading an article: its bytes (regular size), their text (loaders/source.py), its front matter
(Markdown and HTML), then the loader its suffix names."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .front_matter import read_front_matter
from .html import load_html
from .markdown import load_markdown
from .source import decode
from .split import split_long_blocks
from .templates import blank
from .text import load_text

LOADERS: dict[str, Callable[[str, str], Article]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".txt": load_text,
}
SUFFIXES = frozenset(LOADERS)
# Static-site generators read front matter at the top of these (plain text has none).
FRONT_MATTER_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})
# Far beyond any article; protects the run from a data dump committed by mistake.
MAX_BYTES = 20 * 1024 * 1024


def load(path: str, text: str) -> Article:
    """The article in ``text`` (line endings ``\\n``), read as its path's suffix says."""
    suffix = Path(path).suffix.lower()
    front = read_front_matter(text) if suffix in FRONT_MATTER_SUFFIXES else None
    # The loader sees the front matter blanked: no prose there, every offset unchanged.
    body = text if front is None else blank(text, [(0, front.end)])
    article = LOADERS.get(suffix, load_text)(path, body)
    article.blocks = split_long_blocks(article.blocks)
    if front is not None:
        article.source = text
        article.metadata = {**article.metadata, **front.metadata}
        title = front.metadata.get("title")
        article.title = title if isinstance(title, str) and title.strip() else article.title
    return article


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_BYTES. A FIFO or a device is
    refused without waiting on it, and no more than the limit is ever read, whatever the file
    system says of the size."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise InputError("not a regular file")
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(handle, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(f"file too large (more than the limit of {MAX_BYTES:,} bytes)")
        return b"".join(chunks)
    except OSError as error:
        raise InputError(error.strerror or str(error)) from None
    finally:
        os.close(handle)


def read_article(path: str | Path) -> Article:
    return load(str(path), decode(read_bytes(Path(path))).text)
