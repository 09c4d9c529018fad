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

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orgchart.atomic import write_bytes_atomic
from orgchart.dataset.model import Edge, Node
from orgchart.errors import OrgChartError
from orgchart.graph import OrgChart
from orgchart.render.bitmap import too_large_message, was_shrunk
from orgchart.render.dot import readable_by_graphviz
from orgchart.render.ids import edge_svg_id as edge_svg_id
from orgchart.render.ids import node_svg_id as node_svg_id
from orgchart.render.labels import caption as make_caption
from orgchart.render.labels import node_title
from orgchart.render.placement import placement_lines
from orgchart.render.scope import Scope, select
from orgchart.render.siblings import hold_sibling_order, link_titles
from orgchart.render.stack import Stack, edges_drawn_by_box, find_stacks, placing_edges
from orgchart.render.style import FONT, edge_style, verify_format
from orgchart.render.svg import EdgeTitle, StandIn, finish_svg, svg_size

if TYPE_CHECKING:
    import graphviz


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
    drawn_by_box: Collection[EdgeKey] | None = None,
) -> graphviz.Digraph:
    """A styled `graphviz.Digraph` of `nodes` and `edges` (in the order given); `stacks` are
    `find_stacks(nodes, edges, second_parents)` and `drawn_by_box` `edges_drawn_by_box(edges,
    stacks)`, given when the caller has them already.

    Wide levels are stacked (see `orgchart.render.stack`); external bodies sit in a box of
    their own; `second_parents` (edge keys) are drawn dotted and labelled.
    """
    import graphviz

    from orgchart.render.body import add_box, add_chart_edge, add_chart_node, add_stack
    from orgchart.render.dot import Names

    extra = decorations or Decorations()
    kinds = {node.id: node.kind for node in nodes}
    graph = graphviz.Digraph(name, graph_attr=dict(GRAPH_ATTRS), strict=False)
    graph.attr("node", fontname=FONT, margin="0.12,0.06")
    graph.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7")
    edge_kinds: set[str] = {edge.kind for edge in edges if not second_parents or edge.key not in second_parents}
    if second_parents and any(edge.key in second_parents for edge in edges):
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
    names = Names()
    set_apart = {node.id for node in (*externals, *alone)}
    for node in nodes:
        if node.id not in stacked and node.id not in set_apart:
            add_chart_node(graph, node, extra, names)
    for stack in stacks:
        add_stack(graph, stack, by_id, extra, names)
    add_box(graph, "externals", "Outside the organization", externals, extra, names)
    add_box(graph, "unrelated", "Related to no other entity by the document", alone, extra, names)
    by_box = edges_drawn_by_box(edges, stacks) if drawn_by_box is None else drawn_by_box
    placing = placing_edges(edges)
    placing_keys = {edge.key for edge in placing}
    for edge in edges:
        key = edge.key
        if key not in by_box:
            add_chart_edge(graph, edge, key in second_parents, stacked, extra, key in placing_keys, names)
    hold_sibling_order(graph, edges, stacks, second_parents, set_apart, names, placing)
    return graph


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
    return readable_by_graphviz(to_graphviz(chart, root, depth).source)


SCANNER_LIMIT: Final[str] = "longer than 16384?"
"""What Graphviz says when a quoted string is too long for its scanner (see `readable_by_graphviz`)."""


def layout(dot_source: str, format: str, *, engine: str = "dot", pinned: bool = False) -> bytes:
    """Run Graphviz's `dot` (or `engine`) on DOT text and return the output bytes; `pinned`
    keeps the positions the nodes and edges give (`neato -n2`).

    Raises:
        RenderError: `dot` is missing or fails.
        ChartTooLargeError: a PNG that Graphviz shrank to fit its 32,767-pixel limit (see
            `orgchart.render.bitmap`).
    """
    try:
        output = _run_graphviz(engine, format, dot_source.encode("utf-8"), pinned)
    except RenderError as refused:
        readable = readable_by_graphviz(dot_source)
        if SCANNER_LIMIT not in str(refused) or readable == dot_source:
            raise
        # Rare (a group of a thousand entities in one box), so the DOT is searched for long
        # strings only when Graphviz refuses one: 28 ms on a 1,000-unit chart otherwise.
        output = _run_graphviz(engine, format, readable.encode("utf-8"), pinned)
    if format == "png" and was_shrunk(output):
        raise ChartTooLargeError(too_large_message(*svg_size(layout(dot_source, "svg"))))
    return output


def _run_graphviz(engine: str, format: str, source: bytes, pinned: bool) -> bytes:
    """Graphviz's output for `source`, run as the graphviz package would (its command line),
    with the DOT read from a file and messages written to one: `graphviz.pipe` fed the text
    through a pipe and read both of the process's outputs in a loop of `poll` calls, 4.6 ms of
    our own time on a 1,000-unit chart against 2.3 ms this way, which is how `dot` is run on a
    file (and measured so by benchmarks/bench_page.py)."""
    import subprocess
    import tempfile

    from graphviz.backend.dot_command import command  # imported only when a chart is drawn

    with tempfile.TemporaryFile() as dot_in, tempfile.TemporaryFile() as messages:
        dot_in.write(source)
        dot_in.seek(0)
        try:
            done = subprocess.run(
                command(engine, format, neato_no_op=2 if pinned else None),
                stdin=dot_in,
                stdout=subprocess.PIPE,
                stderr=messages,
                check=False,
            )
        except FileNotFoundError:
            raise RenderError(
                "Graphviz's `dot` is not installed; install Debian's graphviz package (`apt-get install graphviz`)"
            ) from None
        if done.returncode != 0:
            messages.seek(0)
            message = messages.read().decode("utf-8", "replace").strip()
            raise RenderError(f"Graphviz `dot -T{format}` failed: {message}")
    return done.stdout


def edge_titles(
    chart: OrgChart,
    scope: Scope,
    stacks: Sequence[Stack] | None = None,
    second_parents: Collection[EdgeKey] | None = None,
) -> dict[str, EdgeTitle]:
    """The accessible titles of the edges drawn, and of the lines to the stacks (`stacks`:
    the scope's, and `second_parents` the keys of its second parents, when the caller has
    them), by SVG id."""
    names = {node.id: node.name for node in scope.nodes}
    second = (
        {edge.key for edge in scope.edges if chart.is_second_parent(edge)} if second_parents is None else second_parents
    )
    titles = {
        edge_svg_id(edge): EdgeTitle(
            names[edge.superior],
            names[edge.subordinate],
            edge_style(edge.kind, second_parent=bool(second) and edge.key in second).label,
        )
        for edge in scope.edges
    }
    return {**titles, **link_titles(scope.nodes, scope.edges, second, stacks)}


def stand_ins(
    scope: Scope,
    second: Collection[EdgeKey],
    titles: Mapping[str, EdgeTitle],
    stacks: Sequence[Stack] | None = None,
    drawn_by_box: Collection[EdgeKey] | None = None,
) -> list[StandIn]:
    """The edges a stack's box draws for, as titled empty groups (class `stacked`);
    `drawn_by_box`: their keys (`edges_drawn_by_box`), when the caller has them."""
    if drawn_by_box is None:
        found = find_stacks(scope.nodes, scope.edges, second) if stacks is None else stacks
        drawn_by_box = edges_drawn_by_box(scope.edges, found)
    return [
        StandIn(svg_id, f"edge kind-{edge.kind} stacked", titles[svg_id])
        for edge in scope.edges
        if edge.key in drawn_by_box and (svg_id := edge_svg_id(edge))
    ]


def render_svg(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> bytes:
    """The chart as an accessible SVG: a `<title>` and `<desc>`, every node and edge titled
    with names (an edge that a stack's box draws for is an empty titled group of class
    `stacked`), Graphviz's version comment removed so output is byte-stable."""
    scope = select(chart, root, depth)
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    caption = era_caption(scope)
    stacks = find_stacks(scope.nodes, scope.edges, second)
    by_box = edges_drawn_by_box(scope.edges, stacks)
    graph = build_digraph(
        scope.nodes, scope.edges, caption, second_parents=second, name=chart.id, stacks=stacks, drawn_by_box=by_box
    )
    raw = layout(graph.source, "svg")
    description = (
        f"Organizational chart with {len(scope.nodes)} entities and {len(scope.edges)} relations. "
        + " ".join(caption.lines)
    )
    titles = {node_svg_id(node.id): node_title(node) for node in scope.nodes}
    edges = edge_titles(chart, scope, stacks, second)
    others = stand_ins(scope, second, edges, stacks, by_box)
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
