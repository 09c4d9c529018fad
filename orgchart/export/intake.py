"""What an imported file must be before a reader parses it: bounded, UTF-8, the right shape.

`orgchart import` reads files a user did not write (another tool's export, a spreadsheet, a
download). Each reader takes its text from `read_import_text`, which refuses devices, FIFOs,
directories and files over `MAX_FILE_BYTES` and names the line of a byte that is not UTF-8.
JSON is checked for nesting depth before `json.loads` (whose parser recurses) and for the
node-link shape before networkx reads it, so `[]`, `{"nodes": [1, 2]}` or `"graph": {"claims":
"x"}` are located errors, not tracebacks. GraphML must not declare a DTD (GraphML needs none,
and entity declarations are how XML bombs are built).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from orgchart.dataset.files import decode_utf8, read_bounded
from orgchart.dataset.safe_yaml import MAX_DEPTH
from orgchart.errors import DataError, Problem, display_path

# A JSON string (with escapes) and anything that is not a bracket, both dropped before counting.
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]+")
_INNERMOST: Final = re.compile(r"\[\]|\{\}")


def read_import_text(path: Path) -> str:
    """The text of an imported file: a regular file of bounded size, UTF-8 (a leading byte-order
    mark dropped, as spreadsheets write one).

    Raises:
        DataError: what `read_bounded` and `decode_utf8` refuse, located.
    """
    return decode_utf8(read_bounded(path), display_path(path)).removeprefix("\ufeff")


def json_nesting_exceeds(text: str, max_depth: int = MAX_DEPTH) -> bool:
    """Whether the brackets of JSON `text` nest deeper than `max_depth`, found without parsing
    (and without recursion): strings are dropped, then innermost bracket pairs removed level by
    level, at most `max_depth` times."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for removed in range(max_depth):
        if not brackets:
            return False
        brackets, count = _INNERMOST.subn("", brackets)
        if not count:  # unbalanced: count how deep the openers left over would nest
            depth = deepest = 0
            for bracket in brackets:
                depth += 1 if bracket in "[{" else -1
                deepest = max(deepest, depth)
            return removed + deepest > max_depth
    return bool(brackets)


def load_node_link(path: Path) -> dict[str, Any]:
    """Parse node-link JSON from `path` and check its shape, before networkx reads it.

    Raises:
        DataError: the file is unreadable, nests deeper than `MAX_DEPTH`, is not JSON, or is not
            node-link data (an object with a `nodes` list of objects with ids, `links` or `edges`
            a list of objects with `source` and `target`, `graph` an object whose `sources`,
            `claims` and `findings` are lists of objects).
    """
    where = display_path(path)
    text = read_import_text(path)
    if json_nesting_exceeds(text):
        raise DataError(
            [Problem(where, 0, 0, f"JSON nested deeper than {MAX_DEPTH} levels", "node-link JSON needs five levels")]
        )
    try:
        data = json.loads(text)
    except ValueError as error:
        line, column = getattr(error, "lineno", 0), getattr(error, "colno", 0)
        raise DataError(
            [Problem(where, line, column, f"not JSON: {error}", "export it with `orgchart export --format json`")]
        ) from None
    problems = [Problem(where, 0, 0, message, _SHAPE_FIX) for message in node_link_shape_problems(data)]
    if problems:
        raise DataError(problems)
    return data


_SHAPE_FIX: Final = 'write node-link JSON: {"nodes": [{"id": ...}], "links": [{"source": ..., "target": ...}]}'


def node_link_shape_problems(data: Any) -> list[str]:
    """What keeps `data` from being node-link JSON, each as a message naming the place."""
    if not isinstance(data, dict):
        return [f"the top level is {_kind(data)}, not an object with `nodes`"]
    problems: list[str] = []
    nodes = data.get("nodes")
    if not isinstance(nodes, list):
        problems.append(f"`nodes` is {_kind(nodes)}, not a list of objects")
    else:
        problems += _objects(nodes, "nodes", ("id",))
    edges_key = "edges" if "edges" in data else "links"
    edges = data.get(edges_key, [])
    if not isinstance(edges, list):
        problems.append(f"`{edges_key}` is {_kind(edges)}, not a list of objects")
    else:
        problems += _objects(edges, edges_key, ("source", "target"))
    graph = data.get("graph", {})
    if not isinstance(graph, dict):
        problems.append(f"`graph` is {_kind(graph)}, not an object")
    else:
        for key in ("sources", "claims", "findings"):
            items = graph.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                problems.append(f"`graph.{key}` is {_kind(items)}, not a list of objects")
            else:
                problems += _objects(items, f"graph.{key}", ())
    return problems[:20]


def _objects(items: list[Any], where: str, required: tuple[str, ...]) -> list[str]:
    problems = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            problems.append(f"`{where}[{index}]` is {_kind(item)}, not an object")
        elif missing := [key for key in required if item.get(key) in (None, "")]:
            problems.append(f"`{where}[{index}]` has no {', '.join(f'`{k}`' for k in missing)}")
        elif any(isinstance(item.get(key), (dict, list)) for key in required):
            problems.append(f"`{where}[{index}]`: {', '.join(required)} must be text or numbers")
        if len(problems) >= 20:
            break
    return problems


def _kind(value: Any) -> str:
    if value is None:
        return "missing"
    return {dict: "an object", list: "a list", str: "text", bool: "a boolean"}.get(type(value), "a number")


def check_no_dtd(text: str, where: str) -> None:
    """Refuse XML that declares a document type: GraphML needs none, and entity declarations
    are what XML bombs are made of.

    Raises:
        DataError: naming the line of the declaration.
    """
    found = re.search(r"<!(DOCTYPE|ENTITY)", text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise DataError(
            [
                Problem(
                    where,
                    line,
                    found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1,
                    f"the XML declares a {found.group(1)}: GraphML needs none",
                    "remove the <!DOCTYPE ...> declaration (and any entities it defines)",
                )
            ]
        )
