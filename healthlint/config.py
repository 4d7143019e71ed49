"""Settings: ``.healthlint.toml`` or ``[tool.healthlint]`` in pyproject.toml, found upward from
the linted file's directory (the nearest wins, as with ruff); command-line flags override them."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from difflib import get_close_matches
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .errors import ConfigError, dotted, first_problem
from .findings import Severity

CONFIG_FILES = (".healthlint.toml", "pyproject.toml")
# Where results are cached, unless --cache-dir says otherwise.
CACHE_DIR_NAME = ".healthlint_cache"


class Settings(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=lambda name: name.replace("_", "-"),
        populate_by_name=True,
    )

    exclude: tuple[str, ...] = Field(
        default=(),
        description="Files and folders not to lint when a folder is searched, as .gitignore "
        "patterns relative to the configuration file's folder (e.g. drafts/, "
        "examples/README.md, **/old-*.md, !drafts/keep.md). Files named on the command line "
        "are linted all the same unless force-exclude is on.",
    )
    force_exclude: bool = Field(
        default=False,
        description="Apply exclude to files and folders named on the command line too, as "
        "pre-commit names every staged file (also --force-exclude).",
    )
    respect_gitignore: bool = Field(
        default=True,
        description="Leave out what .gitignore files and .git/info/exclude ignore when a "
        "folder is searched.",
    )
    per_file_ignores: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Glob (relative to the configuration file's folder) -> rules to ignore there.",
    )
    packs: tuple[str, ...] = Field(
        default=(), description="Extra rule packs (YAML), relative to the configuration file."
    )
    select: tuple[str, ...] = Field(
        default=(), description="Rules to run (names, codes or code prefixes); empty: all."
    )
    ignore: tuple[str, ...] = Field(default=(), description="Rules not to run.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity per rule name or code."
    )
    fail_on: Severity | None = Field(
        default=None, description="Lowest severity that makes the run fail (default: warning)."
    )
    file_time_limit: float = Field(
        default=120,
        gt=0,
        le=86_400,
        description="Seconds one file may take; a file that takes longer is reported as an "
        "error and the run goes on.",
    )
    file_memory_limit: float | None = Field(
        default=None,
        gt=0,
        le=1_048_576,
        description="Megabytes of memory one file may add while it is linted; a file that "
        "needs more is reported as an error and the run goes on. Default: 40 times the file's "
        "size, and at least 256 MB. Enforced where /proc reports memory (Linux).",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Options per rule, by rule name ([tool.healthlint.rules.NAME]); each rule's "
        "kind says which it takes (`healthlint explain NAME` lists them).",
    )

    # The configuration file, and its folder, against which globs and pack paths are resolved.
    _path: Path | None = PrivateAttr(default=None)
    _root: Path | None = PrivateAttr(default=None)

    @property
    def root(self) -> Path | None:
        return self._root

    @property
    def source(self) -> str:
        """The configuration file, for messages about its keys."""
        return str(self._path) if self._path else "configuration"

    def merged(self, **overrides: object) -> Settings:
        values = {key: value for key, value in overrides.items() if value not in (None, ())}
        return self.model_copy(update=values) if values else self


# Keys of earlier versions that are now options of one rule: [tool.healthlint.rules.NAME].
MOVED = {
    "disclaimer-phrases": ("missing-disclaimer", "phrases"),
    "accepted-terms": ("medical-misspelling", "accepted"),
    "reading-level-target": ("reading-level", "threshold"),
    "sentence-word-limit": ("long-sentence", "threshold"),
    "review-max-age-years": ("stale-review-date", "max-age-years"),
}
KEYS = tuple(field.alias or name for name, field in Settings.model_fields.items())


def _first_error(error: ValidationError, data: Any) -> str:
    location, message = first_problem(error)
    key = dotted(location) or "(top level)"
    if len(location) == 1 and isinstance(data, dict) and location[0] in data:
        name = str(location[0]).replace("_", "-")
        if name in MOVED:
            rule, option = MOVED[name]
            return f"key {key}: now an option of its rule: [rules.{rule}] {option} = ..."
        close = get_close_matches(name, KEYS, n=1)
        if close and name not in KEYS:
            message += f" (did you mean {close[0]!r}?)"
    return f"key {key}: {message}"


def _read(path: Path) -> Settings | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("healthlint")
        if section is None:
            return None
        data, prefix = section, "tool.healthlint."
    else:
        prefix = ""
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{path}: {prefix}{_first_error(error, data)}") from None
    root = path.resolve().parent
    for pack in settings.packs:
        if not (root / pack).is_file():
            raise ConfigError(f"{path}: key {prefix}packs: no rule pack at {pack}")
    packs = tuple(str((root / pack).resolve()) for pack in settings.packs)
    settings = settings.model_copy(update={"packs": packs})
    settings._path, settings._root = path, root
    return settings


@cache
def find_config(directory: Path) -> tuple[Path | None, Settings]:
    """The nearest configuration at or above ``directory`` and its settings."""
    for candidate in _candidates(directory):
        settings = _read(candidate)
        if settings is not None:
            return candidate, settings
    return None, Settings()


def _candidates(directory: Path) -> Iterator[Path]:
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                yield candidate


def project_root(config: Path | None = None) -> Path:
    """Where a run keeps its cache, as ruff does: the folder of ``--config``'s file, else of the
    configuration nearest the working directory, else the working directory. A configuration
    that cannot be read still marks its project (its error is reported with the files)."""
    if config is not None:
        return config.resolve().parent
    try:
        here = Path.cwd()
    except OSError:  # the working directory was removed: nothing to find, and nowhere to cache
        return Path()
    for candidate in _candidates(here):
        try:
            if _read(candidate) is None:
                continue  # a pyproject.toml without [tool.healthlint]
        except ConfigError:
            pass
        return candidate.parent
    return here


def load_config_file(path: Path) -> Settings:
    settings = _read(path)
    if settings is None:
        raise ConfigError(f"{path}: no [tool.healthlint] section")
    return settings


def _relative(path: Path, root: Path | None, resolved: Path | None = None) -> str:
    resolved = resolved or path.resolve()
    try:
        return resolved.relative_to(root).as_posix() if root else path.as_posix()
    except ValueError:
        return resolved.as_posix()


def effective_settings(path: Path, fixed: Settings | None = None, **overrides: object) -> Settings:
    """The settings for one file: its configuration, command-line overrides, per-file ignores."""
    resolved = Path(os.path.realpath(path))  # never raises, even for a symlink loop
    settings = fixed if fixed is not None else find_config(resolved.parent)[1]
    root = settings.root
    result = settings.merged(**overrides)
    relative = _relative(path, root, resolved)
    extra = [
        rule
        for pattern, rules in settings.per_file_ignores.items()
        if fnmatch(relative, pattern)
        for rule in rules
    ]
    if extra:
        result = result.model_copy(update={"ignore": (*result.ignore, *extra)})
    result._path, result._root = settings._path, root
    return result
