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

import json
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from orgchart.dataset.display import bundle
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


@dataclass(frozen=True)
class PathStep:
    """One step of a path to the root: the node, and how it hangs from the step before it
    (`parent`, or `oversight` for an entity no unit contains but one oversees; None for the
    first step)."""

    node: Node
    via: str | None

    def __repr__(self) -> str:
        return f"<PathStep {self.node.id!r} via {self.via}>"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the node's fields and `via`."""
        return {**node_dict(self.node), "via": self.via}


def path_steps(era: EraView, ref: str | Node) -> tuple[PathStep, ...]:
    """The chain from a root down to `ref`, each step saying how it hangs from the one above.

    Main parents first; an entity with no parent but an overseer (a program the document names
    only as overseen, such as CAP under CAD) continues through its first overseer, marked
    `oversight`, so it reaches the root too. A loop of oversight ends the walk.
    """
    overseers: dict[str, str] = {}
    for edge in era.edges:
        if edge.kind == "oversight":
            overseers.setdefault(edge.subordinate, edge.superior)
    start = era.get(ref)
    chain: list[tuple[Node, str | None]] = []
    seen = {start.id}
    node: Node | None = start
    while node is not None:
        above = era.parent(node)
        via: str | None = "parent"
        if above is None and node.id in overseers:
            above, via = era.get(overseers[node.id]), "oversight"
        if above is None or above.id in seen:
            chain.append((node, None))
            break
        chain.append((node, via))
        seen.add(above.id)
        node = above
    return tuple(PathStep(step, via) for step, via in reversed(chain))


def path(era: EraView, ref: str | Node) -> tuple[Node, ...]:
    """The chain from a root down to `ref` (both included): main parents, and for an entity no
    unit contains, its overseer (see `path_steps`, which says which link is which).

    Example: in `ero-2023`, `path(era, "CAP")` runs ICE, ERO, Enforcement, CAD, CAP (CAD
    oversees CAP).
    """
    return tuple(step.node for step in path_steps(era, ref))


@dataclass(frozen=True)
class Subtree:
    """A node and the subtrees of its children (main parent edges), in the era file's order.

    `truncated` is true where `depth` cut children off, so a reader knows there is more.
    """

    node: Node
    children: tuple[Subtree, ...] = ()
    truncated: bool = False
    era: EraView | None = field(default=None, repr=False, compare=False)
    """The era it was taken from (set on the top of a `subtree()` result), so it can be drawn."""

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter: the subtree drawn as a chart (SVG with its title), see `orgchart.dataset.display`."""
        return bundle("subtree", self)

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
        """JSON-ready nested data: the node's fields plus `children` and `truncated`.

        Built bottom-up without recursion (a chain thousands deep nests as deep); write it with
        `json_text`, since `json.dumps` recurses per level."""
        built: dict[int, dict[str, Any]] = {}
        for _, branch in reversed(list(self.walk())):  # children before their parents
            built[id(branch)] = {
                **node_dict(branch.node),
                "children": [built.pop(id(child)) for child in branch.children],
                "truncated": branch.truncated,
            }
        return built[id(self)]


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
    return replace(built[top.id], era=era)


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


# --- JSON text of nested results -------------------------------------------------------------

_SCALARS = (str, int, float, bool, type(None))


def json_text(value: Any, *, indent: int | None = None, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """`value` as JSON text, byte for byte what `json.dumps(value, indent=..., sort_keys=...,
    ensure_ascii=...)` writes, for nested query results of any depth.

    `json.dumps` recurses once per level and stops with RecursionError near a thousand levels; a
    subtree of a 2,000-deep chain nests deeper. This writes the same text with an explicit stack.
    """
    parts: list[str] = []
    item_separator = "," if indent is not None else ", "

    def scalar(item: Any) -> str:
        return json.dumps(item, ensure_ascii=ensure_ascii)

    def newline(level: int) -> str:
        return "" if indent is None else "\n" + " " * (indent * level)

    # Work items: ("value", item, level) writes a value; ("text", s, _) writes s as it is.
    stack: list[tuple[str, Any, int]] = [("value", value, 0)]
    while stack:
        what, item, level = stack.pop()
        if what == "text":
            parts.append(item)
            continue
        if isinstance(item, _SCALARS):
            parts.append(scalar(item))
        elif isinstance(item, Mapping):
            if not item:
                parts.append("{}")
                continue
            keys = sorted(item) if sort_keys else list(item)
            todo: list[tuple[str, Any, int]] = [("text", "{", level)]
            for position, key in enumerate(keys):
                lead = newline(level + 1) if position == 0 else item_separator + newline(level + 1)
                todo.append(("text", lead + scalar(_key(key)) + ": ", level))
                todo.append(("value", item[key], level + 1))
            todo.append(("text", newline(level) + "}", level))
            stack.extend(reversed(todo))
        elif isinstance(item, (list, tuple)):
            if not item:
                parts.append("[]")
                continue
            todo = [("text", "[", level)]
            for position, element in enumerate(item):
                lead = newline(level + 1) if position == 0 else item_separator + newline(level + 1)
                todo.append(("text", lead, level))
                todo.append(("value", element, level + 1))
            todo.append(("text", newline(level) + "]", level))
            stack.extend(reversed(todo))
        else:
            raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")
    return "".join(parts)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return json.dumps(key)
    if isinstance(key, (int, float)):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
