"""Node and edge statements written straight into a `graphviz.Digraph`'s body: byte for byte
what `Digraph.node()` and `Digraph.edge()` write, with the graphviz package's own quoting.

Why: on a generated 1,258-unit agency, `render_svg` spent 0.43 s building the Digraph against
0.67 s for Graphviz's whole layout of it (cProfile: 37,532 `quote()` calls and 50,617 passes
through the package's argument-checking wrapper). Most attribute values repeat (one style per
kind), so each distinct value is quoted once (`_quoted`, a bounded cache of a pure function)
and each statement is one f-string.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Final, Protocol

from graphviz.quoting import HTML_STRING, ID, KEYWORDS, NoHtml
from graphviz.quoting import quote as graphviz_quote

if TYPE_CHECKING:
    pass


class HasBody(Protocol):
    """A graph or subgraph whose statements are the lines of `body` (a `graphviz.Digraph`)."""

    body: list[str]


@dataclass
class Subgraph:
    """The statements of a subgraph being written (see `cluster`)."""

    body: list[str] = field(default_factory=list)


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


def add_node(graph: HasBody, name: str, attrs: Mapping[str, str | None], indent: str = "\t") -> None:
    """The same statement as `graph.node(name, **attrs)`; `indent` is one tab more per level
    of anonymous subgraph (see `open_rank`)."""
    graph.body.append(f"{indent}{quote(name)}{_attributes(attrs)}\n")


def add_edge(graph: HasBody, tail: str, head: str, attrs: Mapping[str, str | None], indent: str = "\t") -> None:
    """The same statement as `graph.edge(tail, head, **attrs)` in a directed graph."""
    graph.body.append(f"{indent}{quote_edge(tail)} -> {quote_edge(head)}{_attributes(attrs)}\n")


def open_rank(graph: HasBody) -> None:
    """Start what `with graph.subgraph() as row: row.attr(rank="same")` starts: an anonymous
    subgraph whose statements (written with `indent="\t\t"`) share one rank."""
    graph.body += ["\t{\n", "\t\trank=same\n"]  # one line per item: a parent indents each


def close_rank(graph: HasBody) -> None:
    """End the subgraph `open_rank` started."""
    graph.body.append("\t}\n")


@contextmanager
def cluster(graph: HasBody, name: str, attrs: Mapping[str, str]) -> Iterator[Subgraph]:
    """What `with graph.subgraph(name=name) as box: box.attr(**attrs)` writes (a named subgraph
    whose first statement sets `attrs`, sorted by name), without a Digraph per subgraph: making
    one per stack was a fifth of the time to build a 1,000-unit chart."""
    inner = Subgraph()
    pairs = " ".join(
        f"{_quoted(key)}={quote(value) if key in VARYING else _quoted(value)}" for key, value in sorted(attrs.items())
    )
    if pairs:
        inner.body.append(f"\t{pairs}\n")
    yield inner
    graph.body.append(f"\tsubgraph {quote(name)} {{\n")
    graph.body.extend(f"\t{line}" for line in inner.body)
    graph.body.append("\t}\n")


@lru_cache(maxsize=64)
def _template(fixed: tuple[tuple[str, str], ...], varying: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The attribute list of a statement as ("=", key) slots for the varying values and
    ("", text) runs of the fixed ones, in `_attributes`' order (label first, then by name)."""
    keys = sorted({*(key for key, _ in fixed), *varying} - {"label"})
    values = dict(fixed)
    parts: list[tuple[str, str]] = [("=", "label")] if "label" in varying else []
    for key in keys:
        if key in values:
            text = f"{_quoted(key)}={_quoted(values[key])}"
            if parts and parts[-1][0] == "":
                parts[-1] = ("", parts[-1][1] + " " + text)
            else:
                parts.append(("", text))
        else:
            parts.append(("=", key))
    return tuple(parts)


def add_styled_node(
    graph: HasBody, name: str, fixed: tuple[tuple[str, str], ...], varying: Mapping[str, str], indent: str = "\t"
) -> None:
    """`add_node(graph, name, {**dict(fixed), **varying})` for a node whose `fixed` attributes
    (its kind's style) repeat from node to node: their text is made once per style."""
    parts = _template(fixed, tuple(sorted(varying)))
    text = " ".join(f"{key}={quote(varying[key])}" if kind == "=" else key for kind, key in parts)
    graph.body.append(f"{indent}{quote(name)} [{text}]\n")
