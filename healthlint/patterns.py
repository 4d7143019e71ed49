"""The token patterns of all active rules, matched in one pass per block.

spaCy's Matcher turns every token it is given into a Python object and tries every pattern from
it; over a whole article that is most of a lint's time. Yet a pattern can only match where the
words it requires are: "40 in 100" needs a number and "in". So patterns are grouped by the words
they require, and each group's Matcher is run only on windows around the rarest of its required
words, no wider than its longest match and never across a sentence's end.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import pattern_shapes
from .errors import ConfigError
from .pattern_shapes import NUMBER, SHAPE, URL

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Pattern = str | list[dict[str, Any]]
PatternSet = dict[str, list[Pattern]]
Requirement = frozenset[int | str]  # the words (LOWER hashes, or #number, #url) a token may be


class _Group:
    """Token patterns that require the same words, in one Matcher."""

    def __init__(self, matcher: Any, requirements: tuple[Requirement, ...]) -> None:
        self.matcher = matcher
        self.requirements = requirements
        self.longest: int | None = 0  # tokens in the longest match; None: no limit


class PatternHub:
    """Patterns of all active rules, keyed ``owner:label``.

    Patterns follow spaCy's convention: a string is a phrase (matched on lower case, through a
    PhraseMatcher), a list is a token pattern (through a Matcher, validated when added). A pattern
    list that another rule already added is matched once and shared.
    """

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._groups: dict[tuple[Requirement, ...], _Group] = {}
        # A required word -> the (group, requirement) pairs it meets; groups with none run always.
        self._required_by: dict[int | str, list[tuple[_Group, int]]] = {}
        self._always: list[_Group] = []
        self._required: frozenset[int | str] = frozenset()  # the keys of _required_by, as a set
        self._shapes: dict[int, str] = {}  # shape hash -> its "#shape:" requirement
        self._keys_by_content: dict[str, str] = {}
        # The phrases' first words: a block with none of them needs no PhraseMatcher call.
        self._phrase_firsts: set[int] = set()

    def add(self, owner: str, patterns: PatternSet, where: str = "") -> dict[str, str]:
        """Adds each label's patterns; returns label -> key under which matches come back.

        ``where`` names the rule in errors (its pack file and name)."""
        keys = {}
        for label, entries in patterns.items():
            content = json.dumps(entries, sort_keys=True)
            if content in self._keys_by_content:
                keys[label] = self._keys_by_content[content]
                continue
            key = self._keys_by_content[content] = keys[label] = f"{owner}:{label}"
            phrases = [entry for entry in entries if isinstance(entry, str)]
            if phrases:
                docs = list(self.nlp.tokenizer.pipe(phrases))
                self.phrases.add(key, docs)
                self._phrase_firsts.update(doc[0].lower for doc in docs if len(doc))
            for entry in entries:
                if not isinstance(entry, str):
                    self._add_tokens(where or f"rule {owner.split('#')[0]}", label, key, entry)
        return keys

    def _add_tokens(self, where: str, label: str, key: str, pattern: list[Any]) -> None:
        from spacy.matcher import Matcher

        try:
            pattern = pattern_shapes.with_families(pattern)
        except ValueError as error:
            raise ConfigError(f"{where}: field {label}: {error}") from None

        # Requirements as string hashes, to test against a block's LOWER array in one go.
        strings = self.nlp.vocab.strings
        requirements = tuple(
            frozenset(_requirement(w, strings) for w in words)
            for words in pattern_shapes.requirements(pattern)
        )
        group = self._groups.get(requirements)
        if group is None:
            group = self._groups[requirements] = _Group(
                Matcher(self.nlp.vocab, validate=True), requirements
            )
            for number, words in enumerate(requirements):
                for word in words:
                    self._required_by.setdefault(word, []).append((group, number))
            if not requirements:
                self._always.append(group)
            self._required = frozenset(self._required_by)
            self._shapes = {
                int(word.removeprefix(SHAPE)): word
                for word in self._required
                if isinstance(word, str) and word.startswith(SHAPE)
            }
        try:
            group.matcher.add(key, [pattern])
        except ValueError as error:  # spaCy's MatchPatternError
            lines = str(error).splitlines()
            detail = next((ln.strip("- ") for ln in lines if ln.startswith("- [")), lines[0])
            raise ConfigError(
                f"{where}: field {label}: invalid spaCy token pattern: {detail}"
            ) from None
        most = pattern_shapes.longest(pattern)
        group.longest = None if most is None or group.longest is None else max(group.longest, most)

    def run(self, doc: Doc, lowers: Sequence[int]) -> dict[str, list[tuple[int, int]]]:
        """Matches in the block ``doc``, whose LOWER hashes are ``lowers``."""
        from spacy.attrs import LIKE_NUM, LIKE_URL, SENT_START
        from spacy.attrs import SHAPE as SHAPE_ATTR

        found: dict[str, list[tuple[int, int]]] = {}
        strings = self.nlp.vocab.strings
        if len(doc):
            # The block's flags, read as one array rather than token by token.
            columns = [LIKE_NUM, LIKE_URL, SENT_START]
            if self._shapes:
                columns.append(SHAPE_ATTR)
            table = doc.to_array(columns)
            block = _BlockWords(lowers, table, self._required, self._shapes)
            for group in self._passing(block):
                for start, end in block.windows(group):
                    for match_id, first, last in group.matcher(doc[start:end]):
                        key = strings[match_id]
                        found.setdefault(key, []).append((start + first, start + last))
        if len(self.phrases) and not self._phrase_firsts.isdisjoint(lowers):
            for match_id, start, end in self.phrases(doc):
                found.setdefault(strings[match_id], []).append((start, end))
        for spans in found.values():
            spans.sort(key=lambda span: (span[0], -span[1]))
        return found

    def _passing(self, block: _BlockWords) -> list[_Group]:
        """The groups all of whose requirements the block meets, in the order they were made."""
        met: dict[_Group, set[int]] = {}
        for word in block.positions:
            for group, number in self._required_by[word]:
                met.setdefault(group, set()).add(number)
        passing = [g for g, done in met.items() if len(done) == len(g.requirements)]
        return [*self._always, *passing]


def _requirement(word: str, strings: Any) -> int | str:
    """A required word as its string hash; #number and #url as they are; a #shape: as
    "#shape:<hash of the shape>", to be looked for in the block's SHAPE column."""
    if word in (NUMBER, URL):
        return word
    if word.startswith(SHAPE):
        return SHAPE + str(strings.add(word.removeprefix(SHAPE)))
    return strings.add(word)


class _BlockWords:
    """Where in a block each required word is, and where its sentences begin and end."""

    def __init__(
        self,
        lowers: Sequence[int],
        table: Any,
        required: frozenset[int | str],
        shapes: dict[int, str],
    ) -> None:
        present = required & set(lowers)
        self.positions: dict[int | str, list[int]] = {}
        if present:
            for at, word in enumerate(lowers):
                if word in present:
                    self.positions.setdefault(word, []).append(at)
        for column, name in ((0, NUMBER), (1, URL)):
            flagged = table[:, column].nonzero()[0].tolist()
            if flagged and name in required:
                self.positions[name] = flagged
        if shapes:
            for at, shape in enumerate(table[:, 3].tolist()):
                if shape in shapes:
                    self.positions.setdefault(shapes[shape], []).append(at)
        self._table = table
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Where each sentence begins, and the block's end."""
        if self._starts is None:
            column = self._table[:, 2]
            begins = (column == 1).nonzero()[0].tolist()
            self._starts = [0, *(i for i in begins if i), len(column)]
        return self._starts

    def _where(self, requirement: Requirement) -> list[int]:
        lists = [self.positions[word] for word in requirement if word in self.positions]
        return lists[0] if len(lists) == 1 else sorted(at for places in lists for at in places)

    def windows(self, group: _Group) -> list[tuple[int, int]]:
        """Token ranges the group's Matcher must see to find all its matches: around each place
        of its rarest requirement, as wide as its longest match (or the whole sentence), within
        one sentence, and holding all its other requirements."""
        places = [self._where(requirement) for requirement in group.requirements]
        if not all(places):
            return []
        starts = self.starts
        if not places:  # no required word: every sentence
            return list(zip(starts, starts[1:], strict=False))
        places.sort(key=len)
        windows: list[tuple[int, int]] = []
        longest = group.longest
        for at in places[0]:
            sentence = bisect_right(starts, at) - 1
            first, last = starts[sentence], starts[sentence + 1]
            if longest is not None:
                first, last = max(first, at - longest + 1), min(last, at + longest)
            if not all(_any_within(others, first, last) for others in places[1:]):
                continue
            if windows and windows[-1][1] >= first and windows[-1][0] >= starts[sentence]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], last))
            else:
                windows.append((first, last))
        return windows


def _any_within(places: list[int], first: int, last: int) -> bool:
    at = bisect_left(places, first)
    return at < len(places) and places[at] < last
