"""Output formats, by name: each a Writer streamed one file at a time, and a function that
writes a whole Report."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..findings import Report
from .base import OutputOptions, Writer, write_report
from .github import GithubWriter, format_github
from .json import JsonWriter, format_json
from .sarif import SarifWriter, format_sarif
from .text import TextWriter, format_text

Formatter = Callable[[Report, TextIO, OutputOptions], None]

WRITERS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "sarif": SarifWriter,
    "github": GithubWriter,
}

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}

__all__ = ["FORMATTERS", "WRITERS", "OutputOptions", "Writer", "write_report"]
