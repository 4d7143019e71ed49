"""medical-misspelling: a misspelled medical word, with the correction.

Three sources. The curated list (rules/lexicons/misspellings.txt) gives exact corrections, safe
to apply as fixes. The near-miss search (near_miss.py) finds slips no list holds: a word that is
no known word and lies an edit or two from exactly one medical term. A letter-and-digit name
the article writes is garbled when its groups are swapped (garbled_names.py: 12b for B12). The
suggestions of the last two are judgements, not certainties, so they carry no fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ..kinds.base import Hit
from ..kinds.substitution import (
    SubstitutionOptions,
    SubstitutionRunner,
    correction,
    word_correction,
)
from ..lexicons import corrections, word_list
from .garbled_names import garbles, name_form, swaps
from .near_miss import NearMisses

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..analysis import ParsedArticle


Blocks = list[tuple[int, Sequence[int]]]  # blocks of a segment and their words' hashes


class MisspellingData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lexicon: str  # wrong->right, the curated list
    terms: str  # the medical terms a near miss is corrected to
    near_words: str  # ordinary and medical words near a medical term: rival meanings
    near_rare_words: str  # rare words and names near a medical term: known, but no rivals
    trigrams: str  # the letter triples of English and medical words
    compound_prefixes: list[str]  # a prefix before a common word makes a compound
    prefix_groups: list[list[str]]  # prefixes that stand for one another (hypo-, hyper-)
    min_length: int  # shorter words are not searched: too many names and abbreviations
    two_edits_from: int  # words this long may be two edits from their term
    deliberate_from: int  # a spelling used this often in one article is the writer's own
    name_titles: list[str]  # titles of address: the capitalised words after them are a name
    name_from: int  # a letter-and-digit name an article writes this often is its name


class MisspellingOptions(SubstitutionOptions):
    near_misses: bool = Field(
        default=True,
        description="Also flag unknown words one or two edits from a medical term (no fix).",
    )
    garbled_names: bool = Field(
        default=True,
        description="Also flag a letter-and-digit name the article writes, garbled by swapping "
        "a group of digits and a group of letters (12b for B12; no fix).",
    )


class MedicalMisspelling(SubstitutionRunner):
    Data = MisspellingData
    Options = MisspellingOptions

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: MisspellingData = self.data
        from spacy.lang.en.stop_words import STOP_WORDS

        accepted = frozenset(term.lower() for term in self.options.accepted)
        self.search = NearMisses(
            terms=word_list(data.terms) - accepted,
            rivals=word_list(data.near_words),
            rare=word_list(data.near_rare_words) | accepted,
            glue=frozenset(w for w in STOP_WORDS if w.isalpha()),
            prefixes=frozenset(data.compound_prefixes),
            prefix_groups=tuple(frozenset(group) for group in data.prefix_groups),
            triples=word_list(data.trigrams),
            min_length=data.min_length,
            two_edits_from=data.two_edits_from,
        )
        # Word hashes judged so far in this process: never a near miss, or a near miss's term.
        # The listed misspellings are the exact part's.
        self.titles = frozenset(title.lower() for title in data.name_titles)
        self.settled: set[int] = set(self.wrong)
        self.flagged: dict[int, str] = {}
        self.names: dict[int, str] = {}  # word hashes of letter-and-digit names: their forms

    def pairs(self) -> dict[str, str]:
        return dict(corrections(self.data.lexicon))

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        yield from super().run(parsed)
        if not (self.options.near_misses or self.options.garbled_names):
            return
        blocks = [(index, parsed.lowers(index)) for index, _, _ in parsed.blocks()]
        # The segment's words once, as hashes; only those never judged in this process are read.
        words = set().union(*(lowers for _, lowers in blocks))
        self._judge(words)
        # How often the article uses a word is known only once every segment is read: what
        # each segment found waits in the article's state until ``finish``.
        if self.options.near_misses:
            self._note_near_misses(parsed, blocks, words)
        if self.options.garbled_names:
            self._note_names(parsed, blocks, words)

    def finish(self, parsed: ParsedArticle) -> Iterable[Hit]:
        kept = parsed.state(self, _Kept)
        # A spelling the article keeps to is the writer's own word: a name, a term of art.
        yield from (hit for key, hit in kept.near if kept.uses[key] < self.data.deliberate_from)
        forms = kept.forms
        # Most articles have no two names that are each other's swap: nothing more to do.
        if len(forms) < 2 or not any(garble in forms for form in forms for garble in swaps(form)):
            return
        wrong = garbles(kept.name_uses, self.data.name_from, self.data.deliberate_from)
        for index, start, text, form in kept.names:
            if form in wrong:
                right = kept.spelled[wrong[form]].most_common(1)[0][0]
                yield word_correction(index, start, text, right, sure=False)

    def _judge(self, words: set[int]) -> None:
        strings, flagged, search = self.nlp.vocab.strings, self.flagged, self.options.near_misses
        for key in words - self.settled - flagged.keys():
            text = strings[key]
            form = name_form(text)
            if form is not None:
                self.names[key] = form
            term = self.search.suggestion(text) if search else None
            if term is None:
                self.settled.add(key)
            else:
                flagged[key] = term

    def _note_near_misses(self, parsed: ParsedArticle, blocks: Blocks, words: set[int]) -> None:
        kept = parsed.state(self, _Kept)
        flagged = self.flagged
        if flagged.keys().isdisjoint(words):
            return
        for index, lowers in blocks:
            for i in (i for i, key in enumerate(lowers) if key in flagged):
                key = lowers[i]
                kept.uses[key] += 1
                token = parsed.docs[index][i]
                if not self._is_prose_word(token) or self._is_name(token):
                    continue
                if parsed.article.blocks[index].is_heading or self._is_common_noun(token):
                    kept.near.append((key, correction(index, token, flagged[key], sure=False)))

    def _note_names(self, parsed: ParsedArticle, blocks: Blocks, words: set[int]) -> None:
        kept = parsed.state(self, _Kept)
        names = self.names
        present = words & names.keys()
        if not present:
            return
        kept.forms.update(names[key] for key in present)
        for index, lowers in blocks:
            doc = parsed.docs[index]
            for i in (i for i, key in enumerate(lowers) if key in present):
                token, form = doc[i], names[lowers[i]]
                if not (token.like_url or token.like_email):
                    kept.name_uses[form] += 1
                    kept.spelled[form][token.text] += 1
                    kept.names.append((index, token.idx, token.text, form))

    @staticmethod
    def _is_prose_word(token: Token) -> bool:
        """A word as prose writes it: not part of an address; in lower or Title case (a word
        cased like "PubMed" or "iPhone" is a name); in capitals only where the whole text is
        (elsewhere a word in capitals is an acronym)."""
        text = token.text
        if token.like_url or token.like_email:
            return False
        if text.isupper():
            return not any(c.islower() for c in token.doc.text)
        return text.islower() or (text[0].isupper() and text[1:].islower())

    def _is_name(self, token: Token) -> bool:
        """A capitalised word after a title of address, with at most a first name or initials
        between (Dr. Tandon, Prof. J. Sciabica, Mr Ravi Binion), in a heading too."""
        doc, titles = token.doc, self.titles
        if not token.text[:1].isupper():
            return False
        for j in range(token.i - 1, max(token.i - 4, -1), -1):
            before = doc[j].text
            if before.rstrip(".").lower() in titles:
                return True
            if not before[:1].isupper():
                return False
        return False

    def _is_common_noun(self, token: Token) -> bool:
        """Whether a word outside a heading reads as a common word, not a name: in lower case, at
        the start of a sentence, or capitalised in a title: beside a medical term ("Hypertrophic
        Cardiomypathy"), or beside an ordinary word in a sentence that has lower-case words too
        ("the Child Psychiatary unit"; a line of capitals alone is a name or a label: "Mark
        Marmur"). A capital inside a sentence otherwise marks a name (J Clin Periodontol, the
        Prostata Center)."""
        if not token.text[0].isupper() or token.is_sent_start:
            return True
        doc, search = token.doc, self.search
        beside = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
        titles = [n.lower_ for n in beside if n.text[:1].isupper() and n.text[1:].islower()]
        if any(search.is_term(word) for word in titles):
            return True
        return any(t.is_lower for t in token.sent) and any(map(search.is_common, titles))


@dataclass
class _Kept:
    """What the segments read so far found, for the article's counts to decide on."""

    uses: Counter[int] = field(default_factory=Counter)  # near miss -> how often it is used
    near: list[tuple[int, Hit]] = field(default_factory=list)  # near misses a reader sees
    forms: set[str] = field(default_factory=set)  # the names' forms the article writes
    name_uses: Counter[str] = field(default_factory=Counter)
    spelled: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    names: list[tuple[int, int, str, str]] = field(default_factory=list)  # block, start, text, form
