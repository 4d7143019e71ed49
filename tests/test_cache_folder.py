"""The cache folder as ruff keeps its own: marked so that git and backup tools leave it alone,
at the project's root, and pruned of entries no run will find again."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from healthlint.cache import CACHEDIR_TAG, GITIGNORE, PRUNE_EVERY, STAMP, ResultCache
from healthlint.cli import main
from healthlint.prune import UNUSED_FOR
from healthlint.version import __version__

ARTICLE = "# Sore knees\n\nRest them, and take ibuprofin with food.\n"
DAY = dt.date(2026, 3, 2)
DIGEST = "ab" + "0" * 62


def check(*argv: str) -> int:
    return main(["check", "--today", DAY.isoformat(), *argv], out=io.StringIO(), err=io.StringIO())


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_cache_folder_holds_a_gitignore_and_a_cachedir_tag(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / ".healthlint_cache"
    check("--cache-dir", str(cache), str(tmp_path / "post.md"))
    assert (cache / ".gitignore").read_bytes() == GITIGNORE
    assert GITIGNORE.splitlines()[-1] == b"*"
    assert (cache / "CACHEDIR.TAG").read_bytes() == CACHEDIR_TAG
    assert CACHEDIR_TAG.startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    files = files_under(cache)
    assert [f for f in files if "/" not in f] == [".gitignore", "CACHEDIR.TAG", STAMP]
    (stored,) = (f for f in files if "/" in f)
    shape = rf"{re.escape(__version__)}/2026-03-02/([0-9a-f]{{2}})/\1[0-9a-f]{{62}}\.json"
    assert re.fullmatch(shape, stored)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_add_all_leaves_the_cache_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".healthlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    check("post.md")
    assert (tmp_path / ".healthlint_cache" / "CACHEDIR.TAG").is_file()
    subprocess.run(["git", "add", "-A"], check=True)
    staged = subprocess.run(
        ["git", "diff", "--cached", "--name-only"], capture_output=True, text=True, check=True
    )
    assert staged.stdout.split() == [".healthlint.toml", "post.md"]


def test_the_cache_lives_at_the_root_of_the_nearest_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / ".healthlint.toml").write_text("", encoding="utf-8")
    # A pyproject.toml without [tool.healthlint] is not healthlint's project root.
    (site / "content" / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    (posts / "post.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(posts)
    check("post.md")
    assert [p.name for p in tmp_path.rglob(".healthlint_cache")] == [".healthlint_cache"]
    assert (site / ".healthlint_cache" / "CACHEDIR.TAG").is_file()


def test_without_a_configuration_the_cache_is_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check("post.md")
    assert (tmp_path / ".healthlint_cache" / "CACHEDIR.TAG").is_file()


def test_config_and_cache_dir_place_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "house.toml").write_text("", encoding="utf-8")
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check("--config", str(shared / "house.toml"), "post.md")
    assert (shared / ".healthlint_cache" / "CACHEDIR.TAG").is_file()
    check("--config", str(shared / "house.toml"), "--cache-dir", "elsewhere", "post.md")
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").is_file()
    assert not (tmp_path / ".healthlint_cache").exists()


def test_a_folder_of_the_users_own_is_not_marked(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine\n", encoding="utf-8")
    check("--cache-dir", str(mine), str(tmp_path / "post.md"))
    assert not (mine / ".gitignore").exists() and not (mine / "CACHEDIR.TAG").exists()
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def entry(root: Path, *parts: str, age: float, now: float) -> Path:
    """A file under ``root``, it and its folders last modified ``age`` seconds before ``now``."""
    path = root.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", encoding="utf-8")
    for depth in range(len(parts), 0, -1):
        os.utime(root.joinpath(*parts[:depth]), (now - age, now - age))
    return path


def test_pruning_removes_other_versions_and_unused_days_and_nothing_else(tmp_path: Path) -> None:
    now = 1_900_000_000.0
    root = tmp_path / "cache"
    old = UNUSED_FOR + 60
    entry(root, __version__, "2026-03-02", "ab", f"{DIGEST}.json", age=60, now=now)
    entry(root, __version__, "2026-02-20", "ab", f"{DIGEST}.json", age=old, now=now)
    entry(root, __version__, "2026-02-20", "ab", f".{DIGEST}.json.x1y2.tmp", age=old, now=now)
    entry(root, __version__, "2026-02-27", "ab", f"{DIGEST}.json", age=UNUSED_FOR - 60, now=now)
    entry(root, "0.0.9", "2026-03-02", "ab", f"{DIGEST}.json", age=60, now=now)
    entry(root, "0.0.8", "ab", f"{DIGEST}.json", age=60, now=now)  # the layout before day folders
    entry(root, "0.0.8", "ab", "notes.txt", age=old, now=now)  # not healthlint's: kept
    entry(root, "photos", "ab", "cat.json", age=old, now=now)
    ResultCache(root).tidy(DAY, now=now)
    assert files_under(root) == [
        "0.0.8/ab/notes.txt",
        f"{__version__}/2026-02-27/ab/{DIGEST}.json",
        f"{__version__}/2026-03-02/ab/{DIGEST}.json",
        STAMP,
        "photos/ab/cat.json",
    ]
    assert sorted(p.name for p in root.iterdir()) == ["0.0.8", __version__, STAMP, "photos"]


def test_pruning_runs_at_most_once_a_day_and_keeps_the_days_runs_use(tmp_path: Path) -> None:
    now = 1_900_000_000.0
    root = tmp_path / "cache"
    cache = ResultCache(root)
    root.mkdir()
    cache.tidy(DAY, now=now)  # the first prune
    stale = entry(root, "0.0.9", "2026-03-02", "ab", f"{DIGEST}.json", age=60, now=now)
    used = entry(root, __version__, "2026-01-05", "ab", f"{DIGEST}.json", age=0, now=now)
    cache.tidy(DAY, now=now + PRUNE_EVERY - 60)
    assert stale.exists()
    # A run with --today 2026-01-05 uses that day's entries two days later: they stay.
    cache.tidy(dt.date(2026, 1, 5), now=now + UNUSED_FOR + 60)
    assert not stale.exists() and used.exists()
    cache.tidy(DAY, now=now + 2 * UNUSED_FOR + 120)
    assert not used.exists()


def test_a_run_prunes_the_cache_it_uses(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "cache"
    stale = entry(cache, "0.0.1", "2026-03-01", "ab", f"{DIGEST}.json", age=0, now=0)
    check("--cache-dir", str(cache), str(tmp_path / "post.md"))
    assert not stale.exists() and not (cache / "0.0.1").exists()
