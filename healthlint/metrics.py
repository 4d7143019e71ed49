"""Readability measures, written here because textstat downloads data at run time.

Syllables come from the CMU Pronouncing Dictionary where the spelling rule below would count a
word otherwise ("diabetes" is four, not two): rules/lexicons/syllables.txt holds only those
words, built by tools/build_syllables.py. Other words, in the dictionary or not, are counted by a
vowel-group rule with the usual corrections for silent endings. A sentence's words and syllables
are counted from its Doc's token array (``sentence_counts``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


# Syllables that make a word count as long in the SMOG formula.
POLYSYLLABLE = 3


class ReaderCounts(NamedTuple):
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more


def reader_counts(words: list[str]) -> ReaderCounts:
    counts = [syllables(word) for word in words]
    polysyllables = sum(1 for count in counts if count >= POLYSYLLABLE)
    return ReaderCounts(len(counts), sum(counts), polysyllables)


def counted(words: int, total: int, long_words: int, last: int) -> ReaderCounts:
    """A sentence's counts, its last word (``last`` syllables; -1: none) included."""
    if last < 0:
        return ReaderCounts(words, total, long_words)
    word = max(1, last)
    return ReaderCounts(words + 1, total + word, long_words + (word >= POLYSYLLABLE))


def sentence_counts(doc: Doc) -> Iterator[tuple[int, ReaderCounts]]:
    """Each sentence of ``doc`` (by its first token) with its words as a reader counts them
    ("non-small-cell" is one word, not three; punctuation and symbols are none) and their
    syllables. One pass over the Doc's token array, counting as it goes: no word strings, and
    each distinct word's syllables looked up once a process (by its hash)."""
    from spacy.attrs import IS_ALPHA, LIKE_NUM, ORTH, SENT_START, SPACY

    if not len(doc):
        return
    # A word joined to the one before by a hyphen with no space around it grows that word.
    strings, hyphen, parts = doc.vocab.strings, doc.vocab.strings["-"], _SYLLABLE_PARTS
    table = doc.to_array([IS_ALPHA, LIKE_NUM, SPACY, ORTH, SENT_START])
    start = words = total = long_words = 0
    current = -1  # the syllables of the sentence's last word so far; -1: no word yet
    spaced_before = spaced = True  # whether tokens i-2 and i-1 have a space after them
    hyphen_before = False  # whether token i-1 is a hyphen
    for i, (alpha, number, space, orth, begins) in enumerate(table.tolist()):
        if begins == 1 and i:
            yield start, counted(words, total, long_words, current)
            start, words, total, long_words, current = i, 0, 0, 0, -1
        if alpha or number:
            count = parts.get(orth)
            if count is None:
                count = parts[orth] = syllable_parts(strings[orth])
            if current >= 0 and hyphen_before and not spaced and not spaced_before:
                current += count
            else:
                if current >= 0:
                    word = max(1, current)
                    words, total = words + 1, total + word
                    long_words += word >= POLYSYLLABLE
                current = count
        spaced_before, spaced, hyphen_before = spaced, bool(space), orth == hyphen
    yield start, counted(words, total, long_words, current)


# Word hash -> syllable_parts of the word, for the life of the process (hashes are the same in
# every vocabulary).
_SYLLABLE_PARTS: dict[int, int] = {}
