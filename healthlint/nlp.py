"""The one spaCy pipeline of a process: a blank English tokenizer and a rule-based sentencizer.

No statistical model: every rule works from token attributes, word lists and patterns. spaCy is
imported here and only here, and only when text is actually linted.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Footnote markers stuck to the word before them ("infection.[^2]", "cases.^3") become tokens of
# their own, so that the source patterns see them, and the full stop before one ends its sentence.
MARKER_INFIXES = (
    r"\[(?=\^?\w{1,4}(?:\]|$))",
    r"(?<=[\w.,;:])\^(?=\d)",
    r"(?<=[\w)\]])\.(?=\[\^?\w|\^\d)",
    # "steroids.3 Next" and "increase.3,6": a reference number after the full stop. A lookahead
    # to the end of the token keeps decimals ("2.5") whole: they have a digit before the stop.
    r"(?<=[a-z)])\.(?=\d{1,3}(?:,\d{1,3})*$)",
)

# Superscript digits ("patients¹²") come off one at a time, each a marker token.
MARKER_SUFFIX = r"[¹²³⁴⁵⁶⁷⁸⁹⁰]"
# Ranges: "25%-35%", which the default rules leave as "25%-35" and "%", and "20–30%" with an
# en or em dash, which they leave whole (a hyphen between digits they split already).
RANGE_INFIXES = (r"(?<=\d)%(?=[-–—]\d)", r"(?<=\d%)[-–—](?=\d)", r"(?<=\d)[–—](?=\d)")


def _marker_end(doc: Doc, i: int) -> int:
    """End of the footnote marker starting at token ``i`` ("[", "^2", "]" or "^", "3", or a
    number stuck to the full stop before it), or ``i``."""
    if doc[i].text == "^" and i + 1 < len(doc) and doc[i + 1].text.isdigit():
        return i + 2
    previous = doc[i - 1] if i else None
    stuck = previous is not None and previous.text == "." and not previous.whitespace_
    if stuck and doc[i].text.replace(",", "").isdigit() and len(doc[i].text) <= 11:
        return i + 1
    if doc[i].text == "[" and i + 2 < len(doc) and doc[i + 2].text == "]":
        return i + 3
    return i


def _sentence_starts(
    orth: list[int], punct: list[int], stops: frozenset[int], full_stops: frozenset[int]
) -> tuple[set[int], list[int]]:
    """spaCy's Sentencizer rule on arrays: after a stop ("." "!" "?" and the like), the next
    token that is neither punctuation nor a stop begins a sentence. Also: the tokens right
    after a full stop, where a footnote marker may begin."""
    starts, after_full_stops, seen_stop = {0}, [], False
    for i, (word, is_punct) in enumerate(zip(orth, punct, strict=True)):
        if seen_stop and not is_punct and word not in stops:
            starts.add(i)
            seen_stop = False
        elif word in stops:
            seen_stop = True
            if word in full_stops:
                after_full_stops.append(i + 1)
    return starts, after_full_stops


def _split_sentences(doc: Doc) -> Doc:
    """Sentence starts by spaCy's Sentencizer rule, computed from arrays rather than from a
    Token object per token; then a footnote marker after a full stop is moved into the sentence
    it closes."""
    import numpy
    from spacy.attrs import IS_PUNCT, ORTH, SENT_START

    if not len(doc):
        return doc
    table = doc.to_array([ORTH, IS_PUNCT])
    stops, full_stops = _stops()
    starts, after_full_stops = _sentence_starts(
        table[:, 0].tolist(), table[:, 1].tolist(), stops, full_stops
    )
    for i in after_full_stops:
        end = _marker_end(doc, i) if i < len(doc) else i
        if end != i and not starts.isdisjoint(range(i, end)):
            starts.difference_update(range(i, end))
            if end < len(doc):
                starts.add(end)
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    flags[sorted(starts), 0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))
    return doc


@cache
def _stops() -> tuple[frozenset[int], frozenset[int]]:
    """String hashes (the same in every vocabulary) of the Sentencizer's sentence-final marks,
    and of the full stops after which a footnote marker may follow."""
    from spacy.pipeline.sentencizer import Sentencizer
    from spacy.strings import get_string_id

    return (
        frozenset(get_string_id(mark) for mark in Sentencizer.default_punct_chars),
        frozenset(get_string_id(mark) for mark in (".", "!", "?")),
    )


def import_spacy() -> None:
    """``import spacy`` without ``spacy.cli``.

    spaCy's package imports its command line (typer, weasel, requests, jinja2: about 40% of the
    import's time) only to re-export ``spacy.info``. A stand-in for the two modules serves that
    one import; it is taken out again afterwards, so that a later ``import spacy.cli`` gets the
    real one, and the stand-in ``spacy.info`` imports the real function when called.
    """
    if "spacy" in sys.modules:
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")

    def info(*args: object, **kwargs: object) -> object:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    module.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is package:
        del spacy.cli


@cache
def get_nlp() -> Language:
    import_spacy()
    from spacy.lang.en import English
    from spacy.language import Language

    if "healthlint_sentences" not in Language.factories:
        Language.component("healthlint_sentences", func=_split_sentences)

    # A language subclass, so the tokenizer is built once with our rules: setting them on a
    # built tokenizer reloads its four thousand special cases each time (0.13 s at start-up).
    class Defaults(English.Defaults):
        infixes = [*English.Defaults.infixes, *MARKER_INFIXES, *RANGE_INFIXES]
        suffixes = [*English.Defaults.suffixes, MARKER_SUFFIX]

    class HealthEnglish(English):
        lang = "en"

    HealthEnglish.Defaults = Defaults
    nlp = HealthEnglish()
    nlp.add_pipe("healthlint_sentences")
    return nlp


_TERM_DOCS: dict[tuple[int, str], Doc] = {}


def term_docs(nlp: Language, terms: Iterable[str]) -> list[Doc]:
    """Lexicon terms as tokens, each tokenized once per process however many rules read it
    (procedure-mismatch and absolute-claim both read the condition names)."""
    terms = list(terms)
    owner = id(nlp)
    missing = [term for term in dict.fromkeys(terms) if (owner, term) not in _TERM_DOCS]
    for term, doc in zip(missing, nlp.tokenizer.pipe(missing), strict=True):
        _TERM_DOCS[owner, term] = doc
    return [_TERM_DOCS[owner, term] for term in terms]


def parse_blocks(texts: list[str]) -> list[Doc]:
    """One Doc per block: the tokenizer, then the pipeline's components, called directly
    (Language.pipe's batching costs more than it saves on blocks of a few dozen tokens)."""
    nlp = get_nlp()
    docs = [nlp.tokenizer(text) for text in texts]
    for _, component in nlp.pipeline:
        docs = [component(doc) for doc in docs]
    return docs


def last_sentences(doc: Doc, count: int) -> list[Span]:
    """The last ``count`` sentences of ``doc``, as ``doc.sents`` gives them (a sentence starts
    at the first token and at each token marked as a start), without making the others."""
    from spacy.attrs import SENT_START

    marks = doc.to_array(SENT_START).tolist() if len(doc) else []
    starts = [0, *(i for i in range(1, len(marks)) if marks[i] == 1)] if marks else []
    ends = [*starts[1:], len(doc)]
    return [doc[start:end] for start, end in list(zip(starts, ends, strict=True))[-count:]]
