"""A publisher's own rule pack, given with --pack: house style without Python."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from healthlint.cli import main

HOUSE = """\
rules:
  - code: HL901
    name: house-brand-name
    kind: substitution
    severity: warning
    message: "House style: write \\"{suggestion}\\", not \\"{match}\\""
    summary: Our brand is written one way.
    rationale: Accuracy of names; house style.
    lexicon: brand.txt
    examples:
      fail: ["Visit Healthco today."]
      pass: ["Visit HealthCo today."]
  - code: HL902
    name: house-no-superfood
    kind: match
    severity: error
    message: "House style: avoid \\"{match}\\""
    summary: We do not call foods superfoods.
    rationale: FTC guidance on health claims.
    patterns:
      superfood: ["superfood", "superfoods"]
    examples:
      fail: ["Kale is a superfood."]
      pass: ["Kale is a leafy vegetable."]
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def write_pack(folder: Path, text: str = HOUSE) -> Path:
    (folder / "brand.txt").write_text("# our brand\nhealthco->HealthCo\n", encoding="utf-8")
    pack = folder / "house.yaml"
    pack.write_text(text, encoding="utf-8")
    return pack


def test_pack_rules_run_beside_the_builtin_ones(tmp_path: Path, article_dir: Path) -> None:
    pack = write_pack(tmp_path)
    article = article_dir / "kale.md"
    article.write_text("# Kale\n\nKale is a superfood from Healthco farms.\n", encoding="utf-8")
    code, out, _ = run(
        "check",
        "--format",
        "json",
        "--pack",
        str(pack),
        "--select",
        "house-brand-name,house-no-superfood",
        str(article_dir),
    )
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["line"], f["column"], f.get("suggestion")) for f in findings] == [
        ("house-no-superfood", 3, 11, None),
        ("house-brand-name", 3, 26, "HealthCo"),
    ]
    assert code == 1


def test_pack_rules_are_listed_and_explained(tmp_path: Path) -> None:
    pack = write_pack(tmp_path)
    code, out, _ = run("rules", "--pack", str(pack), "--format", "json")
    assert code == 0
    assert {"house-brand-name", "house-no-superfood"} <= {r["name"] for r in json.loads(out)}
    code, out, _ = run("explain", "HL902", "--pack", str(pack))
    assert code == 0 and out.startswith("HL902 house-no-superfood (default severity: error)")


def test_broken_pack_is_one_line_naming_file_line_rule_and_field(
    tmp_path: Path, article_dir: Path
) -> None:
    pack = write_pack(tmp_path, HOUSE.replace("kind: match", "kind: regex"))
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, err = run("check", "--pack", str(pack), str(article_dir))
    line = HOUSE.splitlines().index("    kind: match") + 1
    assert (code, out) == (2, "")
    assert err.startswith(f"healthlint: {pack}:{line}: rule house-no-superfood, field kind: ")
    assert err.count("\n") == 1


def test_invalid_token_pattern_names_rule_and_field(tmp_path: Path, article_dir: Path) -> None:
    bad = HOUSE.replace('superfood: ["superfood", "superfoods"]', "superfood: [[{LOWR: kale}]]")
    pack = write_pack(tmp_path, bad)
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, _, err = run("check", "--pack", str(pack), str(article_dir))
    assert code == 2
    assert err == (
        f"healthlint: {pack}: rule house-no-superfood: field superfood: invalid spaCy token "
        "pattern: [pattern -> 0 -> LOWR] Extra inputs are not permitted\n"
    )


def test_a_house_rule_takes_the_options_of_its_kind(tmp_path: Path, article_dir: Path) -> None:
    pack = write_pack(tmp_path)
    (article_dir / ".healthlint.toml").write_text(
        f'packs = ["{pack}"]\n[rules.house-brand-name]\naccepted = ["Healthco"]\n', "utf-8"
    )
    (article_dir / "a.md").write_text("# Kale\n\nHealthco and healthco farms.\n", "utf-8")
    code, out, _ = run("check", "--no-cache", "--select", "house-brand-name", str(article_dir))
    assert (code, out) == (0, "Found 0 findings in 1 file.\n")
    # A match rule takes no "accepted": its kind's model refuses it. (Configurations are read
    # once per folder and process, hence a folder of its own.)
    other = tmp_path / "other"
    other.mkdir()
    config = other / ".healthlint.toml"
    config.write_text(f'packs = ["{pack}"]\n[rules.house-no-superfood]\naccepted = ["kale"]\n')
    (other / "a.md").write_text("# Kale\n\nKale.\n", "utf-8")
    code, out, _ = run("check", "--no-cache", str(other))
    assert code == 2
    assert out.splitlines()[0] == (
        f"{other / 'a.md'}: error {config}: key rules.house-no-superfood.accepted: "
        "Extra inputs are not permitted"
    )


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (
            ('superfood: ["superfood", "superfoods"]', 'superfood: [[{TEXT: {REGEX: "^(a+)+$"}}]]'),
            "field patterns.superfood.0.0.TEXT.REGEX",
            "a REGEX that repeats a group which repeats (it can backtrack without end)",
        ),
        (
            ("House style: avoid", "House style: {match.__class__} avoid"),
            "field message",
            "the placeholder {match.__class__} is not a plain name",
        ),
        (
            ("lexicon: brand.txt", "lexicon: ../../../../../../etc/passwd"),
            "field lexicon",
            "no word list '../../../../../../etc/passwd' beside the pack or among the built-in",
        ),
        (
            ("    patterns:\n      superfood", "    patern:\n      superfood"),
            "field patern",
            "Extra inputs are not permitted (did you mean 'patterns'?)",
        ),
        (
            ("kind: match", "kind: matc"),
            "field kind",
            "Input tag 'matc' found using 'kind' does not match any of the expected tags",
        ),
    ],
)
def test_a_pack_that_could_harm_is_refused_in_one_line(
    tmp_path: Path, article_dir: Path, change: tuple[str, str], field: str, problem: str
) -> None:
    assert change[0] in HOUSE
    pack = write_pack(tmp_path, HOUSE.replace(*change))
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, err = run("check", "--pack", str(pack), str(article_dir))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"healthlint: {pack}:")
    assert (
        f": rule house-{'brand-name' if 'lexicon' in field else 'no-superfood'}, {field}: " in err
    )
    assert problem in err


def test_an_alias_bomb_or_a_huge_pack_is_refused(tmp_path: Path, article_dir: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 12)
    ]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\nrules: []\n", encoding="utf-8")
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, _, err = run("check", "--pack", str(bomb), str(article_dir))
    assert (code, err) == (
        2,
        f"healthlint: {bomb}: its aliases expand to more than 500,000 nodes\n",
    )


def test_substitution_rules_that_undo_each_other_are_refused(
    tmp_path: Path, article_dir: Path
) -> None:
    pack = write_pack(tmp_path)
    (tmp_path / "brand.txt").write_text("healthco->HealthCo\nhealthcare->healthco\n", "utf-8")
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, _, err = run("check", "--pack", str(pack), str(article_dir))
    assert code == 2
    assert err == (
        f"healthlint: {pack}: rule house-brand-name, field pairs: healthcare -> healthco -> "
        "HealthCo: a correction is itself corrected\n"
    )


CITED = """\
rules:
  - code: HL903
    name: house-unnamed-trials
    kind: conditional
    severity: warning
    message: "Name the trial: \\"{match}\\""
    summary: An unnamed trial needs a citation.
    rationale: JAMA benchmark 2 (attribution).
    trigger:
      trials: ["trials show"]
    evidence:
      marker: [[{ORTH: "["}, {LIKE_NUM: true}, {ORTH: "]"}]]
    paragraph_markers: [marker]
    examples:
      fail: ["Trials show that rest helps. Ice helps too. So does time."]
      pass: ["Trials show that rest helps. Ice helps too. So does time [4]."]
"""


def test_a_marker_ending_the_paragraph_cites_it_when_the_rule_says_so(
    tmp_path: Path, article_dir: Path
) -> None:
    pack = write_pack(tmp_path, CITED)
    (article_dir / "a.md").write_text(
        "# Knee\n\nTrials show that rest helps. Ice helps too. Time [4] heals. Rest more.\n\n"
        "Trials show that rest helps. Ice helps too. So does time [4].\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "--pack", str(pack), "--select", "HL903", str(article_dir))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{article_dir / 'a.md'}:3:1: warning [HL903] house-unnamed-trials Name the trial: "
        '"Trials show"'
    )
    assert len(out.splitlines()) == 2  # the finding and the summary


@pytest.mark.parametrize(
    ("field", "wrong", "problem"),
    [
        (
            "paragraph_markers",
            "markers",
            "no pattern group named 'markers' (did you mean 'marker'?)",
        ),
        ("refers_back", "trial", "no pattern group named 'trial' (did you mean 'trials'?)"),
    ],
)
def test_a_label_that_names_no_pattern_group_is_refused(
    tmp_path: Path, article_dir: Path, field: str, wrong: str, problem: str
) -> None:
    text = CITED.replace("    paragraph_markers: [marker]\n", f"    {field}: [{wrong}]\n")
    pack = write_pack(tmp_path, text)
    (article_dir / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, err = run("check", "--pack", str(pack), str(article_dir))
    line = text.splitlines().index(f"    {field}: [{wrong}]") + 1
    assert (code, out) == (2, "")
    assert (
        err == f"healthlint: {pack}:{line}: rule house-unnamed-trials, field {field}: {problem}\n"
    )
