"""Commands that lint nothing never load spaCy (its import is most of a run's start-up)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "args", [["--version"], ["rules"], ["explain", "HL002"], ["schema"], ["schema", "--config"]]
)
def test_command_does_not_import_spacy(args: list[str]) -> None:
    command = [sys.executable, "-X", "importtime", "-m", "healthlint", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "healthlint" in imported  # the import log is there
    assert not [name for name in imported if name.split(".")[0] == "spacy"]
