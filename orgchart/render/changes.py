"""The change chart: the union of two eras, with what changed marked twice over.

Built on the era charts' construction (`orgchart.render.graphviz.build_digraph`), so it has the
same layout, stacks, external-bodies box, ids and caption; `Decorations` restyle the nodes.
Every added, removed (not mentioned later), renamed and moved entity is marked by colour and by a
second cue that survives black-and-white printing: a text marker before its name ("+", "\u2212",
"✎", "→") and a line style (double border for added, dashed for not mentioned, bold for renamed,
a dotted "was under" edge from a moved entity's former parent). The caption's legend explains
both; unchanged entities are white.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.changes.changeset import ChangeSet
from orgchart.dataset.model import Edge, Node
from orgchart.render.graphviz import Caption, Decorations, RenderError, build_digraph, layout, node_svg_id
from orgchart.render.labels import TITLE_CHARS, shorten, wrapped

if TYPE_CHECKING:
    import graphviz

CHART_FORMATS: Final[tuple[str, ...]] = ("svg", "png", "pdf", "dot")


@dataclass(frozen=True)
class Mark:
    """How one kind of change is drawn: marker, legend text, colours and line style."""

    marker: str
    label: str
    fill: str
    border: str
    style: str
    peripheries: int = 1
    penwidth: float = 1.2


MARKS: Final[dict[str, Mark]] = {
    "added": Mark("+", "+ first mentioned (double border)", "#e5f5e0", "#238b45", "filled", 2),
    "removed": Mark("\u2212", "\u2212 not mentioned later (dashed)", "#fde0dd", "#cb181d", "filled,dashed"),
    "renamed": Mark("✎", "✎ renamed (bold, former name below)", "#efedf5", "#6a51a3", "filled,bold", 1, 2.4),
    "moved": Mark("→", "→ moved (dotted edge from the former parent)", "#deebf7", "#2171b5", "filled"),
    "unchanged": Mark("", "unchanged", "#ffffff", "#737373", "filled"),
}
"""The marks, in legend order; colours from ColorBrewer's print-friendly sets."""

REMOVED_PREFIX: Final[str] = "~was~"
"""Prefix of a not-mentioned entity's chart id when the later era reuses its id (no node id can
contain `~`)."""


def _label(marker: str, name: str, lines: list[str]) -> str:
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


def change_chart(changes: ChangeSet) -> graphviz.Digraph:
    """The change chart of one pair of eras as a `graphviz.Digraph` (see the module docstring).

    Nodes keep the later era's ids; an entity only the earlier era mentions keeps its earlier
    id (prefixed `~was~` when the later era uses that id for another entity)."""
    before, after, matching = changes.before, changes.after, changes.matching
    kinds: dict[str, set[str]] = {}
    for change in changes:
        if change.kind in ("renamed", "moved") and change.match is not None:
            kinds.setdefault(change.match.after, set()).add(change.kind)

    def chart_id(before_id: str) -> str:
        match = matching.forward(before_id)
        if match is not None:
            return match.after
        return REMOVED_PREFIX + before_id if before_id in after else before_id

    nodes: list[Node] = []
    attrs: dict[str, dict[str, str]] = {}
    classes: dict[str, list[str]] = {}

    def add(node: Node, kind: str, name: str, lines: list[str]) -> None:
        mark = MARKS[kind]
        nodes.append(node)
        classes[node.id] = [f"change-{kind}"]
        attrs[node.id] = {
            "label": _label(mark.marker, name, lines),
            "fillcolor": mark.fill,
            "color": mark.border,
            "style": mark.style,
            "peripheries": str(mark.peripheries),
            "penwidth": str(mark.penwidth),
        }

    for node in after.nodes:
        match = matching.backward(node.id)
        found = kinds.get(node.id, set())
        if match is None:
            add(node, "added", _named(node), [node.kind])
        elif "renamed" in found:
            moved = ["→ moved"] if "moved" in found else []
            add(node, "renamed", _named(node), [node.kind, f"was {_named(before.node(match.before))}", *moved])
        elif "moved" in found:
            add(node, "moved", _named(node), [node.kind])
        else:
            add(node, "unchanged", _named(node), [node.kind])
    for node in before.nodes:
        if matching.forward(node.id) is None:
            add(node.model_copy(update={"id": chart_id(node.id)}), "removed", _named(node), [node.kind])

    edges = list(after.edges)
    edge_attrs: dict[tuple[str, str, str], dict[str, str]] = {}
    for node in before.nodes:
        parent = before.parent(node)
        if parent is not None and matching.forward(node.id) is None:
            edge = Edge.model_construct(kind="parent", superior=chart_id(parent.id), subordinate=chart_id(node.id))
            edges.append(edge)
            edge_attrs[edge.key] = {"style": "dashed", "color": MARKS["removed"].border}
    second = {edge.key for edge in after.edges if after.is_second_parent(edge)}
    caption = Caption(
        f"Changes from {before.label} to {after.label}",
        (
            f"era {before.id} ({before.date.label}) → era {after.id} ({after.date.label})",
            "Not mentioned is not abolished: a document that omits an entity says nothing of its end.",
        ),
    )
    decorations = Decorations(
        node_classes=classes,
        node_attrs=attrs,
        edge_attrs=edge_attrs,
        legend=tuple((mark.fill if kind != "unchanged" else "#ffffff", mark.label) for kind, mark in MARKS.items()),
    )
    graph = build_digraph(
        nodes, edges, caption, second_parents=second, decorations=decorations, name=f"{before.id}..{after.id}"
    )
    existing = {edge.key for edge in edges}
    for node in before.nodes:
        match = matching.forward(node.id)
        old_parent = before.parent(node)
        if match is None or old_parent is None or "moved" not in kinds.get(match.after, set()):
            continue
        if ("parent", chart_id(old_parent.id), match.after) in existing:
            continue  # the later era still lists it there as a second parent
        graph.edge(
            chart_id(old_parent.id),
            match.after,
            id=f"was-under-{node_svg_id(match.after)}",
            style="dotted",
            color=MARKS["moved"].border,
            penwidth="1.4",
            xlabel="was under",
            fontcolor=MARKS["moved"].border,
            constraint="false",
        )
    return graph


def change_chart_dot(changes: ChangeSet) -> str:
    """The change chart as DOT text (deterministic)."""
    return change_chart(changes).source


def render_change_chart(changes: ChangeSet, fmt: str = "svg") -> bytes:
    """The change chart in `fmt` (svg, png, pdf or dot).

    Raises:
        RenderError: an unknown format, or Graphviz's `dot` missing or failing.
    """
    if fmt not in CHART_FORMATS:
        raise RenderError(f"unknown change chart format {fmt!r}; valid formats: {', '.join(CHART_FORMATS)}")
    source = change_chart_dot(changes)
    return source.encode("utf-8") if fmt == "dot" else layout(source, fmt)


def write_change_chart(changes: ChangeSet, path: str | Path, fmt: str = "svg") -> Path:
    """Draw the change chart into `path` atomically in `fmt` (svg, png, pdf or dot).

    Raises:
        RenderError: see `render_change_chart`. OutputError: the file cannot be written.
    """
    if fmt == "dot":
        return write_text_atomic(path, change_chart_dot(changes))
    return write_bytes_atomic(path, render_change_chart(changes, fmt))
