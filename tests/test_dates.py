"""Dates as people write them: read by dateutil, in the order the configuration asks, the same
for missing-review-date and stale-review-date, and never taken from the numbers of running text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from healthlint import lint_text
from healthlint.checks.dates import as_date, find_date
from healthlint.config import Settings

D = dt.date


@pytest.mark.parametrize(
    ("text", "date", "start"),
    [
        ("Updated 3rd March 2019", D(2019, 3, 3), 8),
        ("Updated the 21st of June, 2020", D(2020, 6, 21), 12),
        ("Updated Mar. 3 2019", D(2019, 3, 3), 8),
        ("Updated Mar 3, 2019", D(2019, 3, 3), 8),
        ("Posted Sept. 30, 2018", D(2018, 9, 30), 7),
        ("Updated: 03.03.2019", D(2019, 3, 3), 9),
        ("Last reviewed: 2019/03/01", D(2019, 3, 1), 15),
        ("Reviewed 2019-03-01T08:00:00Z", D(2019, 3, 1), 9),
        ("Revised 11-25-2022", D(2022, 11, 25), 8),
        ("Revised 11/25/22", D(2022, 11, 25), 8),
        ("Updated May 2024", D(2024, 5, 1), 8),
        ("Updated Aug. 2024", D(2024, 8, 1), 8),
        ("Revised 11/2022", D(2022, 11, 1), 8),
        ("Posted 4-Feb-2021", D(2021, 2, 4), 7),
        ("Updated: Tuesday, 4 Feb 2020", D(2020, 2, 4), 9),
        ("LEEDS, JUNE 4, 2024 -- A clinic opened", D(2024, 6, 4), 7),
        ("Reviewed by Dr. Ines Okafor, RN, on 9 August 2023", D(2023, 8, 9), 36),
        ("Updated March 3, 2019 12 comments", D(2019, 3, 3), 8),
    ],
)
def test_written_forms(text: str, date: dt.date, start: int) -> None:
    found = find_date(text)
    assert found is not None and found[:2] == (date, start)


@pytest.mark.parametrize(
    "text",
    [
        "Updated by 3 nurses",
        "Updated 3 times this year",
        "Published on 3 May",  # no year: it cannot say how old the page is
        "Posted March 3 12 comments",  # "12" is no year
        "Updated 2019 10 tips",
        "Updated in 2019",
        "Updated 3.0.1",
        "Updated 2.5 million",
        "Call 555-1234 before 10",
        "Updated 31.02.2019",
        "Date: ________",
        "",
    ],
)
def test_text_that_is_no_date(text: str) -> None:
    assert find_date(text) is None


def test_day_and_month_order() -> None:
    assert find_date("Updated 03/04/2019")[0] == D(2019, 3, 4)  # type: ignore[index]
    assert find_date("Updated 03/04/2019", day_first=True)[0] == D(2019, 4, 3)  # type: ignore[index]
    assert find_date("Updated 03.04.19", day_first=True)[0] == D(2019, 4, 3)  # type: ignore[index]
    # A day over 12 can only be a day, in either order; a year first is always year-month-day.
    assert find_date("Updated 13/03/2019")[0] == D(2019, 3, 13)  # type: ignore[index]
    assert find_date("Updated 2019/03/04", day_first=True)[0] == D(2019, 3, 4)  # type: ignore[index]
    assert as_date("04/03/2019", day_first=True) == D(2019, 3, 4)


def test_the_order_changes_no_answer_about_what_is_a_date() -> None:
    for first in range(0, 33):
        for second in range(0, 33):
            for year in ("2019", "19"):
                text = f"{first:02d}/{second:02d}/{year}"
                assert (find_date(text) is None) == (find_date(text, day_first=True) is None)


ARTICLE = "# Travel vaccines\n\nReviewed: 04/03/2023\n\nSee a nurse six weeks before you travel.\n"


@pytest.mark.parametrize("rule", ["stale-review-date", "missing-review-date"])
def test_day_first_is_an_option_of_the_rules_that_read_dates(rule: str) -> None:
    # 3 April 2023 is under three years before 20 March 2026; 4 March 2023 is over.
    today = D(2026, 3, 20)
    options = {"stale-review-date": {"day-first": True}, rule: {"day-first": True}}
    us = lint_text(ARTICLE, path="a.md", settings=Settings(), today=today)
    uk = lint_text(ARTICLE, path="a.md", settings=Settings(rules=options), today=today)
    assert [f.rule for f in us if f.rule.endswith("review-date")] == []
    assert [(f.rule, f.line, f.column) for f in uk if f.rule.endswith("review-date")] == [
        ("stale-review-date", 3, 11)
    ]


LABELS = ["Updated", "Last reviewed:", "Published on", "Reviewed by Dr. Ana Ruiz on", "Date:"]
FORMS = ["%d %B %Y", "%B %d, %Y", "%b. %d %Y", "%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y", "%B %Y"]
NOT_DATES = [
    "by 3 nurses",
    "on 3 May",
    "guidance from May 2019",
    "2019",
    "3.5 million",
    "on Friday",
]


@given(
    label=st.sampled_from(LABELS),
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)),
    form=st.sampled_from(FORMS + [None]),
    filler=st.sampled_from(NOT_DATES),
    ordinal=st.booleans(),
)
def test_every_date_missing_review_date_accepts_stale_review_date_reads(
    label: str, day: dt.date, form: str | None, filler: str, ordinal: bool
) -> None:
    if form is None:
        line = f"{label} {filler}"
    else:
        line = f"{label} {day.strftime(form)}"
        if ordinal and form.startswith("%d "):
            line = line.replace(f"{label} {day:%d}", f"{label} {day.day}th", 1)
    text = f"# Travel vaccines\n\n{line}\n\nSee a nurse before you travel.\n"
    select = Settings(select=("missing-review-date", "stale-review-date"))
    # Long after every generated date: a date that is read is stale.
    rules = {f.rule for f in lint_text(text, path="a.md", settings=select, today=D(2200, 1, 1))}
    assert len(rules) == 1, (line, rules)


def test_reading_costs_one_window_per_label_near_the_start_of_a_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dateutil.parser

    calls: list[str] = []
    parse = dateutil.parser.parse
    monkeypatch.setattr(
        dateutil.parser, "parse", lambda text, **kw: calls.append(text) or parse(text, **kw)
    )
    paragraph = " ".join(["Our nurses updated the leaflet on 3 May 2019 again."] * 2000)
    lines = "\n\n".join(["Updated on 3 May 2019"] * 200)
    settings = Settings(select=("missing-review-date",))
    lint_text(f"# Leaflets\n\n{paragraph}\n", path="a.md", settings=settings)
    assert calls == []  # a label inside running text dates something else: nothing is parsed
    lint_text(f"# Leaflets\n\n{lines}\n", path="a.md", settings=settings)
    assert calls == ["3 May 2019"] * 400  # one reading (two defaults) per dated line
