"""The pool of real articles (../shared/wild) as an evaluation set: its own answer keys and ours
(eval/wild), scored the way the pool's score.py scores them.

Only the ten rules the pool labels are scored; missing-disclaimer matches by article, every other
rule by (rule, line). The articles stay in the pool: our keys name them and hold no text of
theirs, only line numbers and notes in our own words.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .config import Settings
from .run import collect, lint_stream
from .scoring import Evaluation

DEFAULT_POOL = Path(__file__).resolve().parents[2] / "shared" / "wild"
SCORED = (
    "missing-disclaimer",
    "unsourced-statistic",
    "procedure-mismatch",
    "medical-misspelling",
    "vague-attribution",
    "absolute-claim",
    "empty-credit",
    "page-residue",
    "placeholder-text",
    "repeated-word",
)
DOCUMENT_LEVEL = frozenset({"missing-disclaimer"})
SUFFIXES = (".html", ".md", ".txt")


class WildEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str = Field(pattern="^(" + "|".join(SCORED) + ")$")
    line: int | None = Field(ge=1)
    note: str


class WildKey(BaseModel):
    """Our key of one pool article: the file's name, what a careful reader finds, the traps."""

    model_config = ConfigDict(extra="forbid")

    file: str
    expected: list[WildEntry]
    notes: str


def load_keys(pool: Path, ours: Path) -> dict[str, list[tuple[str, int | None, str]]]:
    """Article name -> (rule, line, note) of every labelled article, the pool's keys first."""
    keys: dict[str, list[tuple[str, int | None, str]]] = {}
    for path in sorted((pool / "keys").glob("*.key.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        name = Path(data["file"]).name
        keys[name] = [(e["rule"], e["line"], e.get("note", "")) for e in data["expected"]]
    for path in sorted(ours.glob("*.key.json")) if ours.is_dir() else []:
        key = WildKey.model_validate_json(path.read_text(encoding="utf-8"))
        if key.file in keys:
            raise ValueError(f"{path}: {key.file} already has a key in {pool / 'keys'}")
        keys[key.file] = [(e.rule, e.line, e.note) for e in key.expected]
    return keys


def evaluate_pool(pool: Path, ours: Path, today: dt.date | None = None) -> Evaluation:
    keys = load_keys(pool, ours)
    result = Evaluation(articles=len(keys))
    for name, entries in keys.items():
        for rule, line, note in entries:
            item = (name, rule, None if rule in DOCUMENT_LEVEL else line)
            result.expected.add(item)
            result.notes[item] = note
    paths = [pool / "articles" / name for name in sorted(keys)]
    settings = Settings()
    _, findings, errors = collect(lint_stream(paths, lambda _: settings, today=today))
    if errors:
        raise RuntimeError(f"{errors[0].path}: {errors[0].message}")
    for f in findings:
        if f.rule in SCORED:
            name = Path(f.path).name
            result.add_found(name, f.rule, f.line, f.message, f.rule in DOCUMENT_LEVEL)
    return result
