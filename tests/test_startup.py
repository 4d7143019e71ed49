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


def _imported_by_a_lint(tmp_path) -> list[str]:
    article = tmp_path / "a.md"
    article.write_text("# Knee\n\nAbout 40% of runners have knee pain.\n", encoding="utf-8")
    command = [sys.executable, "-X", "importtime", "-m", "healthlint", "check", "--no-cache"]
    done = subprocess.run([*command, str(article)], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the statistic and the missing disclaimer
    return [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]


def test_linting_leaves_spacys_command_line_out(tmp_path) -> None:
    imported = _imported_by_a_lint(tmp_path)
    assert "spacy.tokenizer" in imported  # the import log is there, and spaCy was used
    command_line = [name for name in imported if name.startswith("spacy.cli")]
    assert command_line == []
    assert not {"typer", "weasel", "requests", "jinja2"} & set(imported)


def test_spacy_stays_whole_after_its_command_line_was_left_out() -> None:
    script = (
        "import sys\n"
        "from healthlint.nlp import get_nlp, import_spacy\n"
        "import_spacy()\n"
        "import spacy\n"
        "assert 'spacy.cli' not in sys.modules and not hasattr(spacy, 'cli')\n"
        "words = [t.text for t in get_nlp()('About 40% of U.S. adults.')]\n"
        "assert words == ['About', '40', '%', 'of', 'U.S.', 'adults', '.'], words\n"
        "import spacy.cli\n"
        "assert spacy.cli.info.__module__ == 'spacy.cli.info'\n"
        "assert callable(spacy.info)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_left_as_it_was(tmp_path, collecting: bool) -> None:
    import gc
    import io

    from healthlint.cli import main

    article = tmp_path / "a.md"
    article.write_text("# Knee\n\nKnee pain eases with rest.\n", encoding="utf-8")
    gc.enable() if collecting else gc.disable()
    try:
        main(["check", "--no-cache", str(article)], out=io.StringIO(), err=io.StringIO())
        assert gc.isenabled() is collecting
    finally:
        gc.enable()
