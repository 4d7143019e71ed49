"""Front matter as static-site generators write it: YAML (---), TOML (+++) and JSON ({...}) at
the top of a Markdown or HTML file are metadata, never prose; broken ones are an error for their
file that names the line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from healthlint import lint_text
from healthlint.cli import main
from healthlint.config import Settings
from healthlint.errors import InputError
from healthlint.loaders import load

BODY = "# Knee pain\n\nRest the knee for a day or two.\n"


def test_toml_front_matter_is_metadata_with_its_types() -> None:
    source = (
        '+++\ntitle = "Knee pain after running"\ndate = 2026-09-01T08:00:00-05:00\n'
        'tags = ["knee", "running"]\n\n[params]\nauthor = "Ana Ruiz"\n+++\n' + BODY
    )
    article = load("a.md", source)
    assert article.metadata["date"] == dt.datetime(
        2026, 9, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )
    assert article.metadata["author"] == "Ana Ruiz"  # Hugo's params are the page's own fields
    assert article.metadata["tags"] == ["knee", "running"]
    assert article.title == "Knee pain after running"
    assert [block.text for block in article.blocks] == [
        "Knee pain",
        "Rest the knee for a day or two.",
    ]
    assert article.source == source


def test_json_front_matter_keys_are_read_without_regard_to_case() -> None:
    source = (
        '{\n  "Title": "Knee pain",\n  "lastMod": "2026-09-01",\n'
        '  "params": {"author": "B"},\n  "Author": "A"\n}\n' + BODY
    )
    article = load("a.md", source)
    assert article.metadata["lastmod"] == "2026-09-01"
    assert article.metadata["author"] == "A"  # the page's own key wins over its params
    assert article.title == "Knee pain"


def test_html_pages_have_front_matter_too() -> None:
    # Jekyll pages and Hugo content may be HTML with front matter above the markup.
    source = "---\nlayout: post\nauthor: Ana Ruiz\n---\n<h1>Knee pain</h1>\n<p>Rest it.</p>\n"
    article = load("a.html", source)
    assert article.metadata == {"layout": "post", "author": "Ana Ruiz"}
    assert [block.text for block in article.blocks] == ["Knee pain", "Rest it."]


@pytest.mark.parametrize(
    "opening",
    [
        '{{< figure src="knee.png" >}}\n',  # a Hugo shortcode
        "{% include toc.html %}\n",  # a Liquid tag
        "{:toc}\n",  # a kramdown attribute list
        "---\n",  # a thematic break that nothing closes
    ],
)
def test_an_opening_that_is_not_front_matter_leaves_the_article_as_it_is(opening: str) -> None:
    article = load("a.md", opening + BODY)
    assert article.metadata == {}
    assert [block.text for block in article.blocks][-1] == "Rest the knee for a day or two."


def test_plain_text_has_no_front_matter() -> None:
    article = load("a.txt", '+++\ntitle = "Knee"\n+++\nRest it.\n')
    assert article.metadata == {}


def test_front_matter_author_and_date_satisfy_the_byline_rules() -> None:
    rules = Settings(select=("missing-author", "missing-review-date", "stale-review-date"))
    toml = '+++\nauthor = "Ana Ruiz"\nlastmod = 2014-01-10\n+++\n' + BODY
    json = '{"author": "Ana Ruiz", "lastmod": "2014-01-10"}\n' + BODY
    for source in (toml, json):
        found = lint_text(source, "a.md", rules, today=dt.date(2026, 11, 24))
        assert [(f.rule, f.line, f.column) for f in found] == [("stale-review-date", 1, 1)]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            '+++\ntitle = "Knee"\ndate = 2026-02-30\n+++\n',
            "front matter: not valid TOML (line 3): invalid date or datetime",
        ),
        (
            '+++\nauthor = "A"\nauthor = "B"\n+++\n',
            "front matter: not valid TOML (line 3): cannot overwrite a value",
        ),
        ('+++\ntitle = "Knee"\n\n# Knee\n', "front matter: the +++ on line 1 is never closed"),
        ("+++\nviews = " + "9" * 100_000 + "\n+++\n", "front matter: a number too long to read"),
        (
            "+++\ntags = " + "[" * 5_000 + "]" * 5_000 + "\n+++\n",
            "front matter: nested too deeply to read",
        ),
        (
            '{\n  "title": "Knee",\n}\n',
            "front matter: not valid JSON (line 3, column 1): "
            "Expecting property name enclosed in double quotes",
        ),
        ('{"views": ' + "9" * 100_000 + "}\n", "front matter: a number too long to read"),
        (
            '{"tags": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
            "front matter: nested too deeply to read",
        ),
        (
            '{"title": "Knee"} Rest it.\n',
            "front matter: text after the JSON object's end on line 1",
        ),
    ],
)
def test_broken_front_matter_is_an_error_for_its_file_only(
    article_dir: Path, source: str, message: str
) -> None:
    (article_dir / "bad.md").write_text(source + BODY, encoding="utf-8")
    (article_dir / "good.md").write_text(BODY, encoding="utf-8")
    out = io.StringIO()
    code = main(
        ["check", "--select", "HL001", "--no-cache", str(article_dir)], out=out, err=io.StringIO()
    )
    assert code == 2
    assert out.getvalue().splitlines()[1:] == [
        f"{article_dir / 'bad.md'}: error {message}",
        "Found 1 finding in 1 file (1 warning); 1 file could not be linted.",
    ]
    with pytest.raises(InputError, match="^front matter: "):
        load("bad.md", source)
