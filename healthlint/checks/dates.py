"""Reading the dates people write: front matter values, and prose like "Updated 3rd March 2019".

dateutil reads a date; this module only finds where one may stand, so that no number of the
running text is taken for a date ("Updated by 3 nurses"). A candidate is either one numeric token
whose parts share a separator (03.03.2019, 2019/03/01, 3-3-19, 03/2019), or a run of date words:
month and weekday names as dateutil knows them (with or without a dot), day numbers with or
without an ordinal suffix, "of", and a year written in full (3rd of March 2019, Mar. 3 2019). A
date counts only with its month and its year: a bare day or "March 3" cannot say how old a page is.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

# How far past a label a date may stand ("Reviewed by Dr. Ana Ruiz, MD, on 3 March 2019").
WINDOW = 80
_YEAR = re.compile(r"\b\d{4}\b")
_WORD = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
_FIELD = re.compile(r"[|•·\n]")  # what divides the fields of a post-meta line
_MONTH_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))  # to see what was written


@functools.cache
def _candidates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from dateutil.parser import parserinfo

    def names(groups: list[tuple[str, ...]]) -> str:
        words = sorted({word for group in groups for word in group}, key=len, reverse=True)
        return "|".join(words)

    names_ = f"{names(parserinfo.MONTHS)}|{names(parserinfo.WEEKDAYS)}"
    word = rf"(?:(?:{names_})\b\.?|\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{4}}\b|of\b)"
    # Numeric parts joined by one separator, with a year of four digits or a last part of two;
    # an ISO time may follow (2019-03-01T10:00), a version number may not (3.0.1.2).
    numeric = (
        r"(?:\d{4}(?P<y>[./-])\d{1,2}(?:(?P=y)\d{1,2})?"
        r"|\d{1,2}(?P<s>[./-])(?:\d{4}|\d{1,2}(?P=s)(?:\d{4}|\d{2})))"
        r"(?![/-]|\.\d|(?!T\d)\w)"
    )
    candidate = rf"(?<![\w./-])(?:(?P<numeric>{numeric})|{word}(?:[\s,/-]+{word})*)"
    month = rf"\b(?:{names(parserinfo.MONTHS)})\b"
    return re.compile(candidate, re.IGNORECASE), re.compile(month, re.IGNORECASE)


def find_date(
    text: str, day_first: bool = False, follows: int | None = None
) -> tuple[dt.date, int, int] | None:
    """The first date in ``text[:WINDOW]`` with its character range. ``day_first`` reads
    03.04.2019 as 3 April (a four-digit year first is always year, month, day). With ``follows``
    (where a label ends), the date must follow it at once: "Updated guidance from May 2019" is
    none."""
    window = text[:WINDOW]
    if not _DIGIT.search(window):
        return None  # every date has its year: no need to load dateutil (10 ms) for this
    candidates, month = _candidates()
    for found in candidates.finditer(window):
        if follows is not None and _WORD.search(text, follows, found.start()):
            return None
        written = found.group()
        if found.group("numeric") is None:
            if not month.search(written):
                continue  # numbers and weekdays alone are no date
            year = _YEAR.search(written)
            if year is None:
                continue
            written = written[: year.end()]  # what follows the year is the text's, not the date's
        date = _read(written, day_first and not written[:4].isdigit())
        if date is not None:
            return date, found.start(), found.start() + len(written)
    return None


def lone_date(text: str, day_first: bool = False) -> tuple[dt.date, int, int] | None:
    """The date that ``text`` holds alone, or as one field of a line cut by bars or bullets
    ("3 May 2024", "By Ana Ruiz | May 3, 2024 | Skin care"): a page's date line."""
    found = find_date(text, day_first)
    if found is None:
        return None
    before = _FIELD.split(text[: found[1]])[-1]
    after = _FIELD.split(text[found[2] :])[0]
    return None if _WORD.search(before) or _WORD.search(after) else found


def _read(written: str, day_first: bool) -> dt.date | None:
    from dateutil.parser import ParserError, parse

    try:
        first, second = (parse(written, dayfirst=day_first, default=d) for d in _MONTH_DEFAULTS)
    except (ParserError, ValueError, OverflowError):
        return None
    if (first.year, first.month) != (second.year, second.month):
        return None  # the year or the month was not written
    return first.date()  # a month without a day reads as its first day


def as_date(value: Any, day_first: bool = False) -> dt.date | None:
    """A front matter or meta value as a date (YAML and TOML give dates; HTML meta gives text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = find_date(value.strip(), day_first)
        return found[0] if found else None
    return None
