"""Front matter as metadata: a mapping of keys to values, read so that no value can stop the run.

A value that cannot be read (an impossible date, an integer of a hundred thousand digits) is an
error for its file naming the key; YAML aliases are refused (an alias bomb would expand without
bound when a rule reads the value), and so is nesting too deep to read.
"""

from __future__ import annotations

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
