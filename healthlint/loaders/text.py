"""Plain-text articles, often scraped from a web page.

Paragraphs are separated by blank lines. Inside a paragraph a line break joins hard-wrapped prose,
but a short line (a title, a share-button row, a caption) stands as a block of its own, so that it
does not run into the next sentence.
"""

from __future__ import annotations

from ..article import Article, Block, ProseBuilder

# A line this long or longer that does not end a sentence was most likely wrapped by an editor.
WRAPPED_LINE = 60
_SENTENCE_END = (".", "!", "?", ":", '"', "”")


# Characters that open an item of a bulleted list.
_BULLETS = frozenset("•·▪◦‣∙*-–—")
# The most words a field's label has ("Image credit: ...", "Heart disease: 695,547").
FIELD_LABEL_WORDS = 4


def line_kind(line: str) -> str | None:
    """ "list_item" for a bulleted or numbered line ("• Rest", "2. Ice", "b) Compress"),
    "field" for a "Label: value" line, None for a line of prose."""
    if line[:1] in _BULLETS and line[1:2] == " ":
        return "list_item"
    number, space, rest = line.partition(" ")
    enumerator = (number[:-1].isdigit() and number[-1] in ".)" and len(number) <= 4) or (
        len(number) == 2 and number[0].isalpha() and number[1] == ")"
    )
    if space and rest and enumerator:
        return "list_item"
    label, colon, value = line.partition(":")
    words = label.split()
    is_label = 1 <= len(words) <= FIELD_LABEL_WORDS and words[0][:1].isupper()
    if is_label and colon and value[:1] == " " and value.strip():
        return None if any(ch in label for ch in '.!?,;"“') else "field"
    return None


def _blocks(source: str) -> list[Block]:
    """Blank lines part paragraphs; a long line that ends no sentence runs on into the next
    (hard-wrapped prose); list items and "Label: value" lines are blocks of their own."""
    blocks: list[Block] = []
    builder, kind = ProseBuilder(), "paragraph"
    offset = 0
    previous = ""

    def flush() -> None:
        nonlocal builder
        block = builder.build(kind)
        if block is not None:
            blocks.append(block)
        builder = ProseBuilder()

    for line in source.split("\n"):
        stripped = line.strip()
        starts = line_kind(stripped) if stripped else None
        continues = (
            len(builder)
            and stripped
            and starts is None
            and len(previous) >= WRAPPED_LINE
            and not previous.endswith(_SENTENCE_END)
        )
        if not continues:
            flush()
            kind = starts or "paragraph"
        if stripped:
            at = offset + (len(line) - len(line.lstrip()))
            if len(builder):
                builder.separator(at - 1)
            builder.literal(stripped, at)
        previous = stripped
        offset += len(line) + 1
    flush()
    return blocks


# Short words that stay lower case in a title ("Management of Hypogonadism").
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or nor but for of in on at to by from with as vs via per into over".split()
)
# The share of a line's other words that a title capitalises.
TITLE_CASE_SHARE = 0.8


def is_title_case(text: str) -> bool:
    """A headline: three or more words, most of them capitalised, and no closing full stop
    ("Studies Show Oral Testosterone Safe in Long-term Use")."""
    words = [w for w in text.split() if w[:1].isalpha()]
    long_words = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    if len(words) < 3 or not long_words or text.rstrip().endswith((".", ";", ":")):
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= TITLE_CASE_SHARE


def load_text(path: str, source: str) -> Article:
    blocks = _blocks(source)
    # A scraped page's headlines are lines of their own in title case: headings, not sentences.
    blocks = [
        Block(b.text, b.offsets, kind="heading") if is_title_case(b.text) else b for b in blocks
    ]
    # A scraped page's title is its first line of words (share-button rows come first sometimes).
    title = next((b.text for b in blocks if len(b.text.split()) >= 2), None)
    first = blocks[0].text if blocks else ""
    if first and title == first and len(first) < WRAPPED_LINE and not first.endswith(_SENTENCE_END):
        blocks[0] = Block(blocks[0].text, blocks[0].offsets, kind="heading")
    return Article(path=path, source=source, blocks=blocks, title=title)
