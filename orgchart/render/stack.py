"""Compact layout for wide levels: many leaf children of one kind under one superior.

An org chart with 25 field offices side by side is thousands of pixels wide and unreadable.
A superior's leaf children of one kind, reached by one kind of edge, at least `STACK_MIN` of
them, form a *stack*: the renderer draws them as a grid of columns inside one box, with a
single visible edge from the superior to the box.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from orgchart.dataset.model import Edge, Node

STACK_MIN: Final[int] = 2
"""Fewest children of one kind under one superior that are stacked instead of laid in a row."""

STACK_ASPECT: Final[float] = 2.7
"""Rows per column a square-looking stack needs: a box is about 2.7 times wider than tall
once the gaps are counted."""


@dataclass(frozen=True)
class Stack:
    """Leaf children of `superior` of one `kind`, reached by `edge_kind` edges, in era order."""

    superior: str
    edge_kind: str
    kind: str
    members: tuple[str, ...]

    @property
    def columns(self) -> int:
        """How many columns the grid has: about square for large stacks, one for small."""
        return max(1, round(math.sqrt(len(self.members) / STACK_ASPECT)))

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The members row by row, left to right, in era order."""
        width = self.columns
        return tuple(self.members[start : start + width] for start in range(0, len(self.members), width))

    @property
    def key(self) -> str:
        """A stable, id-safe name for the stack, used in the cluster's name and id."""
        return f"{self.superior}-{self.edge_kind}-{self.kind.replace(' ', '-')}"


HIERARCHY: Final[frozenset[str]] = frozenset({"parent", "oversight"})


def placing_edges(edges: Sequence[Edge]) -> tuple[Edge, ...]:
    """The edges that place a node below another in the layout: hierarchy edges, and working
    relations (support, ...) towards a node that no hierarchy edge places (a partner centre
    that the document names only as supported), so it sits below the one that names it."""
    placed = {edge.subordinate for edge in edges if edge.kind in HIERARCHY}
    return tuple(edge for edge in edges if edge.kind in HIERARCHY or edge.subordinate not in placed)


def find_stacks(
    nodes: Sequence[Node], edges: Sequence[Edge], second_parents: Collection[tuple[str, str, str]]
) -> tuple[Stack, ...]:
    """Every stack in a chart of `nodes` and `edges`, in the order of their superiors.

    A child qualifies when its only placing edge (see `placing_edges`) comes from the superior
    (so it belongs to one place), it places nothing itself (a leaf) and it is not an external
    body. `second_parents` holds the keys of parent edges that are second parents;
    those never join a stack.
    """
    kinds = {node.id: node.kind for node in nodes}
    incoming: dict[str, list[Edge]] = {}
    superiors: set[str] = set()
    for edge in placing_edges(edges):
        if kinds.get(edge.subordinate) == "external body":
            continue  # external bodies sit in a box of their own, outside any stack
        incoming.setdefault(edge.subordinate, []).append(edge)
        superiors.add(edge.superior)
    groups: dict[tuple[str, str, str], list[str]] = {}
    for node in nodes:
        above = incoming.get(node.id, [])
        if len(above) != 1 or node.id in superiors or node.kind == "external body":
            continue
        edge = above[0]
        if edge.key in second_parents:
            continue
        groups.setdefault((edge.superior, edge.kind, node.kind), []).append(node.id)
    order = {node.id: index for index, node in enumerate(nodes)}
    stacks = [
        Stack(superior, edge_kind, kind, tuple(members))
        for (superior, edge_kind, kind), members in groups.items()
        if len(members) >= STACK_MIN and superior in kinds
    ]
    stacks.sort(key=lambda stack: (order[stack.superior], stack.edge_kind, stack.kind))
    return tuple(stacks)


def edges_drawn_by_box(edges: Sequence[Edge], stacks: Sequence[Stack]) -> frozenset[tuple[str, str, str]]:
    """The keys of the edges a stack's box stands for: each member's edge from the superior,
    except the first member's, which is drawn from the superior to the box.

    These are not laid out at all: even transparent and without `constraint`, Graphviz routes
    every edge and lets it pull its ends together, which made a 1,258-unit agency 58,725 pt
    wide in 52 s instead of 3,212 pt in 0.5 s.
    """
    placed = {(stack.superior, stack.edge_kind, member): stack for stack in stacks for member in stack.members}
    return frozenset(
        edge.key
        for edge in edges
        if (stack := placed.get((edge.superior, edge.kind, edge.subordinate))) is not None
        and edge.subordinate != stack.members[0]
    )
