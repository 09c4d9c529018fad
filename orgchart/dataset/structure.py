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
    parent_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """The same, from the subordinate, in the order of the era file (the first is the main one)."""
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
    keys: set[tuple[str, str, str]] = set()
    children_of, parent_of, parent_edges = scan.children_of, scan.parent_of, scan.parent_edges
    for index, edge in enumerate(era.edges):
        kind, superior, subordinate = edge.kind, edge.superior, edge.subordinate
        citations = edge.citations
        if not citations:
            scan.uncited_edges.append(index)
        for citation in citations:
            quotes[citation.source].append(citation.quote)
        key = (kind, superior, subordinate)
        if superior == subordinate or key in keys or superior not in node_ids or subordinate not in node_ids:
            scan.sound = False
            continue
        keys.add(key)
        if kind == "parent":
            children_of[superior].append(subordinate)
            parent_of[subordinate].append(superior)
            parent_edges[(superior, subordinate)] = index
    allowed = set(era.sources) & set(known_sources)
    if not era.nodes or not set(era.sources) <= set(known_sources) or not set(quotes) <= allowed:
        scan.sound = False
    return scan
