"""The rule catalogue as data: every rule documented, its examples true, its lexicons sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from healthlint import lint_text
from healthlint.config import Settings
from healthlint.errors import ConfigError
from healthlint.lexicons import corrections, table
from healthlint.packs import builtin_rules, load_pack

RULES = builtin_rules()


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_failing_examples_are_flagged(rule) -> None:  # noqa: ANN001
    for text in rule.examples.failing:
        rules = {f.rule for f in lint_text(text, "example.md", Settings(select=(rule.name,)))}
        assert rules == {rule.name}, text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_passing_examples_are_not_flagged(rule) -> None:  # noqa: ANN001
    for text in rule.examples.passing:
        assert lint_text(text, "example.md", Settings(select=(rule.name,))) == [], text


def test_rationale_names_a_standard() -> None:
    standards = re.compile(r"HONcode|JAMA|DISCERN|FTC|NIH|AMA|Accuracy|plain[- ]language", re.I)
    for rule in RULES:
        assert standards.search(rule.rationale), rule.name


def test_misspelling_list_is_sorted_unique_and_consistent() -> None:
    path = Path(__file__).parents[1] / "rules" / "lexicons" / "misspellings.txt"
    wrongs = [
        line.split("->")[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert wrongs == sorted(wrongs)
    assert len(wrongs) == len(set(wrongs))
    table_ = corrections("lexicons/misspellings.txt")
    assert not set(table_.values()) & set(table_), "a correction is itself a listed typo"
    assert all(wrong != right.lower() for wrong, right in table_.items())
    british = {"anaemia", "oesophagus", "paediatric", "haemorrhage", "oedema", "tumour"}
    assert not british & set(table_)


def test_every_misspelling_has_its_provenance() -> None:
    rows = table("lexicons/misspellings.provenance.tsv")
    assert {(r["wrong"], r["right"]) for r in rows} == set(
        corrections("lexicons/misspellings.txt").items()
    )
    assert {r["correction_source"] for r in rows} <= {"icd10cm", "ccs", "curated"}
    assert all(r["misspelling_source"] for r in rows)


def test_clinical_lexicons_have_provenance_and_valid_references() -> None:
    procedures = table("lexicons/procedures.tsv")
    conditions = table("lexicons/conditions.tsv")
    assert all(row["source"].strip() for row in (*procedures, *conditions))
    known = {row["term"] for row in procedures}
    for row in conditions:
        assert row["recoverable"] in ("yes", "no"), row["term"]
        for procedure in filter(None, row["treated_by"].split(";")):
            assert procedure in known, (row["term"], procedure)


def _write_pack(tmp_path: Path, rule: dict) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(yaml.safe_dump({"rules": [rule]}), encoding="utf-8")
    return path


def test_broken_pack_names_file_rule_and_field(tmp_path: Path) -> None:
    rule = {
        "code": "HL900",
        "name": "house-style",
        "kind": "python",
        "check": "missing_disclaimer",
        "severity": "loud",
        "message": "m",
        "summary": "s",
        "rationale": "r",
        "examples": {"fail": ["a"], "pass": ["b"]},
    }
    path = _write_pack(tmp_path, rule)
    line = path.read_text(encoding="utf-8").splitlines().index("  severity: loud") + 1
    with pytest.raises(ConfigError) as caught:
        load_pack(path)
    assert str(caught.value) == (
        f"{path}:{line}: rule house-style, field severity: "
        "Input should be 'info', 'warning' or 'error'"
    )


def test_pack_with_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("rules:\n  - code: HL900\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml \(line 4\): not valid YAML"):
        load_pack(path)


FIXTURES = Path(__file__).parent / "fixtures"
RULE_FILES = sorted((Path(__file__).parents[1] / "rules").glob("*.yaml"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_has_a_fixture_folder_of_its_own_name(rule) -> None:  # noqa: ANN001
    folder = FIXTURES / rule.name
    articles = [p for p in folder.glob("*") if p.suffix in (".md", ".html", ".txt")]
    assert articles, f"tests/fixtures/{rule.name}/ holds no fixture article"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_documents_what_it_leaves_alone(rule) -> None:  # noqa: ANN001
    assert rule.not_flagged, rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_fixable_says_whether_findings_carry_a_fix(rule) -> None:  # noqa: ANN001
    # Some failing example carries a fix if and only if the rule is fixable: a rule may mix sure
    # corrections with suggestions (medical-misspelling's listed misspellings and near misses).
    settings = Settings(select=(rule.name,))
    fixes = {
        finding.fix is not None
        for text in rule.examples.failing
        for finding in lint_text(text, "example.md", settings)
    }
    assert (True in fixes) == rule.fixable


def _string_lists(node, where: str = ""):  # noqa: ANN001, ANN202
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _string_lists(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        yield where, [item for item in node if isinstance(item, str)]
        for index, item in enumerate(node):
            yield from _string_lists(item, f"{where}[{index}]")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_word_lists_hold_no_duplicates(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    doubled = [
        f"{where}: {word}"
        for where, words in _string_lists(data)
        for word in sorted({w for w in words if words.count(w) > 1})
    ]
    assert doubled == []


def test_rules_page_is_current() -> None:
    from healthlint.ruledoc import as_markdown

    page = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == as_markdown(list(RULES)), "docs/rules.md is stale: run `make docs`"
