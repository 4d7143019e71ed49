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
NEVER_CHROME = ("html", "body", "main", "article")  # the last two hold the article
_NAME_PARTS = re.compile(r"[\s_-]+")


def named_chrome(tag: str, attributes: dict[str, str | None]) -> bool:
    """Whether the element's class or id names a widget around the article."""
    if tag in NEVER_CHROME or attributes.get("role") == "main":
        return False
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    return bool(CHROME_NAMES.intersection(_NAME_PARTS.split(names)))


def keep_article(blocks: list[Block], named: list[tuple[int, int]]) -> None:
    """Puts back in the body the blocks ``blocks[first:last]`` of an element named like a widget
    that holds half the page's words or more: that is the article (class="content has-sidebar")."""
    words = [len(block.text.split()) for block in blocks]
    total = sum(words)
    for first, last in named:
        if sum(words[first:last]) * 2 >= total:
            for at in range(first, last):
                blocks[at] = replace(blocks[at], region="body")
