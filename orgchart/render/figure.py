"""One chart as a page shows it: full or overview, with or without caption and legend, linked
nodes, chosen relations and prefixed ids (`ChartOptions`).

`figure_svg` is what the Markdown fence, the Sphinx directive, Jupyter and `orgchart render`
with any of those options draw; it reuses the era charts' construction
(`orgchart.render.graphviz.build_digraph`), so ids, styles and stacks are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from orgchart.dataset.model import Node
from orgchart.graph import OrgChart
from orgchart.render.graphviz import (
    Caption,
    Decorations,
    build_digraph,
    edge_titles,
    era_caption,
    layout,
    node_svg_id,
    stand_ins,
)
from orgchart.render.labels import node_label, node_title
from orgchart.render.options import ChartOptions, automatic_prefix, node_link
from orgchart.render.overview import overview, overview_lines
from orgchart.render.scope import Scope, select
from orgchart.render.svg import finish_svg

if TYPE_CHECKING:
    import graphviz


@dataclass(frozen=True)
class Figure:
    """What one chart draws: the scope, the notes on cut branches ("+12 below") and the extra
    caption lines (what an overview leaves out)."""

    scope: Scope
    notes: dict[str, str]
    lines: tuple[str, ...]


def figure_scope(
    chart: OrgChart, root: str | Node | None = None, depth: int | None = None, options: ChartOptions | None = None
) -> Figure:
    """The nodes and edges a chart with `options` draws (see `ChartOptions`).

    Raises:
        NotFoundError, AmbiguousError: `root` names no node, or several.
    """
    wanted = options or ChartOptions()
    relations = wanted.drawn_relations
    if wanted.overview:
        result = overview(chart, root, depth, relations)
        notes = {node_id: f"+{count} below" for node_id, count in result.hidden_below.items()}
        return Figure(result.scope, notes, overview_lines(result))
    scope = select(chart, root, depth)
    if relations != ChartOptions().drawn_relations:
        edges = tuple(edge for edge in scope.edges if edge.kind in relations)
        # A node joined only by relations left out goes too (an outside partner); one the
        # document relates to nothing stays, as in the full chart.
        linked = {edge.superior for edge in edges} | {edge.subordinate for edge in edges}
        had = {edge.superior for edge in scope.edges} | {edge.subordinate for edge in scope.edges}
        nodes = tuple(node for node in scope.nodes if node.id in linked or node.id not in had or node == scope.root)
        scope = replace(scope, nodes=nodes, edges=edges)
    return Figure(scope, {}, ())


def figure_prefix(chart: OrgChart, root: str | Node | None, depth: int | None, options: ChartOptions) -> str:
    """The id prefix of a chart: the one asked for, or one derived from what it draws."""
    if options.id_prefix:
        return options.id_prefix
    root_id = chart.get(root).id if root is not None else None
    return automatic_prefix(chart.id, root_id, depth, options)


def figure_digraph(
    chart: OrgChart, root: str | Node | None = None, depth: int | None = None, options: ChartOptions | None = None
) -> tuple[graphviz.Digraph, Figure, Caption]:
    """The styled Digraph of a chart drawn with `options`, with what it draws and its caption."""
    wanted = options or ChartOptions()
    figure = figure_scope(chart, root, depth, wanted)
    scope = figure.scope
    base = era_caption(scope)
    caption = replace(base, lines=(*base.lines, *figure.lines), heading=wanted.caption, legend=wanted.legend)
    node_attrs: dict[str, dict[str, str]] = {}
    for node in scope.nodes:
        attrs = {}
        if node.id in figure.notes:
            attrs["label"] = node_label(node, figure.notes[node.id])
        if wanted.link is not None:
            attrs.update(href=node_link(wanted.link, chart.id, node.id), target="_top")
        if attrs:
            node_attrs[node.id] = attrs
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    graph = build_digraph(
        scope.nodes,
        scope.edges,
        caption,
        second_parents=second,
        decorations=Decorations(node_attrs=node_attrs),
        name=chart.id,
    )
    return graph, figure, caption


def figure_svg(
    chart: OrgChart,
    root: str | Node | None = None,
    depth: int | None = None,
    options: ChartOptions | None = None,
    *,
    prefix: bool = True,
) -> bytes:
    """The chart as an accessible SVG drawn with `options`; its ids carry `options.id_prefix`,
    or an automatic prefix (`figure_prefix`) unless `prefix` is false.

    Raises:
        NotFoundError, AmbiguousError: `root` names no node, or several.
        RenderError: Graphviz is missing or fails.
    """
    wanted = options or ChartOptions()
    graph, figure, caption = figure_digraph(chart, root, depth, wanted)
    scope = figure.scope
    raw = layout(graph.source, "svg")
    description = (
        f"Organizational chart with {len(scope.nodes)} entities and {len(scope.edges)} relations. "
        + " ".join(caption.lines)
    )
    titles = {node_svg_id(node.id): node_title(node) for node in scope.nodes}
    id_prefix = figure_prefix(chart, root, depth, wanted) if (prefix or wanted.id_prefix) else None
    edges = edge_titles(chart, scope)
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    others = stand_ins(scope, second, edges)
    return finish_svg(raw, caption.title, description, titles, edges, stand_ins=others, id_prefix=id_prefix)
