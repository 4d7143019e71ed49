"""Words run together with no space between them, as a navigation menu becomes when a page is
scraped to text ("contactservicesblogabout", "HomeAboutServices"): split into dictionary words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..lexicons import lemma_table

# Lower-case letters straight before a capital: where a run of title-case words was glued.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LONGEST_WORD = 20  # letters; no dictionary word the splitter needs is longer
_LONGEST_MENU = 120  # letters; a longer run is no menu, and is not worth splitting


@cache
def _dictionary() -> frozenset[str]:
    """English words: the lemma table's forms and lemmas (rules/lexicons/lemmas.md)."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def split_words(piece: str, extra: frozenset[str]) -> list[str] | None:
    """The fewest dictionary words (``extra`` counts too) that ``piece`` (lower case) is made of,
    each of four letters at least unless ``extra`` holds it; None if there are none."""
    words = _dictionary()
    best: list[list[str] | None] = [None] * (len(piece) + 1)
    best[0] = []
    for end in range(1, len(piece) + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            found = best[start]
            part = piece[start:end]
            if found is None or (part not in extra and (len(part) < 4 or part not in words)):
                continue
            if best[end] is None or len(found) + 1 < len(best[end]):  # type: ignore[arg-type]
                best[end] = [*found, part]
    return best[len(piece)]


def glued_menu(tokens: Iterable[str], chrome: frozenset[str], letters: int, parts: int) -> bool:
    """Whether one of ``tokens`` is navigation words run together: at least ``letters`` letters,
    not itself a word, splitting into ``parts`` words or more, two different ``chrome`` words
    among them ("touchsupportblogtags"). Long medical words split into pieces too ("in term it
    tent"), but not into navigation words."""
    words = _dictionary()
    for token in tokens:
        if (
            not letters <= len(token) <= _LONGEST_MENU
            or not token.isalpha()
            or token.lower() in words
        ):
            continue
        split: list[str] = []
        for piece in _CAMEL.split(token):
            found = split_words(piece.lower(), chrome)
            if found is None:
                break
            split += found
        else:
            navigation = len({word for word in split if word in chrome and len(word) >= 4})
            if len(split) >= parts and navigation >= 2:
                return True
    return False
