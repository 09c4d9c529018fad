"""One pass over an era's nodes and one over its edges: what validation needs of them.

A 100,000-entity era has 100,000 nodes and as many edges; reading each model's fields once,
in one loop per list, costs a fraction of a second, where a separate pass (or a function call)
per check costs seconds. `scan_era` gathers what the checks and findings need: whether ids are
unique and references resolve, the quotes cited by source, the items that cite nothing, and the
parent structure. Problems are not located here: when `EraScan.sound` is false, validation walks
the era again, one item at a time, to say where (`orgchart.dataset.validate`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from orgchart.dataset.model import Era


@dataclass
class EraScan:
    """What one pass over an era found (see `scan_era`)."""

    node_ids: dict[str, int] = field(default_factory=dict)
    """Each node id and the index of its first node."""
    quotes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """The quotes of every node and edge citation, by source id."""
    uncited_nodes: list[int] = field(default_factory=list)
    uncited_edges: list[int] = field(default_factory=list)
    children_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Parent edges (each stated once, between known nodes, not to itself), from the superior."""
    main_parent: dict[str, str] = field(default_factory=dict)
    """The same, from the subordinate: its first parent in the order of the era file."""
    more_parents: dict[str, list[str]] = field(default_factory=dict)
    """Every parent of each subordinate that has more than one, in the order of the era file."""
    parent_edges: dict[tuple[str, str], int] = field(default_factory=dict)
    """The index of each parent edge, by (superior, subordinate)."""
    sound: bool = True
    """No duplicate node id, unknown reference, edge to itself, edge stated twice, or citation
    of a source that is unknown or not the era's."""


def scan_era(era: Era, known_sources: Mapping[str, object]) -> EraScan:
    """Read `era`'s nodes and edges once each (`known_sources`: the dataset's source ids)."""
    scan = EraScan()
    node_ids, quotes = scan.node_ids, scan.quotes
    for index, node in enumerate(era.nodes):
        if node_ids.setdefault(node.id, index) != index:
            scan.sound = False
        citations = node.citations
        if not citations:
            scan.uncited_nodes.append(index)
        for citation in citations:
            quotes[citation.source].append(citation.quote)
    # An edge stated twice: parent edges are found in `parent_edges`, others in `other_keys`
    # (a key tuple and a set entry less per parent edge, most of an era's edges).
    other_keys: set[tuple[str, str, str]] = set()
    children_of, parent_edges = scan.children_of, scan.parent_edges
    main_parent, more_parents = scan.main_parent, scan.more_parents
    for index, edge in enumerate(era.edges):
        kind, superior, subordinate = edge.kind, edge.superior, edge.subordinate
        citations = edge.citations
        if not citations:
            scan.uncited_edges.append(index)
        for citation in citations:
            quotes[citation.source].append(citation.quote)
        pair = (superior, subordinate)
        stated = pair in parent_edges if kind == "parent" else (kind, superior, subordinate) in other_keys
        if superior == subordinate or stated or superior not in node_ids or subordinate not in node_ids:
            scan.sound = False
            continue
        if kind != "parent":
            other_keys.add((kind, superior, subordinate))
            continue
        children_of[superior].append(subordinate)
        parent_edges[pair] = index
        first = main_parent.setdefault(subordinate, superior)
        if first != superior:
            more_parents.setdefault(subordinate, [first]).append(superior)
    allowed = set(era.sources) & set(known_sources)
    if not era.nodes or not set(era.sources) <= set(known_sources) or not set(quotes) <= allowed:
        scan.sound = False
    return scan
