"""Sentences: spaCy's Sentencizer rule computed from arrays, with footnote markers kept in the
sentence they close."""

from __future__ import annotations

import pytest
from spacy.pipeline import Sentencizer

from healthlint.nlp import get_nlp

PLAIN = [
    "About 40% of adults have it. Most recover! Do they? Yes.",
    'Dr. Smith said so... Then 2.5 mg a day (twice) is enough. "Really?" she asked.',
    "No stop at the end",
    "Ends with several stops?!! And then more. . . and a list: one; two.",
    "Wait ... what?) Then (this.) happened.",
    "",
    "?",
]


@pytest.mark.parametrize("text", PLAIN)
def test_without_markers_sentences_are_the_sentencizers(text: str) -> None:
    nlp = get_nlp()
    ours = nlp(text)
    theirs = Sentencizer()(nlp.make_doc(text))
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "It spreads fast.[^2] Next one.",
            ["It spreads fast.[^2]", "Next one."],
        ),
        ("And this.^3 Also that.", ["And this.^3", "Also that."]),
        ("Use steroids.3 Then rest.", ["Use steroids.3", "Then rest."]),
        ("Rates rose.3,6 Others fell.", ["Rates rose.3,6", "Others fell."]),
        ("It hurts. 2 in 3 people say so.", ["It hurts.", "2 in 3 people say so."]),
    ],
)
def test_a_footnote_marker_stays_in_the_sentence_it_closes(text: str, sentences: list[str]) -> None:
    assert [s.text for s in get_nlp()(text).sents] == sentences


def test_reader_counts_join_hyphenated_words_and_skip_symbols() -> None:
    from healthlint.analysis import ParsedArticle
    from healthlint.loaders import load
    from healthlint.metrics import reader_counts

    text = "A non-small-cell tumour, 12 cm wide - very big. Then well-being returns."
    article = load("note.txt", text)
    parsed = ParsedArticle(article, [get_nlp()(block.text) for block in article.blocks])
    counts = [parsed.counts(sentence) for sentence in parsed.sentences]
    # A hyphen with no space either side joins; one between spaces is no word at all.
    words = [
        ["A", "non-small-cell", "tumour", "12", "cm", "wide", "very", "big"],
        ["Then", "well-being", "returns"],
    ]
    assert counts == [reader_counts(sentence) for sentence in words]
    assert [c.words for c in counts] == [8, 3]
