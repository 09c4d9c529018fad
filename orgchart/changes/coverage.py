"""How much of one era's structure another era mentions, branch by branch.

Documents describe parts of an organization: the 2020 slides describe some ERO divisions and
not others. A change report must say so, or a reader takes "not mentioned" for "abolished".
Coverage counts, for each top-level branch of an era, how many of its entities the other era
mentions (matches).

The branches are the era's top-level divisions (`orgchart.changes.branches`, the same that get
charts of their own): ERO's divisions, or in a register of a whole government its departments. Each row is
named by its branch's own name; the walked nodes above the divisions (ICE, ERO) form a row named
by the main body ("Enforcement and Removal Operations (top levels)"), and entities outside every
branch (partners, entities the document does not place) another. Rows are sorted by how much
of the branch the other era does not mention, largest first: at the size of a register, the
branch that mostly vanished is the row a reader needs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from orgchart.changes.branches import branch_of, find_branches
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

    @property
    def unmentioned(self) -> int:
        """Entities of the branch the other era does not mention: the size of its change."""
        return self.total - self.mentioned


@dataclass(frozen=True)
class Coverage:
    """How much of era `era`'s structure era `other` mentions, per branch and in all."""

    era: str
    other: str
    rows: tuple[CoverageRow, ...]
    branch_of: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    """The branch (row group) of each entity of `era`."""

    def __repr__(self) -> str:
        return f"<Coverage of {self.era} in {self.other}: {self.mentioned} of {self.total} mentioned>"

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


def coverage(chart: OrgChart, other: OrgChart, matching: Matching, *, earlier: bool) -> Coverage:
    """How much of `chart` the era `other` mentions, given their `matching` (in which `chart`
    is the earlier era when `earlier` is true): one row per top-level branch, sorted by how
    many of its entities `other` does not mention, then by size."""
    in_groups = {i for link in matching.lineage_groups for i in (link.before if earlier else link.after) if i in chart}
    matched = matching.matched_before if earlier else matching.matched_after
    found = find_branches(chart)
    groups = branch_of(chart, found)  # every node of the era, in file order
    # Counted with C loops (Counter over the branch of each node, then of each mentioned one):
    # a Python loop per entity was a tenth of a diff at 100,000 entities.
    totals = Counter(groups.values())
    seen_by_group = Counter(groups[node_id] for node_id in matched if node_id in groups)
    seen_by_group.update(groups[node_id] for node_id in in_groups if node_id not in matched)
    position = {n.id: i for i, n in enumerate(chart.nodes)}
    rows = []
    for key, total in totals.items():
        seen = seen_by_group[key]
        if key == "":
            main = found.main_body
            name = f"{chart.node(main).name} {TRUNK}" if main else TRUNK
        elif key is None:
            name = OUTSIDE
        else:
            name = chart.node(key).name
        rows.append(CoverageRow(key, name, total, seen))
    rows.sort(key=lambda row: (-row.unmentioned, -row.total, position.get(row.group or "", -1), row.group is None))
    return Coverage(chart.id, other.id, tuple(rows), dict(groups))


def branch_row(cov: Coverage, node_id: str) -> CoverageRow | None:
    """The coverage row of the branch `node_id` belongs to."""
    if node_id not in cov.branch_of:
        return None
    return cov.row_of(cov.branch_of[node_id])
