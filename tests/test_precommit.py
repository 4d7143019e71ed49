"""The pre-commit hook, tried as an article repository would use it, with the real pre-commit.

`pre-commit try-repo` installs healthlint from this checkout into a hook environment of its
own (from the package registry), so this test takes a minute or two on a fresh machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """\
---
author: Ana Ruiz
last_reviewed: 2026-10-01
---
# Knee pain after running

Rest the knee for a day or two and take {drug} if your pharmacist agrees.

This article is for informational purposes only and is not a substitute for medical advice.
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def try_repo(repo: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "healthlint", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_hook_fails_on_a_defect_and_passes_once_fixed(tmp_path: Path) -> None:
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "user.name", "Editor")
    article = repo / "knee.md"
    article.write_text(ARTICLE.format(drug="ibuprofin"), encoding="utf-8")
    git(repo, "add", "knee.md")

    failed = try_repo(repo, tmp_path / "cache")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert (
        "knee.md:7:41: warning [HL004] medical-misspelling Misspelled medical term "
        '"ibuprofin": did you mean "ibuprofen"?'
    ) in failed.stdout

    article.write_text(ARTICLE.format(drug="ibuprofen"), encoding="utf-8")
    git(repo, "add", "knee.md")
    passed = try_repo(repo, tmp_path / "cache")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "healthlint" in passed.stdout and "Passed" in passed.stdout
