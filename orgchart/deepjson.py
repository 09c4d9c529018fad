"""JSON text for nested values of any depth, byte for byte what `json.dumps` writes.

`json.dumps` recurses once per level of nesting and stops with RecursionError near a thousand
levels; a subtree of a 2,000-deep chain nests deeper than that. `dumps` writes the same text
(same separators, indentation, key order and escaping) with an explicit stack, so the depth of
the data never meets Python's recursion limit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

_SCALARS = (str, int, float, bool, type(None))


def dumps(value: Any, *, indent: int | None = None, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """`value` as JSON text, as `json.dumps(value, indent=..., sort_keys=..., ensure_ascii=...)`
    writes it (dicts, lists and tuples nested to any depth; scalars as json writes them)."""
    parts: list[str] = []
    item_separator = "," if indent is not None else ", "

    def scalar(item: Any) -> str:
        return json.dumps(item, ensure_ascii=ensure_ascii)

    def newline(level: int) -> str:
        return "" if indent is None else "\n" + " " * (indent * level)

    # Work items: ("value", item, level) writes a value; ("text", s, _) writes s as it is.
    stack: list[tuple[str, Any, int]] = [("value", value, 0)]
    while stack:
        what, item, level = stack.pop()
        if what == "text":
            parts.append(item)
            continue
        if isinstance(item, _SCALARS):
            parts.append(scalar(item))
        elif isinstance(item, Mapping):
            if not item:
                parts.append("{}")
                continue
            keys = sorted(item) if sort_keys else list(item)
            todo: list[tuple[str, Any, int]] = [("text", "{", level)]
            for position, key in enumerate(keys):
                lead = newline(level + 1) if position == 0 else item_separator + newline(level + 1)
                todo.append(("text", lead + scalar(_key(key)) + ": ", level))
                todo.append(("value", item[key], level + 1))
            todo.append(("text", newline(level) + "}", level))
            stack.extend(reversed(todo))
        elif isinstance(item, (list, tuple)):
            if not item:
                parts.append("[]")
                continue
            todo = [("text", "[", level)]
            for position, element in enumerate(item):
                lead = newline(level + 1) if position == 0 else item_separator + newline(level + 1)
                todo.append(("text", lead, level))
                todo.append(("value", element, level + 1))
            todo.append(("text", newline(level) + "]", level))
            stack.extend(reversed(todo))
        else:
            raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")
    return "".join(parts)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return json.dumps(key)
    if isinstance(key, (int, float)):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
