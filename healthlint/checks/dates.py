"""Reading the dates that articles give: front matter values, and prose like "Updated May 2024"."""

from __future__ import annotations

import datetime as dt
import re

# Day-month-year, month-day-year, ISO, and month-year forms; the first that parses wins.
_FORMATS = (
    ("%Y-%m-%d", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("%d %B %Y", re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b")),
    ("%d %b %Y", re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b")),
    ("%B %d, %Y", re.compile(r"\b[A-Z][a-z]+ \d{1,2}, \d{4}\b")),
    ("%b %d, %Y", re.compile(r"\b[A-Z][a-z]{2}\.? \d{1,2}, \d{4}\b")),
    ("%m/%d/%Y", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")),
    ("%B %Y", re.compile(r"\b[A-Z][a-z]+ \d{4}\b")),
    ("%b %Y", re.compile(r"\b[A-Z][a-z]{2} \d{4}\b")),
)


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in ``text`` with its character range."""
    best: tuple[dt.date, int, int] | None = None
    for fmt, pattern in _FORMATS:
        for found in pattern.finditer(text):
            try:
                value = dt.datetime.strptime(found.group().replace(".", ""), fmt).date()
            except ValueError:
                continue
            if best is None or found.start() < best[1]:
                best = (value, found.start(), found.end())
            break
    return best


def as_date(value: object) -> dt.date | None:
    """A front matter or meta value as a date (YAML gives dates; HTML meta gives strings)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            found = find_date(value)
            return found[0] if found else None
    return None
