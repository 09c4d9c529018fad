"""The vocabulary of a diff: change kinds, the states an era gives an entity, figure, relation or
finding, one `Change`, and the `ChangeSet` of two eras; with the helpers that read a state, its
quotes and its depth off an era.

Kept apart from the detection (`orgchart.changes.entities`, `orgchart.changes.groups`,
`orgchart.changes.relations`, `orgchart.changes.figures`) and from `orgchart.changes.diff`, so that reports
and renderers depend on what a change is, not on how one is found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal, get_args

from orgchart.changes.coverage import Coverage, coverage
from orgchart.changes.match import Match, Matching, NearMiss
from orgchart.dataset.display import bundle, clip
from orgchart.dataset.model import Citation, Edge, Node
from orgchart.graph import OrgChart

ChangeKind = Literal[
    "renamed",
    "moved",
    "merged",
    "split",
    "kind_changed",
    "added",
    "removed",
    "oversight_added",
    "oversight_removed",
    "claim_changed",
    "claim_added",
    "claim_removed",
    "finding_added",
    "finding_removed",
    "reworded",
]

CHANGE_KINDS: Final[tuple[str, ...]] = get_args(ChangeKind)
"""Every kind of change, in the order a ChangeSet and its reports list them. `reworded` is a name
written differently where no rename can be claimed (a generic description such as "state or
local law enforcement entity", or an external body's name); it is kept so nothing is hidden."""

UNPLACED_DEPTH: Final[int] = 99
"""The depth of an entity its era does not place at all: deeper than any placed one."""

Evidence = Literal["not_mentioned", "not_mentioned_earlier", "lineage", "beyond_archived_text"]
"""How far the documents prove a change. `beyond_archived_text`: one era's archived text stops
short (a source with `complete: false`), and what it does not mention may lie beyond its end."""


@dataclass(frozen=True)
class EntityState:
    """An entity as one era states it: the `before` or `after` of an entity change."""

    id: str
    name: str
    acronym: str | None
    kind: str
    parent: str | None
    parent_name: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON form: id, name, acronym, kind, parent (the parent's id)."""
        return {"id": self.id, "name": self.name, "acronym": self.acronym, "kind": self.kind, "parent": self.parent}


@dataclass(frozen=True)
class ClaimState:
    """A stated figure as one era states it."""

    id: str
    subject: str
    subject_name: str
    attribute: str
    value: float | int
    unit: str | None
    qualifier: str
    as_of: str | None

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "id": self.id,
            "subject": self.subject,
            "attribute": self.attribute,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "as_of": self.as_of,
        }


@dataclass(frozen=True)
class RelationState:
    """A relation (an oversight edge) as one era states it."""

    kind: str
    superior: str
    superior_name: str
    subordinate: str
    subordinate_name: str

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"kind": self.kind, "superior": self.superior, "subordinate": self.subordinate}


@dataclass(frozen=True)
class FindingState:
    """A finding as one era reports it."""

    kind: str
    subject: str | None
    subject_name: str | None
    message: str

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"kind": self.kind, "subject": self.subject, "message": self.message}


State = EntityState | ClaimState | RelationState | FindingState


@dataclass(frozen=True)
class Quote:
    """A citation with the era it comes from (or "lineage" for a lineage link's citation)."""

    era: str
    source: str
    quote: str

    def as_dict(self) -> dict[str, str]:
        """The JSON form: era, source, quote."""
        return {"era": self.era, "source": self.source, "quote": self.quote}


@dataclass(frozen=True)
class Change:
    """One change between two eras.

    `id` is the entity's (or claim's) id in the later era, or in the earlier one for removals.
    `before`/`after` are states (a tuple of entity states for the several side of a merge or
    split; None for the side that has none). `match` is how the entity was matched, `citations`
    the quotes from both eras that show the change, `evidence` how far the documents prove it.
    """

    kind: ChangeKind
    id: str
    before: State | tuple[EntityState, ...] | None
    after: State | tuple[EntityState, ...] | None
    match: Match | None = None
    citations: tuple[Quote, ...] = ()
    evidence: Evidence | None = None
    note: str = ""
    related: tuple[str, ...] = ()
    possible_rename: NearMiss | None = None
    depth: int = 0

    def __repr__(self) -> str:
        return f"<Change {self.kind} {self.id!r}: {clip(self.subject_name)!r}>"

    @property
    def subject_name(self) -> str:
        """The name a reader knows the change by: the later name, else the earlier one."""
        for side in (self.after, self.before):
            if isinstance(side, tuple) and side:
                return side[0].name
            if isinstance(side, EntityState):
                return side.name
            if isinstance(side, ClaimState):
                return f"{side.subject_name}: {side.attribute}"
            if isinstance(side, RelationState):
                return f"{side.superior_name} → {side.subordinate_name}"
            if isinstance(side, FindingState):
                return side.subject_name or side.kind
        return self.id


@dataclass(frozen=True)
class ChangeSet:
    """Every change from one era to the next, ordered by kind (see CHANGE_KINDS) then id, with the
    matching behind it and how much of each era the other one covers.

    Iterating gives the changes; `by_kind(kind)` the changes of one kind; `counts()` how many of
    each. A ChangeSet is empty (falsy) when nothing changed.
    """

    before: OrgChart
    after: OrgChart
    changes: tuple[Change, ...]
    matching: Matching
    beyond_text: tuple[Change, ...] = ()
    """Absences that an incomplete document explains: what one era states and the other, whose
    archived text breaks off, does not mention. Not changes: they are listed apart, with
    `evidence="beyond_archived_text"`, and counted by `counts()` under no kind."""

    # The coverage is made when first asked for: the reports show it, but the RDF export and
    # the history's events do not (a fifth of the diff of two 100,000-entity eras).
    @cached_property
    def coverage_before(self) -> Coverage:
        """How much of the earlier era the later one mentions, branch by branch."""
        return coverage(self.before, self.after, self.matching, earlier=True)

    @cached_property
    def coverage_after(self) -> Coverage:
        """How much of the later era the earlier one mentions, branch by branch."""
        return coverage(self.after, self.before, self.matching, earlier=False)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind} {n}" for kind, n in self.counts().items()) or "no changes"
        return f"<ChangeSet {self.before.id} -> {self.after.id}: {len(self.changes)} changes ({clip(counts, 80)})>"

    def _repr_html_(self) -> str:
        """Jupyter: the report's summary (counts and headline changes), see `orgchart.dataset.display`."""
        return bundle("changes", self).get("text/html", repr(self))

    def by_kind(self, kind: str) -> tuple[Change, ...]:
        """The changes of one kind, in order."""
        return tuple(c for c in self.changes if c.kind == kind)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, in CHANGE_KINDS order, kinds with none left out."""
        return {kind: n for kind in CHANGE_KINDS if (n := sum(c.kind == kind for c in self.changes))}

    @property
    def incomplete(self) -> tuple[OrgChart, ...]:
        """The eras of the pair whose archived text breaks off (see `OrgChart.complete`)."""
        return tuple(era for era in (self.before, self.after) if not era.complete)


def quotes_of(era: str, citations: Iterable[Citation]) -> tuple[Quote, ...]:
    """The citations as quotes of era `era` (or "lineage")."""
    return tuple(Quote(era, c.source, c.quote) for c in citations)


def depth_of(chart: OrgChart, node_id: str) -> int:
    """How deep the entity sits; an entity the era does not place at all counts as deepest, so
    headlines prefer changes high in the structure."""
    if chart.parent(node_id) is None and not chart.children(node_id):
        return UNPLACED_DEPTH
    return chart.level(node_id)


def entity_state(chart: OrgChart, node: Node) -> EntityState:
    """The entity as `chart` states it: name, acronym, kind and (main) parent."""
    parent = chart.parent(node)
    return EntityState(
        node.id, node.name, node.acronym, node.kind, parent.id if parent else None, parent.name if parent else None
    )


def parent_edge(chart: OrgChart, child: str, parent: str) -> Edge | None:
    """The parent edge from `parent` to `child` in `chart`, if the era states one."""
    return chart.parent_edge(child, parent)


def matched_id(matching: Matching, before_id: str | None) -> str | None:
    """The later era's id of the earlier era's entity `before_id`, or None when it is unmatched."""
    match = matching.forward(before_id) if before_id else None
    return match.after if match else None
