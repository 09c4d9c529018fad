"""When a chart is too large to read as one picture, and what to draw instead.

More than `LEGIBLE_BOXES` boxes in one chart cannot be read at once: fitted to a screen or a
page, their names are a few pixels high; drawn at reading size, the chart is tens of thousands
of pixels wide (and Graphviz takes minutes over it). Such an era or branch is drawn as its
overview (`orgchart.render.overview`: the top levels, each branch cut short counted) plus a
chart per branch; `orgchart render` says so and names the largest branches, `build` writes
the branch charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgchart.dataset.limits import LEGIBLE_BOXES as LEGIBLE_BOXES  # re-exported: most boxes one chart draws in full
from orgchart.dataset.model import Node
from orgchart.graph import OrgChart
from orgchart.render.overview import overview
from orgchart.render.scope import select


@dataclass(frozen=True)
class Branch:
    """A branch that gets a chart of its own, and how many entities it holds (itself included)."""

    node: Node
    size: int


def boxes(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> int:
    """How many boxes the full chart of `chart` (or of the subtree under `root`) draws."""
    return len(select(chart, root, depth).nodes)


def too_large(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> bool:
    """Whether the full chart would draw more than `LEGIBLE_BOXES` boxes."""
    return boxes(chart, root, depth) > LEGIBLE_BOXES


def branches(chart: OrgChart, root: str | Node | None = None) -> tuple[Branch, ...]:
    """The branches the overview of `chart` (or of the subtree under `root`) cuts short, each
    with what it holds, largest first (ties in era-file order): every '+N below' on the overview
    is one of them, so the overview and a chart per branch draw every entity."""
    cut = overview(chart, root).hidden_below
    order = {node.id: index for index, node in enumerate(chart.nodes)}
    found = [Branch(chart.node(node_id), hidden + 1) for node_id, hidden in cut.items()]
    return tuple(sorted(found, key=lambda branch: (-branch.size, order[branch.node.id])))


def overview_note(chart: OrgChart, root: str | Node | None = None, depth: int | None = None, shown: int = 5) -> str:
    """What `orgchart render` says when it draws an overview instead of a chart too large to
    read: how large it is, what was drawn, and how to draw a branch or everything."""
    where = f"the subtree under {chart.get(root).name}" if root is not None else f"era {chart.id}"
    listed = branches(chart, root)
    named = ", ".join(f"{branch.node.id} ({branch.size:,})" for branch in listed[:shown])
    more = f" and {len(listed) - shown:,} more" if len(listed) > shown else ""
    hint = f" Draw one branch with --root: {named}{more}." if listed else ""
    return (
        f"{where} has {boxes(chart, root, depth):,} entities, too many to read as one picture (more than "
        f"{LEGIBLE_BOXES}): drew its overview (the top levels, '+N below' where a branch is cut).{hint} "
        "Draw every entity with --full."
    )
