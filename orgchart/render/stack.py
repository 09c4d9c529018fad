"""Compact layout for wide levels: many leaf children of one kind under one superior.

An org chart with 25 field offices side by side is thousands of pixels wide and unreadable.
A superior's leaf children of one kind, reached by one kind of edge, at least `STACK_MIN` of
them, form a *stack*: the renderer draws them as a grid of columns inside one box, with a
single visible edge from the superior to the box.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import Final

from orgchart.dataset.model import Edge, Node

STACK_MIN: Final[int] = 2
"""Fewest children of one kind under one superior that are stacked instead of laid in a row."""

STACK_ASPECT: Final[float] = 2.7
"""Rows per column a square-looking stack needs: a box is about 2.7 times wider than tall
once the gaps are counted."""


@dataclass(frozen=True)
class Stack:
    """Leaf children of `superior` of one `kind`, reached by `edge_kind` edges, side by side in
    the chart's order. `number` tells apart two runs of one kind under one superior. (What is
    derived from the fields is made once: a chart asks each stack's key once per member.)"""

    superior: str
    edge_kind: str
    kind: str
    members: tuple[str, ...]
    number: int = 1

    @cached_property
    def columns(self) -> int:
        """How many columns the grid has: about square for large stacks, one for small."""
        return max(1, round(math.sqrt(len(self.members) / STACK_ASPECT)))

    @cached_property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The members row by row, left to right, in the chart's order."""
        width = self.columns
        return tuple(self.members[start : start + width] for start in range(0, len(self.members), width))

    @cached_property
    def label(self) -> str:
        """What the box says: how many of which kind ("8 facilities")."""
        count = len(self.members)
        return f"{count} {self.kind if count == 1 else plural(self.kind)}"

    @cached_property
    def key(self) -> str:
        """A stable, id-safe name for the stack, used in the cluster's name and id."""
        suffix = f"-{self.number}" if self.number > 1 else ""
        return f"{self.superior}-{self.edge_kind}-{self.kind.replace(' ', '-')}{suffix}"


def plural(kind: str) -> str:
    """The plural of a node kind ("facility" -> "facilities", "center" -> "centers")."""
    if kind.endswith("y") and not kind.endswith("ey"):
        return kind[:-1] + "ies"
    return kind + ("es" if kind.endswith(("s", "x")) else "s")


HIERARCHY: Final[frozenset[str]] = frozenset({"parent", "oversight"})


def placing_edges(edges: Sequence[Edge]) -> tuple[Edge, ...]:
    """The edges that place a node below another in the layout: parent edges; oversight edges
    towards a node no parent edge places (a program that a division oversees); and working
    relations (support, ...) towards a node that no hierarchy edge places (a partner centre
    that the document names only as supported), so it sits below the one that names it.

    An entity that is part of something sits below what it is part of, whoever else oversees
    it: otherwise an overseer one level down would pull it out of its siblings' row, and
    siblings could not keep their order from era to era (see `orgchart.changes.order`)."""
    contained = {edge.subordinate for edge in edges if edge.kind == "parent"}
    placed = {edge.subordinate for edge in edges if edge.kind in HIERARCHY}
    return tuple(
        edge
        for edge in edges
        if edge.kind == "parent"
        or (edge.kind == "oversight" and edge.subordinate not in contained)
        or (edge.kind not in HIERARCHY and edge.subordinate not in placed)
    )


def find_stacks(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    second_parents: Collection[tuple[str, str, str]],
    placing: Sequence[Edge] | None = None,
) -> tuple[Stack, ...]:
    """Every stack in a chart of `nodes` and `edges`, in the order of their superiors.

    A child qualifies when its only placing edge (see `placing_edges`) comes from the superior
    (so it belongs to one place), it places nothing itself (a leaf) and it is not an external
    body. `second_parents` holds the keys of parent edges that are second parents;
    those never join a stack. A stack is a run of qualifying children of one kind next to each
    other in the order of `nodes` (a different child between them ends the run), so a stack
    takes the place of its members among their siblings and the chart keeps the order it is
    given (see `orgchart.changes.order`). `placing`: `placing_edges(edges)`, when the caller
    has them.
    """
    kinds = {node.id: node.kind for node in nodes}
    incoming: dict[str, list[Edge]] = {}
    superiors: set[str] = set()
    for edge in placing_edges(edges) if placing is None else placing:
        if kinds.get(edge.subordinate) == "external body":
            continue  # external bodies sit in a box of their own, outside any stack
        incoming.setdefault(edge.subordinate, []).append(edge)
        superiors.add(edge.superior)
    children: dict[str, list[tuple[str, tuple[str, str] | None]]] = {}
    for node in nodes:
        above = incoming.get(node.id)
        if above is None:
            continue
        if (
            len(above) == 1
            and node.id not in superiors
            and node.kind != "external body"
            and (not second_parents or above[0].key not in second_parents)
        ):
            edge = above[0]
            children.setdefault(edge.superior, []).append((node.id, (edge.kind, node.kind)))
            continue
        for edge in above:
            children.setdefault(edge.superior, []).append((node.id, None))
    order = {node.id: index for index, node in enumerate(nodes)}
    stacks: list[Stack] = []
    for superior, row in children.items():
        if superior not in kinds:
            continue
        numbers: dict[tuple[str, str], int] = {}
        for group, run in itertools.groupby(row, key=itemgetter(1)):
            members = tuple([child for child, _ in run])
            if group is None or len(members) < STACK_MIN:
                continue
            numbers[group] = numbers.get(group, 0) + 1
            stacks.append(Stack(superior, group[0], group[1], members, numbers[group]))
    stacks.sort(key=lambda stack: (order[stack.superior], order[stack.members[0]]))
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
