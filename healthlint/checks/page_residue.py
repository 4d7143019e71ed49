"""page-residue: web-page chrome in the article's text, found by what a block says and by how it
stands. Each block of the body gets a verdict; a run of residue blocks is one widget, reported
once at its first block.

The structural signals are those of boilerplate removal (jusText): chrome stands in short blocks
that are not sentences, is poor in function words, and is made of a small vocabulary of labels,
buttons and calls to action. None of them alone makes a block residue: a heading is short, and a
short sentence is poor in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from ..kinds.base import Hit, Runner
from ..patterns import PatternSet
from .run_together import glued_menu

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..analysis import ParsedArticle

_SENTENCE_END = (".", "!", "?", ";")
# Words of a block between two residue blocks that still belongs to the same widget (its own
# label: "Skip to content / Health / Font size").
_FRAGMENT_WORDS = 4
_LINK_DENSITY = 0.8  # share of a block's characters in link text that makes it a row of links
_SHOWN = 60  # characters of a residue block that a message quotes


class ResidueData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    anywhere: PatternSet
    labels: PatternSet
    calls: PatternSet
    bars: PatternSet
    top: PatternSet
    chrome_words: list[str]
    stop_words: list[str]
    call_words: int
    bar_words: int
    menu_words: int
    glued_letters: int
    glued_parts: int
    top_blocks: int


class PageResidue(Runner):
    Data = ResidueData

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        data: ResidueData = self.data
        self.anywhere = list(self.add_patterns(data.anywhere, "anywhere").values())
        self.labels = list(self.add_patterns(data.labels, "label").values())
        self.calls = list(self.add_patterns(data.calls, "call").values())
        self.bars = list(self.add_patterns(data.bars, "bar").values())
        self.top = list(self.add_patterns(data.top, "top").values())
        self.chrome = frozenset(word.lower() for word in data.chrome_words)
        self.stops = frozenset(word.lower() for word in data.stop_words)
        # Tokens a block of the most words any test allows may have, with its punctuation.
        self.short_tokens = 3 * max(data.call_words, data.bar_words, data.menu_words)

    def run(self, parsed: ParsedArticle) -> Iterable[Hit]:
        seen = parsed.state(self, _SoFar)
        for index, _, doc in parsed.blocks():
            position = seen.blocks
            seen.blocks += 1
            found = self._residue(parsed, index, doc)
            quiet = False
            if found is None and position < self.data.top_blocks:
                found = self._first(parsed, index, doc, self.top)
                quiet = seen.banner
                seen.banner = seen.banner or found is not None  # one banner, told once
            if found is None:
                seen.bridge = position == seen.last + 1 and _is_fragment(doc)
                continue
            in_widget = position == seen.last + 1 or (seen.bridge and position == seen.last + 2)
            if not (in_widget or quiet):
                yield found
            seen.last, seen.bridge = position, False

    # -- one block ---------------------------------------------------------------------------
    def _residue(self, parsed: ParsedArticle, index: int, doc: Doc) -> Hit | None:
        for key in self.anywhere:
            for start, end in parsed.matches(index, key):
                return _hit(index, doc, start, end)
        for key in self.labels:
            for start, end in parsed.matches(index, key):
                if self._rest_is_chrome(doc, start, end):
                    return _hit(index, doc, 0, len(doc))
        # The rest needs a short block: a long one is passed over without a look at its words.
        if len(doc) > self.short_tokens:
            return None
        words = [t for t in doc if t.is_alpha]
        if len(words) <= self.data.call_words:
            for key in self.calls:
                for start, _ in parsed.matches(index, key):
                    if _opens_sentence(doc, start):
                        return _hit(index, doc, 0, len(doc))
        if len(words) <= self.data.bar_words:
            for key in self.bars:
                for start, _ in parsed.matches(index, key):
                    if _opens_sentence(doc, start) and doc[start].sent.start == 0:
                        return _hit(index, doc, 0, len(doc))
        if self._is_menu(doc, words, parsed.article.blocks[index].links):
            return _hit(index, doc, 0, len(doc))
        return None

    @staticmethod
    def _first(parsed: ParsedArticle, index: int, doc: Doc, keys: list[str]) -> Hit | None:
        """The whole block, if one of ``keys`` matches in it."""
        found = any(parsed.matches(index, key) for key in keys)
        return _hit(index, doc, 0, len(doc)) if found else None

    def _rest_is_chrome(self, doc: Doc, start: int, end: int) -> bool:
        """Nothing outside the match but punctuation, numbers and chrome words ("Comments (3)")."""
        return all(
            t.is_punct or t.is_space or t.like_num or t.lower_ in self.chrome
            for t in (*doc[:start], *doc[end:])
        )

    def _is_menu(self, doc: Doc, words: list[Any], links: tuple[tuple[int, int], ...]) -> bool:
        """A short line that is no sentence, made of navigation words or of words run together;
        in a row of links (link density, as jusText reads it), most words are enough."""
        if not words or len(words) > self.data.menu_words or doc.text.endswith(_SENTENCE_END):
            return False
        data = self.data
        if glued_menu((t.text for t in words), self.chrome, data.glued_letters, data.glued_parts):
            return True
        stops = sum(1 for t in words if t.lower_ in self.stops)
        if len({t.lower_ for t in words}) < 3 or stops * 3 >= len(words):
            return False
        navigation = sum(1 for t in words if t.lower_ in self.chrome)
        linked = sum(end - start for start, end in links)
        if len(links) >= 3 and linked >= _LINK_DENSITY * len(doc.text.strip()):
            return navigation * 2 >= len(words)
        return navigation == len(words)


@dataclass
class _SoFar:
    """The body's blocks read so far, in every segment, and what they were."""

    blocks: int = 0
    last: int = -3  # position among the body's blocks of the last residue block
    bridge: bool = False  # the block after it is a short fragment, which may be the widget's own
    banner: bool = False  # a banner at the top of the page was reported


def _opens_sentence(doc: Doc, start: int) -> bool:
    """Whether only punctuation stands between the sentence's start and ``start``."""
    return all(t.is_punct or t.is_space for t in doc[doc[start].sent.start : start])


def _is_fragment(doc: Doc) -> bool:
    words = sum(1 for t in doc if t.is_alpha)
    return words <= _FRAGMENT_WORDS and not doc.text.rstrip().endswith(_SENTENCE_END)


def _hit(index: int, doc: Doc, start: int, end: int) -> Hit:
    span = doc[start:end]
    text = span.text if len(span.text) <= _SHOWN else span.text[: _SHOWN - 1].rstrip() + "\u2026"
    return Hit(index, span.start_char, span.end_char, values={"match": text})
