"""The SARIF and GitHub Actions formats: valid SARIF, stable fingerprints, exact annotations."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import jsonschema
import pytest

from healthlint import __version__, lint_paths, lint_text
from healthlint.config import Settings
from healthlint.findings import FileError, Finding, Report, Severity
from healthlint.formatters import FORMATTERS, OutputOptions
from healthlint.formatters.github import format_github
from healthlint.formatters.sarif import format_sarif
from healthlint.packs import builtin_rules
from healthlint.rulepack import Examples

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

BAD = "# Knee pain\n\nAs many as 40% of patients still have pain.\n"
GOOD = "# Knee pain\n\nThis article is for informational purposes only.\n"
STATISTIC = 'Statistic with no source: cite where "40%" comes from in this or an adjacent sentence'
DISCLAIMER = "No medical disclaimer: say that the article is information, not medical advice"

MISSION = Settings(select=("missing-disclaimer", "unsourced-statistic"))
ONLY_HL002 = Settings(select=("HL002",))
LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def sarif(report: Report, rules: tuple = ()) -> dict:
    out = io.StringIO()
    format_sarif(report, out, OutputOptions(rules=rules or builtin_rules()))
    text = out.getvalue()
    assert text.endswith("}\n")
    return json.loads(text)


def validate(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # The OASIS schema declares draft-04; validate with the draft it names.
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator
    validator_class.check_schema(schema)
    validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).validate(log)


def report_of(text: str, path: str = "post.md", settings: Settings = ONLY_HL002) -> Report:
    findings = lint_text(text, path=path, settings=settings)
    return Report.build(__version__, 1, findings, [])


def fingerprints(log: dict) -> list[str]:
    return [r["partialFingerprints"]["healthlint/v1"] for r in log["runs"][0]["results"]]


def test_formatters_are_registered() -> None:
    assert FORMATTERS["sarif"] is format_sarif
    assert FORMATTERS["github"] is format_github


def test_json_written_file_by_file_is_the_report_model_dump(article_dir: Path) -> None:
    (article_dir / "b.md").write_text("# Genou\n\nÀ peu près 40% des patients.\n", "utf-8")
    (article_dir / "a.md").write_text(BAD, encoding="utf-8")
    (article_dir / "c.md").write_bytes(b"\x00\x01binary")
    for report in (lint_paths([article_dir]), Report.build(__version__, 0, [], [])):
        out = io.StringIO()
        FORMATTERS["json"](report, out, OutputOptions())
        assert out.getvalue() == report.model_dump_json(indent=2, exclude_none=True) + "\n"
        assert Report.model_validate_json(out.getvalue()) == report


def test_sarif_is_valid_and_describes_every_rule(article_dir: Path) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    (article_dir / "good.md").write_text(GOOD, encoding="utf-8")
    report = lint_paths([article_dir])
    log = sarif(report)
    validate(log)

    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]

    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("healthlint", __version__)
    catalogue = sorted(builtin_rules(), key=lambda rule: rule.code)
    assert [d["id"] for d in driver["rules"]] == [rule.code for rule in catalogue]
    assert len(driver["rules"]) == len(builtin_rules()) == len({r.code for r in builtin_rules()})
    for descriptor, rule in zip(driver["rules"], catalogue, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"] == {"text": rule.rationale}
        assert descriptor["defaultConfiguration"] == {"level": LEVEL[rule.severity]}
        assert descriptor["properties"] == {"tags": ["health", rule.kind]}
    levels = {d["id"]: d["defaultConfiguration"]["level"] for d in driver["rules"]}
    assert (levels["HL003"], levels["HL002"], levels["HL015"]) == ("error", "warning", "note")

    results = run["results"]
    assert len(results) == len(report.findings) > 0
    for result, finding in zip(results, report.findings, strict=True):
        assert result["ruleId"] == finding.code
        assert driver["rules"][result["ruleIndex"]]["id"] == finding.code
        assert result["level"] == LEVEL[finding.severity]
        assert result["message"] == {"text": finding.message}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": Path(finding.path).as_uri()}
        assert location["region"] == {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
        }
    statistic = next(r for r in results if r["ruleId"] == "HL002")
    assert statistic["level"] == "warning"
    assert statistic["message"] == {"text": STATISTIC}
    assert statistic["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": (article_dir / "bad.md").as_uri()},
        "region": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15},
    }


def test_sarif_help_carries_summary_rationale_and_first_examples() -> None:
    log = sarif(report_of(BAD))
    rule = next(rule for rule in builtin_rules() if rule.code == "HL002")
    descriptor = next(d for d in log["runs"][0]["tool"]["driver"]["rules"] if d["id"] == "HL002")
    failing, passing = rule.examples.failing[0], rule.examples.passing[0]
    assert descriptor["help"] == {
        "text": f"{rule.summary}\n\n{rule.rationale}\n\n"
        f"Flagged:\n{failing}\n\nNot flagged:\n{passing}",
        "markdown": f"{rule.summary}\n\n{rule.rationale}\n\n"
        f"**Flagged:**\n\n```text\n{failing}\n```\n\n"
        f"**Not flagged:**\n\n```text\n{passing}\n```",
    }


def test_sarif_help_fence_outgrows_backticks_in_an_example() -> None:
    base = next(rule for rule in builtin_rules() if rule.code == "HL002")
    examples = Examples(failing=["Run ```this``` 40% of the time."], passing=["ok"])
    rule = base.model_copy(update={"examples": examples})
    descriptor = sarif(report_of(BAD), rules=(rule,))["runs"][0]["tool"]["driver"]["rules"][0]
    fenced = "**Flagged:**\n\n````text\nRun ```this``` 40% of the time.\n````\n\n"
    assert fenced in descriptor["help"]["markdown"]


def test_sarif_columns_are_code_points() -> None:
    # U+1F642 is one code point but two UTF-16 code units: 40% starts at code point 14.
    report = report_of("# Knee pain\n\n\U0001f642 As many as 40% of patients still have pain.\n")
    region = sarif(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 17}


def test_sarif_relative_paths_are_uris_under_srcroot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my notes").mkdir()
    (tmp_path / "my notes" / "knee pain.md").write_text(BAD, encoding="utf-8")
    log = sarif(lint_paths(["./my notes"], settings=ONLY_HL002))
    validate(log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "my%20notes/knee%20pain.md",
        "uriBaseId": "%SRCROOT%",
    }


def test_sarif_windows_separators_become_forward_slashes() -> None:
    finding = lint_text(BAD, path="post.md", settings=ONLY_HL002)[0]
    windows = finding.model_copy(update={"path": "docs\\knee\\post.md"})
    posix = finding.model_copy(update={"path": "docs/knee/post.md"})
    log = sarif(Report.build(__version__, 1, [windows], []))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/knee/post.md", "uriBaseId": "%SRCROOT%"}
    # The fingerprint normalises the path too, so both spellings are the same finding.
    assert fingerprints(log) == fingerprints(sarif(Report.build(__version__, 1, [posix], [])))


def test_sarif_fingerprint_survives_moved_lines_but_not_a_different_rule() -> None:
    before = report_of(BAD)
    after = report_of("# Knee pain\n\n\n\n\nAs many as 40% of patients still have pain.\n")
    assert [(f.code, f.line) for f in before.findings] == [("HL002", 3)]
    assert [(f.code, f.line) for f in after.findings] == [("HL002", 6)]
    own = before.findings[0].fingerprint
    assert own == after.findings[0].fingerprint  # the flagged text and its line, not its number
    expected = hashlib.sha256(f"HL002\0post.md\0{own}".encode()).hexdigest()[:32]
    assert fingerprints(sarif(before)) == [expected]
    assert fingerprints(sarif(after)) == [expected]

    other_rule = before.findings[0].model_copy(update={"code": "HL099", "rule": "other-rule"})
    changed = fingerprints(sarif(Report.build(__version__, 1, [other_rule], [])))
    other = hashlib.sha256(f"HL099\0post.md\0{own}".encode()).hexdigest()[:32]
    assert changed == [other] and other != expected

    elsewhere = fingerprints(sarif(report_of(BAD, path="other.md")))
    assert len(elsewhere[0]) == 32 and elsewhere[0] != expected


def test_sarif_identical_findings_in_one_file_get_distinct_fingerprints() -> None:
    twice = (
        "# Knee pain\n\nAs many as 40% of patients still have pain.\n\nIt is hard.\n\n"
        "A lot more.\n\nAnd more.\n\nAs many as 40% of patients still have pain.\n"
    )
    report = report_of(twice)
    assert [(f.line, f.message) for f in report.findings] == [(3, STATISTIC), (11, STATISTIC)]
    own = report.findings[0].fingerprint
    assert own == report.findings[1].fingerprint  # the same text on the same kind of line
    first, second = fingerprints(sarif(report))
    assert first == hashlib.sha256(f"HL002\0post.md\0{own}".encode()).hexdigest()[:32]
    assert second == hashlib.sha256(f"HL002\0post.md\0{own}\x002".encode()).hexdigest()[:32]


def test_sarif_suggestion_is_a_result_property() -> None:
    report = report_of(
        "# Knee\n\nTake it with with water.\n", settings=Settings(select=("repeated-word", "HL001"))
    )
    results = sarif(report)["runs"][0]["results"]
    assert [(r["ruleId"], r.get("properties")) for r in results] == [
        ("HL001", None),
        ("HL010", {"suggestion": "with"}),
    ]


def test_sarif_file_errors_are_notifications(article_dir: Path) -> None:
    (article_dir / "a-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (article_dir / "c-bad.md").write_text(BAD, encoding="utf-8")
    log = sarif(lint_paths([article_dir], settings=ONLY_HL002))
    validate(log)
    run = log["runs"][0]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "binary file (contains NUL bytes), not an article"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": (article_dir / "a-binary.md").as_uri()}
                            }
                        }
                    ],
                }
            ],
        }
    ]
    assert [r["ruleId"] for r in run["results"]] == ["HL002"]


def github(report: Report) -> str:
    out = io.StringIO()
    format_github(report, out, OutputOptions())
    return out.getvalue()


def test_github_one_annotation_per_finding(
    article_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (article_dir / "bad.md").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(article_dir)
    assert github(lint_paths(["bad.md"], settings=MISSION)) == (
        "::warning file=bad.md,line=1,col=1,endLine=1,endColumn=1,"
        f"title=HL001 missing-disclaimer::{DISCLAIMER}\n"
        "::warning file=bad.md,line=3,col=12,endLine=3,endColumn=15,"
        'title=HL002 unsourced-statistic::Statistic with no source: cite where "40%25" comes '
        "from in this or an adjacent sentence\n"
    )


def test_github_escapes_messages_and_properties() -> None:
    finding = Finding(
        path="docs/a,b:c%d.md",
        line=2,
        column=3,
        end_line=4,
        end_column=5,
        rule="reading-level",
        code="HL015",
        severity=Severity.info,
        message="50% of cases: see a, b\r\nthen c",
    )
    error = FileError(path="x:y.md", message="cannot read:\nno, really 100%")
    report = Report.build(__version__, 1, [finding], [error])
    assert github(report).splitlines() == [
        "::notice file=docs/a%2Cb%3Ac%25d.md,line=2,col=3,endLine=4,endColumn=5,"
        "title=HL015 reading-level::50%25 of cases: see a, b%0D%0Athen c",
        "::error file=x%3Ay.md::cannot read:%0Ano, really 100%25",
    ]


def test_github_levels_and_nothing_else_printed() -> None:
    finding = lint_text(BAD, path="p.md", settings=ONLY_HL002)[0]
    lines = [
        github(Report.build(__version__, 1, [finding.model_copy(update={"severity": s})], []))
        for s in Severity
    ]
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::warning", "::error"]
    assert github(Report.build(__version__, 1, [], [])) == ""


def test_the_api_takes_paths_as_they_come_and_refuses_what_is_no_text(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Knee\n\nTake ibuprofin.\n", encoding="utf-8")
    settings = Settings(select=("HL004",))
    assert len(lint_paths(str(article), settings).findings) == 1
    assert len(lint_paths(article, settings).findings) == 1
    assert lint_text("Take ibuprofin.", path=Path("a.txt"), settings=settings)[0].path == "a.txt"
    with pytest.raises(TypeError, match=r"takes the article as str, not NoneType$"):
        lint_text(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not bytes \(decode bytes first"):
        lint_text(b"Take ibuprofin.")  # type: ignore[arg-type]
