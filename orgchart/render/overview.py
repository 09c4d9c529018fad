"""The overview form of an era: a chart that fits a documentation column.

A whole era drawn in full is 2,000-3,200 px wide; shrunk into a 760 px column its labels are
4 px tall. The overview draws the top of the hierarchy only: from the organization's senior
root (or a given root) down to the main body's children (the top-level divisions), deeper while
the chart stays small, each branch cut short marked with how many entities it holds ("+12
below"). It draws the hierarchy (parent and oversight) unless asked for more, and wide rows of
leaves are stacked into grids by the usual construction (`orgchart.render.stack`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

from orgchart.dataset.model import Node
from orgchart.graph import OrgChart
from orgchart.render.options import OVERVIEW_RELATIONS
from orgchart.render.scope import HIERARCHY_KINDS, Scope, hierarchy_below, main_body

OVERVIEW_BOXES: Final[int] = 24
"""Most boxes an overview draws when no depth is given: it goes one level deeper only while the
chart stays within this many (but always reaches the main body's children)."""


@dataclass(frozen=True)
class Overview:
    """What an overview draws, and what it leaves out.

    `hidden_below` maps each drawn node with a subordinate not drawn (where a branch is cut) to
    the number of entities below it that are not drawn; `left_out` counts every entity of the era not drawn.
    """

    scope: Scope
    levels: int
    hidden_below: Mapping[str, int]
    left_out: int


def overview(
    chart: OrgChart,
    root: str | Node | None = None,
    depth: int | None = None,
    relations: Collection[str] = OVERVIEW_RELATIONS,
) -> Overview:
    """The overview of `chart`, or of the subtree under `root`, `depth` levels down.

    Without `depth`, the overview reaches the main body's children (for the whole era) or the
    root's children (for a subtree), then goes deeper while it draws at most `OVERVIEW_BOXES`.

    Raises:
        NotFoundError, AmbiguousError: `root` names no node, or several.
        ValueError: `depth` is negative.
    """
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    below = hierarchy_below(chart)
    if root is not None:
        start, least = chart.get(root), 1
    else:
        found = main_body(chart)
        if found is None:  # an era of outside bodies only: nothing to summarise
            return Overview(Scope(chart, None, depth, chart.nodes, chart.edges), 0, {}, 0)
        start = found[0]
        least = _level_of(below, start.id, found[1].id) + 1
    levels = _levels(below, start.id)
    deepest = max(levels.values())
    if depth is None:
        depth = min(least, deepest)
        while depth < deepest and sum(1 for level in levels.values() if level <= depth + 1) <= OVERVIEW_BOXES:
            depth += 1
    kept = {node_id for node_id, level in levels.items() if level <= depth}
    wanted = set(relations)
    for edge in chart.edges:  # partners named by drawn nodes, one hop, as in a subtree chart
        if edge.kind in wanted and edge.kind not in HIERARCHY_KINDS and edge.superior in kept:
            kept.add(edge.subordinate)
    nodes = tuple(node for node in chart.nodes if node.id in kept)
    edges = tuple(
        edge for edge in chart.edges if edge.kind in wanted and edge.superior in kept and edge.subordinate in kept
    )
    cut = [node for node in nodes if any(child not in kept for child in below.get(node.id, ()))]
    hidden = {node.id: _hidden_count(below, node.id, kept) for node in cut}
    scope = Scope(chart, chart.get(root) if root is not None else None, depth, nodes, edges)
    return Overview(scope, depth, hidden, len(chart.nodes) - len(nodes))


def _levels(below: Mapping[str, list[str]], start: str) -> dict[str, int]:
    """Each node's level under `start` (0 for `start`), breadth first, without recursion."""
    levels = {start: 0}
    frontier = [start]
    while frontier:
        following = []
        for node_id in frontier:
            for child in below.get(node_id, ()):
                if child not in levels:
                    levels[child] = levels[node_id] + 1
                    following.append(child)
        frontier = following
    return levels


def _level_of(below: Mapping[str, list[str]], start: str, target: str) -> int:
    return _levels(below, start).get(target, 0)


def _hidden_count(below: Mapping[str, list[str]], node_id: str, kept: Collection[str]) -> int:
    """How many entities under `node_id` in the hierarchy are not drawn."""
    seen, todo, hidden = {node_id}, [node_id], 0
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
                hidden += child not in kept
    return hidden


def overview_lines(result: Overview) -> tuple[str, ...]:
    """The caption lines saying what the overview leaves out."""
    if not result.left_out:
        return ()
    marked = "; '+N below' counts what a branch holds beyond this chart" if result.hidden_below else ""
    total = len(result.scope.chart.nodes)
    return (f"Overview: {len(result.scope.nodes)} of {total} entities{marked}. The full chart draws every one.",)
