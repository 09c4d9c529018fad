"""Charts through Graphviz: a `graphviz.Digraph` per era or subtree, then DOT, SVG, PNG, PDF.

Building the graph object, producing DOT text and writing a file are separate steps (as in
erdantic): `to_graphviz()` -> `to_dot()` -> `render_svg()` / `write_chart()`. The construction
(`build_digraph`) takes plain nodes and edges plus optional `Decorations`, so other charts (a
change chart over two eras, an interactive page) reuse it and keep the same ids.

Ids in the SVG (Graphviz `id` attributes), stable across renders:
- node `node-<node id>` (class `node kind-<kind>`),
- edge `edge-<superior>-<KIND>-<subordinate>` with the kind upper-cased, which no node id can
  contain, so the id is unambiguous (class `edge kind-<kind>`, plus `second-parent`),
- stack box `stack-<superior>-<edge kind>-<node kind>`, external bodies' box `externals`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orgchart.atomic import write_bytes_atomic
from orgchart.dataset.model import Edge, Node
from orgchart.errors import OrgChartError
from orgchart.graph import OrgChart
from orgchart.render.bitmap import too_large_message, was_shrunk
from orgchart.render.labels import caption as make_caption
from orgchart.render.labels import node_label, node_title, node_tooltip, plain_attribute
from orgchart.render.placement import placement_lines
from orgchart.render.scope import Scope, select
from orgchart.render.siblings import hold_sibling_order, link_titles, slot_id
from orgchart.render.stack import Stack, edges_drawn_by_box, find_stacks, placing_edges
from orgchart.render.style import FONT, NODE_STYLES, edge_style, verify_format
from orgchart.render.svg import EdgeTitle, StandIn, finish_svg, svg_size

if TYPE_CHECKING:
    import graphviz

    from orgchart.render.dot import HasBody

EdgeKey = tuple[str, str, str]


class RenderError(OrgChartError, RuntimeError):
    """Graphviz failed or is missing; the message says which and how to fix it."""


class ChartTooLargeError(RenderError):
    """The chart is too large for the format asked for (a PNG Graphviz would shrink past
    reading); the message gives its size and what to draw instead."""


@dataclass(frozen=True)
class Decorations:
    """Extra styling a derived chart adds on top of the per-kind styles.

    `node_classes` / `edge_classes` add CSS classes (SVG `class`) per node id / edge key
    (kind, superior, subordinate); `node_attrs` / `edge_attrs` override Graphviz attributes
    (e.g. a red border for a removed node); `legend` adds (colour, text) rows to the caption.
    """

    node_classes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    node_attrs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    edge_classes: Mapping[EdgeKey, Sequence[str]] = field(default_factory=dict)
    edge_attrs: Mapping[EdgeKey, Mapping[str, str]] = field(default_factory=dict)
    legend: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class Caption:
    """The chart's title and the lines under it (date, sources, scope); `heading` false leaves
    title and lines out of the drawing and `legend` false the legend (the SVG keeps its
    accessible title either way)."""

    title: str
    lines: Sequence[str] = ()
    heading: bool = True
    legend: bool = True


def node_svg_id(node_id: str) -> str:
    """The SVG id of a node: `node-<id>`."""
    return f"node-{node_id}"


def edge_svg_id(edge: Edge) -> str:
    """The SVG id of an edge: `edge-<superior>-<KIND>-<subordinate>`."""
    return f"edge-{edge.superior}-{edge.kind.upper()}-{edge.subordinate}"


def era_caption(scope: Scope) -> Caption:
    """The caption of an era chart: era title, date, sources, and the subtree drawn if any."""
    chart = scope.chart
    sources = "; ".join(f"{s.title} ({s.id})" for s in chart.sources)
    lines = [f"{chart.date.label} ({chart.date.precision})  ·  era {chart.id}", f"Sources: {sources}"]
    if scope.root is not None:
        depth = "" if scope.depth is None else f", {scope.depth} level{'s' if scope.depth != 1 else ''} down"
        lines.append(f"Subtree under {scope.root.name}{depth}")
    elif scope.depth is not None:
        lines.append(f"Top {scope.depth} level{'s' if scope.depth != 1 else ''}")
    lines += placement_lines(chart, scope.nodes, scope.edges, whole_era=scope.root is None)
    return Caption(chart.label, tuple(lines))


BOX_ROW: Final[int] = 5
"""Most nodes in one row of the external-bodies box before it wraps into a grid."""

GRAPH_ATTRS: Final[Mapping[str, str]] = {  # tight gaps: whole-era charts are wide, not tall
    "rankdir": "TB",
    "newrank": "true",
    "compound": "true",
    "nodesep": "0.15",
    "ranksep": "0.45",
    "fontname": FONT,
    "labelloc": "t",
    "labeljust": "l",
    "pad": "0.3",
    "bgcolor": "white",
}


def build_digraph(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    caption: Caption,
    *,
    second_parents: Collection[EdgeKey] = (),
    decorations: Decorations | None = None,
    name: str = "orgchart",
    stacks: Sequence[Stack] | None = None,
) -> graphviz.Digraph:
    """A styled `graphviz.Digraph` of `nodes` and `edges` (in the order given); `stacks` are
    `find_stacks(nodes, edges, second_parents)`, given when the caller has them already.

    Wide levels are stacked (see `orgchart.render.stack`); external bodies sit in a box of
    their own; `second_parents` (edge keys) are drawn dotted and labelled.
    """
    import graphviz

    extra = decorations or Decorations()
    kinds = {node.id: node.kind for node in nodes}
    graph = graphviz.Digraph(name, graph_attr=dict(GRAPH_ATTRS), strict=False)
    graph.attr("node", fontname=FONT, margin="0.12,0.06")
    graph.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7")
    edge_kinds: set[str] = {edge.kind for edge in edges if edge.key not in second_parents}
    if any(edge.key in second_parents for edge in edges):
        edge_kinds.add("second parent")
    label = make_caption(
        caption.title,
        caption.lines,
        kinds.values(),
        edge_kinds,
        show_heading=caption.heading,
        show_legend=caption.legend,
    )
    if extra.legend and label:
        label = _with_extra_legend(label, extra.legend)
    if label:
        graph.attr(label=label)

    stacks = find_stacks(nodes, edges, second_parents) if stacks is None else stacks
    stacked = {member: stack for stack in stacks for member in stack.members}
    by_id = {node.id: node for node in nodes}
    linked = {edge.superior for edge in edges} | {edge.subordinate for edge in edges}
    externals = [node for node in nodes if node.kind == "external body"]
    alone = [node for node in nodes if node.id not in linked and node.kind != "external body"]
    if len(nodes) == 1:
        alone = []
    for node in nodes:
        if node.id not in stacked and node.kind != "external body" and node not in alone:
            _add_node(graph, node, extra)
    for stack in stacks:
        _add_stack(graph, stack, by_id, extra)
    _add_box(graph, "externals", "Outside the organization", externals, extra)
    _add_box(graph, "unrelated", "Related to no other entity by the document", alone, extra)
    by_box = edges_drawn_by_box(edges, stacks)
    placing = {edge.key for edge in placing_edges(edges)}
    for edge in edges:
        if edge.key not in by_box:
            _add_edge(graph, edge, edge.key in second_parents, stacked, extra, edge.key in placing)
    hold_sibling_order(graph, edges, stacks, second_parents, {node.id for node in (*externals, *alone)})
    return graph


def _add_box(graph: graphviz.Digraph, box_id: str, label: str, nodes: Sequence[Node], extra: Decorations) -> None:
    """A dashed box of nodes set apart from the hierarchy (external bodies, unrelated nodes),
    laid out as a grid so that a dozen partners do not make one very wide row."""
    if not nodes:
        return
    width = len(nodes) if len(nodes) <= BOX_ROW else math.ceil(math.sqrt(2 * len(nodes)))
    rows = [[node.id for node in nodes[start : start + width]] for start in range(0, len(nodes), width)]
    by_id = {node.id: node for node in nodes}
    from orgchart.render.dot import cluster

    attrs = {
        "id": box_id, "label": label, "style": "rounded,dashed", "color": "#888888", "fontcolor": "#555555",
        "fontsize": "10", "margin": "10",
    }  # fmt: skip
    with cluster(graph, f"cluster_{box_id}", attrs) as box:
        _add_grid(box, rows, by_id, extra)


def _add_grid(box: HasBody, rows: Sequence[Sequence[str]], by_id: Mapping[str, Node], extra: Decorations) -> None:
    """Nodes in a grid: each row `rank=same` and ordered by invisible flat edges, each column
    a chain of invisible edges, so the grid keeps its shape and era order."""
    from orgchart.render.dot import add_edge, close_rank, open_rank

    for row in rows:
        open_rank(box)
        for member in row:
            _add_node(box, by_id[member], extra, indent="\t\t")
        for left, right in pairwise(row):
            add_edge(box, left, right, {"style": "invis"}, indent="\t\t")
        close_rank(box)
    for upper, lower in pairwise(rows):
        for above, below in zip(upper, lower, strict=False):
            add_edge(box, above, below, {"style": "invis", "weight": "10"})


def _add_node(graph: HasBody, node: Node, extra: Decorations, indent: str = "\t") -> None:
    from orgchart.render.dot import add_node, add_styled_node

    style = NODE_STYLES[node.kind]
    classes = " ".join(["kind-" + node.kind.replace(" ", "-"), *extra.node_classes.get(node.id, ())])
    varying = {
        "label": node_label(node),
        "id": node_svg_id(node.id),
        "class": classes,
        "tooltip": plain_attribute(node_tooltip(node)),
    }
    fixed = (
        ("shape", style.shape),
        ("style", style.style),
        ("fillcolor", style.fill),
        ("color", style.border),
        ("penwidth", str(style.penwidth)),
        *((("margin", style.margin),) if style.margin else ()),
    )
    if node.id in extra.node_attrs:
        add_node(graph, node.id, {**dict(fixed), **varying, **extra.node_attrs[node.id]}, indent)
    else:
        add_styled_node(graph, node.id, fixed, varying, indent)


def _add_stack(graph: graphviz.Digraph, stack: Stack, by_id: Mapping[str, Node], extra: Decorations) -> None:
    """A stack: its members in a grid inside one box. Columns are chains of invisible edges,
    rows are `rank=same`, so the grid stays put whatever the rest of the chart does."""
    from orgchart.render.dot import cluster

    attrs = {
        "id": f"stack-{stack.key}", "label": stack.label, "style": "rounded,filled", "fillcolor": "#fafafa",
        "color": "#aaaaaa", "fontsize": "10", "fontcolor": "#555555", "margin": "8",
    }  # fmt: skip
    with cluster(graph, f"cluster_stack_{stack.key}", attrs) as box:
        _add_grid(box, stack.rows, by_id, extra)


def _add_edge(
    graph: graphviz.Digraph,
    edge: Edge,
    second_parent: bool,
    stacked: Mapping[str, Stack],
    extra: Decorations,
    placing: bool,
) -> None:
    style = edge_style(edge.kind, second_parent=second_parent)
    classes = ["kind-" + edge.kind, *(["second-parent"] if second_parent else [])]
    classes += extra.edge_classes.get(edge.key, ())
    attrs = {
        "id": edge_svg_id(edge),
        "class": " ".join(classes),
        "color": style.color,
        "style": style.style,
        "penwidth": str(style.penwidth),
        "arrowhead": style.arrowhead,
        "tooltip": plain_attribute(f"{edge.superior} → {edge.subordinate}: {style.label}"),
    }
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
    stack = stacked.get(edge.subordinate)
    if stack is not None and stack.superior == edge.superior and edge.kind == stack.edge_kind:
        # The first member's edge ends at the stack's box and stands for all of them (the
        # others are not laid out: see `edges_drawn_by_box`).
        attrs["lhead"] = f"cluster_stack_{stack.key}"
    attrs.update(extra.edge_attrs.get(edge.key, {}))
    tail = edge.superior
    if "lhead" in attrs and stack is not None:
        tail = slot_id(stack)  # the stack's slot (see orgchart.render.siblings) stands for the superior
        attrs["tailclip"] = "false"
    from orgchart.render.dot import add_edge

    add_edge(graph, tail, edge.subordinate, attrs)


def _with_extra_legend(label: str, rows: Sequence[tuple[str, str]]) -> str:
    import html

    cells = "".join(
        f'<TD BGCOLOR="{html.escape(color)}" WIDTH="14"> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">'
        f"{html.escape(text)}</FONT></TD>"
        for color, text in rows
    )
    extra_row = f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="4"><TR>{cells}</TR></TABLE></TD></TR>'
    return label[: -len("</TABLE>>")] + extra_row + "</TABLE>>"


def to_graphviz(
    chart: OrgChart,
    root: str | Node | None = None,
    depth: int | None = None,
    *,
    decorations: Decorations | None = None,
    caption: Caption | None = None,
) -> graphviz.Digraph:
    """The era (or the subtree under `root`, `depth` levels down) as a styled Digraph.

    Raises:
        NotFoundError, AmbiguousError: `root` names no node, or several.

    Example:
        >>> dot = to_graphviz(orgchart.load().latest, root="ERO", depth=1)
        >>> dot.pipe(format="svg")  # doctest: +SKIP
    """
    scope = select(chart, root, depth)
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    return build_digraph(
        scope.nodes,
        scope.edges,
        caption or era_caption(scope),
        second_parents=second,
        decorations=decorations,
        name=chart.id,
    )


def to_dot(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> str:
    """The chart as DOT text (deterministic: the same data gives the same text)."""
    return to_graphviz(chart, root, depth).source


def layout(dot_source: str, format: str, *, engine: str = "dot", pinned: bool = False) -> bytes:
    """Run Graphviz's `dot` (or `engine`) on DOT text and return the output bytes; `pinned`
    keeps the positions the nodes and edges give (`neato -n2`).

    Raises:
        RenderError: `dot` is missing or fails.
        ChartTooLargeError: a PNG that Graphviz shrank to fit its 32,767-pixel limit (see
            `orgchart.render.bitmap`).
    """
    import graphviz  # the graphviz package runs `dot`; imported only when a chart is drawn

    try:
        # One write of the whole text: `Source.pipe` writes it line by line, which cost 0.08 s
        # of 7,565 writes on a 1,258-unit chart.
        output: bytes = graphviz.pipe(
            engine, format, dot_source.encode("utf-8"), quiet=True, neato_no_op=2 if pinned else None
        )
    except graphviz.ExecutableNotFound:
        raise RenderError(
            "Graphviz's `dot` is not installed; install Debian's graphviz package (`apt-get install graphviz`)"
        ) from None
    except graphviz.CalledProcessError as error:
        message = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz `dot -T{format}` failed: {message}") from None
    if format == "png" and was_shrunk(output):
        raise ChartTooLargeError(too_large_message(*svg_size(layout(dot_source, "svg"))))
    return output


def edge_titles(chart: OrgChart, scope: Scope, stacks: Sequence[Stack] | None = None) -> dict[str, EdgeTitle]:
    """The accessible titles of the edges drawn, and of the lines to the stacks (`stacks`:
    the scope's, when the caller has them), by SVG id."""
    names = {node.id: node.name for node in scope.nodes}
    titles = {
        edge_svg_id(edge): EdgeTitle(
            names[edge.superior],
            names[edge.subordinate],
            edge_style(edge.kind, second_parent=chart.is_second_parent(edge)).label,
        )
        for edge in scope.edges
    }
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    return {**titles, **link_titles(scope.nodes, scope.edges, second, stacks)}


def stand_ins(
    scope: Scope, second: Collection[EdgeKey], titles: Mapping[str, EdgeTitle], stacks: Sequence[Stack] | None = None
) -> list[StandIn]:
    """The edges a stack's box draws for, as titled empty groups (class `stacked`)."""
    found = find_stacks(scope.nodes, scope.edges, second) if stacks is None else stacks
    by_box = edges_drawn_by_box(scope.edges, found)
    return [
        StandIn(edge_svg_id(edge), f"edge kind-{edge.kind} stacked", titles[edge_svg_id(edge)])
        for edge in scope.edges
        if edge.key in by_box
    ]


def render_svg(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> bytes:
    """The chart as an accessible SVG: a `<title>` and `<desc>`, every node and edge titled
    with names (an edge that a stack's box draws for is an empty titled group of class
    `stacked`), Graphviz's version comment removed so output is byte-stable."""
    scope = select(chart, root, depth)
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    caption = era_caption(scope)
    stacks = find_stacks(scope.nodes, scope.edges, second)
    graph = build_digraph(scope.nodes, scope.edges, caption, second_parents=second, name=chart.id, stacks=stacks)
    raw = layout(graph.source, "svg")
    description = (
        f"Organizational chart with {len(scope.nodes)} entities and {len(scope.edges)} relations. "
        + " ".join(caption.lines)
    )
    titles = {node_svg_id(node.id): node_title(node) for node in scope.nodes}
    edges = edge_titles(chart, scope, stacks)
    others = stand_ins(scope, second, edges, stacks)
    return finish_svg(raw, caption.title, description, titles, edges, stand_ins=others)


def render_png(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> bytes:
    """The chart as a PNG image."""
    return layout(to_dot(chart, root, depth), "png")


def render_pdf(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> bytes:
    """The chart as a PDF document."""
    return layout(to_dot(chart, root, depth), "pdf")


def render_chart(chart: OrgChart, format: str, root: str | Node | None = None, depth: int | None = None) -> bytes:
    """The chart in any format of `orgchart.render.style.FORMATS`, as bytes (text is UTF-8).

    Raises:
        UnknownFormatError: `format` is not a known format.
    """
    wanted = verify_format(format)
    if wanted == "svg":
        return render_svg(chart, root, depth)
    if wanted in ("png", "pdf"):
        return layout(to_dot(chart, root, depth), wanted)
    if wanted == "dot":
        return to_dot(chart, root, depth).encode("utf-8")
    from orgchart.render.mermaid import to_mermaid

    return to_mermaid(chart, root, depth).encode("utf-8")


def write_chart(
    chart: OrgChart, path: str | Path, format: str, root: str | Node | None = None, depth: int | None = None
) -> Path:
    """Render the chart and write it to `path` atomically: a failed render writes nothing.

    Raises:
        UnknownFormatError, RenderError, NotFoundError, OutputError.
    """
    return write_bytes_atomic(path, render_chart(chart, format, root, depth))
