"""Markdown inline content as prose: each child of an inline token located in its block's source
lines by walking forward from a cursor. Text is found where it stands; markup (emphasis,
brackets, link destinations, code spans) is stepped over; entities and escapes (``text_special``)
map to their whole source range."""

from __future__ import annotations

from markdown_it.token import Token

from ..article import ProseBuilder
from ..directives import Directive, parse_comment


def _skip_destination(source: str, at: int, limit: int) -> int:
    """Step past what follows a link's closing bracket: ``(dest "title")``, ``[label]``, nothing."""
    if at < limit and source[at] == "(":
        depth, quote, i = 0, "", at
        while i < limit:
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and depth == 1 and source[i - 1].isspace():
                quote = ch
            elif ch == "<" and depth == 1:
                close = source.find(">", i, limit)
                i = close if close != -1 else i
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return limit
    if at < limit and source[at] == "[":
        close = source.find("]", at, limit)
        return close + 1 if close != -1 else at
    return at


def _closing_bracket(source: str, at: int, limit: int) -> int:
    """Index of the ``]`` that closes the bracket opened just before ``at``."""
    depth, i = 1, at
    while i < limit:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(source[i:limit]) - len(source[i:limit].lstrip("`"))
            close = source.find("`" * run, i + run, limit)
            i = (close + run) if close != -1 else i + run
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return limit


class InlineWalker:
    """Turns one inline token's children into prose, locating each in the source."""

    def __init__(self, source: str, start: int, limit: int, directives: list[Directive]) -> None:
        self.source = source
        self.directives = directives
        self.pos = start
        self.limit = limit
        self.builder = ProseBuilder()
        self._links: list[int | None] = []
        self._sup: int | None = None

    def _find(self, needle: str) -> int:
        at = self.source.find(needle, self.pos, self.limit)
        return self.pos if at == -1 else at

    def walk(self, children: list[Token]) -> ProseBuilder:
        b = self.builder
        for child in children:
            kind = child.type
            if kind == "text":
                at = self._find(child.content)
                b.literal(child.content, at)
                self.pos = at + len(child.content)
            elif kind == "text_special":
                at = self._find(child.markup)
                b.replaced(child.content, at, len(child.markup))
                self.pos = at + len(child.markup)
            elif kind in ("softbreak", "hardbreak"):
                at = self._find("\n")
                b.replaced(" ", at, 1)
                self.pos = at + 1
            elif kind == "code_inline":
                at = self._find(child.markup)
                close = self.source.find(child.markup, at + len(child.markup), self.limit)
                self.pos = close + len(child.markup) if close != -1 else at + len(child.markup)
                b.placeholder(at, self.pos - at)
            elif kind == "link_open":
                self._open_link(child)
            elif kind == "link_close":
                self._close_link()
            elif kind == "image":
                at = self._find("![")
                close = _closing_bracket(self.source, at + 2, self.limit)
                b.separator(at)
                self.pos = _skip_destination(self.source, close + 1, self.limit)
            elif kind == "html_inline":
                self._html(child.content)
            elif child.markup:  # emphasis and strong delimiters
                at = self._find(child.markup)
                self.pos = at + len(child.markup)
        return b

    def _open_link(self, token: Token) -> None:
        if token.markup == "autolink":
            # The visible text is the address itself: never prose.
            at = self._find("<")
            close = self.source.find(">", at, self.limit)
            self.builder.separator(at)
            self.pos = close + 1 if close != -1 else at + 1
            self._links.append(None)
            return
        at = self._find("[")
        self.pos = at + 1
        self._links.append(len(self.builder))

    def _close_link(self) -> None:
        start = self._links.pop() if self._links else None
        if start is None:
            return
        if len(self.builder) > start:
            self.builder.links.append((start, len(self.builder)))
        close = _closing_bracket(self.source, self.pos, self.limit)
        self.pos = _skip_destination(self.source, close + 1, self.limit)

    def _html(self, content: str) -> None:
        at = self._find(content)
        self.pos = at + len(content)
        tag = content.strip("<>/ ").split(None, 1)[0].lower() if content.strip("<>/ ") else ""
        if content.startswith("<sup"):
            self._sup = len(self.builder)
        elif content.startswith("</sup") and self._sup is not None:
            if len(self.builder) > self._sup:
                self.builder.citations.append((self._sup, len(self.builder)))
            self._sup = None
        elif tag == "br" or content.startswith("<!--"):
            self.builder.separator(at)
            if content.startswith("<!--"):
                directive = parse_comment(content[4:-3], at, at + len(content))
                if directive is not None:
                    self.directives.append(directive)


def strip_autolink_children(children: list[Token]) -> list[Token]:
    """Drop the text inside autolinks (``<https://...>``): an address is not prose."""
    kept: list[Token] = []
    inside = False
    for child in children:
        if child.type == "link_open" and child.markup == "autolink":
            inside = True
            kept.append(child)
        elif child.type == "link_close" and inside:
            inside = False
            kept.append(child)
        elif not inside:
            kept.append(child)
    return kept
