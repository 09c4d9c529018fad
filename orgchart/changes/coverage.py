"""How much of one era's structure another era mentions, branch by branch.

Documents describe parts of an organization: the 2020 slides describe some ERO divisions and
not others. A change report must say so, or a reader takes "not mentioned" for "abolished".
Coverage counts, for each top-level branch of an era, how many of its entities the other era
mentions (matches).

The branches are found from the structure alone, so they work for any organization: start at
the root with the most descendants and walk down while a single child holds more than half of
the descendants (ICE -> ERO); the children of where the walk stops are the branches (ERO's
divisions). The walked nodes form a row of their own, and entities outside that tree (partners,
entities the document does not place) another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgchart.changes.match import Matching
from orgchart.graph import OrgChart

TRUNK: str = "(top levels)"
OUTSIDE: str = "(outside the main hierarchy)"


@dataclass(frozen=True)
class CoverageRow:
    """One branch: how many of its entities the era has, and how many the other era mentions."""

    group: str | None
    name: str
    total: int
    mentioned: int

    @property
    def share(self) -> float:
        """The share mentioned, 0..1."""
        return self.mentioned / self.total if self.total else 0.0


@dataclass(frozen=True)
class Coverage:
    """How much of era `era`'s structure era `other` mentions, per branch and in all."""

    era: str
    other: str
    rows: tuple[CoverageRow, ...]
    branch_of: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    """The branch (row group) of each entity of `era`."""

    @property
    def total(self) -> int:
        """Entities in `era`."""
        return sum(row.total for row in self.rows)

    @property
    def mentioned(self) -> int:
        """Entities of `era` that `other` mentions."""
        return sum(row.mentioned for row in self.rows)

    @property
    def share(self) -> float:
        """The share mentioned, 0..1."""
        return self.mentioned / self.total if self.total else 0.0

    def row_of(self, group: str | None) -> CoverageRow | None:
        """The row of one branch (by its node id), or None."""
        return next((row for row in self.rows if row.group == group), None)


ORGANIZATION_KINDS: frozenset[str] = frozenset({"agency", "directorate", "division", "sub-division", "office", "unit"})


def branches(chart: OrgChart) -> tuple[tuple[str, ...], dict[str, str | None]]:
    """The trunk (the ancestors of the top-level divisions, root first) and, for every node, the
    id of its branch: the trunk's child it sits under. A trunk node maps to "", a node outside
    the trunk's tree to None. Without divisions, the trunk is the largest organizational root."""
    parent = {n.id: p.id for n in chart.nodes if (p := chart.parent(n)) is not None}

    def lineage_of(node_id: str) -> list[str]:
        path, seen = [node_id], {node_id}
        while path[-1] in parent and parent[path[-1]] not in seen:
            path.append(parent[path[-1]])
            seen.add(path[-1])
        return path

    kinds = {n.id: n.kind for n in chart.nodes}
    order = [n.id for n in chart.nodes]
    roots = [n.id for n in chart.roots()]
    if not roots:
        return (), dict.fromkeys(order, None)
    # the main tree: the root above the most organizational bodies
    weight = {r: sum(1 for n in order if kinds[n] in ORGANIZATION_KINDS and lineage_of(n)[-1] == r) for r in roots}
    main = max(roots, key=lambda r: (weight[r], -roots.index(r)))
    in_main = [n for n in order if lineage_of(n)[-1] == main]
    top = [n for n in in_main if kinds[n] == "division" and all(kinds[a] != "division" for a in lineage_of(n)[1:])]
    trunk_set = {a for d in top for a in lineage_of(d)[1:]} or {main}
    trunk = tuple(sorted(trunk_set, key=lambda t: (len(lineage_of(t)), order.index(t))))
    groups: dict[str, str | None] = {}
    for node in chart.nodes:
        path = lineage_of(node.id)
        if node.id in trunk_set:
            groups[node.id] = ""
            continue
        groups[node.id] = next((step for step in path if parent.get(step) in trunk_set), None)
    return trunk, groups


def coverage(chart: OrgChart, other: OrgChart, matching: Matching, *, earlier: bool) -> Coverage:
    """How much of `chart` the era `other` mentions, given their `matching` (in which `chart`
    is the earlier era when `earlier` is true)."""
    in_groups = {i for link in matching.lineage_groups for i in (link.before if earlier else link.after) if i in chart}

    def mentioned(node_id: str) -> bool:
        found = matching.forward(node_id) if earlier else matching.backward(node_id)
        return found is not None or node_id in in_groups

    trunk, groups = branches(chart)
    order: list[str | None] = []
    counts: dict[str | None, list[int]] = {}
    for node in chart.nodes:
        group = groups[node.id]
        key: str | None = group
        if key not in counts:
            counts[key] = [0, 0]
            order.append(key)
        counts[key][0] += 1
        counts[key][1] += mentioned(node.id)
    rows = []
    position = {n.id: i for i, n in enumerate(chart.nodes)}

    def sort_key(key: str | None) -> tuple[int, int]:
        if key == "":
            return (0, 0)
        if key is None:
            return (2, 0)
        return (1, position[key])

    for key in sorted(order, key=sort_key):
        if key == "":
            name = " / ".join(chart.node(t).acronym or chart.node(t).name for t in trunk) or TRUNK
        elif key is None:
            name = OUTSIDE
        else:
            name = chart.node(key).name
        total, seen = counts[key]
        rows.append(CoverageRow(key, name, total, seen))
    return Coverage(chart.id, other.id, tuple(rows), dict(groups))


def branch_row(cov: Coverage, node_id: str) -> CoverageRow | None:
    """The coverage row of the branch `node_id` belongs to."""
    if node_id not in cov.branch_of:
        return None
    return cov.row_of(cov.branch_of[node_id])
