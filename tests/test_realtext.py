"""Scoring on a pool of real articles, as the pool's own score.py does, on a pool made here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from healthlint.realtext import WildKey, evaluate_pool, load_keys

EVAL_WILD = Path(__file__).parents[1] / "eval" / "wild"

ARTICLE = """\
# Caring for your feet

About 40% of adults over sixty have a corn or a callus.

Soak the foot in warm water and dry it with with a soft towel.
"""


def make_pool(tmp_path: Path) -> tuple[Path, Path]:
    pool, ours = tmp_path / "pool", tmp_path / "ours"
    (pool / "articles").mkdir(parents=True)
    (pool / "keys").mkdir()
    ours.mkdir()
    (pool / "articles" / "feet.md").write_text(ARTICLE, encoding="utf-8")
    (pool / "articles" / "corns.txt").write_text("Corns go away on their own.\n", "utf-8")
    pool_key = {
        "file": "../articles/feet.md",
        "expected": [
            {"rule": "missing-disclaimer", "line": None, "text": "", "note": "none"},
            {"rule": "unsourced-statistic", "line": 3, "text": "40%", "note": "a share"},
            {"rule": "repeated-word", "line": 4, "text": "with with", "note": "one line off"},
        ],
        "notes": "",
    }
    (pool / "keys" / "feet.md.key.json").write_text(json.dumps(pool_key), encoding="utf-8")
    our_key = {"file": "corns.txt", "expected": [], "notes": "nothing to find"}
    (ours / "corns.txt.key.json").write_text(json.dumps(our_key), encoding="utf-8")
    return pool, ours


def test_pool_keys_and_ours_are_scored_together(tmp_path: Path) -> None:
    pool, ours = make_pool(tmp_path)
    result = evaluate_pool(pool, ours, dt.date(2026, 11, 24))
    assert result.articles == 2
    # The doubled word is on line 5, not 4: one false positive and one miss, as score.py counts.
    assert result.counts("repeated-word") == (0, 1, 1)
    assert result.counts("unsourced-statistic") == (1, 0, 0)
    # The text article has no disclaimer either, and its key says nothing: a false positive.
    assert result.counts("missing-disclaimer") == (1, 1, 0)
    assert result.counts("missing-disclaimer", ".md") == (1, 0, 0)
    assert ("corns.txt", "missing-disclaimer", None) in result.false_positives()


def test_an_article_with_two_keys_is_refused(tmp_path: Path) -> None:
    pool, ours = make_pool(tmp_path)
    twin = {"file": "feet.md", "expected": [], "notes": ""}
    (ours / "feet.md.key.json").write_text(json.dumps(twin), encoding="utf-8")
    with pytest.raises(ValueError, match="feet.md already has a key"):
        load_keys(pool, ours)


def test_our_keys_are_well_formed_and_named_after_their_article() -> None:
    keys = sorted(EVAL_WILD.glob("*.key.json"))
    assert len(keys) >= 40
    for path in keys:
        key = WildKey.model_validate_json(path.read_text(encoding="utf-8"))
        assert path.name == f"{key.file}.key.json"
    bad = {"file": "x.md", "expected": [{"rule": "x", "line": 1, "note": ""}], "notes": ""}
    with pytest.raises(ValidationError):
        WildKey.model_validate(bad)
