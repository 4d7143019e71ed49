"""Hostile and unlucky inputs beside a good article, in one run: each bad one is named with its
reason, the good one and the merely odd ones are linted, the JSON stays valid, the exit is 2."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from healthlint.cli import main

GOOD = "# Knee pain\n\nTake ibuprofin with food.\n"


def test_hostile_inputs_beside_a_good_article(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    files = {
        "good.md": GOOD,
        "date.md": "---\ndate: 2023-02-30\n---\n" + GOOD,
        "digits.md": "---\nviews: " + "9" * 100_000 + "\n---\n" + GOOD,
        "brackets.md": "---\ntags: " + "[" * 5_000 + "]" * 5_000 + "\n---\n" + GOOD,
        "bomb.md": "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "---\n"
        + GOOD,
        "ampersands.md": "&" * 20_000 + "\n\n" + GOOD,
        "deep.html": "<div>" * 2_000 + "<p>Take ibuprofin with food.</p>" + "</div>" * 2_000,
        "nested.md": "".join("  " * depth + "- step\n" for depth in range(12)) + "\n" + GOOD,
        "cr-only.txt": GOOD.replace("\n", "\r"),
        "empty.md": "",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    (folder / "latin1.txt").write_bytes("Take ibuprof\xe9n.".encode("latin-1"))
    os.mkfifo(folder / "pipe.md")
    (folder / "loop.md").symlink_to(folder / "loop.md")
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.md")
    with open(odd, "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    missing = str(tmp_path / "missing.md")

    out = io.StringIO()
    code = main(
        [
            "check",
            "--no-cache",
            "--select",
            "HL004",
            "--format",
            "json",
            missing,
            "/dev/zero",
            str(folder),
            *(str(folder / name) for name in ("pipe.md", "loop.md")),
        ],
        out=out,
        err=io.StringIO(),
    )
    report = json.loads(out.getvalue())
    errors = {Path(e["path"]).name: e["message"] for e in report["errors"]}
    assert code == 2
    assert errors == {
        "missing.md": "no such file or directory",
        "zero": "not a regular file",
        "pipe.md": "not a regular file",
        "loop.md": "Too many levels of symbolic links",
        "date.md": "front matter: key date: day is out of range for month",
        "digits.md": "front matter: key views: a number too long to read",
        "brackets.md": "front matter: nested too deeply to read",
        "bomb.md": "front matter: YAML aliases (*name) are not allowed",
        "binary.md": "binary file (contains NUL bytes), not an article",
        "latin1.txt": "not valid UTF-8 (byte 0xe9 at offset 12)",
    }
    linted = sorted({Path(f["path"]).name for f in report["findings"]})
    assert linted == sorted(
        ["good.md", "ampersands.md", "deep.html", "nested.md", "cr-only.txt", "caf\ufffd.md"]
    )
    assert report["summary"]["files"] == 7  # the six with a finding, and the empty one
