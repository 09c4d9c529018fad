"""Siblings drawn in the order they are given, so that charts of different eras agree.

Graphviz places the children of a box to reduce edge crossings, and moves a cluster (a stack's
box) freely among them, so two eras drawn on their own put a shared division in different
places. Two additions hold the order (see `orgchart.changes.order` for where it comes from):

- each superior's children are chained left to right by invisible edges of length 0, which
  Graphviz keeps pointing left to right on one level;
- a stack hangs from an invisible point (its *slot*) that takes its place in that chain, one
  level above the box, because Graphviz would otherwise move the box as it likes.

Only children placed by one superior are chained (a second chain through them could contradict
the first), and never entities of the external-bodies or unrelated boxes, whose grid rows have
their own levels. Nothing here is visible: Graphviz writes no SVG element for invisible edges
and nodes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from orgchart.dataset.model import Edge, Node
from orgchart.render.stack import Stack, find_stacks, placing_edges
from orgchart.render.style import edge_style
from orgchart.render.svg import EdgeTitle

if TYPE_CHECKING:
    import graphviz

    from orgchart.render.dot import Names

EdgeKey = tuple[str, str, str]


SLOT: Final[str] = "~slot~"
"""Prefix of a slot's DOT name (no node id contains `~`)."""


def slot_id(stack: Stack) -> str:
    """The DOT name of the invisible point a stack hangs from."""
    return SLOT + stack.key


def link_id(stack: Stack) -> str:
    """The SVG id of the line from a stack's superior to its slot (`stack-<key>-link`; class
    `edge stack-link`); the line from the slot into the box is the first member's edge."""
    return f"stack-{stack.key}-link"


def link_titles(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    second_parents: Collection[EdgeKey],
    stacks: Sequence[Stack] | None = None,
    names: Mapping[str, str] | None = None,
) -> dict[str, EdgeTitle]:
    """The accessible titles of the stacks' links: "Removal Division → 4 sub-divisions (parent)"
    (`stacks`: `find_stacks` of the same, and `names` the nodes' names by id, when the caller
    has them)."""
    names = {node.id: node.name for node in nodes} if names is None else names
    return {
        link_id(stack): EdgeTitle(names[stack.superior], stack.label, edge_style(stack.edge_kind).label)
        for stack in (find_stacks(nodes, edges, second_parents) if stacks is None else stacks)
    }


def sibling_rows(
    edges: Sequence[Edge],
    stacks: Sequence[Stack],
    second_parents: Collection[EdgeKey],
    boxed: Collection[str],
    placing_edges_of: Sequence[Edge] | None = None,
) -> dict[str, list[str]]:
    """Each superior's chained children, left to right in the order of `edges`: DOT names,
    with a stack's slot standing for its members (`placing_edges_of`: `placing_edges(edges)`,
    when the caller has them)."""
    found = placing_edges(edges) if placing_edges_of is None else placing_edges_of
    placing = [edge for edge in found if edge.key not in second_parents] if second_parents else list(found)
    superiors: dict[str, int] = {}
    for edge in placing:
        superiors[edge.subordinate] = superiors.get(edge.subordinate, 0) + 1
    stacked: Mapping[tuple[str, str], Stack] = {
        (stack.superior, member): stack for stack in stacks for member in stack.members
    }
    rows: dict[str, dict[str, None]] = {}  # a dict keeps each row's order, and each member once
    for edge in placing:
        if superiors[edge.subordinate] > 1 or edge.subordinate in boxed:
            continue
        stack = stacked.get((edge.superior, edge.subordinate))
        member = slot_id(stack) if stack is not None and stack.edge_kind == edge.kind else edge.subordinate
        rows.setdefault(edge.superior, {})[member] = None
    return {superior: list(row) for superior, row in rows.items()}


def hold_sibling_order(
    graph: graphviz.Digraph,
    edges: Sequence[Edge],
    stacks: Sequence[Stack],
    second_parents: Collection[EdgeKey],
    boxed: Collection[str],
    names: Names | None = None,
    placing_edges_of: Sequence[Edge] | None = None,
) -> None:
    """Add the slots and the invisible chains to `graph` (see the module docstring); `names`:
    the chart's quoted names (`orgchart.render.dot.Names`), and `placing_edges_of`:
    `placing_edges(edges)`, when the caller has them."""
    from orgchart.render.dot import Names, add_fixed_node, add_styled_statement, fixed_attributes, quote

    names = Names() if names is None else names
    slot_link, sibling_link = fixed_attributes(SLOT_LINK), fixed_attributes(SIBLING_LINK)
    body = graph.body
    for stack in stacks:
        slot = slot_id(stack)
        add_fixed_node(graph, slot, SLOT_POINT, names)
        link = f"{names[stack.superior]} -> {names[slot]}"
        add_styled_statement(graph, link, _link_attributes(stack.edge_kind), {"id": quote(link_id(stack))})
        first = stack.members[0]
        last = stack.members[min(stack.columns, len(stack.members)) - 1]  # the top row's ends
        for member in (first, last) if last != first else (first,):  # the box centred below it
            body.append(f"\t{names[slot]} -> {names[member]}{slot_link}\n")  # what `add_fixed_edge` writes
    for row in sibling_rows(edges, stacks, second_parents, boxed, placing_edges_of).values():
        for left, right in pairwise(row):
            body.append(f"\t{names[left]} -> {names[right]}{sibling_link}\n")


@lru_cache(maxsize=64)
def _link_attributes(edge_kind: str) -> tuple[tuple[str, str], ...]:
    """The line from a stack's superior to its slot: in the style of the stack's edges."""
    style = edge_style(edge_kind)
    return (
        ("color", style.color), ("style", style.style), ("penwidth", str(style.penwidth)), ("arrowhead", "none"),
        ("headclip", "false"), ("class", "stack-link"),
    )  # fmt: skip


SLOT_POINT: Final[tuple[tuple[str, str], ...]] = (
    ("label", ""), ("shape", "point"), ("style", "invis"), ("width", "0.01"), ("height", "0.01"),
)  # fmt: skip
"""A stack's slot: an invisible point."""
SLOT_LINK: Final[tuple[tuple[str, str], ...]] = (("style", "invis"), ("weight", "100"))
"""The invisible edges from a stack's slot to its box's first and last member of the top row."""
SIBLING_LINK: Final[tuple[tuple[str, str], ...]] = (("style", "invis"), ("minlen", "0"))
"""The invisible edge from a child to the next in its superior's chain."""
