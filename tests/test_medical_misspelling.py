"""medical-misspelling: listed misspellings carry a fix; near misses carry a suggestion only."""

from __future__ import annotations

from healthlint import lint_text
from healthlint.checks.near_miss import distance, one_edit, trigrams
from healthlint.config import Settings
from healthlint.linter import Linter

RULE = "medical-misspelling"


def _findings(text: str, **options: object) -> list:
    settings = Settings(select=(RULE,), rules={RULE: options} if options else {})
    return lint_text(text, "article.md", settings)


def test_a_listed_misspelling_is_fixed_and_a_near_miss_only_suggested() -> None:
    found = _findings("Take ibuprofin for an electolyte headache.\n")
    fixes = [(f.column, f.fix and f.fix.replacement) for f in found]
    assert fixes == [(6, "ibuprofen"), (23, None)]
    assert found[1].message == 'Misspelled medical term "electolyte": did you mean "electrolyte"?'


def test_the_suggestion_keeps_the_words_case() -> None:
    (finding,) = _findings("Electolyte drinks help.\n")
    assert finding.message.endswith('did you mean "Electrolyte"?')


def test_near_misses_can_be_switched_off() -> None:
    found = _findings("Take ibuprofin for an electolyte headache.\n", **{"near-misses": False})
    assert [f.column for f in found] == [6]


def test_an_accepted_word_is_never_a_near_miss() -> None:
    assert (
        _findings("The Electolyte brand sells drinks. electolyte\n", accepted=["electolyte"]) == []
    )


def test_fix_mode_leaves_near_misses_alone() -> None:
    from healthlint.fixes import fix_all

    text = "Take ibuprofin for an electolyte headache.\n"
    fixed, left, applied = fix_all(text, _findings(text), _findings)
    assert (fixed, applied) == ("Take ibuprofen for an electolyte headache.\n", 1)
    assert [f.column for f in left] == [23]


def test_a_huge_word_is_not_searched() -> None:
    # No word longer than the longest known word by two can be a near miss: it is never
    # searched (asserted by the search's own count, not by how long it takes).
    assert _findings("electolyte" * 20_000 + "\n") == []
    linter = Linter(Settings(select=(RULE,)))  # its own, so that no word is settled yet
    (search,) = [active.runner.search for active in linter.active if active.rule.name == RULE]
    assert search.suggestion("electolyte" * 20_000) is None
    assert search.searched == 0
    assert search.suggestion("electolyte") == "electrolyte"
    assert search.searched == 1


def test_one_edit_keeps_the_first_and_last_letters() -> None:
    edits = set(one_edit("ulcer"))
    assert {"ulcr", "ucler", "ulcar", "ulcxer", "ulcre"} <= edits
    assert not {"lcer", "ulce", "xulcer", "ulcerx", "luncer"} & edits


def test_distance_counts_swaps_as_one_edit_and_stops_past_its_limit() -> None:
    assert distance("electolyte", "electrolyte", 2) == 1
    assert distance("diagnositc", "diagnostic", 2) == 1
    assert distance("parosyxmal", "paroxysmal", 2) == 2
    assert distance("neuropathy", "nephrology", 2) == 3


def test_trigrams_mark_the_word_edges() -> None:
    assert trigrams("gout") == {"^go", "gou", "out", "ut$"}


def test_a_garbled_name_is_only_suggested_and_can_be_switched_off() -> None:
    text = "Eat foods with b12. The 12b in eggs is easy to absorb, and b12 pills help too.\n"
    (finding,) = _findings(text)
    assert (finding.column, finding.fix) == (25, None)
    assert finding.message == 'Misspelled medical term "12b": did you mean "b12"?'
    assert _findings(text, **{"garbled-names": False}) == []


def test_garbled_names_swap_groups_of_letters_and_digits() -> None:
    from healthlint.checks.garbled_names import garbles, name_form, swaps

    assert list(swaps("hba1c")) == ["1hbac", "hbac1"]
    assert [name_form(t) for t in ("B12", "D3", "F-18", "b12x" * 4, "²12b", "12")] == [
        "b12",
        None,
        None,
        None,
        None,
        None,
    ]
    # The name twice and more often than the garble; the garble less often than deliberate.
    assert garbles({"b12": 2, "12b": 1}, 2, 3) == {"12b": "b12"}
    assert garbles({"b12": 1, "12b": 1}, 2, 3) == {}
    assert garbles({"b12": 9, "12b": 3}, 2, 3) == {}
