"""Where a statistic's source may stand, for unsourced-statistic: its own sentence and the ones
next to it (within its section), an earlier sentence that named the study its words point back
at ("the respondents" or "the control group" anywhere before, "those patients" in its
paragraph), or the sentence that leads into its list ("According to the CDC, the leading causes
were:")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis import has_evidence

if TYPE_CHECKING:
    from ..analysis import ParsedArticle, Sentence

# Back-reference labels that point at a source named anywhere before (the others only within
# the paragraph that named it): a study's people, and a result set against a comparison group.
_ANYWHERE = frozenset({"participants", "results"})

# Block kinds that are items of a list, whose lead-in is the block before the list.
LIST_KINDS = frozenset({"list_item", "field"})


class SourceFinder:
    def __init__(
        self,
        parsed: ParsedArticle,
        sentences: list[Sentence],
        sources: list[str],
        back_references: dict[str, str],  # label -> key: "participants", then any others
        owner: object,  # the rule, whose state across segments this keeps
    ) -> None:
        self.parsed, self.sentences, self.sources = parsed, sentences, sources
        anywhere = {key for label, key in back_references.items() if label in _ANYWHERE}
        self.participants = sorted(anywhere)
        self.others = [key for key in back_references.values() if key not in anywhere]
        self._evidence: dict[int, bool] = {}
        self._by_block: dict[int, list[int]] = {}  # block -> its sentences' indexes
        for n, sentence in enumerate(sentences):
            self._by_block.setdefault(sentence.block, []).append(n)
        # The segment's own sentences (analysis.py): the others are only looked at.
        self.own = parsed.own_prose()
        # Whether a sentence of an earlier segment gives a source, kept for the next segment.
        self._earlier = parsed.state(owner, _Earlier)
        # The first sentence with evidence, in the segment and in each block, as far as the
        # scan has gone: each sentence is looked at once, however many figures follow it.
        self._scanned = self.own.start
        self._first: int | None = None
        self._first_in_block: dict[int, int] = {}

    def evidence(self, n: int) -> bool:
        if n not in self._evidence:
            self._evidence[n] = has_evidence(self.parsed, self.sentences[n], self.sources)
        return self._evidence[n]

    def sourced(self, n: int) -> bool:
        return (
            any(self.evidence(m) for m in self._around(n))
            or self._points_back(n)
            or self._led_in(n)
        )

    def _around(self, n: int) -> list[int]:
        """The sentence and its neighbours in its section; an item of a list is a unit of its
        own, sourced by itself or by the list's lead-in, not by the items around it."""
        block = self.sentences[n].block
        if self.parsed.article.blocks[block].kind in LIST_KINDS:
            return self._by_block[block]
        return self.parsed.neighbours(self.sentences, n, 1, 1)

    def _points_back(self, n: int) -> bool:
        """The sentence refers back to a source named before it: a study's people ("the
        participants") anywhere earlier in the article, others ("those patients") earlier in
        its paragraph."""
        sentence = self.sentences[n]

        def refers(keys: list[str]) -> bool:
            return any(self.parsed.matches_within(sentence, key) for key in keys)

        self._scan_to(n)
        if refers(self.participants) and (self._earlier.evidence or self._first is not None):
            return True
        return refers(self.others) and sentence.block in self._first_in_block

    def _scan_to(self, n: int) -> None:
        """Looks at the sentences before the ``n``-th that have not been looked at yet."""
        while self._scanned < n:
            m = self._scanned
            if self.evidence(m):
                if self._first is None:
                    self._first = m
                self._first_in_block.setdefault(self.sentences[m].block, m)
            self._scanned += 1

    def _led_in(self, n: int) -> bool:
        """An item of a list whose lead-in sentence gives a source covers it."""
        blocks = self.parsed.article.blocks
        block = self.sentences[n].block
        if blocks[block].kind not in LIST_KINDS:
            return False
        lead = self._lead(block)
        if lead < 0 or blocks[lead].is_heading:
            return False
        if lead in self._by_block:
            return self.evidence(self._by_block[lead][-1])
        # A lead-in in an earlier segment, read again (once per list).
        known = self._earlier.leads
        if lead not in known:
            prose = self.parsed.prose_of(lead)
            known[lead] = bool(prose) and has_evidence(self.parsed, prose[-1], self.sources)
        return known[lead]

    def _lead(self, item: int) -> int:
        """The block before the list that ``item`` is an item of (-1: none). Each item is
        walked past once: a list of thousands of figures costs no more than its length."""
        blocks, known = self.parsed.article.blocks, self._earlier.lead_of
        walked, lead = [item], item - 1
        while lead >= 0 and blocks[lead].kind in LIST_KINDS:
            if lead in known:
                lead = known[lead]
                break
            walked.append(lead)
            lead -= 1
        known.update(dict.fromkeys(walked, lead))
        return lead

    def finish(self) -> None:
        """Keeps for the next segment whether this one gives a source that later sentences'
        words may point back at."""
        if self.participants and not self._earlier.evidence and not self.parsed.last:
            self._earlier.evidence = any(self.evidence(n) for n in self.own)


@dataclass
class _Earlier:
    evidence: bool = False  # whether a sentence of the segments read so far holds evidence
    leads: dict[int, bool] = field(default_factory=dict)  # lead-in block -> it gives a source
    lead_of: dict[int, int] = field(default_factory=dict)  # list item -> its list's lead-in
