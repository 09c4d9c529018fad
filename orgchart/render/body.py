"""The statements of a chart's DOT body: its nodes, the grids of stacks and boxes, its edges.

`orgchart.render.graphviz.build_digraph` decides what is drawn; this module writes it, through
`orgchart.render.dot` (statements as the graphviz package writes them, faster). It imports the
graphviz package's quoting, so `build_digraph` imports it when a chart is built, never before.

Why it is written the way it is (profile of `render_svg` at 1,000 generated units: the DOT took
32 ms of the 58 ms our own code spent around Graphviz's 200-250 ms): each name is quoted once
per chart (`Names`), the attributes that many statements share (a kind's style, an invisible
grid edge's) are made once, and a label's pieces skip escaping when they hold nothing to escape.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from string import Formatter
from typing import TYPE_CHECKING, Final

from orgchart.dataset.model import Edge, Node
from orgchart.render.dot import (
    CLUSTER_END,
    HasBody,
    Names,
    add_edge,
    add_node,
    attribute_template,
    cluster_head,
    fixed_attributes,
    quote,
    quote_repeated,
)
from orgchart.render.ids import edge_svg_id, node_svg_id
from orgchart.render.labels import node_label, node_tooltip, plain_attribute
from orgchart.render.siblings import slot_id
from orgchart.render.stack import Stack
from orgchart.render.style import NODE_STYLES, edge_style

if TYPE_CHECKING:
    from orgchart.render.graphviz import Decorations

BOX_ROW: Final[int] = 5
"""Most nodes in one row of the external-bodies box before it wraps into a grid."""

ROW_LINK: Final[tuple[tuple[str, str], ...]] = (("style", "invis"),)
"""The invisible edge between neighbours in a grid row."""
COLUMN_LINK: Final[tuple[tuple[str, str], ...]] = (("style", "invis"), ("weight", "10"))
"""The invisible edge down a grid column."""


def add_box(graph: HasBody, box_id: str, label: str, nodes: Sequence[Node], extra: Decorations, names: Names) -> None:
    """A dashed box of nodes set apart from the hierarchy (external bodies, unrelated nodes),
    laid out as a grid so that a dozen partners do not make one very wide row."""
    if not nodes:
        return
    width = len(nodes) if len(nodes) <= BOX_ROW else math.ceil(math.sqrt(2 * len(nodes)))
    rows = [[node.id for node in nodes[start : start + width]] for start in range(0, len(nodes), width)]
    by_id = {node.id: node for node in nodes}
    attrs = {
        "id": box_id, "label": label, "style": "rounded,dashed", "color": "#888888", "fontcolor": "#555555",
        "fontsize": "10", "margin": "10",
    }  # fmt: skip
    graph.body += cluster_head(f"cluster_{box_id}", attrs)
    add_grid(graph, rows, by_id, extra, names, "\t\t")
    graph.body.append(CLUSTER_END)


def add_stack(graph: HasBody, stack: Stack, by_id: Mapping[str, Node], extra: Decorations, names: Names) -> None:
    """A stack: its members in a grid inside one box. Columns are chains of invisible edges,
    rows are `rank=same`, so the grid stays put whatever the rest of the chart does."""
    attrs = {
        "id": f"stack-{stack.key}", "label": stack.label, "style": "rounded,filled", "fillcolor": "#fafafa",
        "color": "#aaaaaa", "fontsize": "10", "fontcolor": "#555555", "margin": "8",
    }  # fmt: skip
    graph.body += cluster_head(f"cluster_stack_{stack.key}", attrs)
    add_grid(graph, stack.rows, by_id, extra, names, "\t\t")
    graph.body.append(CLUSTER_END)


def add_grid(
    box: HasBody,
    rows: Sequence[Sequence[str]],
    by_id: Mapping[str, Node],
    extra: Decorations,
    names: Names,
    indent: str = "\t",
) -> None:
    """Nodes in a grid: each row `rank=same` and ordered by invisible flat edges, each column
    a chain of invisible edges, so the grid keeps its shape and era order. `indent`: the
    statements' (one tab more in a cluster written into its graph's body, `cluster_head`)."""
    inner = indent + "\t"
    rank = [f"{indent}{{\n", f"{inner}rank=same\n"]  # what `open_rank` writes, indented
    row_link, column_link = fixed_attributes(ROW_LINK), fixed_attributes(COLUMN_LINK)
    body = box.body
    for row in rows:
        body += rank
        for member in row:
            add_chart_node(box, by_id[member], extra, names, inner)
        for left, right in pairwise(row):  # what `add_fixed_edge` writes
            body.append(f"{inner}{names[left]} -> {names[right]}{row_link}\n")
        body.append(f"{indent}}}\n")
    for upper, lower in pairwise(rows):
        for above, below in zip(upper, lower, strict=False):
            body.append(f"{indent}{names[above]} -> {names[below]}{column_link}\n")


@lru_cache(maxsize=64)
def kind_attributes(kind: str) -> tuple[tuple[str, str], ...]:
    """The Graphviz attributes of a node kind's style (`orgchart.render.style.NODE_STYLES`)."""
    style = NODE_STYLES[kind]
    return (
        ("shape", style.shape),
        ("style", style.style),
        ("fillcolor", style.fill),
        ("color", style.border),
        ("penwidth", str(style.penwidth)),
        *((("margin", style.margin),) if style.margin else ()),
    )


NODE_VARYING: Final[tuple[str, ...]] = ("label", "class", "id", "tooltip")
"""A node statement's attributes that are not its kind's style, in the order its text has them."""


@lru_cache(maxsize=64)
def node_template(kind: str) -> str:
    """A node statement's attribute list for a node of `kind`, as a format string with a field
    for each of `NODE_VARYING` (quoted values), the kind's style made into text once."""
    text, order = attribute_template(kind_attributes(kind), NODE_VARYING)
    if order != NODE_VARYING:
        raise AssertionError(f"a style attribute sorts among a node's own: {order}")
    return text


@lru_cache(maxsize=64)
def kind_text(kind: str) -> tuple[str, str, str, str]:
    """A node of `kind`'s attribute list (`node_template`) cut around its label, SVG id and
    tooltip, its class list filled in, when no decoration adds a class: text made once per
    kind, put together with an f-string (formatting the template parsed it for every node)."""
    parsed = list(Formatter().parse(node_template(kind)))
    pieces = [literal for literal, _, _, _ in parsed] + ([""] if parsed[-1][1] is not None else [])
    if len(pieces) != 5:
        raise AssertionError(f"a node's attribute list has {len(pieces) - 1} fields, not 4")
    classes = quote_repeated("kind-" + kind.replace(" ", "-"))
    return pieces[0], pieces[1] + classes + pieces[2], pieces[3], pieces[4]


def add_chart_node(graph: HasBody, node: Node, extra: Decorations, names: Names, indent: str = "\t") -> None:
    """A node's statement: its kind's style, label, SVG id, classes and tooltip (the same text
    as `graph.node(...)` with those attributes: tests/test_render_dot.py)."""
    label, tooltip = node_label(node), node_tooltip(node)
    if "&" in tooltip or "\\" in tooltip:
        tooltip = plain_attribute(tooltip)
    added = extra.node_classes.get(node.id) if extra.node_classes else None
    if extra.node_attrs and node.id in extra.node_attrs:
        kind_class = "kind-" + node.kind.replace(" ", "-")
        classes = " ".join([kind_class, *added]) if added else kind_class
        varying = {"label": label, "id": node_svg_id(node.id), "class": classes, "tooltip": tooltip}
        add_node(graph, node.id, {**dict(kind_attributes(node.kind)), **varying, **extra.node_attrs[node.id]}, indent)
        return
    # The label is HTML-like (`node_label`): written as it is. An SVG id is quoted ("node-" is
    # no bare DOT id) and holds nothing to escape (`orgchart.dataset.text.ID_PATTERN`). A
    # tooltip ends in ")" (`node_tooltip`): neither a bare DOT id nor an HTML string, so `quote`
    # only puts it in quotes, unless it holds one.
    quoted = f'"{tooltip}"' if tooltip.endswith(")") and '"' not in tooltip else quote(tooltip)
    name = names[node.id]  # ids hold no ":": names quote them as nodes
    if added:
        classes = quote_repeated(" ".join(["kind-" + node.kind.replace(" ", "-"), *added]))
        attributes = node_template(node.kind).format(label, classes, f'"node-{node.id}"', quoted)
        graph.body.append(f"{indent}{name} [{attributes}]\n")
        return
    before, after_label, after_id, after_tooltip = kind_text(node.kind)
    graph.body.append(
        f'{indent}{name} [{before}{label}{after_label}"node-{node.id}"{after_id}{quoted}{after_tooltip}]\n'
    )


@lru_cache(maxsize=256)
def edge_attributes(kind: str, second_parent: bool, placing: bool, boxed: bool) -> tuple[tuple[str, str], ...]:
    """The Graphviz attributes of an edge that depend only on its kind and its role: its kind's
    style; a second parent's label, set off the line; a working relation that does not place
    its end kept out of the ranking; `boxed`: the edge ends at a stack's box (from its slot)."""
    style = edge_style(kind, second_parent=second_parent)
    attrs = {"color": style.color, "style": style.style, "penwidth": str(style.penwidth), "arrowhead": style.arrowhead}
    if style.direction != "forward":
        attrs.update(dir=style.direction, arrowtail=style.arrowtail)
    if second_parent:
        # A tail label set off the line at an angle: as an `xlabel`, dot put the words on the
        # edge's own dotted line (tests/test_render_defects.py measures it).
        attrs.update(
            taillabel="2nd parent", labeldistance="3", labelangle="-25", fontcolor=style.color, constraint="false"
        )
    elif not placing:
        # Working relations rank nobody below anybody: they must not bend the hierarchy. They
        # do place a node that has no superior (a partner, an external body) below its partner.
        attrs["constraint"] = "false"
    if boxed:
        attrs["tailclip"] = "false"
    return tuple(attrs.items())


def add_chart_edge(
    graph: HasBody,
    edge: Edge,
    second_parent: bool,
    stacked: Mapping[str, Stack],
    extra: Decorations,
    placing: bool,
    names: Names,
) -> None:
    """An edge's statement: its style (`edge_attributes`), SVG id, classes and tooltip; the
    first member's edge of a stack drawn from the stack's slot to its box."""
    key = edge.key
    style = edge_style(edge.kind, second_parent=second_parent)
    added = extra.edge_classes.get(key, ()) if extra.edge_classes else ()
    classes = " ".join(["kind-" + edge.kind, *(["second-parent"] if second_parent else []), *added])
    varying = {
        "id": edge_svg_id(edge),
        "class": classes,
        "tooltip": plain_attribute(f"{edge.superior} → {edge.subordinate}: {style.label}"),
    }
    stack = stacked.get(edge.subordinate)
    boxed = stack is not None and stack.superior == edge.superior and edge.kind == stack.edge_kind
    if boxed and stack is not None:
        # The first member's edge ends at the stack's box and stands for all of them (the
        # others are not laid out: see `edges_drawn_by_box`); the stack's slot (see
        # orgchart.render.siblings) stands for the superior.
        varying["lhead"] = f"cluster_stack_{stack.key}"
    if extra.edge_attrs and key in extra.edge_attrs:
        attrs = {**dict(edge_attributes(edge.kind, second_parent, placing, False)), **varying}
        attrs.update(extra.edge_attrs[key])
        tail = edge.superior
        if "lhead" in attrs and stack is not None:
            tail, attrs["tailclip"] = slot_id(stack), "false"
        add_edge(graph, tail, edge.subordinate, attrs, names=names)
        return
    tail = slot_id(stack) if boxed and stack is not None else edge.superior
    text, order = edge_template(edge.kind, second_parent, placing, boxed)
    quoted = {key: quote_repeated(value) if key == "class" else quote(value) for key, value in varying.items()}
    graph.body.append(
        f"\t{names[tail]} -> {names[edge.subordinate]} [{text.format(*[quoted[key] for key in order])}]\n"
    )


@lru_cache(maxsize=256)
def edge_template(kind: str, second_parent: bool, placing: bool, boxed: bool) -> tuple[str, tuple[str, ...]]:
    """`attribute_template` of an edge statement in `add_chart_edge`: its fixed attributes
    (`edge_attributes`) made into text once per kind and role, not looked up by their text
    (hashing the attributes of each of a chart's edges cost more than writing it)."""
    return attribute_template(edge_attributes(kind, second_parent, placing, boxed), EDGE_VARYING[boxed])


EDGE_VARYING: Final[Mapping[bool, tuple[str, ...]]] = {
    False: ("id", "class", "tooltip"),
    True: ("id", "class", "tooltip", "lhead"),
}
"""An edge statement's attributes that are not its style, in the order `add_chart_edge` makes them
(with `lhead` when the edge ends at a stack's box)."""
