"""The pattern hub: matching only around required words finds exactly what a plain Matcher finds
within each sentence."""

from __future__ import annotations

import pytest
from spacy.attrs import LOWER

from healthlint.config import Settings
from healthlint.linter import Linter
from healthlint.nlp import get_nlp
from healthlint.pattern_shapes import NUMBER, longest, requirements
from healthlint.patterns import PatternHub

TEXTS = [
    "About 40% of adults, or 1 in 5, have it. According to the CDC, rates rose by a third.",
    "Researchers at the Mayo Clinic found that 3 out of 10 patients improved (Smith, 2020).",
    "It happens to 2 in 3. 2,8-DHA forms stones.3 Data from the registry agree.[^4]",
    "Source: NIH. A study published in JAMA followed 1,200 women for 10 years¹.",
    "Half of all patients said so. Twice as likely, again and again, 5 times more often.",
    "Image credit: Comments are closed. Share on Facebook, Twitter, Pinterest.",
    "Knee pain troubles 3/4 of runners. It is common in older walkers12. Rest helps.",
]


def run(hub: PatternHub, doc) -> dict[str, list[tuple[int, int]]]:
    return hub.run(doc, doc.to_array(LOWER).tolist())


def plain_matches(hub: PatternHub, doc) -> dict[str, set[tuple[int, int]]]:
    """Every group's Matcher over the whole block, keeping matches inside one sentence."""
    sentence_of = {token.i: sent.start for sent in doc.sents for token in sent}
    found: dict[str, set[tuple[int, int]]] = {}
    for group in hub._groups.values():
        for match_id, start, end in group.matcher(doc):
            if sentence_of[start] == sentence_of[end - 1]:
                found.setdefault(hub.nlp.vocab.strings[match_id], set()).add((start, end))
    for match_id, start, end in hub.phrases(doc):
        found.setdefault(hub.nlp.vocab.strings[match_id], set()).add((start, end))
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_windows_find_what_a_plain_matcher_finds_within_sentences(text: str) -> None:
    hub = Linter(Settings()).hub
    doc = get_nlp()(text)
    found = {key: set(spans) for key, spans in run(hub, doc).items()}
    assert found == plain_matches(hub, doc)
    assert found  # every text has something to find


def test_a_match_never_crosses_a_sentence_end() -> None:
    hub = PatternHub(get_nlp())
    keys = hub.add("test", {"footnote": [[{"ORTH": "."}, {"LIKE_NUM": True}]]})
    doc = get_nlp()("It forms stones.3 Next, 2 of them. 4 more.")
    spans = run(hub, doc)[keys["footnote"]]
    assert [doc[start:end].text for start, end in spans] == [".3"]


def test_a_shape_is_a_requirement_found_in_the_shape_column() -> None:
    assert requirements([{"SHAPE": {"IN": ["xxxxd", "xxxxdd"]}}, {"IS_PUNCT": True}]) == (
        frozenset({"#shape:xxxxd", "#shape:xxxxdd"}),
    )
    hub = PatternHub(get_nlp())
    keys = hub.add("test", {"glued": [[{"SHAPE": "xxxxd"}, {"ORTH": "."}]]})
    doc = get_nlp()("Most walkers3. Few runners. Some swimmers.")
    spans = run(hub, doc)[keys["glued"]]
    assert [doc[start:end].text for start, end in spans] == ["walkers3."]
    assert run(hub, get_nlp()("Few runners. Some swimmers.")) == {}


def test_requirements_skip_tokens_that_may_be_absent_or_are_negated() -> None:
    pattern = [
        {"LIKE_NUM": True},
        {"LOWER": "in", "OP": "?"},
        {"LOWER": {"IN": ["of", "out"]}},
        {"LOWER": "not", "OP": "!"},
        {"LOWER": "x", "OP": "{,3}"},
        {"LOWER": "y", "OP": "{2}"},
    ]
    assert requirements(pattern) == (
        frozenset({NUMBER}),
        frozenset({"of", "out"}),
        frozenset({"y"}),
    )


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([None, None], 2),
        ([None, "?"], 2),
        ([None, "!"], 2),
        ([None, "{2,4}"], 5),
        ([None, "{3}"], 4),
        ([None, "{,2}"], 3),
        ([None, "*"], None),
        (["+"], None),
        ([None, "{1,}"], None),
    ],
)
def test_longest_match_counts_repeats(ops: list[str | None], expected: int | None) -> None:
    pattern = [{"LOWER": "a"} | ({"OP": op} if op else {}) for op in ops]
    assert longest(pattern) == expected


def test_lemma_tests_become_the_word_family() -> None:
    from healthlint.pattern_shapes import with_families

    token = with_families([{"LEMMA": {"IN": ["study", "show"]}, "OP": "?"}])[0]
    assert token == {
        "OP": "?",
        "LOWER": {
            "IN": ["show", "showed", "showing", "shown", "shows"]
            + ["studied", "studies", "study", "studying"]
        },
    }
    assert with_families([{"LEMMA": "expert"}]) == [{"LOWER": {"IN": ["expert", "experts"]}}]
    with pytest.raises(ValueError, match="LEMMA and LOWER"):
        with_families([{"LEMMA": "study", "LOWER": "study"}])


def test_a_lemma_pattern_matches_every_form_of_the_family() -> None:
    hub = PatternHub(get_nlp())
    keys = hub.add("rule", {"said": [[{"LEMMA": "study"}, {"LEMMA": {"IN": ["suggest", "show"]}}]]})
    for text in ("Studies suggested it.", "The study shows it.", "Studying showed it."):
        doc = get_nlp()(text)
        assert run(hub, doc).get(keys["said"]), text
    assert not run(hub, get_nlp()("The study helps.")).get(keys["said"])
