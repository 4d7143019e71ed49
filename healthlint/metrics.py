"""Readability measures, written here because textstat downloads data at run time.

Syllables come from the CMU Pronouncing Dictionary where the spelling rule below would count a
word otherwise ("diabetes" is four, not two): rules/lexicons/syllables.txt holds only those
words, built by tools/build_syllables.py. Other words, in the dictionary or not, are counted by a
vowel-group rule with the usual corrections for silent endings.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

SYLLABLES = "lexicons/syllables.txt"
_NON_LETTERS = re.compile(r"[^a-z]")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_VOWEL_GROUPS = re.compile(r"[aeiouy]{1,2}")


@lru_cache(maxsize=1 << 16)  # words repeat: most of an article is words counted before
def syllables(word: str) -> int:
    """A word's syllables; the parts of a hyphenated word ("well-known") each count."""
    return max(1, syllable_parts(word))


def syllable_parts(word: str) -> int:
    """The syllables of a word's parts, summed (0 for a word without letters, such as "19"):
    what a word joined to others by hyphens adds to the whole."""
    table, total = _dictionary(), 0
    for part in word.lower().split("-"):
        letters = _NON_LETTERS.sub("", part)
        if letters:
            total += table.get(letters) or estimate(letters)
    return total


def estimate(letters: str) -> int:
    """Syllables of a lower-case word from its spelling alone (the rule the table corrects)."""
    if len(letters) <= 3:
        return 1
    trimmed = _SILENT_ENDING.sub("", letters).removeprefix("y")
    if letters.endswith("le") and len(letters) > 3 and letters[-3] not in "aeiouy":
        trimmed += "l"  # "table", "bubble": the final -le is a syllable of its own
    return max(1, len(_VOWEL_GROUPS.findall(trimmed)))


@cache
def _dictionary() -> dict[str, int]:
    """Word -> syllables, for the words whose spelling misleads the rule. Read once a process,
    a line a count: split() and dict.fromkeys() read 40,000 words in a few milliseconds."""
    from .lexicons import lexicon_path

    table: dict[str, int] = {}
    for line in lexicon_path(SYLLABLES).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            count, *words = line.split()
            table.update(dict.fromkeys(words, int(count)))
    return table


def flesch_kincaid_grade(words: int, sentences: int, syllable_count: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def smog_grade(polysyllables: int, sentences: int) -> float:
    return 1.043 * math.sqrt(polysyllables * 30 / sentences) + 3.1291
