"""Which parts of a full HTML page are chrome around the article rather than the article: the
page's navigation, header, footer and asides, and widgets named so by their class or id (a
sidebar, a share row, a comment section). Article rules ignore chrome."""

from __future__ import annotations

import re
from dataclasses import replace

from ..article import Block

# Parts of a full page around the article: kept apart so that article rules ignore them, while a
# disclaimer in the footer still counts.
CHROME = frozenset({"nav", "header", "footer", "aside"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Words of a class or id that mark a widget around the article (class="sidebar-left",
# id="comments", class="share-buttons"); never on the elements that hold the article itself.
CHROME_NAMES = frozenset(
    "sidebar widget widgets breadcrumb breadcrumbs menu navbar nav navigation share sharing social "
    "related comments comment respond cookie cookies consent newsletter subscribe popup modal "
    "skip masthead toolbar pagination pager tagcloud header footer button".split()
)
HEADER = frozenset({"header"})
NEVER_CHROME = ("html", "body", "main", "article")  # the last two hold the article
_NAME_PARTS = re.compile(r"[\s_-]+")


def named_chrome(tag: str, attributes: dict[str, str | None]) -> frozenset[str]:
    """The words of the element's class or id that name a widget around the article (none: it
    is no widget)."""
    if tag in NEVER_CHROME or attributes.get("role") == "main":
        return frozenset()
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    return CHROME_NAMES.intersection(_NAME_PARTS.split(names))


def keep_article(blocks: list[Block], named: list[tuple[int, int, frozenset[str]]]) -> None:
    """Puts back in the body the blocks ``blocks[first:last]`` of an element named like a widget
    that holds half the page's words or more: that is the article (class="content has-sidebar").
    So too an element named only a header that holds nothing but headings, once the article has
    begun: the wrapper of a section heading (class="page-header", "section-header"), not the
    page's header, which comes before the article and holds its links and logo."""
    words = [len(block.text.split()) for block in blocks]
    total = sum(words)
    for first, last, names in named:
        spanned = blocks[first:last]
        heading = names == HEADER and all(block.is_heading for block in spanned)
        if sum(words[first:last]) * 2 >= total or (
            heading and any(block.region == "body" for block in blocks[:first])
        ):
            for at in range(first, last):
                blocks[at] = replace(blocks[at], region="body")
