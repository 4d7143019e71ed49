"""Where the rule catalogue lives: inside the installed package, or in the repository checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    # A wheel carries rules/ as healthlint/_rules; an editable install or a checkout uses the
    # repository's own top-level rules/.
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the healthlint rule catalogue (rules/) is missing from this install")
