"""Findings point into the file as written: through markup, entities, front matter, CRLF, BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint import lint_paths, lint_text
from healthlint.config import Settings
from healthlint.loaders import load

STATS = Settings(select=("unsourced-statistic",))


def positions(text: str, path: str = "a.md") -> list[tuple[int, int, int, int]]:
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint_text(text, path, STATS)]


def test_inline_markup_is_stepped_over() -> None:
    assert positions("Intro.\n\nAs many as **40%** of patients.\n") == [(3, 14, 3, 17)]


@pytest.mark.parametrize(
    "front_matter",
    [
        "---\ntitle: As many as 40% of patients\n---\n",  # YAML (Jekyll, Hugo)
        '+++\ntitle = "As many as 40% of patients"\n+++\n',  # TOML (Hugo)
        '{\n"title": "As many as 40% of patients"\n}\n',  # JSON (Hugo)
    ],
)
@pytest.mark.parametrize("path", ["a.md", "a.html"])
def test_front_matter_is_counted_in_lines_and_not_linted(front_matter: str, path: str) -> None:
    body = "About 1 in 5 adults.\n" if path == "a.md" else "<p>About 1 in 5 adults.</p>\n"
    column = 7 if path == "a.md" else 10
    assert positions(front_matter + body, path) == [(4, column, 4, column + 6)]


def test_html_entities_map_to_their_source_range() -> None:
    text = "<p>Caf&eacute; &middot; about 30&nbsp;million Americans live here.</p>"
    assert positions(text, "a.html") == [(1, 31, 1, 56)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "<![" before no name: a bogus comment to the next ">", as a browser reads it
        ("<p>a</p><![\n0 >\n<p>About 30 million Americans snore.</p>", [(3, 10, 3, 30)]),
        # ... and with no ">" after it, text that is not read as a figure
        ("<p>About 30 million Americans snore.</p><![0", [(1, 10, 1, 30)]),
        # an unknown keyword ("<![x"): a bogus comment too, to its first ">"
        ("<p>A <![x y]]> About 30 million Americans snore.</p>", [(1, 22, 1, 42)]),
    ],
)
def test_a_marked_section_without_a_name_is_no_error_and_moves_no_position(
    text: str, expected: list[tuple[int, int, int, int]]
) -> None:
    assert positions(text, "a.html") == expected


def test_non_ascii_columns_count_code_points() -> None:
    text = "Ménière’s disease — 😀 about 40% of patients.\n"
    assert positions(text, "a.txt") == [(1, 29, 1, 32)]


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_crlf_and_bom_do_not_move_columns(tmp_path: Path, suffix: str) -> None:
    body = "Intro line.\r\n\r\nAbout 40% of patients.\r\n"
    if suffix == ".html":
        body = "<p>Intro line.</p>\r\n\r\n<p>About 40% of patients.</p>\r\n"
    path = tmp_path / f"article{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    report = lint_paths([path], STATS)
    column = 7 if suffix != ".html" else 10
    assert [(f.line, f.column) for f in report.findings] == [(3, column)]


def test_link_text_is_prose_and_link_target_is_not() -> None:
    article = load("a.md", "See [the study](https://x.org/40%-of-patients) now.\n")
    assert [block.text for block in article.blocks] == ["See the study now."]
    assert article.blocks[0].links == ((4, 13),)


def test_markdown_code_html_comments_and_autolinks_are_not_prose() -> None:
    source = (
        "Text `code 40%` and <!-- hidden --> <https://example.org/a> end.\n\n"
        "```\nfenced 40%\n```\n\n    indented 40%\n"
    )
    article = load("a.md", source)
    # Inline code leaves a placeholder, so the words on either side do not run together.
    assert [block.text for block in article.blocks] == ["Text \u2026 and end."]


def test_every_prose_character_maps_to_its_source_character() -> None:
    source = (
        "---\nauthor: A\n---\n# Title &amp; *more*\n\n> Quote line\n> two \\* here\n\n"
        "- item [ref][r] ![alt](i.png) after\n\n[r]: https://r.org\n\n"
        "<div>raw <b>html</b> &lt;tag&gt;</div>\n\n| a | b |\n|---|---|\n| c | d |\n"
    )
    article = load("a.md", source)
    entities = {"&": "&amp;", "*": "\\*", "<": "&lt;", ">": "&gt;"}
    for block in article.blocks:
        for index, char in enumerate(block.text):
            start, end = block.offsets.span(index, index + 1)
            expected = entities.get(char, char)
            assert source[start:end] == expected or (char == " " and source[start:end].isspace())


def test_html_page_chrome_is_kept_apart() -> None:
    source = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav>Home</nav><main><p>Body text.</p></main><footer>Foot note.</footer>"
        "<script>x=1</script></body></html>"
    )
    article = load("a.html", source)
    assert [(b.text, b.region) for b in article.blocks] == [
        ("Home", "chrome"),
        ("Body text.", "body"),
        ("Foot note.", "chrome"),
    ]
    assert article.title == "T"


def test_a_heading_wrapped_in_a_header_inside_the_article_is_the_article() -> None:
    # class="page-header" around a section heading is no page header: once the article has
    # begun, a wrapper named only "header" that holds nothing but headings is the article's.
    source = (
        '<body><div class="site-header"><h2>Lakeside Clinic</h2></div>'
        "<h1>Bunions</h1><p>Body text.</p>"
        '<div class="page-header"><h3>Causes</h3></div><p>More text.</p>'
        '<div class="section-header share-row"><h3>Share this</h3></div>'
        '<div class="page-header"><p>Call us today</p></div></body>'
    )
    article = load("a.html", source)
    assert [(b.text, b.region) for b in article.blocks] == [
        ("Lakeside Clinic", "chrome"),  # before the article: the page's header
        ("Bunions", "body"),
        ("Body text.", "body"),
        ("Causes", "body"),
        ("More text.", "body"),
        ("Share this", "chrome"),  # named a share widget as well
        ("Call us today", "chrome"),  # not a heading
    ]


def test_template_code_is_blanked_in_place() -> None:
    from healthlint.loaders.templates import blank_templates, template_regions

    source = (
        "<p>A</p><?php /* x\ny */ ?>\n<p>{{ site.name }} B</p>{% comment %}{% if %}{% endcomment %}"
    )
    blanked = blank_templates(source)
    assert len(blanked) == len(source)
    assert blanked.count("\n") == source.count("\n")
    # "<?php /* x" and "y */ ?>": 10 and 7 characters; "{{ site.name }}": 15; the comment: 37.
    assert (
        blanked == "<p>A</p>" + " " * 10 + "\n" + " " * 7 + "\n<p>" + " " * 15 + " B</p>" + " " * 37
    )
    assert template_regions("a {{ never closed") == []
    assert template_regions("<?php echo 1;") == [(0, 13)]
    article = load("a.html", source)
    assert [block.text for block in article.blocks] == ["A", "B"]
    assert article.source == source


def test_a_long_run_of_symbols_keeps_its_length_and_costs_no_more_than_its_length() -> None:
    from healthlint.article import ProseBuilder

    builder = ProseBuilder()
    builder.literal("Rest " + "&" * 40 + " well.", 0)
    block = builder.build("paragraph")
    assert block is not None
    assert block.text == "Rest \u2026" + " " * 39 + " well."
    found = lint_text("About 40% of adults snore. " + "=" * 5000 + "\n", "a.md", STATS)
    assert [(f.line, f.column) for f in found] == [(1, 7)]


def test_text_after_a_deeply_nested_list_is_still_read() -> None:
    nested = "".join("  " * depth + "- step\n" for depth in range(12))
    found = lint_text(nested + "\nAbout 40% of adults snore.\n", "a.md", STATS)
    assert [(f.line, f.column) for f in found] == [(14, 7)]


def test_a_block_longer_than_any_paragraph_is_cut_and_positions_stay_exact(monkeypatch) -> None:  # noqa: ANN001
    from healthlint.loaders import split

    monkeypatch.setattr(split, "MAX_BLOCK", 60)
    sentence = "Rest the knee well. "
    text = sentence * 5 + "About 40% of adults snore. " + "&amp;Rest it. " + sentence * 3
    found = lint_text(text, "a.md", STATS)
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 107, 110)]
    pieces = load("a.md", text).blocks
    assert len(pieces) > 3 and all(len(p.text) <= 60 for p in pieces)


def test_a_fingerprint_reads_the_whole_line_of_its_finding_and_no_other() -> None:
    # The last line has no line break after it; the figure on it must still see all of it.
    def fingerprint(text: str) -> str:
        (finding,) = [f for f in lint_text(text, path="a.md") if f.rule == "repeated-word"]
        return finding.fingerprint

    last = "Rest.\n\nIce the knee and and rest it."
    middle = last + "\n"
    assert fingerprint(last) == fingerprint(middle)  # a line break after it changes nothing
    assert fingerprint(last) == fingerprint("Sleep well.\n\nIce the knee and and rest it.")
    assert fingerprint(last) != fingerprint("Rest.\n\nIce the knee and and rest it today.")
