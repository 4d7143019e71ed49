"""Output formats, by name. Each formatter writes a Report to a stream."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from ..findings import Report
from .github import format_github
from .json import format_json
from .sarif import format_sarif
from .text import format_text


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    rules: tuple = field(default=())  # the rules that ran, for formats that describe them


Formatter = Callable[[Report, TextIO, OutputOptions], None]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}
