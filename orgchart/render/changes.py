"""The change chart: the union of two eras, with what changed marked twice over.

Every added, removed (not mentioned later), renamed and moved entity is marked by colour and by
a second cue that survives black-and-white printing: a text marker before its name ("+", "\u2212" (minus),
"✎", "→") and a line style (double border for added, dashed for not mentioned, bold for renamed,
a dotted "was under" edge to a moved entity's old parent). A legend explains both.

Self-contained on the `graphviz` package (the Python interface to Graphviz's `dot`); the era
charts in `orgchart.render.graphviz` may share its construction later.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import graphviz

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.diff import ChangeSet, EntityState
from orgchart.errors import OutputError
from orgchart.model import Node

CHART_FORMATS: Final[tuple[str, ...]] = ("svg", "png", "pdf", "dot")


@dataclass(frozen=True)
class Mark:
    """How one kind of change is drawn: marker, colours and line style."""

    marker: str
    label: str
    fill: str
    border: str
    style: str
    peripheries: int = 1


MARKS: Final[dict[str, Mark]] = {
    "added": Mark("+", "first mentioned in the later document", "#e5f5e0", "#238b45", "filled", 2),
    "removed": Mark("\u2212", "not mentioned in the later document", "#fde0dd", "#cb181d", "filled,dashed"),
    "renamed": Mark("✎", "renamed (was …)", "#efedf5", "#6a51a3", "filled,bold"),
    "moved": Mark("→", "moved (dotted edge: former parent)", "#deebf7", "#2171b5", "filled"),
    "unchanged": Mark("", "unchanged", "#ffffff", "#737373", "filled"),
}
"""The marks, in legend order. Colours are from ColorBrewer's print-friendly sequential sets."""


def _text(value: str) -> str:
    """User text for a DOT label: one line, backslashes kept literal."""
    return " ".join(value.split()).replace("\\", "\\\\")


def _label(*lines: str) -> str:
    """A multi-line label whose text is never read as HTML or as DOT escapes."""
    return graphviz.nohtml("\\n".join(_text(line) for line in lines if line))


def _name(node: Node | EntityState) -> str:
    acronym = node.acronym
    if acronym and acronym != node.name and f"({acronym})" not in node.name:
        return f"{node.name} ({acronym})"
    return node.name


def change_chart(changes: ChangeSet) -> graphviz.Digraph:
    """The change chart of one pair of eras as a `graphviz.Digraph`.

    Nodes are named by the later era's ids (the earlier era's for entities it alone mentions,
    prefixed `@was-` when the later era reuses the id for another entity)."""
    before, after, matching = changes.before, changes.after, changes.matching
    marks: dict[str, set[str]] = {}
    for change in changes:
        if change.kind in ("renamed", "moved") and isinstance(change.after, EntityState):
            marks.setdefault(change.after.id, set()).add(change.kind)
    dot = graphviz.Digraph(
        name=f"{before.id}..{after.id}",
        graph_attr={
            "rankdir": "LR",
            "label": _label(f"Changes from {before.label} to {after.label}", f"{before.id} → {after.id}"),
            "labelloc": "t",
            "fontname": "Helvetica",
            "nodesep": "0.15",
            "ranksep": "0.5",
        },
        node_attr={"shape": "box", "fontname": "Helvetica", "fontsize": "10", "style": "filled"},
        edge_attr={"color": "#737373", "arrowsize": "0.6"},
    )

    def union_id_before(node_id: str) -> str:
        match = matching.forward(node_id)
        if match is not None:
            return match.after
        return f"@was-{node_id}" if node_id in after else node_id

    placed = {n.id for n in after.nodes if after.parent(n) or after.children(n)}
    placed |= {union_id_before(n.id) for n in before.nodes if before.parent(n) or before.children(n)}
    unplaced = graphviz.Digraph(name="cluster_unplaced")
    unplaced.attr(label="not placed in the hierarchy", fontname="Helvetica", fontsize="10", color="#d9d9d9")

    def draw(node_id: str, kind: str, lines: Iterable[str]) -> None:
        mark = MARKS[kind]
        text = [f"{mark.marker} {line}" if index == 0 and mark.marker else line for index, line in enumerate(lines)]
        (dot if node_id in placed else unplaced).node(
            node_id,
            label=_label(*text),
            fillcolor=mark.fill,
            color=mark.border,
            style=mark.style,
            peripheries=str(mark.peripheries),
        )

    for node in after.nodes:
        match = matching.backward(node.id)
        kinds = marks.get(node.id, set())
        if match is None:
            draw(node.id, "added", [_name(node), node.kind])
        elif "renamed" in kinds:
            old = before.node(match.before)
            extra = ["→ moved"] if "moved" in kinds else []
            draw(node.id, "renamed", [_name(node), f"was {_name(old)}", *extra])
        elif "moved" in kinds:
            draw(node.id, "moved", [_name(node), node.kind])
        else:
            draw(node.id, "unchanged", [_name(node), node.kind])
    for node in before.nodes:
        if matching.forward(node.id) is None:
            draw(union_id_before(node.id), "removed", [_name(node), node.kind])
    dot.subgraph(unplaced)
    for node in after.nodes:
        parent = after.parent(node)
        if parent is not None:
            dot.edge(parent.id, node.id)
    for node in before.nodes:
        parent = before.parent(node)
        if parent is None:
            continue
        if matching.forward(node.id) is None:
            dot.edge(union_id_before(parent.id), union_id_before(node.id), style="dashed", color="#cb181d")
        elif "moved" in marks.get(union_id_before(node.id), set()):
            dot.edge(
                union_id_before(parent.id),
                union_id_before(node.id),
                style="dotted",
                color="#2171b5",
                label="was under",
                fontsize="8",
                fontname="Helvetica",
                constraint="false",
            )
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", fontname="Helvetica", fontsize="10", color="#bdbdbd", style="rounded")
        previous = None
        for kind, mark in MARKS.items():
            key = f"@legend-{kind}"
            text = f"{mark.marker} {mark.label}" if mark.marker else mark.label
            legend.node(
                key,
                label=_label(text),
                fillcolor=mark.fill,
                color=mark.border,
                style=mark.style,
                peripheries=str(mark.peripheries),
                fontsize="9",
            )
            if previous is not None:
                legend.edge(previous, key, style="invis")
            previous = key
    return dot


def change_chart_dot(changes: ChangeSet) -> str:
    """The change chart as DOT source."""
    return change_chart(changes).source


def write_change_chart(changes: ChangeSet, path: str | Path, fmt: str = "svg") -> Path:
    """Draw the change chart into `path` atomically in `fmt` (svg, png, pdf or dot).

    Raises:
        OutputError: Graphviz's `dot` is missing or fails, or the file cannot be written.
    """
    if fmt not in CHART_FORMATS:
        raise OutputError(f"unknown chart format {fmt!r}; valid formats: {', '.join(CHART_FORMATS)}")
    if fmt == "dot":
        return write_text_atomic(path, change_chart_dot(changes))
    try:
        content = change_chart(changes).pipe(format=fmt)
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as error:
        raise OutputError(f"cannot draw the change chart with Graphviz: {error}") from None
    return write_bytes_atomic(path, content)
