"""Settings: ``.healthlint.toml`` or ``[tool.healthlint]`` in pyproject.toml, found upward from
the linted file's directory (the nearest wins, as with ruff); command-line flags override them."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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
        return Settings.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{path}: {prefix}{_first_error(error)}") from None


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
