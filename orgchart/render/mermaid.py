"""Charts as Mermaid `flowchart TD` text, for Markdown that GitHub and MkDocs render.

Same nodes and edges as the Graphviz chart (`orgchart.render.scope.select`), styled from the
same per-kind table as far as Mermaid allows: a `classDef` per node kind (fill, border and text
colour, so labels read on light and dark themes alike), a link operator per edge kind (`-->`
parent, `-.->` oversight, `<==>` partnership, `<-.->` coordination, `--o` support) and
`linkStyle` for colours (mid-tones that read on white and on dark backgrounds) and dash
patterns; second parents are dotted, red and labelled. Wide levels are stacked as far as
Mermaid allows: a stack (`orgchart.render.stack`) is a subgraph whose members stand in columns
(chained by invisible `~~~` links), with one link from the superior to the subgraph. A legend
subgraph shows a box per kind and a sample of each kind of line.

Mermaid ids are generated from node ids (`n_` + the id with `-` and `.` as `_`), so they
never clash with keywords such as `end` or with link syntax (`o`, `x` prefixes). Labels go
in double quotes with every character Mermaid could read as syntax written as an entity
code (`#quot;`, `#lt;`, `#35;`, ...), and line breaks as `<br>`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

from orgchart.atomic import write_text_atomic
from orgchart.dataset.model import Node
from orgchart.graph import OrgChart
from orgchart.render.dark import DARK_BACKGROUND, contrast, lightened
from orgchart.render.figure import figure_scope
from orgchart.render.labels import LABEL_LINES, TITLE_CHARS, WRAP, shorten
from orgchart.render.options import ChartOptions, node_link
from orgchart.render.scope import Scope, select
from orgchart.render.stack import find_stacks
from orgchart.render.style import DARK_FILLS, EDGE_STYLES, NODE_STYLES, SECOND_PARENT, EdgeStyle, edge_style

ENTITIES: Final[Mapping[str, str]] = {
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "\\": "#92;",
    "`": "#96;",
    "|": "#124;",
    "{": "#123;",
    "}": "#125;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    ";": "#59;",
    "*": "#42;",
    "_": "#95;",
    "~": "#126;",
}
"""Characters written as Mermaid entity codes inside labels."""

SHAPES: Final[Mapping[str, tuple[str, str]]] = {
    "box": ("[", "]"),
    "box3d": ("[[", "]]"),
    "cylinder": ("[(", ")]"),
    "hexagon": ("{{", "}}"),
}


def escape_label(text: str) -> str:
    """`text` safe inside a quoted Mermaid label: syntax characters as entity codes, line
    breaks as `<br>`. Non-Latin text passes through unchanged."""
    lines = text.splitlines() or [""]
    return "<br>".join("".join(ENTITIES.get(char, char) for char in line) for line in lines)


def mermaid_ids(node_ids: Iterable[str]) -> dict[str, str]:
    """A Mermaid-safe id per node id: `n_` + the id with `-` and `.` as `_`; ids that would
    clash get a short hash of the original id, so the mapping is stable and one-to-one."""
    wanted = sorted(set(node_ids))
    plain = {node_id: "n_" + node_id.replace("-", "_").replace(".", "_") for node_id in wanted}
    counts: dict[str, int] = {}
    for value in plain.values():
        counts[value] = counts.get(value, 0) + 1
    return {
        node_id: value if counts[value] == 1 else f"{value}_{hashlib.sha1(node_id.encode()).hexdigest()[:6]}"
        for node_id, value in plain.items()
    }


def class_name(kind: str) -> str:
    """The Mermaid class of a node kind: `k_` + the kind with spaces and dashes as `_`."""
    return "k_" + kind.replace(" ", "_").replace("-", "_")


LAYOUT: Final[tuple[str, ...]] = (
    "config:",
    "  flowchart:",
    "    nodeSpacing: 18",
    "    rankSpacing: 36",
    "    wrappingWidth: 120",
    "    padding: 6",
)
"""Front matter that tightens Mermaid's layout (its defaults space boxes 50 px apart). Measured
with Mermaid 11.17 in Chromium, the bundled overviews (legend included) were 1,318-1,841 px
wide without it and are 932-1,257 px with it; whole eras 1,871-5,298 px, now 1,326-3,282."""


def mid_tone(color: str) -> str:
    """`color`, lightened as little as needed to show on a dark theme too: a contrast of at least
    3 (WCAG's for lines) against white and against `DARK_BACKGROUND`, where both can be had."""
    if contrast(color, DARK_BACKGROUND) >= 3:
        return color
    candidate = lightened(color, target=3)
    return candidate if contrast(candidate, "#ffffff") >= 3 else color


def _node_line(node: Node, mermaid_id: str, note: str | None = None) -> str:
    style = NODE_STYLES[node.kind]
    detail = f"{node.acronym} · {node.kind}" if node.acronym else node.kind
    name = shorten(node.name, WRAP * LABEL_LINES)  # a long name ends in "…" in the chart only
    label = f"<b>{escape_label(name)}</b><br><small>{escape_label(detail)}</small>"
    if note:
        label += f"<br><small><i>{escape_label(note)}</i></small>"
    if style.shape in SHAPES:
        opening, closing = SHAPES[style.shape]
    else:
        opening, closing = ("(", ")") if "rounded" in style.style else ("[", "]")
    return f'    {mermaid_id}{opening}"{label}"{closing}'


def _link_css(style: EdgeStyle) -> str:
    css = f"stroke:{mid_tone(style.color)},stroke-width:{style.penwidth}px"
    return css + (f",stroke-dasharray:{style.dasharray}" if style.dasharray else "")


def class_css(kind: str) -> str:
    """The `classDef` body of a node kind: fill, border and text colour (and dashes)."""
    node_style = NODE_STYLES[kind]
    text = "#ffffff" if kind in DARK_FILLS else "#1a1a1a"
    css = f"fill:{node_style.fill},stroke:{node_style.border},color:{text},stroke-width:{node_style.penwidth}px"
    return css + (",stroke-dasharray:4 3" if "dashed" in node_style.style else "")


def to_mermaid(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> str:
    """The era (or the subtree under `root`, `depth` levels down) as Mermaid flowchart text.

    Deterministic: nodes and edges in era-file order, classes in vocabulary order.

    Raises:
        NotFoundError, AmbiguousError: `root` names no node, or several.
    """
    return scope_to_mermaid(select(chart, root, depth))


def figure_mermaid(
    chart: OrgChart,
    root: str | Node | None = None,
    depth: int | None = None,
    options: ChartOptions | None = None,
    *,
    fenced: bool = False,
) -> str:
    """The chart drawn with `options` (overview, legend, caption, links, relations) as Mermaid
    text; `fenced` wraps it in a ```` ```mermaid ```` block for Markdown."""
    wanted = options or ChartOptions()
    figure = figure_scope(chart, root, depth, wanted)
    text = scope_to_mermaid(figure.scope, notes=figure.notes, options=wanted)
    return f"```mermaid\n{text}```\n" if fenced else text


def scope_to_mermaid(
    scope: Scope, *, notes: Mapping[str, str] | None = None, options: ChartOptions | None = None
) -> str:
    """The nodes and edges of `scope` as Mermaid flowchart text (see `to_mermaid`); `notes`
    add a small line to some boxes (an overview's "+12 below")."""
    wanted = options or ChartOptions()
    chart = scope.chart
    title = f"{chart.label} ({chart.date.label})"
    if scope.root is not None:
        title += f": {scope.root.name}"
    title = shorten(title, TITLE_CHARS)
    ids = mermaid_ids(node.id for node in scope.nodes)
    lines = ["---"] + ([f"title: {json.dumps(title, ensure_ascii=False)}"] if wanted.caption else [])
    lines += [*LAYOUT, "---"]
    lines += [
        "flowchart TD",
        f"    %% era {chart.id}; sources: {', '.join(s.id for s in chart.sources)}; generated by orgchart",
    ]
    second = {edge.key for edge in scope.edges if chart.is_second_parent(edge)}
    stacks = find_stacks(scope.nodes, scope.edges, second)
    stacked = {member: stack for stack in stacks for member in stack.members}
    notes = notes or {}
    inside = [n for n in scope.nodes if n.kind != "external body" and n.id not in stacked]
    outside = [node for node in scope.nodes if node.kind == "external body"]
    lines += [_node_line(node, ids[node.id], notes.get(node.id)) for node in inside]
    by_id = {node.id: node for node in scope.nodes}
    stack_ids: dict[str, str] = {}
    index = 0  # Mermaid numbers every link, invisible ones too, for `linkStyle`
    for number, stack in enumerate(stacks):
        stack_id = f"s_{number}_{ids[stack.superior]}"
        stack_ids[stack.key] = stack_id
        count = len(stack.members)
        kind = stack.kind if count == 1 else plural(stack.kind)
        lines.append(f'    subgraph {stack_id}["{escape_label(f"{count} {kind}")}"]')
        lines.append("        direction TB")
        lines += ["    " + _node_line(by_id[m], ids[m], notes.get(m)) for m in stack.members]
        for column in range(stack.columns):
            chain = [ids[row[column]] for row in stack.rows if column < len(row)]
            if len(chain) > 1:
                lines.append("        " + " ~~~ ".join(chain))
                index += len(chain) - 1
        lines.append("    end")
        lines.append(f"    style {stack_id} fill:none,stroke:#999999,color:#888888")
    if outside:
        lines.append('    subgraph externals["Outside the organization"]')
        lines += ["    " + _node_line(node, ids[node.id]) for node in outside]
        lines.append("    end")
        lines.append("    style externals fill:none,stroke:#888888,stroke-dasharray:4 3,color:#888888")
    link_styles: dict[str, list[int]] = {}
    drawn_stacks: set[str] = set()
    for edge in scope.edges:
        target = ids[edge.subordinate]
        into = stacked.get(edge.subordinate)
        if into is not None and into.superior == edge.superior and into.edge_kind == edge.kind:
            if into.key in drawn_stacks:
                continue  # one link to the subgraph stands for every member
            drawn_stacks.add(into.key)
            target = stack_ids[into.key]
        style = edge_style(edge.kind, second_parent=edge.key in second)
        label = '|"2nd parent"|' if edge.key in second else ""
        lines.append(f"    {ids[edge.superior]} {style.mermaid}{label} {target}")
        link_styles.setdefault(_link_css(style), []).append(index)
        index += 1
    present: set[str] = {node.kind for node in scope.nodes}
    if wanted.legend:
        index = _legend(lines, link_styles, index, present, {edge.kind for edge in scope.edges}, bool(second))
    for css, indexes in link_styles.items():
        lines.append(f"    linkStyle {','.join(str(i) for i in indexes)} {css}")
    for kind in NODE_STYLES:
        if kind not in present:
            continue
        members = [ids[node.id] for node in scope.nodes if node.kind == kind]
        if wanted.legend:
            members.append(f"lg_{class_name(kind)}")
        lines.append(f"    classDef {class_name(kind)} {class_css(kind)}")
        lines.append(f"    class {','.join(members)} {class_name(kind)}")
    if wanted.link is not None:
        for node in scope.nodes:
            url = node_link(wanted.link, chart.id, node.id).replace('"', "%22")
            lines.append(f'    click {ids[node.id]} href "{url}" _top')
    return "\n".join(lines) + "\n"


LEGEND_ROW: Final[int] = 5
"""Kind boxes per row of the Mermaid legend."""


def _legend(
    lines: list[str], link_styles: dict[str, list[int]], index: int, kinds: set[str], edge_kinds: set[str], second: bool
) -> int:
    """A legend subgraph: one box per node kind drawn, one sample link per edge kind drawn
    (between two small blank boxes, labelled). Returns the next link index."""
    lines.append('    subgraph legend["Legend"]')
    lines.append("        direction LR")
    shown = [kind for kind in NODE_STYLES if kind in kinds]
    boxes = [f"lg_{class_name(kind)}" for kind in shown]
    lines += [f'        lg_{class_name(kind)}["{escape_label(kind)}"]' for kind in shown]
    for start in range(0, len(boxes), LEGEND_ROW):  # rows of boxes, chained so they stand side by side
        row = boxes[start : start + LEGEND_ROW]
        if len(row) > 1:
            lines.append("        " + " ~~~ ".join(row))
            index += len(row) - 1
    samples = [(kind, style) for kind, style in EDGE_STYLES.items() if kind in edge_kinds]
    if second:
        samples.append(("second_parent", SECOND_PARENT))
    for kind, style in samples:
        name = kind.replace(" ", "_")
        lines.append(f'        lg_{name}_a[" "] {style.mermaid}|"{escape_label(style.label)}"| lg_{name}_b[" "]')
        link_styles.setdefault(_link_css(style), []).append(index)
        index += 1
    lines.append("    end")
    lines.append("    style legend fill:none,stroke:#999999,color:#888888")
    blanks = [f"lg_{kind.replace(' ', '_')}_{end}" for kind, _ in samples for end in "ab"]
    if blanks:
        lines.append("    classDef lg_blank fill:none,stroke:#999999,color:#888888")
        lines.append(f"    class {','.join(blanks)} lg_blank")
    return index


def plural(kind: str) -> str:
    """The plural of a kind's name (`facility` -> `facilities`)."""
    if kind.endswith("y") and not kind.endswith("ey"):
        return kind[:-1] + "ies"
    return kind + ("es" if kind.endswith(("s", "x")) else "s")


def write_mermaid(chart: OrgChart, path: str | Path, root: str | Node | None = None, depth: int | None = None) -> Path:
    """Write the chart's Mermaid text to `path` atomically."""
    return write_text_atomic(path, to_mermaid(chart, root, depth))
