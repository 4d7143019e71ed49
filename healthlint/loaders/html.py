"""HTML articles, full pages and CMS fragments, through the standard library's HTML parser.

``html.parser`` reports where every tag, text run and character reference starts, so each prose
character maps back to the exact source character; with ``convert_charrefs=False`` an entity such as
``&middot;`` arrives on its own and maps to its whole source range.
"""

from __future__ import annotations

import html
from typing import Any

from ..article import Article, Block, ProseBuilder, line_starts
from ..directives import Directive, parse_comment
from .chrome import CHROME, CHROME_ROLES, NEVER_CHROME, keep_article, named_chrome
from .templates import blank_templates
from .tolerant_html import TolerantHTMLParser

# Content that is never prose.
SKIPPED = frozenset(
    "script style template noscript svg math pre code iframe object select textarea button".split()
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that end one block of prose and start another.
BLOCKS = (
    HEADINGS
    | frozenset(
        "p div li ul ol dl dt dd td th tr table thead tbody blockquote section article main figure "
        "figcaption caption form hr body html head title address details summary fieldset legend "
        "center br".split()
    )
    | CHROME
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK_KIND = {
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
} | {h: "heading" for h in HEADINGS}


class _Extractor(TolerantHTMLParser):
    def __init__(self, source: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self._line_starts = line_starts(source)
        self.blocks: list[Block] = []
        self.directives: list[Directive] = []
        self.metadata: dict[str, Any] = {}
        self.title: str | None = None
        self._builder = ProseBuilder()
        self._stack: list[tuple[str, bool]] = []  # open elements and whether each is page chrome
        # Indexes into the stack, kept as it grows and shrinks, so that no event has to walk
        # it: a page nested 20,000 deep costs no more per tag than a flat one.
        self._open: dict[str, list[int]] = {}  # tag -> where it is open
        self._kinds: list[int] = []  # open elements that give their block a kind (li, td...)
        self._chrome_at: list[int] = []  # open elements that are chrome
        self._article_open = 0  # open elements that are never chrome, and hold the article
        self._skip = 0
        self._chrome = 0
        # The outermost chrome-by-name: its depth, first block and names; the blocks of each.
        self._by_name: tuple[int, int, frozenset[str]] | None = None
        self._named_spans: list[tuple[int, int, frozenset[str]]] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self._link_start: int | None = None
        self._sup_start: int | None = None

    # -- positions -------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # -- blocks ----------------------------------------------------------------------------
    def _kind(self) -> str:
        return BLOCK_KIND[self._stack[self._kinds[-1]][0]] if self._kinds else "paragraph"

    def _push(self, tag: str, is_chrome: bool) -> None:
        at = len(self._stack)
        self._stack.append((tag, is_chrome))
        self._open.setdefault(tag, []).append(at)
        if tag in BLOCK_KIND:
            self._kinds.append(at)
        if is_chrome:
            self._chrome_at.append(at)
        self._article_open += tag in NEVER_CHROME[2:]

    def _pop(self) -> tuple[str, bool]:
        tag, is_chrome = self._stack.pop()
        self._open[tag].pop()
        if tag in BLOCK_KIND:
            self._kinds.pop()
        if is_chrome:
            self._chrome_at.pop()
        self._article_open -= tag in NEVER_CHROME[2:]
        return tag, is_chrome

    def _flush(self) -> None:
        block = self._builder.build(self._kind(), "chrome" if self._chrome else "body")
        if block is not None:
            self.blocks.append(block)
        self._builder = ProseBuilder()
        self._link_start = self._sup_start = None

    # -- parser events ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            self._meta(attributes)
        if tag in VOID:
            if tag == "br":
                self._builder.separator(self.base + self._offset())
            elif tag == "hr":
                self._flush()
            return
        is_chrome = tag in CHROME or attributes.get("role") in CHROME_ROLES
        # Named widgets outside the article; a named inline element only where it starts a
        # block (a button, not a link in a sentence).
        outside = not (is_chrome or self._chrome or self._article_open)
        starts = tag in BLOCKS or not len(self._builder)
        names = named_chrome(tag, attributes) if outside and starts else frozenset()
        by_name = bool(names)
        if tag in BLOCKS or is_chrome or by_name:
            self._flush()
        if by_name:
            self._by_name = (len(self._stack), len(self.blocks), names)
        is_chrome = is_chrome or by_name
        self._push(tag, is_chrome)
        if tag in SKIPPED:
            self._skip += 1
            if tag == "code":
                self._builder.placeholder(self.base + self._offset(), 0)
        if is_chrome:
            self._chrome += 1
        if tag == "title":
            self._in_title = True
        elif tag == "a" and attributes.get("href"):
            self._link_start = len(self._builder)
        elif tag == "sup":
            self._sup_start = len(self._builder)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self._open.get(tag):
            return  # a stray end tag closes nothing
        if tag == "a" and self._link_start is not None:
            if len(self._builder) > self._link_start:
                self._builder.links.append((self._link_start, len(self._builder)))
            self._link_start = None
        elif tag == "sup" and self._sup_start is not None:
            if len(self._builder) > self._sup_start:
                self._builder.citations.append((self._sup_start, len(self._builder)))
            self._sup_start = None
        elif tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        depth = self._open[tag][-1]
        closes_chrome = bool(self._chrome_at) and self._chrome_at[-1] >= depth
        if tag in BLOCKS or closes_chrome:
            self._flush()
        # Close everything opened after the matching start tag (HTML's implied end tags).
        while self._stack:
            open_tag, is_chrome = self._pop()
            self._skip -= open_tag in SKIPPED
            self._chrome -= is_chrome
            if self._by_name is not None and self._by_name[0] == len(self._stack):
                self._named_spans.append((self._by_name[1], len(self.blocks), self._by_name[2]))
                self._by_name = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip:
            return
        self._builder.literal(data, self.base + self._offset())

    def _reference(self, text: str) -> None:
        start = self._offset()
        end = self.source.find(";", start, start + 40)
        # A reference without its semicolon ends where its name ends.
        length = (end + 1 - start) if end != -1 and end - start == len(text) - 1 else len(text) - 1
        decoded = html.unescape(self.source[start : start + length])
        if self._in_title:
            self._title_parts.append(decoded)
        elif not self._skip:
            self._builder.replaced(decoded, self.base + start, length)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        start = self.base + self._offset()
        self._builder.separator(start)
        directive = parse_comment(data, start, start + len(data) + 7)  # 7: "<!--" and "-->"
        if directive is not None:
            self.directives.append(directive)

    def _meta(self, attributes: dict[str, str | None]) -> None:
        key = attributes.get("name") or attributes.get("property") or attributes.get("itemprop")
        content = attributes.get("content")
        if key and content:
            self.metadata[key.lower()] = content

    def close(self) -> None:
        super().close()
        self._flush()
        keep_article(self.blocks, self._named_spans)


def extract(source: str, base: int = 0) -> _Extractor:
    """Parse an HTML string whose first character sits at ``base`` in the article's source."""
    extractor = _Extractor(source, base)
    extractor.feed(source)
    extractor.close()
    return extractor


def load_html(path: str, source: str) -> Article:
    extractor = extract(blank_templates(source))
    title = extractor.title
    if title is None:
        title = next((b.text for b in extractor.blocks if b.kind == "heading"), None)
    metadata = dict(extractor.metadata)
    return Article(
        path=path,
        source=source,
        blocks=extractor.blocks,
        metadata=metadata,
        title=title,
        directives=extractor.directives,
    )
