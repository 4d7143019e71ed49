"""Which files a folder search finds: .gitignore files with git's semantics, `exclude` with the
same, virtual environments by their pyvenv.cfg, and force-exclude for files named on the
command line (as pre-commit names them)."""

from __future__ import annotations

import inspect
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from healthlint import discover as discovery
from healthlint.cli import main
from healthlint.config import load_config_file
from healthlint.errors import ConfigError

ARTICLE = "# Knees\n\nRest, ice and gentle movement help most sore knees.\n"


def make(root: Path, *files: str, content: str = ARTICLE) -> None:
    """Files under ``root``; a name ending in / is an empty folder."""
    for name in files:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def found(root: Path, *named: str, **options: object) -> list[str]:
    """What discovery yields for ``named`` (default: ``root``), relative to ``root``."""
    paths = [root / name for name in named] if named else [root]
    return [p.relative_to(root).as_posix() for p in discovery.discover(paths, **options)]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Hugo-style site in a git repository (a .git folder is all git discovery reads)."""
    root = tmp_path / "site"
    make(
        root,
        ".git/info/",
        "README.md",
        "content/posts/knees.md",
        "content/posts/hips.md",
        "content/posts/scratch.md",
        "content/drafts/wip.md",
        "content/about.html",
        "content/notes.txt",
        "public/posts/knees/index.html",
        "_site/index.html",
        "resources/_gen/summary.md",
        "layouts/partials/footer.html",
        "env/lib/python3.12/site-packages/pkg/README.md",
        "tools/venv/README.md",
        "node_modules/pkg/README.md",
        "config.toml",
    )
    write(root / "env" / "pyvenv.cfg", "home = /usr/bin\n")
    write(root / ".gitignore", "# build output\npublic/\n_site/\n/resources/\n*.txt\n")
    write(root / "content" / ".gitignore", "/posts/scratch.md\n")
    write(root / ".git" / "info" / "exclude", "layouts/\n")
    return root


def content_less(*names: str) -> list[str]:
    """The site's content/ files in path order, less ``names`` (relative to content/)."""
    every = ["about.html", "drafts/wip.md", "notes.txt", "posts/hips.md", "posts/knees.md"]
    return [f"content/{name}" for name in [*every, "posts/scratch.md"] if name not in names]


def test_a_site_search_leaves_out_what_git_ignores_and_environments(site: Path) -> None:
    assert found(site) == [
        "README.md",
        "content/about.html",
        "content/drafts/wip.md",
        "content/posts/hips.md",
        "content/posts/knees.md",
        "tools/venv/README.md",  # a folder named venv without pyvenv.cfg is not an environment
    ]


def test_gitignore_files_above_the_searched_folder_apply_up_to_the_repository(
    site: Path,
) -> None:
    write(site / ".gitignore", "content/drafts/\n")
    assert found(site, "content") == content_less("drafts/wip.md", "posts/scratch.md")
    # Outside a repository, a .gitignore above the searched folder is no project's rules.
    (site / ".git" / "info" / "exclude").unlink()
    (site / ".git" / "info").rmdir()
    (site / ".git").rmdir()
    assert found(site, "content") == content_less("posts/scratch.md")


def test_negation_and_the_deepest_gitignore_win(tmp_path: Path) -> None:
    make(tmp_path, ".git/", "a.txt", "b.txt", "keep/c.txt", "keep/d.txt", "gone/e.md", "f.md")
    write(tmp_path / ".gitignore", "*.txt\n!b.txt\ngone/\n!gone/e.md\n")
    write(tmp_path / "keep" / ".gitignore", "!c.txt\n")
    # A file in an ignored folder cannot be taken back, as in git.
    assert found(tmp_path) == ["b.txt", "f.md", "keep/c.txt"]


def test_a_nested_repository_starts_its_own_rules(tmp_path: Path) -> None:
    make(tmp_path, ".git/", "theme/.git/", "theme/notes.md", "notes.md")
    write(tmp_path / ".gitignore", "notes.md\n")
    assert found(tmp_path) == ["theme/notes.md"]


def test_a_folder_named_on_the_command_line_is_searched_even_if_ignored(site: Path) -> None:
    assert found(site, "public") == ["public/posts/knees/index.html"]
    assert found(site, "public/posts") == ["public/posts/knees/index.html"]


def test_respect_gitignore_false_searches_ignored_folders(site: Path) -> None:
    write(site / ".healthlint.toml", "respect-gitignore = false\n")
    assert found(site, "content") == content_less()


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        # fnmatch missed a top-level folder with **/drafts/**; in gitignore, **/ matches none.
        (
            ["**/drafts/**"],
            ["README.md", "a/b.md", "index.md", "notes/README.md", "notes/old-1.md"],
        ),
        (["drafts/"], ["README.md", "a/b.md", "index.md", "notes/README.md", "notes/old-1.md"]),
        # Without a slash a pattern matches at any depth; with one it is anchored.
        (["README.md"], ["a/b.md", "drafts/x.md", "index.md", "notes/old-1.md"]),
        (
            ["/index.md", "a/*.md"],
            ["README.md", "drafts/x.md", "notes/README.md", "notes/old-1.md"],
        ),
        (["**/old-*.md", "*.md", "!README.md"], ["README.md", "notes/README.md"]),
    ],
)
def test_exclude_has_gitignore_semantics(
    tmp_path: Path, patterns: list[str], expected: list[str]
) -> None:
    make(tmp_path, "README.md", "index.md", "a/b.md", "drafts/x.md", "notes/README.md")
    make(tmp_path, "notes/old-1.md")
    listed = ", ".join(f'"{p}"' for p in patterns)
    write(tmp_path / ".healthlint.toml", f"exclude = [{listed}]\n")
    assert found(tmp_path) == expected


def test_a_nested_configuration_governs_its_folder(tmp_path: Path) -> None:
    make(tmp_path, "a.md", "b.md", "blog/a.md", "blog/b.md")
    write(tmp_path / ".healthlint.toml", 'exclude = ["a.md"]\n')
    write(tmp_path / "blog" / ".healthlint.toml", 'exclude = ["b.md"]\n')
    assert found(tmp_path) == ["b.md", "blog/a.md"]


def test_config_excludes_every_folder_relative_to_its_file(tmp_path: Path) -> None:
    make(tmp_path, "a.md", "blog/a.md", "blog/b.md")
    write(tmp_path / "blog" / ".healthlint.toml", 'exclude = ["b.md"]\n')
    write(tmp_path / "house.toml", 'exclude = ["/a.md"]\n')
    fixed = load_config_file(tmp_path / "house.toml")
    assert found(tmp_path, config=fixed) == ["blog/a.md", "blog/b.md"]


NAMED = ("posts/a.md", "drafts/2024/b.md", "drafts/c.md", "old.md")


def test_named_files_obey_exclude_only_with_force_exclude(tmp_path: Path) -> None:
    make(tmp_path, *NAMED)
    write(tmp_path / ".healthlint.toml", 'exclude = ["drafts/", "old.md"]\n')
    assert found(tmp_path, *NAMED) == list(NAMED)
    assert found(tmp_path, *NAMED, force_exclude=True) == ["posts/a.md"]
    # A named folder too: searched when named, left out under force-exclude.
    assert found(tmp_path, "drafts") == ["drafts/2024/b.md", "drafts/c.md"]
    assert found(tmp_path, "drafts", force_exclude=True) == []


def test_force_exclude_in_the_configuration(tmp_path: Path) -> None:
    make(tmp_path, *NAMED)
    write(tmp_path / ".healthlint.toml", 'exclude = ["drafts/", "old.md"]\nforce-exclude = true\n')
    assert found(tmp_path, *NAMED) == ["posts/a.md"]
    assert found(tmp_path, *NAMED, force_exclude=False) == list(NAMED)  # --no-force-exclude


def test_force_exclude_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "posts/a.md", "drafts/b.md")
    write(tmp_path / ".healthlint.toml", 'exclude = ["drafts/"]\n')
    monkeypatch.chdir(tmp_path)

    def linted(*argv: str) -> list[str]:
        out = io.StringIO()
        main(["check", "--no-cache", "--format", "json", *argv], out=out, err=io.StringIO())
        return sorted({finding["path"] for finding in json.loads(out.getvalue())["findings"]})

    assert linted("posts/a.md", "drafts/b.md") == ["drafts/b.md", "posts/a.md"]
    assert linted("--force-exclude", "posts/a.md", "drafts/b.md") == ["posts/a.md"]


def test_a_bad_exclude_pattern_is_a_configuration_error(tmp_path: Path) -> None:
    make(tmp_path, "a.md")
    write(tmp_path / ".healthlint.toml", 'exclude = ["drafts\\\\"]\n')
    with pytest.raises(ConfigError) as error:
        found(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / '.healthlint.toml'}: key exclude: 'drafts\\\\' is not a valid gitignore "
        "pattern"
    )
    err = io.StringIO()
    assert main(["check", "--no-cache", str(tmp_path)], out=io.StringIO(), err=err) == 2
    assert err.getvalue() == f"healthlint: {error.value}\n"


def test_a_bad_gitignore_line_is_skipped_as_git_skips_it(tmp_path: Path) -> None:
    make(tmp_path, ".git/", "a.md", "b.md", "c.md")
    write(tmp_path / ".gitignore", "a.md\n!\nb\\\n[z-a].md\nc.md\n")
    assert found(tmp_path) == ["b.md"]


def test_caches_and_conda_environments_are_not_searched(tmp_path: Path) -> None:
    make(tmp_path, "a.md", "cache/CACHEDIR.TAG", "cache/b.md", "conda/conda-meta/", "conda/c.md")
    make(tmp_path, ".healthlint_cache/0.1.0/d.md", "node_modules/e.md")
    assert found(tmp_path) == ["a.md"]
    assert found(tmp_path, "cache") == ["cache/b.md"]  # named: searched all the same


def test_the_search_lists_each_folder_once_and_never_an_ignored_one(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[str] = []
    scandir = os.scandir

    def counting(path: str) -> object:
        listed.append(Path(path).relative_to(site.resolve()).as_posix())
        return scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", counting)
    found(site)
    assert sorted(listed) == [
        ".",
        "content",
        "content/drafts",
        "content/posts",
        "env",  # listed once to see its pyvenv.cfg, never entered
        "tools",
        "tools/venv",
    ]


def test_a_tree_deeper_than_pythons_stack_is_searched(tmp_path: Path) -> None:
    depth = 300
    folder = tmp_path.joinpath(*["d"] * depth)
    make(folder, "bottom.md")
    make(tmp_path, "top.md")
    limit = sys.getrecursionlimit()
    # Less room than the tree is deep: a search that recursed per folder would fail.
    sys.setrecursionlimit(len(inspect.stack()) + depth // 2)
    try:
        files = found(tmp_path)
    finally:
        sys.setrecursionlimit(limit)
    assert files == ["/".join(["d"] * depth + ["bottom.md"]), "top.md"]


def test_files_come_in_path_order(tmp_path: Path) -> None:
    make(tmp_path, "a.md", "a/z.md", "a-b.md", "B.md", "a/b/c.md", "ab.md")
    names = found(tmp_path)
    assert names == ["B.md", "a/b/c.md", "a/z.md", "a-b.md", "a.md", "ab.md"]
    assert [tmp_path / n for n in names] == sorted(tmp_path / n for n in names)


def test_the_pre_commit_hook_forces_exclude() -> None:
    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert [hook["entry"] for hook in hooks] == ["healthlint check --force-exclude"]


def test_pathspec_is_imported_only_when_a_folder_is_searched(tmp_path: Path) -> None:
    make(tmp_path, ".git/", "posts/a.md")
    write(tmp_path / ".gitignore", "public/\n")
    write(tmp_path / ".healthlint.toml", 'exclude = ["drafts/"]\n')

    def imports_pathspec(*argv: str) -> bool:
        command = [sys.executable, "-X", "importtime", "-m", "healthlint", "check", "--no-cache"]
        done = subprocess.run([*command, *argv], capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 1  # the article's findings: it was linted
        imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
        return "pathspec" in imported

    assert not imports_pathspec("posts/a.md")
    assert imports_pathspec("posts")
