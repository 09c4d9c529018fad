"""One left-to-right order of every entity of a dataset, so that charts of different eras agree.

Graphviz lays each era out on its own, so a division present in two eras would otherwise sit in
a different place in each chart. `stable_order` gives every entity of every era (matched across
eras through the diff's matching and the lineage, as `orgchart.changes.history` does) one
position; charts sort siblings and top-level branches by it, so two siblings present under the
same parent in two eras are drawn in the same order in both.

How the order is made: the latest era's order comes first (the current document's order is the
one readers know); each earlier era, newest first, then adds the entities the later ones do not
mention, each right after its nearest preceding sibling in its own era (or just before its
nearest following one), so an entity that left the record keeps its place among its siblings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgchart.changes.match import Matching
from orgchart.dataset.model import Edge, LineageLink, Node
from orgchart.graph import Dataset, OrgChart

if TYPE_CHECKING:
    from orgchart.changes.history import GridRow

Key = tuple[float, ...]


def drawn_parents(chart: OrgChart) -> dict[str, str]:
    """Each node's place in the drawn tree: its main parent, else its first oversight superior,
    else the first entity that names it in a working relation (a partner the document knows
    only as supported). This is the tree the page collapses and the change charts outline.

    A link that would close a loop is skipped, so the result is always a forest.
    """
    placed: dict[str, str] = {}

    def would_loop(child: str, superior: str) -> bool:
        step: str | None = superior
        while step is not None:
            if step == child:
                return True
            step = placed.get(step)
        return False

    rounds: tuple[Iterable[Edge], ...] = (
        (e for e in chart.edges if e.kind == "parent" and not chart.is_second_parent(e)),
        (e for e in chart.edges if e.kind == "oversight"),
        (e for e in chart.edges if e.kind not in ("parent", "oversight")),
    )
    for edges in rounds:
        for edge in edges:
            if edge.subordinate not in placed and not would_loop(edge.subordinate, edge.superior):
                placed[edge.subordinate] = edge.superior
    return placed


@dataclass(frozen=True)
class Ordering:
    """A position for every entity of some eras: `rank(era_id, node_id)`; entities matched
    across eras share one position. Sorting siblings by it gives every chart the same order."""

    ranks: Mapping[tuple[str, str], int]

    def rank(self, era_id: str, node_id: str) -> int | None:
        """The entity's position, or None when the ordering does not know it."""
        return self.ranks.get((era_id, node_id))

    def sort_nodes(self, era_id: str, nodes: Sequence[Node]) -> tuple[Node, ...]:
        """`nodes` of era `era_id` in the ordering's order; unknown nodes last, in their order."""
        unknown = len(self.ranks)
        keyed = [(self.ranks.get((era_id, node.id), unknown), index, node) for index, node in enumerate(nodes)]
        keyed.sort(key=lambda item: (item[0], item[1]))
        return tuple(node for _, _, node in keyed)

    def sort_edges(self, era_id: str, edges: Sequence[Edge]) -> tuple[Edge, ...]:
        """`edges` ordered by their subordinate's position, so that a superior's edges come in
        the order its children are drawn. Edges into one entity keep their order, so the
        first parent edge (the main parent) stays first."""
        unknown = len(self.ranks)
        keyed = sorted(
            enumerate(edges), key=lambda item: (self.ranks.get((era_id, item[1].subordinate), unknown), item[0])
        )
        return tuple(edge for _, edge in keyed)

    def apply(self, chart: OrgChart) -> OrgChart:
        """The same era with its nodes and edges in this order: every chart drawn from it (and
        the page) puts siblings and top-level branches where the other eras put them."""
        era = chart.era.model_copy(
            update={"nodes": self.sort_nodes(chart.id, chart.nodes), "edges": self.sort_edges(chart.id, chart.edges)}
        )
        return OrgChart(era, chart.sources, chart.findings)


def stable_order(dataset: Dataset) -> Ordering:
    """The ordering of every entity of `dataset` (see the module docstring).

    Example:
        >>> order = stable_order(orgchart.load())
        >>> order.rank("ero-2020", "ihsc") is not None
        True
    """
    return order_eras(dataset.eras, dataset.lineage)


def order_eras(
    eras: Sequence[OrgChart], lineage: Iterable[LineageLink] = (), grid: Sequence[GridRow] | None = None
) -> Ordering:
    """The ordering of the entities of `eras` (chronological), matched through `grid` (from
    `orgchart.changes.history.build_grid`; built here when not given)."""
    from orgchart.changes.history import build_grid

    charts = tuple(eras)
    rows = grid if grid is not None else build_grid(charts, lineage)
    row_of: dict[tuple[int, str], int] = {}
    for number, row in enumerate(rows):
        for index, cell in enumerate(row.cells):
            if cell is not None:
                row_of[(index, cell.id)] = number
    return _ordering(charts, row_of)


def order_matched(before: OrgChart, after: OrgChart, matching: Matching) -> Ordering:
    """The ordering of two eras' entities, matched by `matching` (a ChangeSet's): what a change
    chart uses when it is not given the dataset's `stable_order`."""
    row_of: dict[tuple[int, str], int] = {(1, node.id): number for number, node in enumerate(after.nodes)}
    for node in before.nodes:
        match = matching.forward(node.id)
        row_of[(0, node.id)] = row_of[(1, match.after)] if match is not None else len(row_of)
    return _ordering((before, after), row_of)


def _ordering(charts: tuple[OrgChart, ...], row_of: dict[tuple[int, str], int]) -> Ordering:
    """The ordering of `charts`' entities, where `row_of` says which entities are one (the
    same row number)."""
    keys: dict[int, Key] = {}
    for age, index in enumerate(reversed(range(len(charts)))):
        _place_era(charts[index], index, age, row_of, keys)
    ordered = sorted(keys, key=lambda number: (keys[number], number))
    position = {number: rank for rank, number in enumerate(ordered)}
    return Ordering({(charts[index].id, node_id): position[number] for (index, node_id), number in row_of.items()})


def _place_era(
    chart: OrgChart, index: int, age: int, row_of: Mapping[tuple[int, str], int], keys: dict[int, Key]
) -> None:
    """Give a key to every entity of `chart` that no later era placed: just after its nearest
    preceding sibling that a later era placed, else just before its nearest following one; a
    run of such entities keeps this era's order (`position`)."""
    parents = drawn_parents(chart)
    siblings: dict[str | None, list[int]] = {}
    for node in chart.nodes:
        siblings.setdefault(parents.get(node.id), []).append(row_of[(index, node.id)])
    for group in siblings.values():
        known = [number in keys for number in group]
        following: list[Key | None] = [None] * len(group)
        upcoming: Key | None = None
        for position in range(len(group) - 1, -1, -1):
            following[position] = upcoming
            if known[position]:
                upcoming = keys[group[position]]
        previous: Key | None = None
        for position, number in enumerate(group):
            if known[position]:
                previous = keys[number]
            elif previous is not None:
                keys[number] = (*previous, age, position)
            elif (after := following[position]) is not None:
                keys[number] = (*after[:-1], after[-1] - 0.5, age, position)
            else:
                keys[number] = (float(len(row_of)), age, position)
