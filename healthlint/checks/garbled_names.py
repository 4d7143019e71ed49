"""Garbled letter-and-digit names for medical-misspelling: "12b" in an article that writes B12.

A name made of letters and digits (B12, CoQ10, HbA1c, H1N1, COVID-19) is garbled by moving a
group of digits across a group of letters: "12b", "19covid". No word list holds every such
name, and a list would take codes for names (3D, 4K and 6B are no vitamins), so the evidence is
the article's own: a token that is a name the article writes at least twice, with two
neighbouring groups swapped, and that the article uses less often than the name, is a garble of
it. A swap of digits among themselves (T12, T21) makes another number, not a garble; names of
two characters are left alone (D3 and 3D are both common, and both right); and a hyphen marks a
notation in which both orders are right (F-18 and 18F for fluorine-18), so a hyphenated token is
neither a name nor a garble.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

GROUPS = re.compile(r"[a-z]+|[0-9]+")
# Names are short; a longer run of letters and digits is a code, a hash or a key.
SHORTEST, LONGEST = 3, 12


def name_form(text: str) -> str | None:
    """The lower-case form of a token of letters and digits, both, if it is as long as a name
    may be; else None."""
    form = text.lower()
    if not SHORTEST <= len(form) <= LONGEST or not (form.isascii() and form.isalnum()):
        return None
    return None if form.isalpha() or form.isdigit() else form


def swaps(form: str) -> Iterator[str]:
    """The form with two neighbouring groups of letters and digits swapped: b12 -> 12b."""
    groups = GROUPS.findall(form)
    for i in range(len(groups) - 1):
        yield "".join([*groups[:i], groups[i + 1], groups[i], *groups[i + 2 :]])


def garbles(uses: dict[str, int], name_from: int, deliberate_from: int) -> dict[str, str]:
    """Garbled form -> name form, among the forms an article ``uses`` (with their counts): the
    name is used at least ``name_from`` times and more often than the garble, and the garble
    fewer than ``deliberate_from`` times (more, and it is the writer's own code)."""
    found: dict[str, str] = {}
    for name, count in uses.items():
        if count >= name_from:
            for garble in swaps(name):
                if 0 < uses.get(garble, 0) < min(count, deliberate_from):
                    found[garble] = name
    return found
