"""Template code in an article's source (PHP, ERB, Blade, Jinja and Twig, Liquid, Hugo shortcodes):
never prose, and code commented out inside it ("<?php /* ... */ ?>") least of all.

The regions are blanked before the markup is parsed: every character in them but a line break
becomes a space, so the parsers see no text there while every offset, line and column stays
that of the file as written.
"""

from __future__ import annotations

# Opening and closing delimiters; a region runs to the first closer after its opener. Liquid's
# comment block comes before its plain tag, so that its whole body is blanked.
DELIMITERS = (
    ("{% comment %}", "{% endcomment %}"),
    ("<?php", "?>"),
    ("<?=", "?>"),
    ("<%", "%>"),
    ("{{--", "--}}"),
    ("{#", "#}"),
    ("{%", "%}"),
    ("{{", "}}"),
)
# A PHP block may run to the end of the file without its closer.
UNCLOSED_TO_END = frozenset({"<?php", "<?="})


def template_regions(source: str) -> list[tuple[int, int]]:
    """Where template code lies, in order; each opener is searched for once per region, so
    the scan is linear in the source."""
    regions: list[tuple[int, int]] = []
    upcoming = {opener: source.find(opener) for opener, _ in DELIMITERS}
    at = 0
    while True:
        found = [
            (place, n)
            for n, (opener, _) in enumerate(DELIMITERS)
            if (place := upcoming[opener]) != -1
        ]
        if not found:
            return regions
        start, n = min(found)
        opener, closer = DELIMITERS[n]
        close = source.find(closer, start + len(opener))
        if close == -1 and opener not in UNCLOSED_TO_END:
            upcoming[opener] = source.find(opener, start + 1)  # not template code: go on
            continue
        end = len(source) if close == -1 else close + len(closer)
        regions.append((start, end))
        at = end
        for other, _ in DELIMITERS:
            if upcoming[other] != -1 and upcoming[other] < at:
                upcoming[other] = source.find(other, at)


def blank_templates(source: str) -> str:
    """``source`` with its template code blanked (same length, same line breaks)."""
    return blank(source, template_regions(source))


def blank(source: str, regions: list[tuple[int, int]]) -> str:
    """``source`` with the regions (in order) blanked: every character a space but line breaks."""
    if not regions:
        return source
    parts, at = [], 0
    for start, end in regions:
        parts.append(source[at:start])
        parts.append("\n".join(" " * len(line) for line in source[start:end].split("\n")))
        at = end
    parts.append(source[at:])
    return "".join(parts)
