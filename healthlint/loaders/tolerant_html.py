"""The standard library's HTML parser, made to read what a browser reads where it raised.

It alone reports exact positions, so healthlint keeps it; where a page holds markup it refuses
(and a browser accepts), the parser is taught the browser's reading here.
"""

from __future__ import annotations

from html.parser import HTMLParser


class TolerantHTMLParser(HTMLParser):
    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """ "<![" opens a marked section only before a keyword the parser knows ("<![CDATA[",
        "<![if"); otherwise, as in a browser, a bogus comment that runs to the next ">".
        Python's parser raised an AssertionError there before 3.13, having moved its position
        on: both are undone."""
        where = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = where
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1  # -1: the rest is text, once the input ends
