"""The shape of a spaCy token pattern, read before it is ever run: the words a match must
contain (a block without them cannot match) and the most tokens a match can span."""

from __future__ import annotations

import re
from typing import Any

from .lexicons import families, word_family

# Stand for any token like a number, or like an address, among a pattern's required words.
NUMBER, URL = "#number", "#url"
# Stands for any token of a spaCy shape ("xxxxd": four or more lower-case letters, a digit).
SHAPE = "#shape:"

_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")


def _repeats(token: dict[str, Any]) -> tuple[int, int | None]:
    """The fewest and most times a pattern token may occur (None: no limit)."""
    op = str(token.get("OP", "1"))
    # "!" takes one token, one that is not what the pattern token describes.
    fixed = {"1": (1, 1), "!": (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    found = _REPEAT.fullmatch(op)
    if found is None:
        return 0, None  # an operator spaCy will reject anyway
    low, comma, high = found.groups()
    least = int(low or 0)
    if not comma:
        return least, least
    return least, int(high) if high else None


def longest(pattern: list[dict[str, Any]]) -> int | None:
    """Tokens in the longest possible match, or None when a token may repeat without limit."""
    total = 0
    for token in pattern:
        most = _repeats(token)[1]
        if most is None:
            return None
        total += most
    return total


def requirements(pattern: list[Any]) -> tuple[frozenset[str], ...]:
    """For each token a match must contain, the lower-case words (or #number, #url, a
    #shape:) one of which it must be. A block lacking any of them cannot match; empty: any
    block may."""
    found: set[frozenset[str]] = set()
    for token in pattern:
        if token.get("OP") == "!" or _repeats(token)[0] == 0:
            continue  # may be absent, or must not be these words
        words = _token_words(token)
        if words:
            found.add(words)
    return tuple(sorted(found, key=sorted))


def _token_words(token: dict[str, Any]) -> frozenset[str] | None:
    if token.get("LIKE_NUM") is True:
        return frozenset({NUMBER})
    if token.get("LIKE_URL") is True:
        return frozenset({URL})
    shape = token.get("SHAPE")
    if isinstance(shape, str):
        return frozenset({SHAPE + shape})
    if isinstance(shape, dict) and set(shape) == {"IN"}:
        return frozenset(SHAPE + str(value) for value in shape["IN"])
    for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
        value = token.get(attr)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(str(word).lower() for word in value["IN"])
    return None


def with_families(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with each ``LEMMA`` test turned into a ``LOWER`` test over the lemma's word
    family (lexicons.word_family): what spaCy's lookup lemmatizer would match, read from the
    same English table, but compiled once instead of looked up for every token of every
    article. Raises ValueError for a token that tests both."""
    tokens = []
    for token in pattern:
        value = token.get("LEMMA")
        if value is None:
            tokens.append(token)
            continue
        if "LOWER" in token:
            raise ValueError("a token tests LEMMA and LOWER: use one")
        token = {key: item for key, item in token.items() if key != "LEMMA"}
        if isinstance(value, str):
            token["LOWER"] = {"IN": sorted(word_family(value))}
        elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
            token["LOWER"] = {
                test: sorted(families([str(lemma) for lemma in lemmas]))
                for test, lemmas in value.items()
            }
        else:
            raise ValueError("LEMMA takes a word or {IN: [...]} / {NOT_IN: [...]}")
        tokens.append(token)
    return tokens
