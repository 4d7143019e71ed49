"""Reading the curated word lists in rules/lexicons/ (their provenance sits beside them)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from .errors import ConfigError
from .resources import rules_dir


def lexicon_path(name: str) -> Path:
    """A word list of rules/, or one a pack's loading has already placed beside the pack (an
    absolute path); a relative name may not climb out of rules/."""
    if Path(name).is_absolute():
        return Path(name)
    base = rules_dir().resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise ConfigError(f"{name}: a word list must lie in the rules folder")
    return path


@cache
def corrections(name: str) -> dict[str, str]:
    """A ``wrong->right`` list: comments start with ``#``."""
    path = lexicon_path(name)
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        wrong, arrow, right = line.partition("->")
        if not arrow or not wrong.strip() or not right.strip():
            raise ConfigError(f"{path}:{number}: expected 'wrong->right', got {line!r}")
        table[wrong.strip().lower()] = right.strip()
    return table


@cache
def word_list(name: str) -> frozenset[str]:
    """A list of words, one a line, after a header of comment lines starting with ``#``."""
    text = lexicon_path(name).read_text(encoding="utf-8")
    while text.startswith("#"):
        text = text.partition("\n")[2]
    return frozenset(text.split())  # split() alone: a long list is read in milliseconds


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated table with a header row."""
    path = lexicon_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


LEMMAS = "lexicons/lemmas.tsv"


@cache
def _lemma_pairs() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Form -> lemma and lemma -> forms, read in one pass (the table is read on every run's
    start: a comprehension over split lines, not a loop of partitions)."""
    text = lexicon_path(LEMMAS).read_text(encoding="utf-8")
    pairs = [line.split("\t", 1) for line in text.splitlines() if line and line[0] != "#"]
    forms: dict[str, str] = dict(pairs)  # type: ignore[arg-type]
    by_lemma: dict[str, list[str]] = {}
    for form, lemma_ in pairs:
        by_lemma.setdefault(lemma_, []).append(form)
    return forms, by_lemma


def lemma_table() -> dict[str, str]:
    """Word form -> lemma, for the forms that differ from their lemma (English lookup table of
    spaCy's lookup lemmatizer; see rules/lexicons/lemmas.md)."""
    return _lemma_pairs()[0]


def lemma(word: str) -> str:
    """The lemma of a word (any case), or the word in lower case if the table has none."""
    lower = word.lower()
    return lemma_table().get(lower, lower)


@cache
def word_family(lemma_: str) -> frozenset[str]:
    """Every form the table maps to ``lemma_``, and the lemma itself: "study" -> study, studies,
    studied, studying."""
    lower = lemma_.lower()
    return frozenset(_lemma_pairs()[1].get(lower, ())) | {lower}


def families(lemmas: list[str]) -> frozenset[str]:
    """Every form of each lemma (``word_family``)."""
    return frozenset(form for word in lemmas for form in word_family(word))


@cache
def known_words() -> frozenset[str]:
    """Every word of the lemma table, as a form or a lemma: ordinary English words (names are
    not in it)."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())
