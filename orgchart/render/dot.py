"""Node and edge statements written straight into a `graphviz.Digraph`'s body: byte for byte
what `Digraph.node()` and `Digraph.edge()` write, with the graphviz package's own quoting.

Why: on a generated 1,258-unit agency, `render_svg` spent 0.43 s building the Digraph against
0.67 s for Graphviz's whole layout of it (cProfile: 37,532 `quote()` calls and 50,617 passes
through the package's argument-checking wrapper). Most attribute values repeat (one style per
kind), so each distinct value is quoted once (`_quoted`, a bounded cache of a pure function)
and each statement is one f-string.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from graphviz.quoting import HTML_STRING, ID, KEYWORDS, NoHtml
from graphviz.quoting import quote as graphviz_quote

if TYPE_CHECKING:
    import graphviz


def quote(value: str) -> str:
    """`graphviz.quoting.quote(value)`, with its own patterns, without its per-call wrapper and
    its search for trailing backslashes (for a warning) unless the value ends in one."""
    if not isinstance(value, NoHtml) and HTML_STRING.match(value):
        return value
    if ID.match(value) and value.lower() not in KEYWORDS:
        return str(value)
    if '"' in value or value.endswith("\\"):
        return str(graphviz_quote(value))
    return f'"{value}"'


def quote_edge(name: str) -> str:
    """`graphviz.quoting.quote_edge(name)`: a node name, with `:port:compass` if it has one."""
    node, _, rest = name.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


@lru_cache(maxsize=4096)
def _quoted(value: str) -> str:
    return quote(value)


VARYING: Final[frozenset[str]] = frozenset({"label", "id", "class", "tooltip", "lhead", "xlabel"})
"""Attributes whose values differ from one statement to the next: quoted directly, not cached."""


def _attributes(attrs: Mapping[str, str | None]) -> str:
    """` [label=... a=b ...]` as `graphviz.quoting.attr_list` writes it: the label first, the
    other attributes sorted by name, None values left out."""
    label = attrs.get("label")
    parts = [f"label={quote(label)}"] if label is not None else []
    for key in sorted(attrs):
        value = attrs[key]
        if key != "label" and value is not None:
            parts.append(f"{_quoted(key)}={quote(value) if key in VARYING else _quoted(value)}")
    return f" [{' '.join(parts)}]" if parts else ""


def add_node(graph: graphviz.Digraph, name: str, attrs: Mapping[str, str | None], indent: str = "\t") -> None:
    """The same statement as `graph.node(name, **attrs)`; `indent` is one tab more per level
    of anonymous subgraph (see `open_rank`)."""
    graph.body.append(f"{indent}{quote(name)}{_attributes(attrs)}\n")


def add_edge(
    graph: graphviz.Digraph, tail: str, head: str, attrs: Mapping[str, str | None], indent: str = "\t"
) -> None:
    """The same statement as `graph.edge(tail, head, **attrs)` in a directed graph."""
    graph.body.append(f"{indent}{quote_edge(tail)} -> {quote_edge(head)}{_attributes(attrs)}\n")


def open_rank(graph: graphviz.Digraph) -> None:
    """Start what `with graph.subgraph() as row: row.attr(rank="same")` starts: an anonymous
    subgraph whose statements (written with `indent="\t\t"`) share one rank."""
    graph.body += ["\t{\n", "\t\trank=same\n"]  # one line per item: a parent indents each


def close_rank(graph: graphviz.Digraph) -> None:
    """End the subgraph `open_rank` started."""
    graph.body.append("\t}\n")
