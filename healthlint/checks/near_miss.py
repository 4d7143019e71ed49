"""The near-miss search of medical-misspelling: which medical term an unknown word is a slip of.

A slip keeps a word's first and last letters (a reader, and a writer, holds on to the ends of a
word) and changes one letter inside: one edit, a deletion, insertion, substitution or swap of
neighbours (the last two letters may swap too). So a word is a near miss when it is no known
word, lies one edit from exactly one medical term, and no ordinary or medical word is as close.
Two edits are as often a correct rare word (hypouricemia, two from hyperuricemia) as a slip, so
a long word two edits away counts only when it also holds a letter sequence that no English or
medical word has (parosyxmal): a garbled word, not a rare one.

Only words that are not known reach the search, and a caller searches each word once.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from ..lexicons import lemma_table

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Words searched before an index pays for itself: a single article searches a few hundred.
INDEX_AFTER = 2000


def one_edit(word: str) -> Iterator[str]:
    """Every string one edit from ``word`` that keeps its first and last letters, or swaps the
    last two (pneumonai), and the word itself. Spelled out rather than searched: a few hundred
    set lookups."""
    last = len(word) - 1
    yield word[:-2] + word[-1] + word[-2]
    for i in range(1, last + 1):
        head, tail = word[:i], word[i:]
        for letter in LETTERS:
            yield head + letter + tail  # an insertion
        if i < last:
            rest = tail[1:]
            yield head + rest  # a deletion
            if i < last - 1:
                yield head + rest[0] + tail[0] + rest[1:]  # a swap
            for letter in LETTERS:
                yield head + letter + rest  # a substitution


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance (optimal string alignment) of two words, or ``limit + 1`` once past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        above, row = row, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        before = above
    return row[-1]


def trigrams(word: str) -> set[str]:
    """The word's letter triples, its edges marked: ^ab ... yz$."""
    marked = f"^{word}$"
    return {marked[i : i + 3] for i in range(len(marked) - 2)}


class NearMisses:
    """Medical ``terms`` (the suggestions); ``rivals``, ordinary and medical words near a term,
    which a writer may have meant as well; ``rare`` words and names near a term, spelled right
    but no writer's likely meaning (faucitis near fasciitis, Bennion near bunion); ``glue``
    words that a lost space runs into a term ("theulcer", "arthritisof"); ``prefixes`` that
    make compounds (re-, non-) and ``prefix_groups`` that stand for one another (hypo-,
    hyper-); the letter ``triples`` that English and medical words have."""

    def __init__(
        self,
        terms: frozenset[str],
        rivals: frozenset[str],
        rare: frozenset[str],
        glue: frozenset[str],
        prefixes: frozenset[str],
        prefix_groups: tuple[frozenset[str], ...],
        triples: frozenset[str],
        min_length: int,
        two_edits_from: int,
    ) -> None:
        self.terms, self.rivals = terms, terms | rivals
        self.known = self.rivals | rare
        self.glue, self.prefixes, self.triples = glue, prefixes, triples
        self.prefix_groups = prefix_groups
        self.min_length, self.two_edits_from = min_length, two_edits_from
        # No word longer than this is two edits from a known word (nor worth spelling out).
        self.max_length = max(map(len, self.rivals), default=0) + 2
        self.searched = 0  # words searched so far in this process

    def suggestion(self, word: str) -> str | None:
        """The medical term a lower-case ``word`` misspells, or None."""
        if not self.min_length <= len(word) <= self.max_length or word in self.known:
            return None
        if not (word.isascii() and word.isalpha()):
            return None  # a foreign word, a ligature, a number
        if self._inflects_known(word):
            return None
        term = self._closest(word)
        if term is None and word.endswith("s"):
            # A plural of a slip: electolytes, for electrolytes.
            singular = self._closest(word[:-1])
            if singular is not None and not singular.endswith("s"):
                term = singular + "s"
        if term is None or self._glued(word, term) or self._other_prefix(word, term):
            return None
        return term

    def _inflects_known(self, word: str) -> bool:
        """A plural or possessive -s of a known word (prebiotics, pituitarys): not a slip."""
        if not word.endswith("s") or word.endswith("ss"):
            return False  # (no plural ends in -ss: "diseasess" is a slip)
        known = self.known
        if word[:-1] in known or (word.endswith("es") and word[:-2] in known):
            return True
        return word.endswith("ies") and word[:-3] + "y" in known

    def _closest(self, word: str) -> str | None:
        if word in self.known:
            return None
        words = self.rivals
        self.searched += 1
        if self.searched > INDEX_AFTER and not self._may_be_close(word):
            close: set[str] = set()
        else:
            close = {near for near in one_edit(word) if near in words}
        if not close and len(word) >= self.two_edits_from and not trigrams(word) <= self.triples:
            close = {
                near
                for near in self._ends.get((word[0], word[-1]), ())
                if distance(word, near, 2) <= 2
            }
        # Another term or a known word as close: the writer may have meant either.
        if len(close) == 1:
            (near,) = close
            return near if near in self.terms else None
        return None

    def _may_be_close(self, word: str) -> bool:
        """Whether a word may be one edit from a known word: a deletion inside the word makes a
        known word, or matches a deletion inside one (a substitution, a swap), or the word is
        one (a lost letter). A few lookups instead of a few hundred."""
        deletions, words = self._deletions, self.rivals
        if word in deletions or word[:-2] + word[-1] + word[-2] in words:
            return True
        for i in range(1, len(word) - 1):
            shorter = word[:i] + word[i + 1 :]
            if shorter in words or shorter in deletions:
                return True
        return False

    @cached_property
    def _deletions(self) -> frozenset[str]:
        """Every known word with one inner letter deleted. Built only in a long run (it takes as
        long as searching about a thousand words), where it makes each search ten times faster."""
        return frozenset(w[:i] + w[i + 1 :] for w in self.rivals for i in range(1, len(w) - 1))

    @cached_property
    def _ends(self) -> dict[tuple[str, str], list[str]]:
        """Long words by their first and last letters: what a two-edit slip may be of."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for word in self.rivals:
            if len(word) >= self.two_edits_from - 2:
                grouped.setdefault((word[0], word[-1]), []).append(word)
        return grouped

    @cached_property
    def _english(self) -> frozenset[str]:
        """Common English words (those of the lemma table: a word, its forms), and the terms:
        what a compound or a run-together pair is made of. Read only when a near miss is found."""
        forms = lemma_table()
        return frozenset(forms) | frozenset(forms.values()) | self.terms

    def is_term(self, word: str) -> bool:
        return word in self.terms

    def is_common(self, word: str) -> bool:
        """Whether a lower-case word is a term or a common English word (not merely a word of the
        largest lists, which hold abbreviations and names too)."""
        return word in self._english

    def _glued(self, word: str, term: str) -> bool:
        """A word run into a short common one (a lost space), or a prefix put before a word
        (reaspiration): not a misspelling. A lone letter counts only beside the term itself
        ("anemiaa" is "anemia a"; "dementa" is a slip of dementia, not "dement a")."""
        before, words = self.glue | self.prefixes, self._english
        for cut in range(1, len(word)):
            head, tail = word[:cut], word[cut:]
            if head in before and tail in words and (len(head) > 1 or tail == term):
                return True
            if tail in self.glue and head in words and (len(tail) > 1 or head == term):
                return True
        return False

    def _other_prefix(self, word: str, term: str) -> bool:
        """The same word after another prefix of its group (hypoactive, hyperactive; prenatal,
        postnatal): another word, not a slip. The rest must be a word itself: "prodnisone" is a
        slip of prednisone, not a pro- word."""
        for group in self.prefix_groups:
            for mine in (p for p in group if word.startswith(p)):
                stem = word[len(mine) :]
                if stem in self._english and any(term == p + stem for p in group if p != mine):
                    return True
        return False
