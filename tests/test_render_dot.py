"""The fast paths of chart rendering against their oracles: DOT statements written straight into
a Digraph's body are exactly what the graphviz package writes through `Digraph.node()` and
`Digraph.edge()`, and the dark-mode style read from SVG text is the one read from the tree."""

from __future__ import annotations

import warnings
from pathlib import Path

import graphviz
from graphviz.quoting import nohtml
from graphviz.quoting import quote as graphviz_quote
from graphviz.quoting import quote_edge as graphviz_quote_edge
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from orgchart.render.dot import add_edge, add_node, close_rank, cluster, open_rank, quote, quote_edge
from orgchart.render.style import NODE_STYLES

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
        with cluster(ours, f"cluster_{head}", attrs) as box:
            add_node(box, tail, attrs)
        theirs.node(tail, **attrs)
        theirs.edge(tail, head, **attrs)
        with theirs.subgraph() as row:
            row.attr(rank="same")
            row.node(head, **attrs)
        with theirs.subgraph(name=f"cluster_{head}") as named:
            named.attr(**attrs)
            named.node(tail, **attrs)
    assert ours.source == theirs.source


def test_dark_style_read_from_text_is_the_trees(generated_thousand: Path) -> None:
    """The finisher reads the dark-mode colours from Graphviz's text; the tree reading is the oracle."""
    import xml.etree.ElementTree as ET

    import orgchart
    from orgchart.changes.diff import diff
    from orgchart.render.changes import change_chart_dot
    from orgchart.render.dark import dark_css, dark_css_of_svg
    from orgchart.render.figure import figure_digraph
    from orgchart.render.graphviz import layout, to_dot
    from orgchart.render.options import ChartOptions
    from orgchart.render.scope import top_level_divisions

    sources = []
    for dataset in (orgchart.load(), orgchart.load(generated_thousand)):
        for chart in dataset.eras[-2:]:
            for root in [None, *top_level_divisions(chart)[:2]]:
                sources.append(to_dot(chart, root))
                sources.append(figure_digraph(chart, root, None, ChartOptions(overview=True))[0].source)
        sources.append(change_chart_dot(diff(*dataset.eras[-2:])))
    for source in sources:
        raw = layout(source, "svg")
        assert dark_css_of_svg(raw, "#x-chart") == dark_css(ET.fromstring(raw), "#x-chart")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab é-\t\n", "word", "Division", "x" * 20]), max_size=20).map("".join))
def test_label_wrapping_is_textwraps(text: str) -> None:
    import textwrap

    from orgchart.render.labels import WRAP, wrap_line

    wrapper = textwrap.TextWrapper(WRAP, break_long_words=True, break_on_hyphens=False)
    assert wrap_line(text, wrapper) == wrapper.wrap(text)


NAME_TEXT = st.text(
    alphabet=st.sampled_from(list("ab1 .-_:\"\\<>&é移'")) | st.characters(blacklist_categories=("Cc", "Cs")),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    NAME_TEXT, st.none() | NAME_TEXT, st.sampled_from(sorted(NODE_STYLES)), st.lists(st.sampled_from(["added", "x y"]))
)
def test_a_chart_nodes_statement_is_the_packages(name: str, acronym: str | None, kind: str, classes: list[str]) -> None:
    """The node writer's template (a kind's style made into text once) writes what
    `Digraph.node()` writes with the same attributes, whatever the name holds."""
    from pydantic import ValidationError

    from orgchart.dataset.model import Citation, Node
    from orgchart.render.body import add_chart_node, kind_attributes
    from orgchart.render.dot import Names
    from orgchart.render.graphviz import Decorations
    from orgchart.render.labels import node_label, node_tooltip, plain_attribute

    try:
        citation = Citation(source="src", quote=f"{name} is here")
        node = Node(id="a-b.c_1", name=name, kind=kind, acronym=acronym, citations=(citation,))
    except ValidationError:
        assume(False)
    ours, theirs = graphviz.Digraph("g"), graphviz.Digraph("g")
    add_chart_node(ours, node, Decorations(node_classes={node.id: classes}), Names())
    attrs = {
        **dict(kind_attributes(kind)),
        "label": node_label(node),
        "id": "node-a-b.c_1",
        "class": " ".join([f"kind-{kind.replace(' ', '-')}", *classes]),
        "tooltip": plain_attribute(node_tooltip(node)),
    }
    theirs.node(node.id, **attrs)
    assert ours.source == theirs.source
