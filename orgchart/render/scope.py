"""Which nodes and edges a chart shows: a whole era, or one subtree of it.

A subtree is what a reader of an org chart expects under a box: the nodes reachable from the
root through `parent` and `oversight` edges (the hierarchy), down to `depth` levels, plus the
partners those nodes name through the other relations (partnership, coordination, support),
drawn once so the relation is visible but not followed further.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgchart.changes.branches import top_level_divisions
from orgchart.dataset.model import NODE_KINDS, Edge, Node
from orgchart.graph import OrgChart

__all__ = ["HIERARCHY_KINDS", "Scope", "hierarchy_below", "main_body", "select", "senior_root", "top_level_divisions"]

HIERARCHY_KINDS: tuple[str, ...] = ("parent", "oversight")
"""Edge kinds that place one entity below another in a chart."""


@dataclass(frozen=True)
class Scope:
    """The part of an era one chart draws: its nodes and edges in era-file order."""

    chart: OrgChart
    root: Node | None
    depth: int | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def node_ids(self) -> frozenset[str]:
        """The ids of the nodes drawn."""
        return frozenset(node.id for node in self.nodes)


def select(chart: OrgChart, root: str | Node | None = None, depth: int | None = None) -> Scope:
    """The nodes and edges to draw for `chart`, or for the subtree under `root`.

    Args:
        chart: the era.
        root: an id, name, acronym or alias (see `OrgChart.get`); None for the whole era.
        depth: hierarchy levels below the root (or below the era's roots) to include; None for all.

    Raises:
        NotFoundError: `root` names no node (the message suggests the closest).
        AmbiguousError: `root` names several nodes.
        ValueError: `depth` is negative.
    """
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    start = chart.get(root) if root is not None else None
    if start is None and depth is None:
        return Scope(chart, None, None, chart.nodes, chart.edges)
    below: dict[str, list[str]] = {}
    for edge in chart.edges:
        if edge.kind in HIERARCHY_KINDS:
            below.setdefault(edge.superior, []).append(edge.subordinate)
    starts = [start.id] if start else [node.id for node in _tops(chart) if node.kind != "external body"]
    level = dict.fromkeys(starts, 0)
    frontier = list(starts)
    while frontier:
        following = []
        for node_id in frontier:
            if depth is not None and level[node_id] >= depth:
                continue
            for child in below.get(node_id, ()):
                if child not in level:
                    level[child] = level[node_id] + 1
                    following.append(child)
        frontier = following
    kept = set(level)
    # Partners named by the kept nodes are shown (one hop), so the relation is not lost.
    for edge in chart.edges:
        if edge.kind not in HIERARCHY_KINDS and edge.superior in level:
            kept.add(edge.subordinate)
    nodes = tuple(node for node in chart.nodes if node.id in kept)
    edges = tuple(edge for edge in chart.edges if edge.superior in kept and edge.subordinate in kept)
    return Scope(chart, start, depth, nodes, edges)


def _tops(chart: OrgChart) -> tuple[Node, ...]:
    """Nodes that no hierarchy edge points to: where a whole-era chart starts counting depth."""
    placed = {edge.subordinate for edge in chart.edges if edge.kind in HIERARCHY_KINDS}
    return tuple(node for node in chart.nodes if node.id not in placed)


def hierarchy_below(chart: OrgChart) -> dict[str, list[str]]:
    """Each node's subordinates through `parent` and `oversight` edges, in era-file order."""
    below: dict[str, list[str]] = {}
    for edge in chart.edges:
        if edge.kind in HIERARCHY_KINDS:
            children = below.get(edge.superior)
            if children is None:
                below[edge.superior] = [edge.subordinate]
            elif edge.subordinate not in children:
                children.append(edge.subordinate)
    return below


def _size(below: dict[str, list[str]], node_id: str) -> int:
    """How many nodes the hierarchy under `node_id` holds, itself included (no recursion)."""
    seen, todo = {node_id}, [node_id]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return len(seen)


def _forest_sizes(below: dict[str, list[str]]) -> dict[str, int]:
    """The size of every hierarchy under a root (`_size` of each node), summed children first in
    one pass, where each node has one superior (a forest; most eras). Where some node has two,
    nothing: sizes are then counted node by node, as a sum would count shared nodes twice.
    (Walking each node's hierarchy on its own was a twentieth of a 1,000-unit chart's rendering.)"""
    superiors: dict[str, str] = {}
    for superior, children in below.items():
        for child in children:
            if child in superiors:
                return {}
            superiors[child] = superior
    order, todo = [], [node for node in below if node not in superiors]
    while todo:
        node = todo.pop()
        order.append(node)
        todo.extend(below.get(node, ()))
    sizes = dict.fromkeys(order, 1)
    for node in reversed(order):  # children before their superior: each adds its size to it
        if node in superiors:
            sizes[superiors[node]] += sizes[node]
    return sizes


def main_body(chart: OrgChart) -> tuple[Node, Node] | None:
    """The most senior root of the organization and its main body, or None for an era of
    external bodies only.

    The root is the most senior node that is not an external body and has no superior inside
    the organization (by kind: agency first; then the largest hierarchy below it; DHS above
    ICE does not count as a superior). The walk goes down while one child (by `parent`,
    containment) holds more than half of that hierarchy (ICE -> ERO when the document is about
    ERO); where it stops is the main body.
    """
    tops = _organization_tops(chart)
    if not tops:
        return None
    below = hierarchy_below(chart)
    sizes = _forest_sizes(below)

    def size(node_id: str) -> int:
        if node_id not in sizes:
            sizes[node_id] = _size(below, node_id)
        return sizes[node_id]

    root = min(tops, key=lambda node: (NODE_KINDS.index(node.kind), -size(node.id)))
    node_id = root.id
    total = size(node_id)
    while True:
        majority = [child.id for child in chart.children(node_id) if 2 * size(child.id) > total]
        if len(majority) != 1:
            break
        node_id = majority[0]
    return root, chart.node(node_id)


def senior_root(chart: OrgChart) -> Node | None:
    """`main_body(chart)`'s root alone: where the organization has one top (most eras), it,
    without measuring every hierarchy (a walk per node where some node has two superiors)."""
    tops = _organization_tops(chart)
    if len(tops) == 1:
        return tops[0]
    found = main_body(chart)
    return found[0] if found else None


def _organization_tops(chart: OrgChart) -> list[Node]:
    """The nodes that are no external body and have no superior inside the organization (an
    external body above one does not count), in era-file order."""
    kinds = {node.id: node.kind for node in chart.nodes}
    inside_superior = {
        edge.subordinate
        for edge in chart.edges
        if edge.kind in HIERARCHY_KINDS and kinds.get(edge.superior) != "external body"
    }
    return [node for node in chart.nodes if node.kind != "external body" and node.id not in inside_superior]
