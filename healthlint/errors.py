"""Errors that stop one file or one configuration from being used, with a one-line message; how
a pydantic validation error is put into that line; the exit codes."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


class Exit(IntEnum):
    OK = 0  # no finding at or above the failure level
    FINDINGS = 1  # findings at or above it (with --diff: fixes to make)
    ERROR = 2  # a usage, configuration or input error, or an error of healthlint's own
    INTERRUPTED = 130  # the user pressed Ctrl-C (128 + SIGINT, as shells report it)


class HealthlintError(Exception):
    """Base class: the message is shown to the user as is, after the file it concerns."""


class InputError(HealthlintError):
    """An article that cannot be read: binary, undecodable, too large, missing."""


class ConfigError(HealthlintError):
    """A configuration file or rule pack with a key or value at fault."""


def first_problem(error: ValidationError) -> tuple[list[Any], str]:
    """Where the first problem of a validation error lies (its location, as keys and indexes)
    and what it is. A discriminated union's missing or unknown tag is put at its ``kind``."""
    first = error.errors()[0]
    location = list(first["loc"])
    if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
        location.append("kind")
    # Our own validators' messages come prefixed "Value error, ": the field already says where.
    message = first["msg"].removeprefix("Value error, ")
    return location, message


def dotted(location: list[Any]) -> str:
    return ".".join(str(part) for part in location)
