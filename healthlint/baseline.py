"""Baselines: today's findings recorded, so that only new ones are reported.

An entry holds no line numbers: the file (relative to the baseline's folder), the rule and the
finding's fingerprint (a hash of the flagged text and its line). Editing elsewhere in an article
leaves its entries valid; fixing or rewording the flagged sentence retires them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .atomic import write_atomically
from .errors import ConfigError, dotted, first_problem
from .findings import Finding
from .version import __version__


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    rule: str
    fingerprint: str
    count: int = 1
    message: str = ""  # for the people who read the file; not compared


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    healthlint: str
    entries: list[BaselineEntry]


Key = tuple[str, str, str]


def _key(finding: Finding, folder: Path) -> Key:
    relative = Path(os.path.relpath(Path(finding.path).resolve(), folder)).as_posix()
    return relative, finding.rule, finding.fingerprint


def write_baseline(path: Path, findings: list[Finding]) -> int:
    """Writes the baseline (atomically) and returns how many findings it holds."""
    folder = path.resolve().parent
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for finding in findings:
        key = _key(finding, folder)
        counts[key] += 1
        messages.setdefault(key, finding.message)
    entries = [
        BaselineEntry(path=p, rule=r, fingerprint=f, count=n, message=messages[(p, r, f)])
        for (p, r, f), n in sorted(counts.items())
    ]
    text = Baseline(healthlint=__version__, entries=entries).model_dump_json(indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return len(findings)


def load_baseline(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        baseline = Baseline.model_validate(data)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read baseline: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{path}:{error.lineno}: baseline is not valid JSON: {error.msg}"
        ) from None
    except ValidationError as error:
        location, message = first_problem(error)
        raise ConfigError(f"{path}: baseline field {dotted(location)}: {message}") from None
    return Counter({(e.path, e.rule, e.fingerprint): e.count for e in baseline.entries})


def new_findings(findings: list[Finding], baseline: Counter[Key], path: Path) -> list[Finding]:
    """The findings the baseline does not account for (each entry absorbs ``count`` of them).

    Entries absorbed are used up: ``baseline`` is left with what later findings may still match.
    """
    folder = path.resolve().parent
    kept = []
    for finding in findings:
        key = _key(finding, folder)
        if baseline[key] > 0:
            baseline[key] -= 1
        else:
            kept.append(finding)
    return kept
