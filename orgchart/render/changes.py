"""The union change chart: both eras in one tree, with what changed marked twice over.

The later era's structure, drawn on the era charts' construction
(`orgchart.render.graphviz.build_digraph`: same layout, stacks, external-bodies box and ids),
with every entity coloured by its change state (`orgchart.render.change_marks`) and given a
second cue that survives black-and-white printing: a marker before its name and a line style.
A moved entity gets a dotted "was under" edge from its former parent. An entity the later
document does not mention is not hung from its former parent (dozens of such edges crossed the
whole chart): it sits in a box of its own, "Not mentioned in <later era>", saying where it was.
The legend shows the change states, not the kinds. The side-by-side chart
(`orgchart.render.side_by_side`) is usually narrower; `orgchart.render.change_layout` chooses.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Collection, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from orgchart.changes.changeset import ChangeSet
from orgchart.dataset.model import Node
from orgchart.render.change_marks import MARKS, STATE_MARKS, SideMark, change_marks
from orgchart.render.dot import readable_by_graphviz
from orgchart.render.graphviz import Caption, Decorations, RenderError, build_digraph, layout, node_svg_id
from orgchart.render.labels import TITLE_CHARS, shorten, wrapped
from orgchart.render.side_legend import change_caption
from orgchart.render.stack import STACK_ASPECT
from orgchart.render.style import EDGE_STYLES

if TYPE_CHECKING:
    import graphviz

__all__ = ["CHART_FORMATS", "MARKS", "REMOVED_PREFIX", "change_chart", "change_chart_dot", "render_change_chart"]

CHART_FORMATS: Final[tuple[str, ...]] = ("svg", "png", "pdf", "dot")

REMOVED_PREFIX: Final[str] = "~was~"
"""Prefix of a not-mentioned entity's chart id when the later era reuses its id (no node id can
contain `~`)."""

BOX_COLUMNS: Final[int] = 6
"""Most entities in one row of the not-mentioned box (about square, as a stack)."""


def _label(marker: str, name: str, lines: Sequence[str]) -> str:
    """An HTML-like label: marker and name in bold, then the small lines; all text escaped."""
    head = "<BR/>".join(html.escape(line) for line in wrapped(f"{marker} {name}".strip()))
    small = "".join(
        f'<BR/><FONT POINT-SIZE="8" COLOR="#444444">{html.escape(shorten(line, TITLE_CHARS))}</FONT>' for line in lines
    )
    return f'<<FONT POINT-SIZE="10.5" COLOR="#1a1a1a"><B>{head}</B></FONT>{small}>'


def _named(node: Node) -> str:
    if node.acronym and node.acronym != node.name and f"({node.acronym})" not in node.name:
        return f"{node.name} ({node.acronym})"
    return node.name


def _attrs(node: Node, mark: SideMark | None, extra: Sequence[str] = ()) -> tuple[dict[str, str], list[str]]:
    """Graphviz attributes and CSS classes of one entity drawn in its change state."""
    state = mark.state if mark else "unchanged"
    style = STATE_MARKS[state]
    lines = [node.kind, *(mark.texts if mark else ()), *extra]
    attrs = {
        "label": _label(mark.marker if mark else "", _named(node), lines),
        "fillcolor": style.fill,
        "color": style.border,
        "style": style.style,
        "peripheries": str(style.peripheries),
        "penwidth": str(style.penwidth),
    }
    return attrs, [f"change-{kind}" for kind in (mark.kinds if mark else ("unchanged",))]


Scope = tuple[Collection[str] | None, Collection[str] | None]


def change_chart(changes: ChangeSet, *, scope: Scope = (None, None)) -> graphviz.Digraph:
    """The union change chart of one pair of eras as a `graphviz.Digraph` (see the module
    docstring); `scope` limits each era to some entity ids (one subtree, see
    `orgchart.render.change_layout.subtree_scope`).

    Nodes keep the later era's ids; an entity only the earlier era mentions keeps its earlier
    id (prefixed `~was~` when the later era uses that id for another entity)."""
    before, after, matching = changes.before, changes.after, changes.matching
    marks = change_marks(changes)
    keep_before, keep_after = scope

    def chart_id(before_id: str) -> str:
        match = matching.forward(before_id)
        if match is not None:
            return match.after
        return REMOVED_PREFIX + before_id if before_id in after else before_id

    nodes = [node for node in after.nodes if keep_after is None or node.id in keep_after]
    kept = {node.id for node in nodes}
    attrs: dict[str, dict[str, str]] = {}
    classes: dict[str, list[str]] = {}
    for node in nodes:
        attrs[node.id], classes[node.id] = _attrs(node, marks.after.get(node.id))
    edges = [edge for edge in after.edges if edge.superior in kept and edge.subordinate in kept]
    second = {edge.key for edge in edges if after.is_second_parent(edge)}
    states = {marks.after[n].state for n in kept if n in marks.after}
    graph = build_digraph(
        nodes,
        edges,
        Caption(""),
        second_parents=second,
        decorations=Decorations(node_classes=classes, node_attrs=attrs),
        name=f"{before.id}..{after.id}",
    )
    gone = [
        node
        for node in before.nodes
        if matching.forward(node.id) is None and (keep_before is None or node.id in keep_before)
    ]
    if gone:
        states.add("removed")
        _not_mentioned_box(graph, changes, gone, chart_id)
    moved = _was_under_edges(graph, changes, kept, chart_id, {edge.key for edge in edges})
    drawn_kinds = {edge.kind for edge in edges}
    lines: dict[str, tuple[str, str]] = {
        style.label: (style.color, style.style) for kind, style in EDGE_STYLES.items() if kind in drawn_kinds
    }
    if moved:
        lines["was under (a moved entity's former parent)"] = (STATE_MARKS["moved"].border, "dotted")
    _, label = change_caption(changes, (), states, lines)
    graph.attr(label=label)
    return graph


def _not_mentioned_box(
    graph: graphviz.Digraph, changes: ChangeSet, gone: Sequence[Node], chart_id: Callable[[str], str]
) -> None:
    """The entities the later document does not mention, in a grid inside one box, each saying
    where the earlier document placed it."""
    marks = change_marks(changes)
    width = min(BOX_COLUMNS, max(1, round(math.sqrt(len(gone) / STACK_ASPECT))))
    rows = [gone[start : start + width] for start in range(0, len(gone), width)]
    with graph.subgraph(name="cluster_not_mentioned") as box:
        box.attr(
            id="not-mentioned", label=f"Not mentioned in {changes.after.label}", style="rounded,dashed",
            color=MARKS["removed"].border, fontcolor="#555555", fontsize="10", margin="10",
        )  # fmt: skip
        for row in rows:
            with box.subgraph() as line:
                line.attr(rank="same")
                for node in row:
                    parent = changes.before.parent(node)
                    was = [f"was under {parent.name}"] if parent is not None else []
                    attrs, classes = _attrs(node, marks.before.get(node.id), was)
                    attrs.update(shape="box", style="rounded," + attrs["style"])
                    line.node(
                        chart_id(node.id), id=node_svg_id(chart_id(node.id)), **{"class": " ".join(classes)}, **attrs
                    )
                for left, right in pairwise(row):
                    line.edge(chart_id(left.id), chart_id(right.id), style="invis")
        for upper, lower in pairwise(rows):
            for above, below in zip(upper, lower, strict=False):
                box.edge(chart_id(above.id), chart_id(below.id), style="invis", weight="10")


def _was_under_edges(
    graph: graphviz.Digraph,
    changes: ChangeSet,
    kept: Collection[str],
    chart_id: Callable[[str], str],
    existing: Collection[tuple[str, str, str]],
) -> int:
    """A dotted "was under" edge from each moved entity's former parent (when it is drawn);
    returns how many were drawn."""
    drawn = 0
    moved = {change.match.after for change in changes.by_kind("moved") if change.match is not None}
    for node in changes.before.nodes:
        match = changes.matching.forward(node.id)
        old_parent = changes.before.parent(node)
        if match is None or old_parent is None or match.after not in moved or match.after not in kept:
            continue
        parent_id = chart_id(old_parent.id)
        if parent_id not in kept or ("parent", parent_id, match.after) in existing:
            continue  # the former parent is not drawn, or is still a (second) parent
        graph.edge(
            parent_id, match.after, id=f"was-under-{node_svg_id(match.after)}", style="dotted",
            color=MARKS["moved"].border, penwidth="1.4", xlabel="was under", fontcolor=MARKS["moved"].border,
            constraint="false",
        )  # fmt: skip
        drawn += 1
    return drawn


def change_chart_dot(changes: ChangeSet, *, scope: Scope = (None, None)) -> str:
    """The union change chart as DOT text (deterministic)."""
    return change_chart(changes, scope=scope).source


def render_change_chart(changes: ChangeSet, fmt: str = "svg", *, scope: Scope = (None, None)) -> bytes:
    """The union change chart in `fmt` (svg, png, pdf or dot).

    Raises:
        RenderError: an unknown format, or Graphviz's `dot` missing or failing.
    """
    if fmt not in CHART_FORMATS:
        raise RenderError(f"unknown change chart format {fmt!r}; valid formats: {', '.join(CHART_FORMATS)}")
    source = change_chart_dot(changes, scope=scope)
    return readable_by_graphviz(source).encode("utf-8") if fmt == "dot" else layout(source, fmt)
