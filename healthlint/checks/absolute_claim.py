"""absolute-claim: an unqualified promise about health (a cure, a guarantee, a miracle, no side
effects). The words of a claim come from patterns over word families; whether they make one is
decided by what the claim is about (a disease, not a stain) and what qualifies it in its clause,
sentence and section (claim_context.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner
from ..lexicons import families, lemma
from ..patterns import Pattern
from .claim_context import HealthWords, Scope

if TYPE_CHECKING:
    from ..analysis import ParsedArticle

Form = (
    Literal["verb", "adverb", "cure_for", "sure_cure", "universal"]
    | Literal["miracle", "guarantee", "safety", "side_effects"]
)


class ClaimData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conditions: str
    health_nouns: list[str]
    cosmetic_nouns: list[str]
    health_suffixes: list[str]
    not_health: list[str]
    result_nouns: list[str]
    efficacy_verbs: list[str]
    commercial_words: list[str]
    claims: dict[Form, list[Pattern]]
    side_effect_adjectives: list[str]
    side_effect_verbs: list[str]
    comparison_after: list[str]
    comparison_before: list[str]
    reports: list[str]
    past: list[str]
    negations: list[str]
    hedges: list[str]
    ability: list[str]
    sweeping_partners: list[str]
    frames: list[str]
    intent_words: list[str]
    qualifiers_after: list[str]
    rates: list[str]
    object_ends: list[str]
    boundaries: list[str]
    myth_words: list[str]
    noun_before: list[str]
    noun_after: list[str]
    verb_before: list[str]
    determiners: list[str]
    window: int


# Tokens after a cure verb in which its object must be named.
OBJECT_WINDOW = 5


class AbsoluteClaim(Runner):
    Data = ClaimData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: ClaimData = self.data
        self.keys = self.add_patterns(data.claims)  # form -> match key
        self.health = HealthWords(
            self.nlp, data.conditions, data.health_nouns, data.health_suffixes, data.not_health
        )
        self.scope = Scope(data, self.nlp.vocab.strings)
        self.words = {name: frozenset(value) for name, value in data if isinstance(value, list)}
        self.cosmetic = families(data.cosmetic_nouns)
        self.plain = self.words["side_effect_adjectives"] | {"any"}
        self.side_effect_words = self.plain | families(data.side_effect_verbs)
        # Each form's judge: the claim's token range, or None.
        self.judges = {form: getattr(self, f"_{form}") for form in self.keys}

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        myths: set[int] | None = None
        section = parsed.state(self, _Section)
        for index, block, doc in parsed.blocks():
            candidates = [
                (start, end, form)
                for form, key in self.keys.items()
                for start, end in parsed.matches(index, key)
            ]
            taken: list[tuple[int, int]] = []
            for start, end, form in sorted(candidates, key=lambda c: (c[0], -c[1])):
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue  # one finding for overlapping claims
                claim = self.judges[form](doc, start, end, block.is_heading)
                if claim is None or self.scope.distanced(doc[start].sent):
                    continue
                if myths is None:
                    myths = self.scope.myth_blocks(parsed, section.myth)
                if index in myths or self.scope.led_in(parsed, index):
                    continue
                taken.append(claim)
                span = doc[claim[0] : claim[1]]
                yield Hit(index, span.start_char, span.end_char, values={"match": span.text})
        if not parsed.last:
            section.myth = self.scope.myth_section_at_end(parsed, section.myth)

    # -- the forms: each returns the claim's token range, or None ------------------------------
    def _verb(self, doc: Any, start: int, end: int, heading: bool) -> tuple[int, int] | None:
        """A cure verb with a disease or symptom for its object."""
        word = doc[start].lower_
        if 0 < start < len(doc) - 1 and doc[start - 1].is_quote and doc[start + 1].is_quote:
            return None  # in scare quotes, the writer keeps the word at a distance
        if word.endswith("ing"):
            return None  # an activity or a noun: "wound healing", "curing an infection"
        if word in ("cure", "cures") and not self._cure_is_verb(doc, start):
            return None
        if start > doc[start].sent.start and doc[start - 1].lower_ in self.words["determiners"]:
            return None  # "the reverse happens in winter"
        first = self.scope.sweep_start(doc, start)
        if word.endswith("ed"):
            # A past form promises only as a future ("will be cured") or in a sweeping pair.
            future = [t.lower_ for t in doc[max(0, start - 2) : start]] in (
                ["will", "be"],
                ["'ll", "be"],
            )
            if not future and first is None:
                return None
            about = self.scope.clause_start(doc, start), self._object_end(doc, end)
        else:
            about = end, self._object_end(doc, end)
        if not self.health.named(doc, *about):
            return None
        first = start if first is None else first
        if self.scope.qualified(doc, first, end, can=first != start or self.scope.sweeps(doc, end)):
            return None
        return first, end

    def _cure_is_verb(self, doc: Any, i: int) -> bool:
        """ "cures diabetes", "to cure", "will cure"; not "new cures", "a cure", "cures for"."""
        sent = doc[i].sent
        before = doc[i - 1].lower_ if i > sent.start else ""
        after = doc[i + 1].lower_ if i + 1 < sent.end else ""
        if after in self.words["noun_after"] or not after or doc[i + 1].is_punct:
            return False
        if doc[i].lower_ == "cure":
            # "to cure", "will cure", "Cure your acne", "antibiotics cure": not "a natural cure"
            plural = before.endswith("s") and not before.endswith(("ss", "ous")) and len(before) > 3
            subject = plural and doc[i - 1].is_alpha and before not in self.words["noun_before"]
            return i == sent.start or before in self.words["verb_before"] or subject
        return before not in self.words["noun_before"]

    def _object_end(self, doc: Any, end: int) -> int:
        last = self.scope.clause_end(doc, end, self.words["object_ends"])
        return min(last, end + OBJECT_WINDOW)

    def _adverb(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        # A passive names what it cures before it: "the pain will be permanently cured".
        passive = doc[end - 1].lower_.endswith("ed")
        first = self.scope.clause_start(doc, start) if passive else end
        if not self.health.named(doc, first, self._object_end(doc, end), self.cosmetic):
            return None
        return self._unqualified(doc, start, end)

    def _cure_for(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        """ "a cure for gout", a heading "Cure for Gout"."""
        if not self.health.named(doc, end, self._object_end(doc, end)):
            return None
        return self._unqualified(doc, start, end)

    def _sure_cure(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        return self._unqualified(doc, start, end)

    def _universal(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        """ "treats any disease", "cures all illnesses"."""
        return None if self.scope.practice(doc, start, end) else self._unqualified(doc, start, end)

    def _unqualified(self, doc: Any, start: int, end: int, **how: bool) -> Any:
        """The claim's range, unless something qualifies it (Scope.qualified)."""
        return None if self.scope.qualified(doc, start, end, **how) else (start, end)

    def _miracle(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        """ "miracle" before a noun; a capitalised one in running text is a name."""
        token = doc[start]
        if token.is_title and start > token.sent.start and not heading:
            words = [t for t in token.sent if t.is_alpha and len(t) > 3]
            if sum(t.is_title for t in words) < 0.6 * len(words):
                return None  # a name in running text, not a title in title case
        return self._unqualified(doc, start, end, hedges=False)

    def _guarantee(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        """A guarantee about health: of a result, a cure, "guaranteed to dissolve stones"."""
        first = self.scope.clause_start(doc, start)
        last = self.scope.clause_end(doc, end)
        clause = [t.lower_ for t in doc[first:last]]
        near = doc[max(first, start - 2) : min(last, end + 1)]
        if any(t.lower_ in self.words["commercial_words"] for t in near):
            return None
        results = any(lemma(word) in self.words["result_nouns"] for word in clause)
        effect = (
            end + 1 < len(doc)
            and doc[end].lower_ == "to"
            and lemma(doc[end + 1].lower_) in self.words["efficacy_verbs"]
        )
        if not (results or effect or self.health.named(doc, first, last)):
            return None
        return self._unqualified(doc, start, end)

    def _safety(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        first, last = self.scope.clause_start(doc, start), self.scope.clause_end(doc, end)
        if any(t.lower_ in self.words["commercial_words"] for t in doc[first:last]):
            return None  # "a risk-free trial", "100% satisfaction"
        # "a 100% success rate" is the claim, not a rate that qualifies one.
        return self._unqualified(doc, start, end, rates=False)

    def _side_effects(self, doc: Any, start: int, end: int, heading: bool) -> Any:
        """No side effects, unless narrowed ("no serious side effects"), compared ("without the
        side effects of steroids"), or reported in the past ("there were no side effects")."""
        words = self.words
        side = next(i for i in range(start, end) if doc[i].lower_ == "side")
        opener = 2 if doc[start].lower_ == "free" else 1
        # "without causing side effects" describes an aim; "no" and "not" may take a verb.
        allowed = self.side_effect_words if doc[start].lower_ != "without" else self.plain
        if any(t.lower_ not in allowed for t in doc[start + opener : side]):
            return None
        before = doc[start - 1].lower_ if start > doc[start].sent.start else ""
        after = doc[end].lower_ if end < doc[start].sent.end else ""
        if before in words["comparison_before"] or after in words["comparison_after"]:
            return None
        first, last = self.scope.clause_start(doc, start), self.scope.clause_end(doc, end)
        clause = [t.lower_ for t in (*doc[first:start], *doc[end:last])]
        if "than" in clause or any(word in words["past"] for word in clause):
            return None
        return self._unqualified(doc, start, end)


@dataclass
class _Section:
    myth: bool = False  # the section the next segment starts in names a myth
