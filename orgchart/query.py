"""Queries over one era: paths, subtrees, oversight, relations, search and citations.

Why this module does not import `orgchart.graph`: users ask questions as methods of the objects
they already hold (`era.path(cap)`, `ds.timeline("CAP")`, next to `era.get` and `era.children`),
so `OrgChart` and `Dataset` expose these functions as one-line methods. For that, `graph` imports
`query`, and `query` only states what it needs from an era as a `Protocol` (`EraView`), which
`OrgChart` satisfies (mypy checks it). Imports still flow one way, `model` <- `query` <- `graph`,
with no cycle and no import hidden inside a function. Every function here also works on its own:
`query.path(era, "CAP")`. Questions across eras (timelines) are in `orgchart.timeline`.

Results are `Node` and `Edge` models, or the frozen dataclasses below, each with a short `repr`
and an `as_dict()` whose output is JSON-ready and deterministic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from orgchart.dataset.model import EDGE_KINDS, NODE_KINDS, Citation, Edge, Node
from orgchart.errors import NotFoundError


class DateLabel(Protocol):
    """Anything with a short date label (`EraDate` is one)."""

    @property
    def label(self) -> str: ...


class EraView(Protocol):
    """What the queries need from one era. `OrgChart` is one."""

    @property
    def id(self) -> str: ...

    @property
    def date(self) -> DateLabel: ...

    @property
    def nodes(self) -> tuple[Node, ...]: ...

    @property
    def edges(self) -> tuple[Edge, ...]: ...

    def __contains__(self, node_id: object) -> bool: ...

    def get(self, ref: str | Node) -> Node: ...

    def parent(self, ref: str | Node) -> Node | None: ...

    def children(self, ref: str | Node) -> tuple[Node, ...]: ...


def fold_name(text: str) -> str:
    """A name as lookups compare it: Unicode-normalized (NFKC) and case-folded.

    NFKC makes a name typed with combining accents (as some keyboards produce) equal to the same
    name stored precomposed; casefold is Unicode's case-insensitive form (`ß` == `ss`).
    """
    return unicodedata.normalize("NFKC", text).casefold().strip()


def fold_search(text: str) -> str:
    """Text as `find` compares it: `fold_name` without accents, so `zurich` finds `Zürich`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return fold_name("".join(char for char in decomposed if not unicodedata.combining(char)))


def node_dict(node: Node) -> dict[str, Any]:
    """A node as JSON-ready data: id, name, kind, acronym (or None) and aliases."""
    return {"id": node.id, "name": node.name, "kind": node.kind, "acronym": node.acronym, "aliases": list(node.aliases)}


def citation_dict(citation: Citation) -> dict[str, str]:
    """A citation as JSON-ready data: `{source, quote}`."""
    return {"source": citation.source, "quote": citation.quote}


def edge_dict(edge: Edge) -> dict[str, Any]:
    """An edge as JSON-ready data: kind, superior, subordinate and citations."""
    return {
        "kind": edge.kind,
        "superior": edge.superior,
        "subordinate": edge.subordinate,
        "citations": [citation_dict(c) for c in edge.citations],
    }


def _unique(nodes: Iterable[Node]) -> tuple[Node, ...]:
    seen: dict[str, Node] = {}
    for node in nodes:
        seen.setdefault(node.id, node)
    return tuple(seen.values())


def _check_kind(kind: str | None, vocabulary: tuple[str, ...], what: str) -> None:
    if kind is not None and kind not in vocabulary:
        raise NotFoundError(what, kind, vocabulary)


# --- one era ----------------------------------------------------------------------------------


def path(era: EraView, ref: str | Node) -> tuple[Node, ...]:
    """The chain of main parents from a root down to `ref` (both included).

    Example: in `ero-2023`, `path(era, "CAP")` runs ICE, ERO, Enforcement, CAD, CAP.
    """
    chain = [era.get(ref)]
    while (above := era.parent(chain[-1])) is not None:
        chain.append(above)
    return tuple(reversed(chain))


@dataclass(frozen=True)
class Subtree:
    """A node and the subtrees of its children (main parent edges), in the era file's order.

    `truncated` is true where `depth` cut children off, so a reader knows there is more.
    """

    node: Node
    children: tuple[Subtree, ...] = ()
    truncated: bool = False

    def walk(self) -> Iterator[tuple[int, Subtree]]:
        """Every subtree in pre-order with its level below this one (0 for this one)."""
        stack: list[tuple[int, Subtree]] = [(0, self)]
        while stack:
            level, branch = stack.pop()
            yield level, branch
            stack.extend((level + 1, child) for child in reversed(branch.children))

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every node of the subtree in pre-order, the root first."""
        return tuple(branch.node for _, branch in self.walk())

    def __len__(self) -> int:
        return sum(1 for _ in self.walk())

    def __repr__(self) -> str:
        more = ", truncated" if any(b.truncated for _, b in self.walk()) else ""
        count, children = len(self), len(self.children)
        nodes = f"{count} node{'s' if count != 1 else ''}"
        return f"<Subtree {self.node.id!r}: {nodes}, {children} child{'ren' if children != 1 else ''}{more}>"

    def __str__(self) -> str:
        """An indented outline: `name (id)` per line, two spaces per level."""
        lines = []
        for level, branch in self.walk():
            more = " ..." if branch.truncated else ""
            lines.append(f"{'  ' * level}{branch.node.name} ({branch.node.id}){more}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready nested data: the node's fields plus `children` and `truncated`."""
        return {
            **node_dict(self.node),
            "children": [child.as_dict() for child in self.children],
            "truncated": self.truncated,
        }


def subtree(era: EraView, ref: str | Node, depth: int | None = None) -> Subtree:
    """`ref` and everything below it, `depth` levels deep (None: all; 0: the node alone).

    Built in one pass over the era's nodes and without recursion, so a 5,000-node era takes
    milliseconds and no depth of nesting can exhaust Python's stack.

    Raises:
        ValueError: `depth` is negative.
    """
    if depth is not None and depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    top = era.get(ref)
    below: dict[str, list[Node]] = {}
    for node in era.nodes:
        if (parent := era.parent(node)) is not None:
            below.setdefault(parent.id, []).append(node)
    order: list[tuple[int, Node]] = []
    stack = [(0, top)]
    while stack:
        level, node = stack.pop()
        order.append((level, node))
        if depth is None or level < depth:
            stack.extend((level + 1, child) for child in reversed(below.get(node.id, [])))
    built: dict[str, Subtree] = {}
    for level, node in reversed(order):  # children before their parents
        children = below.get(node.id, [])
        if depth is not None and level == depth:
            built[node.id] = Subtree(node, (), truncated=bool(children))
        else:
            built[node.id] = Subtree(node, tuple(built[child.id] for child in children))
    return built[top.id]


def relations(
    era: EraView, ref: str | Node, other: str | Node | None = None, *, kind: str | None = None
) -> tuple[Edge, ...]:
    """The edges that touch `ref` (or that join `ref` and `other`, in either direction), in the
    era file's order; `kind` keeps one edge kind.

    Raises:
        NotFoundError: `kind` is not an edge kind, or `ref`/`other` names nothing.
    """
    _check_kind(kind, EDGE_KINDS, "edge kind")
    ends = {era.get(ref).id}
    if other is not None:
        ends.add(era.get(other).id)
    return tuple(
        edge
        for edge in era.edges
        if (kind is None or edge.kind == kind)
        and (
            {edge.superior, edge.subordinate} == ends
            if other is not None
            else edge.superior in ends or edge.subordinate in ends
        )
    )


def oversees(era: EraView, ref: str | Node) -> tuple[Node, ...]:
    """What `ref` oversees, directly: the subordinates of its `oversight` edges, in file order."""
    node = era.get(ref)
    return _unique(era.get(e.subordinate) for e in era.edges if e.kind == "oversight" and e.superior == node.id)


def overseen_by(era: EraView, ref: str | Node) -> tuple[Node, ...]:
    """Who oversees `ref`, directly: the superiors of its `oversight` edges, in file order."""
    node = era.get(ref)
    return _unique(era.get(e.superior) for e in era.edges if e.kind == "oversight" and e.subordinate == node.id)


def find(era: EraView, text: str | None = None, *, kind: str | None = None) -> tuple[Node, ...]:
    """Nodes whose id, name, acronym or an alias contains `text`, and whose kind is `kind`.

    Matching ignores case and accents (`fugitive` finds "Fugitive Operations Teams", `zurich`
    finds "Zürich"). With neither argument, every node. Results keep the era file's order.

    Raises:
        NotFoundError: `kind` is not a node kind (the message suggests the closest).
    """
    _check_kind(kind, NODE_KINDS, "node kind")
    wanted = fold_search(text) if text else ""
    found = []
    for node in era.nodes:
        if kind is not None and node.kind != kind:
            continue
        names = (node.id, node.name, node.acronym or "", *node.aliases)
        if any(wanted in fold_search(name) for name in names):
            found.append(node)
    return tuple(found)


def citations(
    era: EraView, ref: str | Node, other: str | Node | None = None, *, kind: str | None = None
) -> tuple[Citation, ...]:
    """The quotes behind a node, or (with `other`) behind the edges that join the two.

    Edges are matched in either direction; `kind` keeps one edge kind. Duplicates are dropped,
    the order is the era file's.

    Raises:
        NotFoundError: no edge joins the two nodes (the message lists what `ref` is related to).
    """
    if other is None:
        if kind is not None:
            raise ValueError("kind selects an edge: give two nodes, or no kind")
        return era.get(ref).citations
    edges = relations(era, ref, other, kind=kind)
    if not edges:
        node = era.get(ref)
        related = {e.subordinate if e.superior == node.id else e.superior for e in relations(era, node, kind=kind)}
        what = f"{kind or 'relation'} in era {era.id!r} between {node.id!r} and"
        raise NotFoundError(what, era.get(other).id, related, era=era.id)
    return tuple(dict.fromkeys(c for edge in edges for c in edge.citations))
