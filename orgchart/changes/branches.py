"""The top-level branches of an organization: what gets a chart of its own, and a row in a
report's coverage table.

Found from the structure alone, so they work for any organization. Start at the most senior
root that is not an external body (by kind: agency first; DHS above ICE, being outside the
organization, does not count) and walk down while one contained unit holds more than half of
everything below (ICE -> ERO when the document is about ERO). The children where the walk stops
that have something below them are the **top-level divisions**. The walked nodes are the
**trunk**.

A register of a whole government has many roots of one kind (a hundred departments and
independent agencies, none holding half of the rest): then the walk has nowhere to start, there
is no trunk, and those roots (with something below them) are the top-level divisions.

`dataset_divisions` applies the rule to every era of a dataset and takes the union, so that a
branch present in two eras is charted in both, whichever era it is top-level in.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgchart.dataset.model import NODE_KINDS, Node
from orgchart.graph import Dataset, OrgChart

HIERARCHY_KINDS: tuple[str, ...] = ("parent", "oversight")
"""Edge kinds that place one entity below another."""


@dataclass(frozen=True)
class Branches:
    """An era's trunk (walked nodes, senior first; empty for a register of peers) and its
    top-level divisions (in era-file order)."""

    trunk: tuple[str, ...]
    divisions: tuple[str, ...]

    @property
    def main_body(self) -> str | None:
        """Where the walk stopped (the divisions' parent), or None for a register of peers."""
        return self.trunk[-1] if self.trunk else None


def find_branches(chart: OrgChart) -> Branches:
    """The trunk and top-level divisions of `chart` (see the module docstring); computed once
    per era, however many steps of a command ask."""
    return chart.derived("branches", lambda: _find_branches(chart))


def _find_branches(chart: OrgChart) -> Branches:
    # Each superior's subordinates once each, in the order stated (a dict per superior: a pair
    # tuple and a set entry per edge cost 3 us an edge, a third of a second at 100,000).
    stated: dict[str, dict[str, None]] = {}
    kinds = {node.id: node.kind for node in chart.nodes}
    external = {node_id for node_id, kind in kinds.items() if kind == "external body"}
    # A top is a non-external node whose superiors, if any, are all outside the organization.
    inside_superior: set[str] = set()
    for edge in chart.edges:
        if edge.kind in HIERARCHY_KINDS:
            superior = edge.superior
            stated.setdefault(superior, {})[edge.subordinate] = None
            if superior not in external:
                inside_superior.add(edge.subordinate)
    below = {superior: list(subordinates) for superior, subordinates in stated.items()}
    sizes = _SubtreeSizes(below)
    tops = [node.id for node in chart.nodes if node.kind != "external body" and node.id not in inside_superior]
    if not tops:
        return Branches((), ())
    # The most senior kind wins (an agency over a facility list), then one holding most of it.
    senior = min(NODE_KINDS.index(kinds[top]) for top in tops)
    peers = [top for top in tops if NODE_KINDS.index(kinds[top]) == senior]
    total = sum(sizes[top] for top in peers)
    leading = [top for top in peers if 2 * sizes[top] > total] if len(peers) > 1 else peers
    if len(leading) != 1:
        chosen = {top for top in peers if sizes[top] > 1}
        return Branches((), tuple(node.id for node in chart.nodes if node.id in chosen))
    node_id = leading[0]
    trunk = [node_id]
    while True:
        majority = [child.id for child in chart.children(node_id) if 2 * sizes[child.id] > sizes[node_id]]
        if len(majority) != 1:
            break
        node_id = majority[0]
        trunk.append(node_id)
    chosen = {child for child in below.get(node_id, ()) if sizes[child] > 1}
    return Branches(tuple(trunk), tuple(node.id for node in chart.nodes if node.id in chosen))


class _SubtreeSizes(dict[str, int]):
    """How many nodes each node reaches through hierarchy edges, itself included, counted when
    first asked (the walk asks for few nodes: the tops, and the children along the way)."""

    def __init__(self, below: dict[str, list[str]]) -> None:
        super().__init__()
        self.below = below
        superiors: dict[str, int] = {}
        for children in below.values():
            for child in children:
                superiors[child] = superiors.get(child, 0) + 1
        if all(count == 1 for count in superiors.values()):
            self._count_tree(superiors)

    def _count_tree(self, superiors: dict[str, int]) -> None:
        """Every size at once where each node has one superior (a forest): a node's size is one
        plus its children's, summed children first. Asking per node along a 2,000-deep chain
        walked the rest of the chain at each step (quadratic)."""
        order: list[str] = []
        todo = [node for node in self.below if node not in superiors]
        seen = set(todo)
        while todo:
            node = todo.pop()
            order.append(node)
            for child in self.below.get(node, ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        counted = dict.fromkeys(order, 1)
        for node in reversed(order):  # children before their superiors
            children = self.below.get(node)
            if children:
                counted[node] += sum(map(counted.__getitem__, children))
        self.update(counted)

    def __missing__(self, node_id: str) -> int:
        seen, todo = {node_id}, [node_id]
        while todo:
            for child in self.below.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        self[node_id] = len(seen)
        return len(seen)


def top_level_divisions(chart: OrgChart) -> tuple[Node, ...]:
    """The parts of the organization that get a chart of their own, in era-file order (see the
    module docstring)."""
    return tuple(chart.node(node_id) for node_id in find_branches(chart).divisions)


def branch_of(chart: OrgChart, branches: Branches | None = None) -> dict[str, str | None]:
    """For every node of `chart`, the top-level division it sits under (by main parents; a
    division maps to itself), "" for a trunk node, None for a node outside every branch."""
    if branches is None or branches == find_branches(chart):
        return chart.derived("branch_of", lambda: _branch_of(chart, find_branches(chart)))
    return _branch_of(chart, branches)


def _branch_of(chart: OrgChart, found: Branches) -> dict[str, str | None]:
    """Walked down from each division and trunk node through main children (each entity has one
    main parent, so each is reached once, from the nearest division or trunk node above it):
    walking up from every entity asked for its parent a few hundred thousand times at 100,000."""
    known: dict[str, str | None] = {division: division for division in found.divisions}
    for node_id in found.trunk:
        known[node_id] = ""
    result: dict[str, str | None] = dict.fromkeys([node.id for node in chart.nodes])
    children = chart.children_of
    reached = set(known)
    for start, value in known.items():
        result[start] = value
        todo = [start]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child.id not in reached:
                    reached.add(child.id)
                    result[child.id] = value
                    todo.append(child.id)
    return result


def dataset_divisions(dataset: Dataset) -> dict[str, tuple[Node, ...]]:
    """Era id -> the divisions to chart in that era: every top-level division of any era that
    the era mentions, in its file order, except its own trunk (the whole-era chart is the chart
    of those). A branch present in two eras is so charted in both, even where it has nothing
    below it any more (which is itself worth seeing)."""
    found = {chart.id: find_branches(chart) for chart in dataset.eras}
    union = {division for branches in found.values() for division in branches.divisions}
    return {
        chart.id: tuple(node for node in chart.nodes if node.id in union and node.id not in found[chart.id].trunk)
        for chart in dataset.eras
    }
