"""The one spaCy pipeline of a process: a blank English tokenizer and a rule-based sentencizer.

No statistical model: every rule works from token attributes, word lists and patterns. spaCy is
imported here and only here, and only when text is actually linted.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def get_nlp() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
