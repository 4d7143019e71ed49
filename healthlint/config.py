"""Settings: ``.healthlint.toml`` or ``[tool.healthlint]`` in pyproject.toml, found upward from
the linted file's directory (the nearest wins, as with ruff); command-line flags override them."""

from __future__ import annotations

import tomllib
from datetime import date
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .errors import ConfigError
from .findings import Severity

CONFIG_FILES = (".healthlint.toml", "pyproject.toml")


class Settings(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=lambda name: name.replace("_", "-"),
        populate_by_name=True,
    )

    exclude: tuple[str, ...] = Field(
        default=(),
        description="Glob patterns of files not to lint when a folder is searched, relative to "
        "the configuration file's folder (e.g. examples/README.md, drafts/**). Files named on "
        "the command line are always linted.",
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
    disclaimer_phrases: tuple[str, ...] = Field(
        default=(), description="Extra wordings that count as a medical disclaimer."
    )
    accepted_terms: tuple[str, ...] = Field(
        default=(), description="Words medical-misspelling must never flag (house vocabulary)."
    )
    reading_level_target: float = Field(
        default=8, ge=1, le=20, description="reading-level: the highest acceptable grade."
    )
    sentence_word_limit: int = Field(
        default=35, ge=5, le=200, description="long-sentence: the most words in a sentence."
    )
    review_max_age_years: int = Field(
        default=3, ge=1, le=50, description="stale-review-date: the oldest acceptable review."
    )
    today: date | None = Field(
        default=None, description="The date stale-review-date compares with (default: today)."
    )

    # The folder of the configuration file, against which globs and pack paths are resolved.
    _root: Path | None = PrivateAttr(default=None)

    @property
    def root(self) -> Path | None:
        return self._root

    def merged(self, **overrides: object) -> Settings:
        values = {key: value for key, value in overrides.items() if value not in (None, ())}
        return self.model_copy(update=values) if values else self


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"key {key}: {first['msg']}"


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
        raise ConfigError(f"{path}: {prefix}{_first_error(error)}") from None
    root = path.resolve().parent
    for pack in settings.packs:
        if not (root / pack).is_file():
            raise ConfigError(f"{path}: key {prefix}packs: no rule pack at {pack}")
    packs = tuple(str((root / pack).resolve()) for pack in settings.packs)
    settings = settings.model_copy(update={"packs": packs})
    settings._root = root
    return settings


@cache
def find_config(directory: Path) -> tuple[Path | None, Settings]:
    """The nearest configuration at or above ``directory`` and its settings."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                settings = _read(candidate)
                if settings is not None:
                    return candidate, settings
    return None, Settings()


def load_config_file(path: Path) -> Settings:
    settings = _read(path)
    if settings is None:
        raise ConfigError(f"{path}: no [tool.healthlint] section")
    return settings


def is_excluded(path: Path) -> bool:
    """Whether the configuration governing ``path`` excludes it from folder searches."""
    try:
        config, settings = find_config(path.resolve().parent)
    except ConfigError:
        return False  # the broken configuration is reported when the file is linted
    if config is None or not settings.exclude:
        return False
    relative = _relative(path, config.parent)
    return any(fnmatch(relative, pattern) for pattern in settings.exclude)


def _relative(path: Path, root: Path | None, resolved: Path | None = None) -> str:
    resolved = resolved or path.resolve()
    try:
        return resolved.relative_to(root).as_posix() if root else path.as_posix()
    except ValueError:
        return resolved.as_posix()


def effective_settings(path: Path, fixed: Settings | None = None, **overrides: object) -> Settings:
    """The settings for one file: its configuration, command-line overrides, per-file ignores."""
    resolved = path.resolve()
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
    result._root = root
    return result
