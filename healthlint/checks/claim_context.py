"""What surrounds a health claim, for absolute-claim: whether words name a disease or a symptom
(the lexicon of conditions, a list of health words, disease endings), where the claim's clause
begins and ends, and what in it, its sentence or its section qualifies the claim (a negation, a
hedge, a rate, a myth quoted to refute it, a question)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lexicons import families, lemma, table, word_family
from ..nlp import term_docs

if TYPE_CHECKING:
    from spacy.language import Language

    from ..analysis import ParsedArticle


class HealthWords:
    """Words that name a disease, a symptom or another health matter: single words with their
    word families, multi-word condition names (any form of their last word), disease endings."""

    def __init__(
        self,
        nlp: Language,
        conditions: str,
        nouns: list[str],
        suffixes: list[str],
        not_health: list[str],
    ) -> None:
        single = set(families(nouns))
        multi: set[tuple[str, ...]] = set()
        terms = [row["term"] for row in table(conditions)]
        for doc in term_docs(nlp, terms):
            words = [token.lower_ for token in doc]
            if len(words) == 1:
                single |= word_family(words[0])
            else:
                multi |= {(*words[:-1], form) for form in word_family(words[-1])}
        self.not_health = frozenset(not_health)
        self.single = frozenset(single) - self.not_health
        self.multi = frozenset(multi)
        self.longest = max((len(term) for term in multi), default=1)
        self.suffixes = tuple(suffixes)

    def is_health(self, word: str) -> bool:
        return word in self.single or (
            # A disease ending on a word long enough to carry one ("tonsillitis", not "coma").
            len(word) > 6 and word.endswith(self.suffixes) and word not in self.not_health
        )

    def named(self, doc: Any, first: int, last: int, also: frozenset[str] = frozenset()) -> bool:
        """Whether a health word or condition name (or one of ``also``) begins among tokens
        ``first``..``last``."""
        if first >= last:
            return False
        end = min(len(doc), last + self.longest - 1)
        words = [token.lower_ for token in doc[first:end]]
        for i in range(last - first):
            if self.is_health(words[i]) or words[i] in also:
                return True
            for n in range(2, min(self.longest, len(words) - i) + 1):
                if tuple(words[i : i + n]) in self.multi:
                    return True
        return False


class Scope:
    """The words that qualify a claim: in its clause before it (negations, hedges, "can"), right
    before it ("reduce or eliminate"), in its clause after it (a rate, "not yet"), in its
    sentence (a myth, a warning, a question) or in its section (a heading naming a myth)."""

    def __init__(self, data: Any, strings: Any) -> None:
        self.window = data.window
        self.negations = frozenset(data.negations)
        self.hedges = families([*data.hedges, *data.reports])
        self.ability = frozenset(data.ability)
        self.partners = frozenset(data.sweeping_partners)  # lemmas
        self.frames = families(data.frames)
        self.intent = frozenset(data.intent_words)
        self.after = frozenset(data.qualifiers_after)
        self.rates = frozenset(data.rates)
        self.boundaries = frozenset(data.boundaries)
        self.myth_words = frozenset(data.myth_words)
        self.myth_hashes = frozenset(strings.add(word) for word in data.myth_words)

    def clause_start(self, doc: Any, start: int) -> int:
        """The first token of the claim's clause, no more than ``window`` tokens back."""
        first = max(doc[start].sent.start, start - self.window)
        for i in range(start - 1, first - 1, -1):
            if doc[i].lower_ in self.boundaries:
                return i + 1
        return first

    def clause_end(self, doc: Any, end: int, stops: frozenset[str] = frozenset()) -> int:
        """The token after the claim's clause (or up to a comma, or one of ``stops``)."""
        last = min(doc[end - 1].sent.end, end + self.window)
        for i in range(end, last):
            word = doc[i].lower_
            if (
                word in self.boundaries
                or word in stops
                or (doc[i].is_punct and not doc[i].is_quote)
            ):
                return i
        return last

    def qualified(
        self,
        doc: Any,
        start: int,
        end: int,
        can: bool = False,
        hedges: bool = True,
        rates: bool = True,
    ) -> bool:
        """Whether a negation, a hedge or a rate in the clause qualifies ``doc[start:end]``;
        ``can``: "can" does not ("can prevent and reverse"); not ``hedges``: only a negation
        does (a miracle cure is one whoever calls it so); not ``rates``: a rate after it does
        not ("a 100% success rate")."""
        for i in range(self.clause_start(doc, start), start):
            word = doc[i].lower_
            if word in self.negations and not (word == "not" and doc[i + 1].lower_ == "only"):
                return True
            if hedges and (word in self.hedges or (word in self.ability and not can)):
                return True
        if not hedges:
            return any(t.lower_ in self.negations for t in doc[end : self.clause_end(doc, end)])
        sent_start = doc[start].sent.start
        if any(t.lower_ in self.frames for t in doc[sent_start:start]):
            return True  # a goal or a research question: "the aim of the therapy is to ..."
        if (
            start - 2 >= sent_start
            and doc[start - 1].lower_ == "to"
            and lemma(doc[start - 2].lower_) in self.intent
        ):
            return True  # an intent: "drugs meant to cure it", "surgery done to cure it"
        if start > doc[start].sent.start and doc[start - 1].lower_ in ("or", "and/or"):
            return True  # one of two outcomes: "reduce or eliminate", "little or no"
        if rates and any(t.lower_ in self.rates for t in doc[end : doc[start].sent.end]):
            return True
        return any(t.lower_ in self.after for t in doc[end : self.clause_end(doc, end)])

    def sweep_start(self, doc: Any, i: int) -> int | None:
        """The first verb of a sweeping series ending in ``doc[i]`` ("prevent and reverse",
        "shrink, control and eliminate"), or None."""
        first, j = None, i - 1
        if j <= doc[i].sent.start or doc[j].lower_ not in ("and", "&"):
            return None
        j -= 1
        while j >= doc[i].sent.start:
            if doc[j].lower_ == ",":
                j -= 1
            elif lemma(doc[j].lower_) in self.partners:
                first, j = j, j - 1
            else:
                break
        return first

    def sweeps(self, doc: Any, end: int) -> bool:
        """Whether another sweeping verb follows: "reverses and prevents"."""
        return (
            end + 1 < len(doc)
            and doc[end].lower_ in ("and", "&")
            and lemma(doc[end + 1].lower_) in self.partners
        )

    @staticmethod
    def practice(doc: Any, start: int, end: int) -> bool:
        """A practice's field or a step of care, not a promise: "treats all disorders of the
        foot", "a doctor who treats all eye diseases", "treating any underlying disorder"."""
        before = doc[max(doc[start].sent.start, start - 4) : start]
        return (
            doc[start].lower_.endswith("ing")
            or any(t.lower_ == "of" for t in doc[end : end + 3])
            or any(t.lower_ == "who" for t in before)
        )

    def led_in(self, parsed: ParsedArticle, index: int) -> bool:
        """Whether the block is an item after a lead-in ending in a colon that qualifies it
        ("Treatments can:", "Some people find that these:")."""
        if index == 0 or parsed.article.blocks[index - 1].region != "body":
            return False
        doc = parsed.docs[index - 1]
        if not doc.text.rstrip().endswith(":"):
            return False
        qualifiers = self.negations | self.hedges | self.ability | self.frames
        return any(token.lower_ in qualifiers for token in list(doc.sents)[-1])

    def distanced(self, sentence: Any) -> bool:
        """A question, or a claim the sentence calls a myth or warns against."""
        if sentence.text.rstrip().endswith("?"):
            return True
        return any(token.lower_ in self.myth_words for token in sentence)

    def myth_blocks(self, parsed: ParsedArticle, section_myth: bool) -> set[int]:
        """The segment's blocks that state a myth: one that starts with a myth word ("Myth:
        ..."), or any block of a section whose heading names a myth (``section_myth``: the
        section the segment starts in does)."""
        found: set[int] = set()
        for index, block, _ in parsed.blocks():
            lowers = parsed.lowers(index)
            if block.is_heading:
                section_myth = not self.myth_hashes.isdisjoint(lowers)
            if section_myth or (lowers and lowers[0] in self.myth_hashes):
                found.add(index)
        return found

    def myth_section_at_end(self, parsed: ParsedArticle, section_myth: bool) -> bool:
        """Whether the section the segment ends in names a myth (``section_myth``: the one it
        starts in does): its last heading says."""
        headings = [index for index, block, _ in parsed.blocks() if block.is_heading]
        if not headings:
            return section_myth
        return not self.myth_hashes.isdisjoint(parsed.lowers(headings[-1]))
