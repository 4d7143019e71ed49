"""Output formats, by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..findings import Report
from .json import format_json
from .text import format_text

FORMATTERS: dict[str, Callable[[Report, TextIO, bool], None]] = {
    "text": format_text,
    "json": format_json,
}
