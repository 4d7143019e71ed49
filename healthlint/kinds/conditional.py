"""Kind ``conditional``: a trigger needs evidence nearby ("studies show" needs a citation)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..analysis import has_evidence
from .base import Hit, Runner
from .filters import cancelled

if TYPE_CHECKING:
    from ..analysis import ParsedArticle, Sentence


class ConditionalRunner(Runner):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        rule = self.rule
        triggers = self.add_patterns(rule.trigger, "trigger")
        self.triggers = [key for label, key in triggers.items() if label not in rule.refers_back]
        self.pointing_back = [triggers[label] for label in rule.refers_back if label in triggers]
        evidence = self.add_patterns(rule.evidence, "evidence")
        self.evidence = list(evidence.values())
        self.markers = [evidence[label] for label in rule.paragraph_markers if label in evidence]
        self.exceptions = list(self.add_patterns(rule.exceptions, "exception").values())

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        sentences = parsed.prose_sentences()
        own = parsed.own_prose()
        earlier = parsed.state(self, _Earlier)
        sourced = _SourcedSoFar(parsed, sentences, self.evidence, self.rule.links_count)
        sourced.start(own.start, earlier.evidence)
        for n in own:
            sentence = sentences[n]
            keys = self.triggers
            if self.pointing_back and not sourced.before(n):
                keys = keys + self.pointing_back
            found = self._triggers(parsed, sentence, keys)
            if not found:
                continue
            window = parsed.neighbours(
                sentences, n, self.rule.window_before, self.rule.window_after
            )
            if any(sourced.at(m) for m in window) or self._cited_at_end(parsed, sentence.block):
                continue
            start, end = min(found)
            trigger = sentence.span.doc[start:end]
            yield Hit(
                sentence.block, trigger.start_char, trigger.end_char, values={"match": trigger.text}
            )
        if self.pointing_back and not earlier.evidence and not parsed.last:
            earlier.evidence = any(sourced.at(n) for n in own)

    def _cited_at_end(self, parsed: ParsedArticle, block: int) -> bool:
        """Whether a reference marker ends the paragraph, citing all of it."""
        if not self.rule.paragraph_markers:
            return False
        # "Ends": nothing but punctuation and white space after it, in tokens or in characters.
        doc = parsed.docs[block]
        if any(
            all(t.is_punct or t.is_space for t in doc[end:])
            for key in self.markers
            for _, end in parsed.matches(block, key)
        ):
            return True
        text = parsed.article.blocks[block].text
        cited = parsed.article.blocks[block].citations if self.rule.links_count else ()
        return any(not any(c.isalnum() for c in text[end:]) for _, end in cited)

    def _triggers(
        self, parsed: ParsedArticle, sentence: Sentence, keys: list[str]
    ) -> list[tuple[int, int]]:
        """The sentence's trigger matches that neither their context nor an exception cancels."""
        doc = sentence.span.doc
        excepted = [m for key in self.exceptions for m in parsed.matches_within(sentence, key)]
        return [
            (start, end)
            for key in keys
            for start, end in parsed.matches_within(sentence, key)
            if not cancelled(self.rule, doc, start, end)
            and not any(first < end and start < last for first, last in excepted)
        ]


class _SourcedSoFar:
    """Which sentences hold evidence, worked out once each, in order."""

    def __init__(
        self, parsed: ParsedArticle, sentences: list[Sentence], keys: list[str], links: bool
    ) -> None:
        self.parsed, self.sentences, self.keys, self.links = parsed, sentences, keys, links
        self._known: dict[int, bool] = {}
        self._first: int | None = None  # the first sentence with evidence, once found
        self._searched = 0  # sentences before this one have been looked at
        self._earlier = False  # a sentence of an earlier segment holds evidence

    def at(self, n: int) -> bool:
        if n not in self._known:
            self._known[n] = has_evidence(self.parsed, self.sentences[n], self.keys, self.links)
        return self._known[n]

    def start(self, first: int, earlier: bool) -> None:
        """The segment's sentences start at the ``first``-th; ``earlier``: whether a sentence
        of an earlier segment holds evidence."""
        self._searched, self._earlier = first, earlier

    def before(self, n: int) -> bool:
        """Whether a sentence before the ``n``-th holds evidence: a source named earlier."""
        if self._earlier:
            return True
        while self._first is None and self._searched < n:
            if self.at(self._searched):
                self._first = self._searched
            self._searched += 1
        return self._first is not None and self._first < n


@dataclass
class _Earlier:
    evidence: bool = False  # whether a sentence of the segments read so far holds evidence
