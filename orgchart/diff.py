"""What changed between two eras: a typed, ordered `ChangeSet`, every change cited from both eras.

Built on `orgchart.match`: entities are matched first (by id, lineage, acronym or alias, then a
similar name supported by structure), then each matched pair is compared (name, acronym, kind,
parent), unmatched entities become additions and removals, and oversight relations, stated
figures (claims) and findings are compared through the matching.

Documents are not registers: a document that does not mention an entity has not abolished it.
Nothing in an era file states that an entity ended, so every removal carries
`evidence="not_mentioned"` and every addition `evidence="not_mentioned_earlier"`; the
`coverage` of a ChangeSet says how much of each era's structure the other era mentions at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Literal, get_args

from orgchart.coverage import Coverage, coverage
from orgchart.graph import OrgChart
from orgchart.match import (
    GENERIC_WORDS,
    THRESHOLD,
    Match,
    Matching,
    NearMiss,
    core_name,
    match_entities,
    name_keys,
    normal_acronym,
    normal_name,
)
from orgchart.model import Citation, Claim, Edge, Finding, LineageLink, Node

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

DESCRIPTIVE_KINDS: Final[frozenset[str]] = frozenset({"external body", "facility type"})
"""Kinds whose names are descriptions a document words freely, not names the organization gives."""

UNPLACED_DEPTH: Final[int] = 99

Evidence = Literal["not_mentioned", "not_mentioned_earlier", "lineage"]


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
    coverage_before: Coverage
    coverage_after: Coverage

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def by_kind(self, kind: str) -> tuple[Change, ...]:
        """The changes of one kind, in order."""
        return tuple(c for c in self.changes if c.kind == kind)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, in CHANGE_KINDS order, kinds with none left out."""
        return {kind: n for kind in CHANGE_KINDS if (n := sum(c.kind == kind for c in self.changes))}

    def headlines(self, limit: int = 6) -> tuple[Change, ...]:
        """The few changes a reader should see first: renames, moves, merges, splits, kind and
        figure changes, the highest in the structure first."""
        wanted = ("renamed", "merged", "split", "moved", "kind_changed", "claim_changed")
        picked = [c for c in self.changes if c.kind in wanted]
        picked.sort(key=lambda c: (c.depth, wanted.index(c.kind), c.id))
        return tuple(picked[:limit])


def _quotes(era: str, citations: Iterable[Citation]) -> tuple[Quote, ...]:
    return tuple(Quote(era, c.source, c.quote) for c in citations)


def _depth(chart: OrgChart, node_id: str) -> int:
    """How deep the entity sits; an entity the era does not place at all counts as deepest, so
    headlines prefer changes high in the structure."""
    if chart.parent(node_id) is None and not chart.children(node_id):
        return UNPLACED_DEPTH
    depth, seen = 0, {node_id}
    parent = chart.parent(node_id)
    while parent is not None and parent.id not in seen:
        depth, seen = depth + 1, seen | {parent.id}
        parent = chart.parent(parent.id)
    return depth


def _state(chart: OrgChart, node: Node) -> EntityState:
    parent = chart.parent(node)
    return EntityState(
        node.id, node.name, node.acronym, node.kind, parent.id if parent else None, parent.name if parent else None
    )


def _parent_edge(chart: OrgChart, child: str, parent: str) -> Edge | None:
    for edge in chart.edges:
        if edge.kind == "parent" and edge.subordinate == child and edge.superior == parent:
            return edge
    return None


def _is_descriptive(node: Node) -> bool:
    return node.kind in DESCRIPTIVE_KINDS or node.name[:1].islower()


class _Differ:
    """One diff run: the matching and the changes found so far."""

    def __init__(self, matching: Matching, lineage: tuple[LineageLink, ...]) -> None:
        self.matching = matching
        self.lineage = lineage
        self.a = matching.before
        self.b = matching.after
        self.changes: list[Change] = []
        self.explained_moves: set[str] = set()
        self.grouped_before: set[str] = {i for link in matching.lineage_groups for i in link.before}
        self.grouped_after: set[str] = {i for link in matching.lineage_groups for i in link.after}

    def fwd(self, before_id: str | None) -> str | None:
        match = self.matching.forward(before_id) if before_id else None
        return match.after if match else None

    def both_quotes(self, a: Node, b: Node) -> tuple[Quote, ...]:
        return _quotes(self.a.id, a.citations) + _quotes(self.b.id, b.citations)

    def compare_matched(self) -> None:
        """Renames, rewordings, kind changes and moves of every matched pair."""
        for match in self.matching.matches:
            a, b = self.a.node(match.before), self.b.node(match.after)
            before, after = _state(self.a, a), _state(self.b, b)
            depth = _depth(self.b, b.id)
            lineage_quotes = self.lineage_quotes(match)
            name_same = _names_agree(self.a, a, self.b, b)
            acronym_changed = bool(a.acronym and b.acronym and normal_acronym(a.acronym) != normal_acronym(b.acronym))
            if acronym_changed or not name_same:
                descriptive = not acronym_changed and (
                    _is_descriptive(a)
                    or _is_descriptive(b)
                    or _generic_only(own_name(self.a, a))
                    or _generic_only(own_name(self.b, b))
                )
                self.changes.append(
                    Change(
                        "reworded" if descriptive else "renamed",
                        b.id,
                        before,
                        after,
                        match,
                        self.both_quotes(a, b) + lineage_quotes,
                        "lineage" if match.reason == "lineage" else None,
                        note="the documents word this description differently" if descriptive else "",
                        depth=depth,
                    )
                )
            if a.kind != b.kind:
                self.changes.append(
                    Change("kind_changed", b.id, before, after, match, self.both_quotes(a, b), depth=depth)
                )
            self.compare_parents(a, b, before, after, match, depth)

    def compare_parents(
        self, a: Node, b: Node, before: EntityState, after: EntityState, match: Match, depth: int
    ) -> None:
        """A move: both documents place the entity, under parents that do not match."""
        if before.parent is None or after.parent is None or self.fwd(before.parent) == after.parent:
            return
        quotes: tuple[Quote, ...] = ()
        old_edge = _parent_edge(self.a, a.id, before.parent)
        new_edge = _parent_edge(self.b, b.id, after.parent)
        if old_edge:
            quotes += _quotes(self.a.id, old_edge.citations)
        if new_edge:
            quotes += _quotes(self.b.id, new_edge.citations)
        still = [p for p in self.b.parents(b) if p.id != after.parent and p.id == self.fwd(before.parent)]
        if still and (kept := _parent_edge(self.b, b.id, still[0].id)):
            quotes += _quotes(self.b.id, kept.citations)
        note = f"the later document also still lists it under {still[0].name}" if still else ""
        if self.fwd(before.parent) is None:
            note = (note + "; " if note else "") + f"its earlier parent ({before.parent_name}) is not mentioned later"
        self.changes.append(Change("moved", b.id, before, after, match, quotes, note=note, depth=depth))

    def lineage_quotes(self, match: Match) -> tuple[Quote, ...]:
        if match.reason != "lineage":
            return ()
        for link in self.lineage:
            if match.before in link.before and match.after in link.after:
                return _quotes("lineage", link.citations)
        return ()

    def unmatched(self) -> None:
        """Additions and removals, except entities a lineage merge or split accounts for."""
        near_by_before = {n.before: n for n in self.matching.near_misses}
        near_by_after: dict[str, NearMiss] = {}
        for near in self.matching.near_misses:
            near_by_after.setdefault(near.after, near)
        for node in self.b.nodes:
            if self.matching.backward(node.id) is None and node.id not in self.grouped_after:
                self.changes.append(
                    Change(
                        "added",
                        node.id,
                        None,
                        _state(self.b, node),
                        citations=_quotes(self.b.id, node.citations),
                        evidence="not_mentioned_earlier",
                        possible_rename=near_by_after.get(node.id),
                        depth=_depth(self.b, node.id),
                    )
                )
        for node in self.a.nodes:
            if self.matching.forward(node.id) is None and node.id not in self.grouped_before:
                self.changes.append(
                    Change(
                        "removed",
                        node.id,
                        _state(self.a, node),
                        None,
                        citations=_quotes(self.a.id, node.citations),
                        evidence="not_mentioned",
                        possible_rename=near_by_before.get(node.id),
                        depth=_depth(self.a, node.id),
                    )
                )

    def lineage_groups(self) -> None:
        """Merges and splits that a lineage link records."""
        for link in self.matching.lineage_groups:
            olds = tuple(_state(self.a, self.a.node(i)) for i in link.before if i in self.a)
            news = tuple(_state(self.b, self.b.node(i)) for i in link.after if i in self.b)
            quotes = _quotes("lineage", link.citations)
            for state in olds:
                quotes += _quotes(self.a.id, self.a.node(state.id).citations)
            for state in news:
                quotes += _quotes(self.b.id, self.b.node(state.id).citations)
            match = Match(olds[0].id, news[0].id, "lineage", 1.0, f"lineage ({link.kind}): {link.reason}")
            if link.kind == "merged":
                change = Change("merged", news[0].id, olds, news[0], match, quotes, "lineage", link.reason)
            else:
                change = Change("split", olds[0].id, olds[0], news, match, quotes, "lineage", link.reason)
            self.changes.append(change)

    def structural_groups(self) -> None:
        """Merges and splits seen in the structure: the matched children of one entity no longer
        mentioned now sit under several parents (split), or children of several parents, one of
        them no longer mentioned or the receiver new, now sit under one (merged)."""
        moved: dict[str, tuple[str, str]] = {}
        for match in self.matching.matches:
            old_parent, new_parent = self.a.parent(match.before), self.b.parent(match.after)
            if old_parent and new_parent:
                moved[match.after] = (old_parent.id, new_parent.id)
        # split: an unmatched earlier parent whose matched children now have several parents
        split_parents: set[str] = set()
        for node in self.a.nodes:
            if self.matching.forward(node.id) is not None:
                continue
            targets = sorted({new for child, (old, new) in moved.items() if old == node.id})
            if len(targets) < 2:
                continue
            children = sorted(child for child, (old, _) in moved.items() if old == node.id)
            self.explained_moves.update(children)
            self.grouped_before.add(node.id)
            split_parents.add(node.id)
            self.grouped_after.update(t for t in targets if self.matching.backward(t) is None)
            news = tuple(_state(self.b, self.b.node(t)) for t in targets)
            quotes = self.child_quotes(children, moved)
            note = f"its {len(children)} matched children now sit under {len(targets)} parents"
            self.changes.append(
                Change(
                    "split",
                    node.id,
                    _state(self.a, node),
                    news,
                    None,
                    quotes,
                    note=note,
                    related=tuple(children),
                    depth=_depth(self.a, node.id),
                )
            )
        # merged: a later parent receiving children from several earlier parents, one of them gone
        for node in self.b.nodes:
            children = sorted(child for child, (_, new) in moved.items() if new == node.id)
            sources = sorted({moved[c][0] for c in children})
            receiver_is_new = self.matching.backward(node.id) is None
            gone = [s for s in sources if self.matching.forward(s) is None and s not in split_parents]
            if len(sources) < 2 or not (gone or receiver_is_new):
                continue
            moved_in = [c for c in children if self.fwd(moved[c][0]) != node.id]
            self.explained_moves.update(moved_in)
            self.grouped_before.update(gone)
            if receiver_is_new:
                self.grouped_after.add(node.id)
            olds = tuple(_state(self.a, self.a.node(s)) for s in sources)
            quotes = self.child_quotes(moved_in, moved)
            note = f"children of {len(sources)} earlier parents now sit under it"
            self.changes.append(
                Change(
                    "merged",
                    node.id,
                    olds,
                    _state(self.b, node),
                    self.matching.backward(node.id),
                    quotes,
                    note=note,
                    related=tuple(children),
                    depth=_depth(self.b, node.id),
                )
            )

    def child_quotes(self, children: Iterable[str], moved: dict[str, tuple[str, str]]) -> tuple[Quote, ...]:
        quotes: tuple[Quote, ...] = ()
        for child in children:
            match = self.matching.backward(child)
            old, new = moved[child]
            if match and (edge := _parent_edge(self.a, match.before, old)):
                quotes += _quotes(self.a.id, edge.citations)
            if edge := _parent_edge(self.b, child, new):
                quotes += _quotes(self.b.id, edge.citations)
        return quotes

    def relation_state(self, chart: OrgChart, edge: Edge) -> RelationState:
        return RelationState(
            edge.kind,
            edge.superior,
            chart.node(edge.superior).name,
            edge.subordinate,
            chart.node(edge.subordinate).name,
        )

    def oversight(self) -> None:
        """Oversight relations stated in one era and not the other, where at least one end is in
        both eras (a relation between two new entities is part of their addition)."""
        a_edges = [e for e in self.a.edges if e.kind == "oversight"]
        b_edges = [e for e in self.b.edges if e.kind == "oversight"]
        b_keys = {(e.superior, e.subordinate) for e in b_edges}
        a_keys = {(self.fwd(e.superior), self.fwd(e.subordinate)) for e in a_edges}
        for edge in a_edges:
            sup, sub = self.fwd(edge.superior), self.fwd(edge.subordinate)
            if (sup is None and sub is None) or (sup, sub) in b_keys:
                continue
            self.changes.append(
                Change(
                    "oversight_removed",
                    sub or edge.subordinate,
                    self.relation_state(self.a, edge),
                    None,
                    citations=_quotes(self.a.id, edge.citations),
                    evidence="not_mentioned",
                    depth=_depth(self.a, edge.subordinate),
                )
            )
        for edge in b_edges:
            sup_old = self.matching.backward(edge.superior)
            sub_old = self.matching.backward(edge.subordinate)
            if (sup_old is None and sub_old is None) or (edge.superior, edge.subordinate) in a_keys:
                continue
            self.changes.append(
                Change(
                    "oversight_added",
                    edge.subordinate,
                    None,
                    self.relation_state(self.b, edge),
                    citations=_quotes(self.b.id, edge.citations),
                    evidence="not_mentioned_earlier",
                    depth=_depth(self.b, edge.subordinate),
                )
            )

    def claim_state(self, chart: OrgChart, claim: Claim) -> ClaimState:
        return ClaimState(
            claim.id,
            claim.subject,
            chart.node(claim.subject).name,
            claim.attribute,
            claim.value,
            claim.unit,
            claim.qualifier,
            claim.as_of,
        )

    def claims(self) -> None:
        """Figures: matched by claim id, else by matched subject and attribute."""
        pairs: list[tuple[Claim, Claim]] = []
        left = list(self.a.claims)
        right = list(self.b.claims)
        for claim in list(left):
            same = [c for c in right if c.id == claim.id]
            if same:
                pairs.append((claim, same[0]))
                left.remove(claim)
                right.remove(same[0])
        for claim in list(left):
            subject = self.fwd(claim.subject)
            same = [c for c in right if c.subject == subject and c.attribute.casefold() == claim.attribute.casefold()]
            if subject and same:
                pairs.append((claim, same[0]))
                left.remove(claim)
                right.remove(same[0])
        for old, new in pairs:
            if (old.value, old.qualifier, old.unit) != (new.value, new.qualifier, new.unit):
                self.changes.append(
                    Change(
                        "claim_changed",
                        new.id,
                        self.claim_state(self.a, old),
                        self.claim_state(self.b, new),
                        citations=_quotes(self.a.id, old.citations) + _quotes(self.b.id, new.citations),
                        depth=_depth(self.b, new.subject),
                    )
                )
        for claim in right:
            self.changes.append(
                Change(
                    "claim_added",
                    claim.id,
                    None,
                    self.claim_state(self.b, claim),
                    citations=_quotes(self.b.id, claim.citations),
                    evidence="not_mentioned_earlier",
                    depth=_depth(self.b, claim.subject),
                )
            )
        for claim in left:
            self.changes.append(
                Change(
                    "claim_removed",
                    claim.id,
                    self.claim_state(self.a, claim),
                    None,
                    citations=_quotes(self.a.id, claim.citations),
                    evidence="not_mentioned",
                    depth=_depth(self.a, claim.subject),
                )
            )

    def finding_state(self, chart: OrgChart, finding: Finding) -> FindingState:
        name = chart.node(finding.subject).name if finding.subject and finding.subject in chart else None
        return FindingState(finding.kind, finding.subject, name, finding.message)

    def findings(self) -> None:
        """Findings that appear or go away, matched by kind and (matched) subject."""

        def key(subject: str | None, finding: Finding) -> tuple[str, str]:
            return (finding.kind, subject or f"message:{finding.message}")

        left = [
            (key(self.fwd(f.subject) or (f"old:{f.subject}" if f.subject else None), f), f) for f in self.a.findings
        ]
        right = [(key(f.subject, f), f) for f in self.b.findings]
        for item in list(left):
            same = [r for r in right if r[0] == item[0]]
            if same:
                left.remove(item)
                right.remove(same[0])
        for _, finding in right:
            self.changes.append(
                Change(
                    "finding_added",
                    finding.subject or finding.kind,
                    None,
                    self.finding_state(self.b, finding),
                    citations=_quotes(self.b.id, finding.citations),
                )
            )
        for _, finding in left:
            self.changes.append(
                Change(
                    "finding_removed",
                    finding.subject or finding.kind,
                    self.finding_state(self.a, finding),
                    None,
                    citations=_quotes(self.a.id, finding.citations),
                )
            )


def _ancestors(chart: OrgChart, node_id: str) -> list[Node]:
    found: list[Node] = []
    parent = chart.parent(node_id)
    while parent is not None and parent not in found:
        found.append(parent)
        parent = chart.parent(parent.id)
    return found


HEAD_KINDS: Final[frozenset[str]] = frozenset({"agency", "directorate"})


def own_name(chart: OrgChart, node: Node) -> str:
    """The folded name without a leading ancestor's (or the agency's or a directorate's) acronym
    or name: "DRO field offices" under DRO and "Field Offices" under ERO are one name, as are
    "ICE Most Wanted" and "Most Wanted"; a parent's rename is the parent's change."""
    words = normal_name(node.name)
    bodies = [*_ancestors(chart, node.id), *(n for n in chart.nodes if n.kind in HEAD_KINDS and n.id != node.id)]
    prefixes = sorted({normal_name(t) for a in bodies for t in (a.acronym, a.name) if t}, key=lambda p: (-len(p), p))
    for prefix in prefixes:
        for lead in (f"{prefix}'s ", f"{prefix} "):
            if words.startswith(lead) and len(words) > len(lead):
                return words[len(lead) :]
    return words


def _generic_only(name: str) -> bool:
    return all(word in GENERIC_WORDS for word in name.split())


def _names_agree(chart_a: OrgChart, a: Node, chart_b: OrgChart, b: Node) -> bool:
    """Whether two matched entities carry the same name, however each document writes it: one
    name among the other's names, acronym or aliases, or equal once generic words and a leading
    ancestor's name are dropped."""
    own_a, own_b = own_name(chart_a, a), own_name(chart_b, b)
    return (
        normal_name(a.name) in name_keys(b)
        or normal_name(b.name) in name_keys(a)
        or core_name(a.name) == core_name(b.name)
        or core_name(own_a) == core_name(own_b)
        or core_name(a.name) in name_keys(b)
        or core_name(b.name) in name_keys(a)
    )


def diff(
    era_a: OrgChart,
    era_b: OrgChart,
    *,
    lineage: Iterable[LineageLink] = (),
    threshold: float = THRESHOLD,
) -> ChangeSet:
    """What changed from `era_a` (earlier) to `era_b` (later).

    Args:
        era_a: the earlier era.
        era_b: the later era.
        lineage: the dataset's lineage links (`Dataset.lineage`), used as matching evidence and
            to report the merges and splits they record.
        threshold: the least confidence for matching two entities by similar name.

    Returns:
        A ChangeSet ordered by kind (CHANGE_KINDS) then id; empty when `era_a` is `era_b`.

    Example:
        >>> ds = orgchart.load()
        >>> changes = orgchart.diff(ds.era("ero-excerpt"), ds.era("ero-2023"), lineage=ds.lineage)
        >>> [c.after.name for c in changes.by_kind("renamed")][:1]
        ['Criminal Apprehension Division']
    """
    links = tuple(lineage)
    matching = match_entities(era_a, era_b, links, threshold=threshold)
    differ = _Differ(matching, links)
    differ.compare_matched()
    differ.lineage_groups()
    differ.structural_groups()
    differ.unmatched()
    differ.oversight()
    differ.claims()
    differ.findings()
    changes = [c for c in differ.changes if not (c.kind == "moved" and c.id in differ.explained_moves)]
    changes.sort(key=lambda c: (CHANGE_KINDS.index(c.kind), c.id, c.subject_name))
    return ChangeSet(
        era_a,
        era_b,
        tuple(changes),
        matching,
        coverage(era_a, era_b, matching, earlier=True),
        coverage(era_b, era_a, matching, earlier=False),
    )
