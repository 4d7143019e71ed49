"""The pre-commit hook as a new user meets it, with the real pre-commit and git: a Hugo-style
site (posts with YAML and TOML front matter, config.toml, a .gitignore with public/, a README, a
layout template and an archetype, a drafts folder), the hook installed, real commits.

The hook comes from this checkout released as the lead engineer will release it: its files as
they are on disk, committed and tagged v<version> in a repository of their own, which the site
names with `rev:` (so uncommitted work is tested, as `pre-commit try-repo` would). pre-commit
installs healthlint into a hook environment of its own (from the package registry), once for
this module: the first test takes a minute or two on a fresh machine.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint.version import __version__

ROOT = Path(__file__).resolve().parents[1]
TAG = f"v{__version__}"
DISCLAIMER = (
    "This article is for informational purposes only and is not a substitute for medical advice."
)
# Ten posts, so that pre-commit would split them into batches if the hook let it: it gives a
# process at least four files, and one batch per CPU.
TOPICS = [
    ("knee-pain", "Knee pain after running", "Rest the knee for a day or two. Ice helps."),
    ("hay-fever", "Hay fever", "Keep windows shut when pollen is high. Shower after a walk."),
    ("shin-splints", "Shin splints", "Run less for a while. Build up again slowly."),
    ("sunburn", "Sunburn", "Cool the skin with water. Drink plenty and stay in the shade."),
    ("blisters", "Blisters", "Leave a blister to heal. Cover it with a soft dressing."),
    (
        "back-pain",
        "Back pain at work",
        "Stand up and move each hour. Set your screen at eye level.",
    ),
    ("colds", "Colds", "Rest and drink warm drinks. Most colds pass in a week."),
    ("sleep", "Sleep", "Go to bed at the same time each night. Keep the room dark."),
    ("cramp", "Leg cramp", "Stretch the calf and hold it. Walk a little after."),
    ("headache", "Tension headache", "Take a break from the screen. Drink a glass of water."),
]
DRUG_LINE = "If you need it, take {drug} as the pack says."


def post(index: int, slug: str, title: str, body: str, drug: str = "ibuprofen") -> str:
    """A post with YAML front matter (even) or TOML front matter (odd), as Hugo sites mix."""
    date = (dt.date.today() - dt.timedelta(days=30 + index)).isoformat()
    if index % 2:
        front = f'+++\ntitle = "{title}"\ndate = {date}\nauthor = "Ana Ruiz"\n'
        front += f'tags = ["{slug}"]\n+++\n'
    else:
        front = f"---\ntitle: {title}\ndate: {date}\nauthor: Ana Ruiz\ntags: [{slug}]\n---\n"
    extra = f" {DRUG_LINE.format(drug=drug)}" if slug == "knee-pain" else ""
    return f"{front}\n{body}{extra}\n\n*{DISCLAIMER}*\n"


SITE = {
    "config.toml": (
        'baseURL = "https://clinic.example.org/"\nlanguageCode = "en-gb"\n'
        'title = "Riverside Clinic blog"\ntheme = "plain"\n\n[params]\n'
        'description = "Short, plain advice from our nurses"\n'
    ),
    ".gitignore": "public/\nresources/_gen/\n.hugo_build.lock\n",
    "README.md": (
        "# Riverside Clinic blog\n\nThe clinic's blog, built with Hugo. Run `hugo server` to "
        "see it, and `hugo new posts/name.md` to start a post.\n"
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}\n<article>\n  <h1>{{ .Title }}</h1>\n'
        '  <p class="meta">By {{ .Params.author }}, {{ .Date.Format "2 January 2006" }}</p>\n'
        "  {{ .Content }}\n</article>\n{{ end }}\n"
    ),
    "archetypes/default.md": (
        '+++\ntitle = \'{{ replace .File.ContentBaseName "-" " " | title }}\'\n'
        "date = {{ .Date }}\ndraft = true\n+++\n"
    ),
    # Unfinished: a placeholder and no disclaimer yet. Drafts are not checked.
    "content/drafts/ankle-sprain.md": "---\ntitle: Ankle sprain\n---\n\nTK: advice here.\n",
    # Hugo's build output: ignored by git, so never staged and never linted.
    "public/index.html": "<html><body><p>Built page, no disclaimer.</p></body></html>\n",
}


def make_site(folder: Path, env: dict[str, str]) -> Path:
    files = dict(SITE)
    for index, (slug, title, body) in enumerate(TOPICS):
        files[f"content/posts/{slug}.md"] = post(index, slug, title, body)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(folder, "init", "-q", env=env)
    return folder


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean git and one pre-commit home for the module (the hook installed once)."""
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Editor\n\temail = editor@example.org\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "HEALTHLINT", "FORCE_COLOR"))
    }
    return {
        **clean,
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "NO_COLOR": "1",
    }


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This checkout's files as they are on disk, committed and tagged in a repository of
    their own."""
    repo = tmp_path_factory.mktemp("healthlint-release")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    run(["git", "init", "-q"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "healthlint as released"], repo, env)
    run(["git", "tag", TAG], repo, env)
    return repo


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def pre_commit(site: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pre_commit", *args], site, env)


def hook_config(release: Path, rev: str = TAG, hook: str = "", top: str = "") -> str:
    return (
        f"{top}repos:\n  - repo: {release}\n    rev: {rev}\n    hooks:\n"
        f"      - id: healthlint\n{hook}"
    )


def commit(site: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    """The commit's exit code and what the editor sees (git shows the hook's output on
    stderr)."""
    run(["git", "add", "-A"], site, env)
    done = run(["git", "commit", "-m", message], site, env)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_a_new_sites_first_commit_passes_and_a_real_defect_fails_the_next(
    tmp_path: Path, env: dict[str, str], release: Path
) -> None:
    site = make_site(tmp_path / "site", env)
    # The README's setup; drafts left out with pre-commit's own top-level exclude.
    top = "# Unfinished drafts are not checked.\nexclude: ^content/drafts/\n"
    (site / ".pre-commit-config.yaml").write_text(hook_config(release, top=top), "utf-8")
    assert pre_commit(site, env, "install").returncode == 0

    code, seen = commit(site, env, "The blog's first posts")
    assert code == 0, seen
    assert "healthlint" in seen and "Passed" in seen

    # What the hook lints, as `pre-commit run --verbose` shows it: the ten posts, in one run
    # with one summary; not the README, config.toml, .gitignore, the hook configuration, the
    # layout, the archetype (its TOML is template code), the draft or public/.
    shown = pre_commit(site, env, "run", "healthlint", "--all-files", "--verbose")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    summaries = [line for line in shown.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 0 findings in 10 files."]

    # A real defect in a post fails the commit, even when other files change with it.
    (site / "content/posts/knee-pain.md").write_text(
        post(0, *TOPICS[0], drug="ibuprofin"), encoding="utf-8"
    )
    with (site / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\nPosts live in content/posts.\n")
    with (site / "config.toml").open("a", encoding="utf-8") as config:
        config.write('author = "Riverside Clinic"\n')
    code, seen = commit(site, env, "Knee pain: what to take")
    assert code == 1, seen
    assert "healthlint" in seen and "Failed" in seen and "- exit code: 1" in seen
    assert [line for line in seen.splitlines() if "[HL" in line] == [
        "content/posts/knee-pain.md:8:65: warning [HL004] medical-misspelling Misspelled medical "
        'term "ibuprofin": did you mean "ibuprofen"?'
    ]
    assert [line for line in seen.splitlines() if line.startswith("Found ")] == [
        "Found 1 finding in 1 file (1 warning)."
    ]
    assert git(site, "rev-list", "--count", "HEAD", env=env).strip() == "1"  # no commit made

    (site / "content/posts/knee-pain.md").write_text(post(0, *TOPICS[0]), encoding="utf-8")
    code, seen = commit(site, env, "Knee pain: what to take")
    assert code == 0, seen
    assert git(site, "rev-list", "--count", "HEAD", env=env).strip() == "2"


@pytest.mark.slow
def test_autoupdate_moves_rev_to_the_release_tag(
    tmp_path: Path, env: dict[str, str], release: Path
) -> None:
    site = make_site(tmp_path / "site", env)
    commit_hash = git(release, "rev-parse", "HEAD", env=env).strip()
    config = site / ".pre-commit-config.yaml"
    config.write_text(hook_config(release, rev=commit_hash), "utf-8")
    updated = pre_commit(site, env, "autoupdate")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert config.read_text("utf-8") == hook_config(release, rev=TAG)


# The hook's entry has --force-exclude, as ruff's does: the site's own .healthlint.toml leaves
# its drafts out of the hook too, though pre-commit names them.
@pytest.mark.slow
def test_the_sites_healthlint_exclude_applies_to_files_the_hook_names(
    tmp_path: Path, env: dict[str, str], release: Path
) -> None:
    site = make_site(tmp_path / "site", env)
    (site / ".healthlint.toml").write_text('exclude = ["content/drafts/**"]\n', "utf-8")
    (site / ".pre-commit-config.yaml").write_text(hook_config(release), "utf-8")
    run(["git", "add", "-A"], site, env)
    shown = pre_commit(site, env, "run", "healthlint", "--all-files", "--verbose")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    summaries = [line for line in shown.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 0 findings in 10 files."]
