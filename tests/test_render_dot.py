"""DOT statements written straight into a Digraph's body are exactly what the graphviz package
writes through `Digraph.node()` and `Digraph.edge()` (the package is the oracle)."""

from __future__ import annotations

import warnings

import graphviz
from graphviz.quoting import nohtml
from graphviz.quoting import quote as graphviz_quote
from graphviz.quoting import quote_edge as graphviz_quote_edge
from hypothesis import given, settings
from hypothesis import strategies as st

from orgchart.render.dot import add_edge, add_node, close_rank, open_rank, quote, quote_edge

# Text with every character DOT quoting cares about, often.
DOT_TEXT = st.text(alphabet=st.sampled_from(list('ab1 .-_:"\\<>\n&é移')) | st.characters(), max_size=30)
ATTRS = st.dictionaries(st.sampled_from(["label", "id", "class", "tooltip", "color", "node"]), DOT_TEXT, max_size=5)


@settings(max_examples=200, deadline=None)
@given(DOT_TEXT)
def test_quote_is_graphviz_quote(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # graphviz warns about a trailing backslash; so do we
        assert quote(text) == graphviz_quote(text)
        assert quote(nohtml(text)) == graphviz_quote(nohtml(text))
        assert quote_edge(text) == graphviz_quote_edge(text)


@settings(max_examples=80, deadline=None)
@given(DOT_TEXT, DOT_TEXT, ATTRS)
def test_statements_are_the_packages_statements(tail: str, head: str, attrs: dict[str, str]) -> None:
    ours, theirs = graphviz.Digraph("g"), graphviz.Digraph("g")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        add_node(ours, tail, attrs)
        add_edge(ours, tail, head, attrs)
        open_rank(ours)
        add_node(ours, head, attrs, indent="\t\t")
        close_rank(ours)
        theirs.node(tail, **attrs)
        theirs.edge(tail, head, **attrs)
        with theirs.subgraph() as row:
            row.attr(rank="same")
            row.node(head, **attrs)
    assert ours.source == theirs.source
