"""The one spaCy pipeline of a process: a blank English tokenizer and a rule-based sentencizer.

No statistical model: every rule works from token attributes, word lists and patterns. spaCy is
imported here and only here, and only when text is actually linted.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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


def _markers_end_sentences(doc: Doc) -> Doc:
    """A footnote marker after a full stop belongs to the sentence it closes, not the next one."""
    from spacy.attrs import ORTH

    if len(doc) < 2:
        return doc
    stops = {doc.vocab.strings[mark] for mark in (".", "!", "?")}
    orth = doc.to_array(ORTH).tolist()
    # Only a token right after a full stop can start a marker: find those from the array.
    for i in (i for i in range(1, len(orth)) if orth[i - 1] in stops):
        end = _marker_end(doc, i)
        if end == i:
            continue
        if any(doc[j].is_sent_start for j in range(i, end)):
            for j in range(i, end):
                doc[j].is_sent_start = False
            if end < len(doc):
                doc[end].is_sent_start = True
    return doc


@cache
def get_nlp() -> Language:
    from spacy.lang.en import English
    from spacy.language import Language

    if "healthlint_markers" not in Language.factories:
        Language.component("healthlint_markers", func=_markers_end_sentences)

    # A language subclass, so the tokenizer is built once with our rules: setting them on a
    # built tokenizer reloads its four thousand special cases each time (0.13 s at start-up).
    class Defaults(English.Defaults):
        infixes = [*English.Defaults.infixes, *MARKER_INFIXES]
        suffixes = [*English.Defaults.suffixes, MARKER_SUFFIX]

    class HealthEnglish(English):
        lang = "en"

    HealthEnglish.Defaults = Defaults
    nlp = HealthEnglish()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("healthlint_markers")
    return nlp
