"""What a rule pack may not do, checked when it is read: nothing in a pack can hang a run, exhaust
memory, read a file outside its folder, reach into Python objects, or make --fix undo its own
fixes. Each check returns the problem as a location and a message (packs.py adds file and line).

Regular expressions: Python's re has no time limit, so a house pack's REGEX is refused when it
could backtrack without bound (a repeated group that itself repeats, a backreference) or is
long; the built-in catalogue is trusted (it is reviewed with the code).
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

import yaml

# A pack's YAML expanded through its aliases may hold at most this many nodes: the largest
# built-in pack expands to about 7,000; an alias bomb to millions.
MAX_EXPANDED_NODES = 500_000
MAX_PACK_BYTES = 5 * 1024 * 1024
MAX_REGEX = 100
_REPEATS = frozenset("*+?{")


def expanded_size(root: yaml.Node) -> int:
    """Nodes of the document with every alias expanded, counted without expanding anything."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 1  # a cycle counts once instead of looping
            if isinstance(node, yaml.MappingNode):
                total = sum(size(k) + size(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                total = sum(size(item) for item in node.value)
            else:
                total = 0
            sizes[id(node)] = 1 + total
        return sizes[id(node)]

    return size(root)


def regex_problem(pattern: str) -> str | None:
    """Why a house pack's regular expression could run without bound, or None."""
    if len(pattern) > MAX_REGEX:
        return f"a REGEX of more than {MAX_REGEX} characters"
    depth_repeats: list[bool] = []  # per open group: whether a repeat occurs inside it
    escaped, in_class = False, False
    for at, ch in enumerate(pattern):
        if escaped:
            if ch.isdigit() and ch != "0":
                return "a backreference in a REGEX"
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth_repeats.append(False)
        elif ch == ")" and depth_repeats:
            inner = depth_repeats.pop()
            repeated = at + 1 < len(pattern) and pattern[at + 1] in _REPEATS
            if inner and repeated:
                return "a REGEX that repeats a group which repeats (it can backtrack without end)"
            if depth_repeats and (inner or repeated):
                depth_repeats[-1] = True
        elif ch in _REPEATS and depth_repeats:
            depth_repeats[-1] = True
    return None


def regexes(node: Any, where: list[Any]) -> Iterator[tuple[list[Any], str]]:
    """Every REGEX value in a rule's raw data, with its location."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "REGEX" and isinstance(value, str):
                yield [*where, key], value
            else:
                yield from regexes(value, [*where, key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from regexes(item, [*where, index])


def template_problem(message: str) -> str | None:
    """A message's {placeholders} must be plain names: no attributes, indexes, conversions."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(message)]
    except ValueError as error:
        return f"not a valid message template: {error}"
    for name, spec, conversion in fields:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            written = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return f"the placeholder {{{written}}} is not a plain name"
    return None


def substitution_cycle(table: dict[str, str]) -> str | None:
    """A correction that is itself corrected (a -> b -> a would flip on every --fix)."""
    for wrong, right in table.items():
        if right.lower() in table and right.lower() != wrong:
            return f"{wrong} -> {right} -> {table[right.lower()]}: a correction is itself corrected"
    return None
