"""Front matter as metadata: the block at the top of a Markdown or HTML file in the three forms
static-site generators read (Hugo, Jekyll): YAML between ``---`` lines (closed by ``---`` or
``...``), TOML between ``+++`` lines, or a JSON object that opens the file. It is never prose.

Its keys are read as Hugo reads them, without regard to case, with the keys of its ``params``
table (where Hugo puts a page's own fields) as keys of the page too. It is read so that no value
can stop the run: a value that cannot be read (an impossible date, an integer of a hundred
thousand digits) or front matter that is not valid is an error for its file naming the key or
the line; YAML aliases are refused (an alias bomb would expand without bound when a rule reads
the value), and so is nesting too deep to read.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError


def _refuse_aliases(root: yaml.Node) -> None:
    """Compose shares one node for an anchor and all its aliases: a node met twice is an alias."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise InputError("front matter: YAML aliases (*name) are not allowed")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def yaml_mapping(text: str, first_line: int = 2) -> dict[str, Any]:
    """The YAML front matter's top-level keys and values (not a mapping: no metadata);
    ``first_line`` is the file's line of the front matter's first line, for messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise InputError("front matter: nested too deeply to read") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {first_line + mark.line})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(f"front matter: not valid YAML{where}: {problem}") from None
    if not isinstance(root, yaml.MappingNode):
        return {}
    _refuse_aliases(root)
    loader = yaml.SafeLoader("")
    metadata: dict[str, Any] = {}
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(a key that is no word)"
        try:
            metadata[str(key)] = loader.construct_object(value_node, deep=True)
        except (ValueError, OverflowError, TypeError, RecursionError, yaml.YAMLError) as error:
            problem = "a number too long to read" if "digits" in str(error) else str(error)
            raise InputError(f"front matter: key {key}: {problem}") from None
    return metadata


_TOML_ERROR_PLACE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def toml_mapping(text: str, first_line: int = 2) -> dict[str, Any]:
    """The TOML front matter's table; ``first_line`` as for ``yaml_mapping``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib names the place only in its message (a line of the front matter, or its end).
        message = str(error)
        place = _TOML_ERROR_PLACE.search(message)
        line = int(place[1]) if place and place[1] else text.rstrip("\n").count("\n") + 1
        problem = message[: place.start()] if place else message
        raise InputError(
            f"front matter: not valid TOML (line {first_line + line - 1}): {problem[:1].lower()}"
            f"{problem[1:]}"
        ) from None
    except RecursionError:
        raise InputError("front matter: nested too deeply to read") from None
    except ValueError as error:  # tomllib reads an integer past Python's digit limit this way
        raise InputError(f"front matter: {_value_problem(error)}") from None


def json_mapping(text: str) -> tuple[dict[str, Any], int]:
    """The JSON object that opens ``text``, and where it ends."""
    try:
        value, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"front matter: not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    except RecursionError:
        raise InputError("front matter: nested too deeply to read") from None
    except ValueError as error:
        raise InputError(f"front matter: {_value_problem(error)}") from None
    return (value if isinstance(value, dict) else {}), end


def _value_problem(error: Exception) -> str:
    return "a number too long to read" if "digits" in str(error) else str(error)


@dataclass(frozen=True)
class FrontMatter:
    metadata: dict[str, Any]
    end: int  # where the article's body begins: after the closing line


# A JSON object's opening: a brace, then a key or its closing brace. Template code ("{{", "{%")
# and attribute lists ("{:toc}") open with a brace too, and are not front matter.
_JSON_START = re.compile(r'\{\s*["}]')
_CLOSERS = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.M),
}


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter that opens ``text`` (its line breaks ``\\n``), if any."""
    first_end = text.find("\n")
    fence = text[: len(text) if first_end == -1 else first_end].rstrip(" \t")
    if fence in _CLOSERS:
        closing = _CLOSERS[fence].search(text, first_end + 1) if first_end != -1 else None
        if closing is None:
            if fence == "---":
                return None  # a thematic break, as CommonMark reads it
            raise InputError("front matter: the +++ on line 1 is never closed")
        # Without its last line break, so that an error at its end names its last line.
        content = text[first_end + 1 : max(first_end + 1, closing.start() - 1)]
        table = yaml_mapping(content) if fence == "---" else toml_mapping(content)
        end = min(len(text), closing.end() + 1)
    elif _JSON_START.match(text):
        table, end = json_mapping(text)
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if text[end:line_end].strip():  # as Hugo asks: a line break after the object
            line = text.count("\n", 0, end) + 1
            raise InputError(f"front matter: text after the JSON object's end on line {line}")
        end = min(len(text), line_end + 1)
    else:
        return None
    return FrontMatter(_as_metadata(table), end)


def _as_metadata(table: dict[str, Any]) -> dict[str, Any]:
    """Keys in lower case (Hugo's are case-insensitive); a ``params`` table's keys are the page's
    keys too, where the top level does not already have them."""
    metadata: dict[str, Any] = {}
    for key, value in table.items():
        metadata.setdefault(str(key).lower(), value)
    params = metadata.get("params")
    if isinstance(params, dict):
        for key, value in params.items():
            metadata.setdefault(str(key).lower(), value)
    return metadata
