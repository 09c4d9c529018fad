"""Node and edge statements written straight into a `graphviz.Digraph`'s body: byte for byte
what `Digraph.node()` and `Digraph.edge()` write, with the graphviz package's own quoting.

Why: on a generated 1,258-unit agency, `render_svg` spent 0.43 s building the Digraph against
0.67 s for Graphviz's whole layout of it (cProfile: 37,532 `quote()` calls and 50,617 passes
through the package's argument-checking wrapper). Most attribute values repeat (one style per
kind), so each distinct value is quoted once (`_quoted`, a bounded cache of a pure function)
and each statement is one f-string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Protocol

from graphviz.quoting import HTML_STRING, ID, KEYWORDS, NoHtml
from graphviz.quoting import quote as graphviz_quote


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


LONGEST_QUOTED: Final[int] = 16_384
"""Graphviz's scanner refuses a quoted string longer than this many bytes ("syntax error [...]
scanning a quoted string (missing endquote? longer than 16384?)"): a side-by-side group of
1,400 added offices carries every id in its class and every name in its tooltip."""
_PIECE: Final[int] = LONGEST_QUOTED // 4  # characters: at most 4 bytes each in UTF-8
_LONG_RUN: Final = re.compile(r'"(?:[^"\\]|\\.){' + str(_PIECE) + r',}"', re.DOTALL)
"""A quick test that finds every long quoted string (and a few long runs between strings)."""
_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|<(?:[^<>]|<[^<>]*>)*>', re.DOTALL)
"""A quoted string, or an HTML-like label (whose tags quote their attributes), from the start."""


def readable_by_graphviz(source: str) -> str:
    """`source` with every quoted string too long for Graphviz's scanner written as pieces
    joined by DOT's `+` (`"abc" + "def"` is the string "abcdef"), so the text means the same
    and Graphviz reads it; other text is returned as it is."""
    if len(source) <= _PIECE or not _LONG_RUN.search(source):
        return source
    return _TOKEN.sub(_split_if_long, source)


def _split_if_long(found: re.Match[str]) -> str:
    token = found.group()
    if token[0] != '"' or len(token) <= _PIECE:
        return token
    return _pieces(token[1:-1])


def _pieces(text: str) -> str:
    if len(text.encode("utf-8")) <= LONGEST_QUOTED:
        return f'"{text}"'
    pieces, start = [], 0
    while start < len(text):
        end = min(start + _PIECE, len(text))
        while end < len(text) and _ends_in_escape(text, start, end):
            end += 1  # never cut between a backslash and the character it escapes
        pieces.append(f'"{text[start:end]}"')
        start = end
    return " + ".join(pieces)


def _ends_in_escape(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends in an odd run of backslashes (an escape cut in two)."""
    run = 0
    while end - run - 1 >= start and text[end - run - 1] == "\\":
        run += 1
    return run % 2 == 1


class Names(dict[str, str]):
    """DOT names as edge statements write them (`quote_edge`), each quoted once per chart: a
    node's name comes back in its grid's, its sibling chain's and its own edges (3,500 names
    quoted per 1,000-unit chart). One per chart, never shared between calls."""

    def __missing__(self, name: str) -> str:
        quoted = self[name] = quote_edge(name)
        return quoted


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


def add_edge(
    graph: HasBody,
    tail: str,
    head: str,
    attrs: Mapping[str, str | None],
    indent: str = "\t",
    names: Names | None = None,
) -> None:
    """The same statement as `graph.edge(tail, head, **attrs)` in a directed graph (`names`:
    the chart's quoted names, when the caller keeps them)."""
    ends = f"{quote_edge(tail)} -> {quote_edge(head)}" if names is None else f"{names[tail]} -> {names[head]}"
    graph.body.append(f"{indent}{ends}{_attributes(attrs)}\n")


@lru_cache(maxsize=256)
def fixed_attributes(attrs: tuple[tuple[str, str], ...]) -> str:
    """` [a=b ...]` of attributes that many statements share (an invisible edge's), made once."""
    return _attributes(dict(attrs))


def add_fixed_node(graph: HasBody, name: str, attrs: tuple[tuple[str, str], ...], names: Names) -> None:
    """`add_node` with attributes that many nodes share (`fixed_attributes`); `names` quote
    node names as edges do, the same for names without ":"."""
    if ":" in name:
        add_node(graph, name, dict(attrs))
    else:
        graph.body.append(f"\t{names[name]}{fixed_attributes(attrs)}\n")


def add_fixed_edge(
    graph: HasBody, tail: str, head: str, attrs: tuple[tuple[str, str], ...], names: Names, indent: str = "\t"
) -> None:
    """`add_edge` with attributes that many edges share (`fixed_attributes`)."""
    graph.body.append(f"{indent}{names[tail]} -> {names[head]}{fixed_attributes(attrs)}\n")


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
    graph.body.extend(map("\t".__add__, inner.body))  # each line one tab further in
    graph.body.append("\t}\n")


@lru_cache(maxsize=64)
def attribute_template(fixed: tuple[tuple[str, str], ...], varying: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The attribute list of a statement in `_attributes`' order (label first, then by name),
    as a format string with a field for each varying value, and the varying keys in the order
    of the fields. The fixed values' text is made here, once per style."""
    keys = sorted({*(key for key, _ in fixed), *varying} - {"label"})
    values = dict(fixed)
    order = ["label"] if "label" in varying else []
    parts = ["label={}"] if "label" in varying else []
    for key in keys:
        if key in values:
            parts.append(f"{_quoted(key)}={_quoted(values[key])}".replace("{", "{{").replace("}", "}}"))
        else:
            parts.append(f"{_quoted(key)}={{}}")
            order.append(key)
    return " ".join(parts), tuple(order)


def add_styled_statement(
    graph: HasBody, ends: str, fixed: tuple[tuple[str, str], ...], quoted: Mapping[str, str], indent: str = "\t"
) -> None:
    """A node or edge statement whose `fixed` attributes (a kind's style) repeat from statement
    to statement: their text is made once per style. `ends` is the statement's quoted node
    name (`quote`) or its `tail -> head` (`quote_edge`), `quoted` the other attributes, their
    values quoted already (`quote`), given in the same order each time. The same text as
    `add_node(graph, name, {**dict(fixed), **values})` (tests/test_render_dot.py)."""
    text, order = attribute_template(fixed, tuple(quoted))
    graph.body.append(f"{indent}{ends} [{text.format(*[quoted[key] for key in order])}]\n")


def quote_repeated(value: str) -> str:
    """`quote(value)` for a value that many statements share (a class list), made once."""
    return _quoted(value)
