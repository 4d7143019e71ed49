"""Markdown articles through markdown-it-py (front matter is read before, in front_matter.py).

markdown-it gives line ranges for blocks but no columns for inline text: the blocks are read
here, their inline content located in the source by markdown_inline.py. Entities and escapes come
as ``text_special`` tokens (``text_join`` is disabled) and map to their whole source range.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..article import Article, Block, line_starts
from ..directives import Directive
from ..errors import InputError
from .html import extract
from .markdown_inline import InlineWalker, strip_autolink_children
from .templates import blank_templates

_CONTAINER_KIND = {
    "list_item_open": "list_item",
    "blockquote_open": "quote",
    "th_open": "table_cell",
    "td_open": "table_cell",
}


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable("text_join")
    # markdown-it drops every line past its nesting limit (20) without a word: a list nested
    # ten deep hid the rest of the article. No limit here; Python's recursion limit stops a
    # pathological file, which is then an error for that file.
    md.options["maxNesting"] = 10_000
    return md


class _BlockReader:
    """Walks markdown-it's block tokens and builds the article's blocks: each inline token a
    block, of the kind its containers give; raw HTML through the HTML reader."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = line_starts(source)
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.containers: list[str] = []
        self.heading = False
        self.row_cursor: tuple[tuple[int, int], int] | None = None  # cells share their row's lines

    def line_offset(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def read(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind in _CONTAINER_KIND:
                self.containers.append(_CONTAINER_KIND[kind])
            elif kind.endswith("_close") and kind.replace("_close", "_open") in _CONTAINER_KIND:
                self.containers.pop()
            elif kind in ("heading_open", "heading_close"):
                self.heading = kind == "heading_open"
            elif kind == "html_block" and token.map:
                self._html_block(token.map)
            elif kind == "inline" and token.map:
                self._inline(token)

    def _html_block(self, lines: list[int]) -> None:
        start, end = self.line_offset(lines[0]), self.line_offset(lines[1])
        extracted = extract(self.source[start:end], start)
        self.blocks.extend(extracted.blocks)
        self.directives.extend(extracted.directives)

    def _inline(self, token: Token) -> None:
        assert token.map is not None
        start, limit = self.line_offset(token.map[0]), self.line_offset(token.map[1])
        key = (token.map[0], token.map[1])
        if self.row_cursor is not None and self.row_cursor[0] == key:
            start = self.row_cursor[1]
        walker = InlineWalker(self.source, start, limit, self.directives)
        builder = walker.walk(strip_autolink_children(token.children or []))
        self.row_cursor = (key, walker.pos)
        containers = self.containers
        kind = "heading" if self.heading else (containers[-1] if containers else "paragraph")
        block = builder.build(kind)
        if block is not None:
            self.blocks.append(block)


def load_markdown(path: str, source: str) -> Article:
    # markdown-it turns NUL into U+FFFD, as CommonMark asks: do it first, so that the text it
    # hands back is found where it stands (one character for one, offsets unchanged).
    text = blank_templates(source).replace("\x00", "\ufffd")
    reader = _BlockReader(text)
    try:
        reader.read(_parser().parse(text))
    except RecursionError:
        raise InputError(
            "Markdown nested too deeply to read (lists or quotes in hundreds of levels)"
        ) from None
    title = next((b.text for b in reader.blocks if b.is_heading), None)
    return Article(
        path=path,
        source=source,
        blocks=reader.blocks,
        title=title,
        directives=reader.directives,
    )
