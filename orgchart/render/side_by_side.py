"""The side-by-side change chart: the earlier era's tree on the left, the later era's on the
right, an entity both place alike on one row, changes marked, moves drawn as one connector.

The rows come from `orgchart.render.outline`, the marks from `orgchart.render.change_marks`.
Each tree is drawn as an outline (indented boxes joined by tree lines), which keeps the chart
narrow: two columns and a gutter whatever the organization's width. Graphviz draws it, so SVG,
PNG and PDF look alike, but does not lay it out: every box and line is placed here and drawn
with `neato -n2`. The boxes are measured by Graphviz first (`dot -Tjson`), so a long name
never overlaps the next row.

SVG ids: `before-node-<id>` / `after-node-<id>` for an entity's box, `before-group-<first id>`
for a line of several entities, `before-line-<child>` for a tree line, `connector-<n>` for a
move, merge or split; every box's class names its entities (`entity-<id>`), its state
(`state-<state>`) and each change on it (`change-<kind>`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from orgchart.changes.changeset import ChangeSet
from orgchart.changes.order import Ordering, order_matched
from orgchart.dataset.model import Node
from orgchart.render.change_marks import STATE_MARKS, ChangeMarks, Connector, SideMark, change_marks
from orgchart.render.dot import readable_by_graphviz
from orgchart.render.graphviz import layout
from orgchart.render.labels import node_tooltip, plain_attribute, wrapped
from orgchart.render.outline import SECTIONS, Cell, Outline, Row, outline
from orgchart.render.side_legend import change_caption
from orgchart.render.stack import plural
from orgchart.render.style import FONT
from orgchart.render.svg import finish_svg

if TYPE_CHECKING:
    import graphviz

INDENT: Final[float] = 14.0
"""Points each level of a tree is indented."""
BOX_WIDTH: Final[float] = 230.0
"""Width of every box, in points (a box grows if a word is longer)."""
ROW_GAP: Final[float] = 4.0
"""Points between two rows."""
GUTTER: Final[float] = 120.0
"""Points between the two trees, where the connectors run."""
SYNC_GAP: Final[float] = 48.0
"""Most points one side may be left empty to draw an entity level with its counterpart; past
it each side draws it where its own tree has it, and a thin line joins the two."""
SUMMARY_ROWS: Final[int] = 90
"""Rows past which a full chart is surely over 2,000 px tall: `summary=None` then folds
without laying the full chart out first."""
NAME_WRAP: Final[int] = 38
NOTE_WRAP: Final[int] = 52
GROUP_NAMES: Final[int] = 4
"""Most entities a folded line names before it says "and N more"."""
LINE_COLOR: Final[str] = "#9a9a9a"
CONNECTOR_COLORS: Final[dict[str, str]] = {
    "moved": STATE_MARKS["moved"].border,
    "merged": STATE_MARKS["merged"].border,
    "split": STATE_MARKS["split"].border,
    "same": "#8c8c8c",
}
SIDES: Final[tuple[str, str]] = ("before", "after")


@dataclass(frozen=True)
class Box:
    """One box of the chart: its DOT name, SVG id, label, classes, tooltip and accessible title."""

    name: str
    svg_id: str
    label: str
    classes: str
    tooltip: str
    title: str
    style: Mapping[str, str]


def _text(text: str) -> str:
    return html.escape(text, quote=True).replace("\\", "\\\\")


def _named(node: Node) -> str:
    if node.acronym and node.acronym != node.name and f"({node.acronym})" not in node.name:
        return f"{node.name} ({node.acronym})"
    return node.name


BREAK: Final[str] = '<BR ALIGN="LEFT"/>'


def _label(head: str, kind: str, notes: Sequence[str], width: float) -> str:
    """An HTML-like label: the head in bold with the kind after it, then the notes in small
    type, all left-aligned in a table as wide as the box."""
    first = "<B>" + BREAK.join(_text(line) for line in wrapped(head, NAME_WRAP)) + "</B>"
    kind_text = f'<FONT POINT-SIZE="8" COLOR="#555555">  {_text(kind)}</FONT>' if kind else ""
    rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10">{first}</FONT>{kind_text}</TD></TR>']
    for note in notes:
        text = BREAK.join(_text(line) for line in wrapped(note, NOTE_WRAP))
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="#333333">{text}</FONT></TD></TR>')
    inner = max(width - 12, 40)
    return f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1" WIDTH="{inner:.0f}">{"".join(rows)}</TABLE>>'


def _style(state: str) -> dict[str, str]:
    mark = STATE_MARKS[state]
    style = mark.style.replace("filled", "rounded,filled") if state != "kind_changed" else mark.style
    return {
        "style": style,
        "fillcolor": mark.fill,
        "color": mark.border,
        "peripheries": str(mark.peripheries),
        "penwidth": str(mark.penwidth),
    }


WORDS: Final[dict[str, str]] = {"unchanged": "unchanged", "added": "first mentioned", "removed": "not mentioned later"}


def _listed(nodes: Sequence[Node]) -> str:
    names = [_named(node) for node in nodes]
    more = f" and {len(names) - GROUP_NAMES} more" if len(names) > GROUP_NAMES else ""
    return " · ".join(names[:GROUP_NAMES]) + more


def _entity_box(
    side: str,
    cell: Cell,
    node: Node,
    marks: Mapping[str, SideMark],
    era: str,
    below: Sequence[Node] = (),
    *,
    brief: bool = False,
) -> Box:
    assert cell.node is not None
    mark = marks.get(node.id)
    state = mark.state if mark else "unchanged"
    marker = mark.marker if mark else ""
    notes = list((mark.brief() if brief else mark.texts) if mark else [])
    if cell.hidden:
        notes.append(f"▸ {cell.hidden} unchanged below")
    if below:
        notes.append(f"▸ with {len(below)} below, also {WORDS[cell.state]}: {_listed(below)}")
    kinds = sorted({kind for n in (node, *below) for kind in (marks[n.id].kinds if n.id in marks else ())})
    classes = [*(f"entity-{n.id}" for n in (node, *below)), f"state-{state}", *(f"change-{kind}" for kind in kinds)]
    title = f"{_named(node)}, {node.kind} ({era}): {STATE_MARKS[state].label}"
    if notes:
        title += "; " + "; ".join(notes)
    return Box(
        f"{side}~{node.id}",
        f"{side}-node-{node.id}",
        _label(f"{marker} {_named(node)}".strip(), node.kind, notes, BOX_WIDTH),
        " ".join(classes),
        plain_attribute(node_tooltip(node) + ("\n" + "\n".join(notes) if notes else "")),
        title,
        _style(state),
    )


def _group_box(side: str, cell: Cell, nodes: Sequence[Node], marks: Mapping[str, SideMark], era: str) -> Box:
    kinds_of = {node.kind for node in nodes}
    what = plural(next(iter(kinds_of))) if len(kinds_of) == 1 else "entities"
    head = f"{STATE_MARKS[cell.state].marker} {len(nodes)} {what} {WORDS[cell.state]}".strip()
    names = [_named(node) for node in nodes]
    listed = _listed(nodes)
    if cell.hidden:
        listed += f" ▸ with {cell.hidden} unchanged below"
    change_kinds = sorted({kind for node in nodes for kind in (marks[node.id].kinds if node.id in marks else ())})
    classes = [*(f"entity-{node.id}" for node in nodes), f"state-{cell.state}", *(f"change-{k}" for k in change_kinds)]
    return Box(
        f"{side}~group~{nodes[0].id}",
        f"{side}-group-{nodes[0].id}",
        _label(head, "", [listed], BOX_WIDTH),
        " ".join(classes),
        plain_attribute("\n".join(names)),
        f"{head} ({era}): {', '.join(names)}",
        _style(cell.state),
    )


def _boxes(changes: ChangeSet, marks: ChangeMarks, rows: Sequence[Row], brief: bool) -> dict[tuple[int, str], Box]:
    """The box of every cell, by (row number, side); `brief` notes for a summary."""
    boxes: dict[tuple[int, str], Box] = {}
    for number, row in enumerate(rows):
        for side, cell, era in (("before", row.before, changes.before), ("after", row.after, changes.after)):
            if cell is None:
                continue
            side_marks = marks.before if side == "before" else marks.after
            if cell.node is not None:
                below = [era.node(member) for member in cell.group]
                node = era.node(cell.node)
                boxes[(number, side)] = _entity_box(side, cell, node, side_marks, era.id, below, brief=brief)
            else:
                nodes = [era.node(member) for member in cell.group]
                boxes[(number, side)] = _group_box(side, cell, nodes, side_marks, era.id)
    return boxes


def _measure(boxes: Mapping[tuple[int, str], Box]) -> dict[str, tuple[float, float]]:
    """Width and height in points of every box, as Graphviz draws its label."""
    import graphviz

    graph = graphviz.Digraph("measure")
    graph.attr("node", shape="box", fontname=FONT, margin="0.08,0.03", width="0.1", height="0.1")
    for box in boxes.values():
        graph.node(box.name, label=box.label)
    drawn = json.loads(layout(graph.source, "json"))
    return {item["name"]: (float(item["width"]) * 72, float(item["height"]) * 72) for item in drawn.get("objects", [])}


@dataclass(frozen=True)
class SideBySide:
    """A laid-out side-by-side chart: its DOT text (for `neato -n2`), accessible titles, size."""

    source: str
    title: str
    description: str
    titles: Mapping[str, str]
    width: float
    height: float
    outline: Outline


def _same_connectors(rows: Sequence[Row], level: set[int], marks: ChangeMarks, changes: ChangeSet) -> list[Connector]:
    """Thin lines between the two places of a matched entity drawn on different rows when no
    move, merge or split explains it (a document that places what another leaves unplaced,
    or a row not kept level, see `orgchart.render.outline`); an entity whose parent has such a
    line already is left out."""
    linked = {(c.before, c.after) for c in marks.connectors}
    apart = [row for number, row in enumerate(rows) if number not in level]
    left = {row.before.node: row.before for row in apart if row.before and row.before.node}
    right = {row.after.node: row.after for row in apart if row.after and row.after.node}
    found = []
    for node_id, cell in left.items():
        match = changes.matching.forward(node_id)
        if match is None or match.after not in right or (node_id, match.after) in linked:
            continue
        parent_match = changes.matching.forward(cell.parent) if cell.parent else None
        if parent_match is not None and parent_match.after == right[match.after].parent and cell.parent in left:
            continue  # its parent's line says it
        state = marks.after[match.after].state if match.after in marks.after else "unchanged"
        found.append(Connector(node_id, match.after, "same", "" if state == "unchanged" else STATE_MARKS[state].label))
    return found


def side_by_side(
    changes: ChangeSet,
    *,
    order: Ordering | None = None,
    summary: bool | None = False,
    scope: tuple[set[str] | None, set[str] | None] = (None, None),
) -> SideBySide:
    """Lay out the side-by-side chart of `changes` (see the module docstring).

    Args:
        changes: the two eras and what changed between them.
        order: the siblings' order (the dataset's `stable_order`, so the trees read like the
            era charts); by default the pair's own (`order_matched`).
        summary: fold unchanged branches and group like leaves (`orgchart.render.outline`);
            None: when the full chart has more than `SUMMARY_ROWS` rows.
        scope: the entity ids each side draws (None: all), for one subtree.

    Raises:
        RenderError: Graphviz is missing or fails (it measures the boxes).
    """
    import graphviz

    marks = change_marks(changes)
    ordering = order or order_matched(changes.before, changes.after, changes.matching)
    drawn = outline(changes, marks, ordering, summary=bool(summary), scope=scope)
    if summary is None and len(drawn.rows) > SUMMARY_ROWS:
        drawn = outline(changes, marks, ordering, summary=True, scope=scope)
    rows = drawn.rows
    boxes = _boxes(changes, marks, rows, drawn.summary)
    sizes = _measure(boxes)
    depth = max((cell.depth for row in rows for cell in (row.before, row.after) if cell), default=0)
    box_width = max([BOX_WIDTH, *(width for width, _ in sizes.values())])
    column = depth * INDENT + box_width
    bases = {"before": 0.0, "after": column + GUTTER}
    header = 44.0
    places: dict[tuple[int, str], Place] = {}
    tops: dict[int, float] = {}
    reach = {"before": header, "after": header}  # where each side's next box may start
    level: set[int] = set()  # the rows drawn level
    for number, row in enumerate(rows):
        if row.section or (row.level and abs(reach["before"] - reach["after"]) <= SYNC_GAP):
            reach = dict.fromkeys(SIDES, max(reach.values()))
            level.add(number)
        if row.section:
            tops[number] = reach["before"]
            reach = {side: reach[side] + 24 for side in SIDES}
            continue
        height = max(sizes[boxes[(number, side)].name][1] for side in SIDES if (number, side) in boxes)
        for side, cell in (("before", row.before), ("after", row.after)):
            if cell is None:
                continue
            h = sizes[boxes[(number, side)].name][1]
            top = reach[side] + ((height - h) / 2 if number in level else 0)
            places[(number, side)] = (bases[side] + cell.depth * INDENT, top, box_width, h)
            reach[side] = top + h + ROW_GAP
        if number in level:
            reach = dict.fromkeys(SIDES, max(reach.values()))
    y = max(reach.values())
    total_height, total_width = y, 2 * column + GUTTER
    canvas = _Canvas(total_height, bases, column)
    point = canvas.point

    graph = graphviz.Digraph(f"{changes.before.id}..{changes.after.id}", strict=False)
    connectors = list(marks.connectors) + _same_connectors(rows, level, marks, changes)
    states = {boxes[key].classes.split(" state-")[1].split()[0] for key in boxes}
    kinds_drawn = {c.kind: (CONNECTOR_COLORS[c.kind], "dotted" if c.kind == "same" else "solid") for c in connectors}
    folded = f"{drawn.folded:,} unchanged entities folded into ▸ lines; " if drawn.folded else ""
    summary_line = (
        [f"Summary: {folded}like entities first or no longer mentioned share a line."] if drawn.summary else []
    )
    document = [
        f"{count} finding(s) about a whole document {'new' if kind == 'finding_added' else 'no longer reported'}"
        for kind, count in sorted(marks.document.items())
    ]
    title, label = change_caption(changes, [*summary_line, *document], states, kinds_drawn)
    graph.attr(label=label, labelloc="t", labeljust="l", fontname=FONT, bgcolor="white", pad="0.3", splines="true")
    graph.attr("node", fontname=FONT, margin="0.08,0.03", shape="box")
    graph.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7")
    for side, era in (("before", changes.before), ("after", changes.after)):
        heading = BREAK.join(
            _text(line) for line in wrapped(("Before: " if side == "before" else "After: ") + era.label, 48)
        )
        text = (
            f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0" WIDTH="{column:.0f}"><TR><TD ALIGN="LEFT" BALIGN="LEFT">'
            f'<FONT POINT-SIZE="13"><B>{heading}</B></FONT><BR ALIGN="LEFT"/>'
            f'<FONT POINT-SIZE="9" COLOR="#555555">era {_text(era.id)} · {_text(era.date.label)}</FONT></TD></TR></TABLE>>'
        )
        graph.node(
            f"{side}~heading", label=text, shape="plaintext", id=f"{side}-heading", width=f"{column / 72:.3f}",
            height=f"{header / 72:.3f}", fixedsize="true", pos=point(bases[side] + column / 2, header / 2 - 4),
        )  # fmt: skip
    titles: dict[str, str] = {}
    for (number, side), box in boxes.items():
        left, top, width, height = places[(number, side)]
        graph.node(
            box.name, label=box.label, id=box.svg_id, tooltip=box.tooltip, width=f"{width / 72:.4f}",
            height=f"{height / 72:.4f}", fixedsize="true", pos=point(left + width / 2, top + height / 2),
            **{"class": box.classes}, **box.style,
        )  # fmt: skip
        titles[box.svg_id] = box.title
    for number, row in enumerate(rows):
        if row.section:
            graph.node(
                f"section~{row.section}", label=f"<<B>{_text(SECTIONS[row.section])}</B>>", shape="plaintext",
                id=f"section-{row.section}", fontsize="11", fontcolor="#555555", width=f"{total_width / 72:.3f}",
                height="0.3", fixedsize="true", pos=point(total_width / 2, tops[number] + 10),
            )  # fmt: skip
    _tree_lines(graph, rows, boxes, places, canvas)
    _connectors(graph, connectors, rows, boxes, places, canvas)
    description = (
        f"Side-by-side change chart: {changes.before.label} (left) and {changes.after.label} (right), "
        f"{len(rows)} rows. " + "; ".join(f"{kind} {n}" for kind, n in changes.counts().items())
    )
    return SideBySide(graph.source, title, description, titles, total_width, total_height, drawn)


Place = tuple[float, float, float, float]
"""A box's left, top, width and height in points, y growing downwards."""


@dataclass(frozen=True)
class _Canvas:
    """The chart's frame: its height (Graphviz's y grows upwards), each column's left edge and
    the width of a column."""

    height: float
    bases: Mapping[str, float]
    column: float

    def point(self, x: float, top: float) -> str:
        """A Graphviz `pos` point for `x` and a distance from the top."""
        return f"{x:.1f},{self.height - top:.1f}"


def _tree_lines(
    graph: graphviz.Digraph,
    rows: Sequence[Row],
    boxes: Mapping[tuple[int, str], Box],
    places: Mapping[tuple[int, str], Place],
    canvas: _Canvas,
) -> None:
    """A line from each parent box down and across to each child drawn under it."""
    point = canvas.point
    for side in SIDES:
        row_of: dict[str, int] = {}
        for number, row in enumerate(rows):
            cell = row.before if side == "before" else row.after
            if cell is not None and cell.node is not None:
                row_of[cell.node] = number
        for number, row in enumerate(rows):
            cell = row.before if side == "before" else row.after
            if cell is None or cell.parent is None or cell.parent not in row_of:
                continue
            p_left, p_top, _, p_height = places[(row_of[cell.parent], side)]
            c_left, c_top, _, c_height = places[(number, side)]
            x = p_left + INDENT / 2
            start, bend, end = (
                point(x, p_top + p_height),
                point(x, c_top + c_height / 2),
                point(c_left, c_top + c_height / 2),
            )
            graph.edge(
                boxes[(row_of[cell.parent], side)].name, boxes[(number, side)].name,
                pos=f"{start} {start} {bend} {bend} {bend} {end} {end}", arrowhead="none", color=LINE_COLOR,
                penwidth="1", id=f"{boxes[(number, side)].svg_id.replace('-node-', '-line-').replace('-group-', '-line-')}",
            )  # fmt: skip


def _cell_row(rows: Sequence[Row], side: str, node_id: str) -> int | None:
    """The row where `side` draws `node_id` (on its own line or in a group), if it does."""
    for number, row in enumerate(rows):
        cell = row.before if side == "before" else row.after
        if cell is not None and (cell.node == node_id or node_id in cell.group):
            return number
    return None


def _connectors(
    graph: graphviz.Digraph,
    connectors: Sequence[Connector],
    rows: Sequence[Row],
    boxes: Mapping[tuple[int, str], Box],
    places: Mapping[tuple[int, str], Place],
    canvas: _Canvas,
) -> None:
    """One line per move, merge or split from the entity's box on the left to its box on the
    right: across its own row to the gutter, over the gutter, then across to the box."""
    point = canvas.point
    left_edge, right_edge = canvas.column + 6, canvas.bases["after"] - 6
    for number, connector in enumerate(connectors, start=1):
        start_row, end_row = _cell_row(rows, "before", connector.before), _cell_row(rows, "after", connector.after)
        if start_row is None or end_row is None:
            continue
        left, top, width, height = places[(start_row, "before")]
        x1, y1 = left + width, top + height / 2
        left, top, _, height = places[(end_row, "after")]
        x2, y2 = left, top + height / 2
        bend = (right_edge - left_edge) / 2
        path = [
            point(x1, y1), point(x1, y1), point(left_edge, y1), point(left_edge, y1),
            point(left_edge + bend, y1), point(right_edge - bend, y2), point(right_edge, y2),
            point(right_edge, y2), point(x2 - 7, y2), point(x2 - 7, y2),
        ]  # fmt: skip
        color = CONNECTOR_COLORS[connector.kind]
        if connector.kind == "same" and connector.label:  # a renamed entity the eras place differently
            color = next(mark.border for mark in STATE_MARKS.values() if mark.label == connector.label)
        attrs = {
            "pos": f"e,{point(x2, y2)} " + " ".join(path),
            "color": color,
            "penwidth": "1" if connector.kind == "same" else "1.6",
            "style": "dotted" if connector.kind == "same" else "solid",
            "id": f"connector-{number}",
            "class": f"connector connector-{connector.kind}",
            "tooltip": plain_attribute(connector.label or "the same entity, placed differently"),
        }
        if connector.label:
            middle = ((y1 + y2) / 2) - 4
            attrs.update(label=connector.label, fontcolor=color, lp=point((left_edge + right_edge) / 2, middle))
        graph.edge(boxes[(start_row, "before")].name, boxes[(end_row, "after")].name, **attrs)


def side_by_side_svg(drawn: SideBySide, id_prefix: str | None = None) -> bytes:
    """The laid-out chart as an accessible SVG (titles for every box, no version comment);
    every id starts with `id_prefix` when given, for a page with several charts."""
    raw = layout(drawn.source, "svg", engine="neato", pinned=True)
    return finish_svg(raw, drawn.title, drawn.description, drawn.titles, {}, id_prefix=id_prefix)


def render_side_by_side(drawn: SideBySide, fmt: str) -> bytes:
    """The laid-out chart in `fmt` (svg, png, pdf or dot)."""
    if fmt == "svg":
        return side_by_side_svg(drawn)
    if fmt == "dot":
        return readable_by_graphviz(drawn.source).encode("utf-8")
    return layout(drawn.source, fmt, engine="neato", pinned=True)
