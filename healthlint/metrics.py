"""Readability measures, written here because textstat downloads data at run time.

Syllables are counted by a vowel-group rule with the usual corrections for silent endings; like
every such counter it is an estimate, accurate enough for grade-level formulas.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_NON_LETTERS = re.compile(r"[^a-z]")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")
_VOWEL_GROUPS = re.compile(r"[aeiouy]{1,2}")


@lru_cache(maxsize=1 << 16)  # words repeat: most of an article is words counted before
def syllables(word: str) -> int:
    letters = _NON_LETTERS.sub("", word.lower())
    if len(letters) <= 3:
        return 1
    trimmed = _SILENT_ENDING.sub("", letters).removeprefix("y")
    if letters.endswith("le") and len(letters) > 3 and letters[-3] not in "aeiouy":
        trimmed += "l"  # "table", "bubble": the final -le is a syllable of its own
    return max(1, len(_VOWEL_GROUPS.findall(trimmed)))


def flesch_kincaid_grade(words: int, sentences: int, syllable_count: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def smog_grade(polysyllables: int, sentences: int) -> float:
    return 1.043 * math.sqrt(polysyllables * 30 / sentences) + 3.1291
