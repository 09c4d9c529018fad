"""Changes of one entity between two eras: renamed (or reworded), kind changed, moved; and the
entities one era mentions and the other does not (added, removed).

Every pair that `orgchart.changes.match` matched is compared by name, acronym, kind and parent. A name is
compared as the documents mean it: "DRO field offices" under DRO and "Field Offices" under ERO are
one name, so only the parent's rename is reported. A different wording of a description (an
external body, a lower-case description) is `reworded`, not `renamed`, so nothing is hidden and
no rename is claimed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from orgchart.changes.changeset import (
    Change,
    EntityState,
    Quote,
    depth_of,
    entity_state,
    matched_id,
    quotes_of,
)
from orgchart.changes.forms import same_name
from orgchart.changes.match import Match, Matching, NearMiss
from orgchart.changes.names import GENERIC_WORDS, core_name, name_keys, normal_acronym, normal_name
from orgchart.dataset.model import Edge, LineageLink, Node
from orgchart.graph import OrgChart

DESCRIPTIVE_KINDS: Final[frozenset[str]] = frozenset({"external body", "facility type"})
"""Kinds whose names are descriptions a document words freely, not names the organization gives."""

HEAD_KINDS: Final[frozenset[str]] = frozenset({"agency", "directorate"})
"""Kinds whose name or acronym a document may put in front of any entity's name ("ICE Most Wanted")."""


def _is_descriptive(node: Node) -> bool:
    return node.kind in DESCRIPTIVE_KINDS or node.name[:1].islower()


def own_name(chart: OrgChart, node: Node) -> str:
    """The folded name without a leading ancestor's (or the agency's or a directorate's) acronym
    or name: "DRO field offices" under DRO and "Field Offices" under ERO are one name, as are
    "ICE Most Wanted" and "Most Wanted"; a parent's rename is the parent's change."""
    return OwnNames(chart).of(node)


ANCESTORS_WALKED: Final = 64
"""How far up `OwnNames` walks a node's parents itself; a deeper node's ancestors are found
through the chart's tree spans (`OrgChart.is_below`), so no walk grows with the depth."""


def _folded_keys(node: Node) -> set[str]:
    """The folded name and acronym of `node`: what a name it leads would start with."""
    keys = {normal_name(node.name)}
    if node.acronym:
        keys.add(normal_name(node.acronym))
    return keys


class OwnNames:
    """`own_name` for many nodes of one chart. A leading prefix counts when an ancestor or a
    head body (HEAD_KINDS) carries it as its name or acronym, so only those are folded: the
    head bodies once per chart, and the parents of each node asked about (a few levels), not
    every node of the chart (folding every node of both eras was 0.25 s of a 1.7 s diff at
    100,000 entities, cProfile, for the 1,000 changed pairs that ask). A node deeper than
    ANCESTORS_WALKED is answered through an index of every node and the chart's O(1) ancestry
    test instead, so a 2,000-deep chain's diff stays linear."""

    def __init__(self, chart: OrgChart) -> None:
        self.chart = chart
        self.heads: dict[str, list[Node]] = {}
        for node in chart.nodes:
            if node.kind in HEAD_KINDS:
                for key in _folded_keys(node):
                    self.heads.setdefault(key, []).append(node)
        self._holders: dict[str, list[Node]] | None = None

    def of(self, node: Node) -> str:
        """The folded name of `node` without a leading ancestor's or head body's name or acronym."""
        words = normal_name(node.name)
        leads = sorted(
            {(words[:at], words[at : at + 3]) for at in range(len(words)) if words.startswith((" ", "'s "), at)},
            key=lambda lead: (-len(lead[0]), lead[0], lead[1] != "'s "),
        )
        walked, above = False, None
        for prefix, joint in leads:
            cut = len(prefix) + (3 if joint == "'s " else 1)
            if len(words) <= cut:
                continue
            if any(other.id != node.id for other in self.heads.get(prefix, ())):
                return words[cut:]
            if not walked:
                walked, above = True, self._ancestor_keys(node)
            carried = prefix in above if above is not None else self._deep_ancestor(node, prefix)
            if carried:
                return words[cut:]
        return words

    def _ancestor_keys(self, node: Node) -> set[str] | None:
        """The folded names and acronyms of the main parents above `node`; none for a node that
        no root reaches (a parent cycle or a missing parent: `is_below` sees no ancestor there
        either); None for one deeper than ANCESTORS_WALKED (see `_deep_ancestor`)."""
        parent_ids, nodes = self.chart.parent_ids, self.chart.nodes_by_id
        keys: set[str] = set()
        current = node.id
        for _ in range(ANCESTORS_WALKED):
            parent = parent_ids.get(current)
            if parent is None:
                return keys  # reached a root: every ancestor is counted
            if parent not in nodes or parent == node.id:
                return set()
            keys |= _folded_keys(nodes[parent])
            current = parent
        return None

    def _deep_ancestor(self, node: Node, prefix: str) -> bool:
        """Whether an ancestor of `node` carries `prefix`, by an index of every node's keys and
        `OrgChart.is_below`: for a node deeper than ANCESTORS_WALKED."""
        if self._holders is None:
            self._holders = {}
            for other in self.chart.nodes:
                for key in _folded_keys(other):
                    self._holders.setdefault(key, []).append(other)
        return any(other.id != node.id and self.chart.is_below(node, other) for other in self._holders.get(prefix, ()))


def _generic_only(name: str) -> bool:
    return all(word in GENERIC_WORDS for word in name.split())


def _names_agree(own_a: str, a: Node, own_b: str, b: Node) -> bool:
    """Whether two matched entities carry the same name, however each document writes it: one
    name among the other's names, acronym or aliases, or equal once generic words and a leading
    ancestor's name (`own_a`, `own_b`: see `own_name`) are dropped, or one name the other's
    acronym, or the other's name with an owner's prefix or an acronym in parentheses, or cut off
    by the text (`orgchart.changes.names`)."""
    return (
        same_name(a, b)
        or normal_name(a.name) in name_keys(b)
        or normal_name(b.name) in name_keys(a)
        or core_name(a.name) == core_name(b.name)
        or core_name(own_a) == core_name(own_b)
        or core_name(a.name) in name_keys(b)
        or core_name(b.name) in name_keys(a)
    )


def _lineage_quotes(match: Match, lineage: Iterable[LineageLink]) -> tuple[Quote, ...]:
    """The quotes of the lineage link behind a lineage match."""
    if match.reason != "lineage":
        return ()
    for link in lineage:
        if match.before in link.before and match.after in link.after:
            return quotes_of("lineage", link.citations)
    return ()


def matched_changes(matching: Matching, lineage: Iterable[LineageLink]) -> list[Change]:
    """Renames, rewordings, kind changes and moves of every matched pair, in matching order."""
    pairs = _changed_pairs(matching)
    if not pairs:
        return []
    era_a, era_b = matching.before, matching.after
    links = tuple(lineage)
    names = (
        era_a.derived("own_names", lambda: OwnNames(era_a)),
        era_b.derived("own_names", lambda: OwnNames(era_b)),
    )
    # The parent edges of only these entities (see `OrgChart.parent_edges_of`), for their moves.
    edges = (era_a.parent_edges_of(a.id for _, a, _ in pairs), era_b.parent_edges_of(b.id for _, _, b in pairs))
    changes: list[Change] = []
    for match, a, b in pairs:
        before, after = entity_state(era_a, a), entity_state(era_b, b)
        depth = depth_of(era_b, b.id)
        both_quotes = quotes_of(era_a.id, a.citations) + quotes_of(era_b.id, b.citations)
        own_a, own_b = names[0].of(a), names[1].of(b)
        name_same = _names_agree(own_a, a, own_b, b)
        acronym_changed = bool(a.acronym and b.acronym and normal_acronym(a.acronym) != normal_acronym(b.acronym))
        if acronym_changed or not name_same:
            descriptive = not acronym_changed and (
                _is_descriptive(a) or _is_descriptive(b) or _generic_only(own_a) or _generic_only(own_b)
            )
            changes.append(
                Change(
                    "reworded" if descriptive else "renamed",
                    b.id,
                    before,
                    after,
                    match,
                    both_quotes + _lineage_quotes(match, links),
                    "lineage" if match.reason == "lineage" else None,
                    note="the documents word this description differently" if descriptive else "",
                    depth=depth,
                )
            )
        if a.kind != b.kind:
            changes.append(Change("kind_changed", b.id, before, after, match, both_quotes, depth=depth))
        if (moved := _move(matching, edges, a, b, before, after, match, depth)) is not None:
            changes.append(moved)
    return changes


def _changed_pairs(matching: Matching) -> list[tuple[Match, Node, Node]]:
    """The matched pairs, with their nodes, that are not written alike (name, aliases, acronym,
    kind) and placed alike (matched parents): the only ones any comparison below can report.
    A quick test for every matched pair (most pairs of a large dataset), so it is written out
    in one loop over the eras' own indexes (a function call per pair, to a test and to
    `OrgChart.node`, was a third of its 0.3 s at 100,000 entities, cProfile)."""
    nodes_a, nodes_b = matching.before.nodes_by_id, matching.after.nodes_by_id
    parents_a, parents_b, forward = matching.before.parent_ids.get, matching.after.parent_ids.get, matching.forward
    changed: list[tuple[Match, Node, Node]] = []
    for match in matching.matches:
        a, b = nodes_a[match.before], nodes_b[match.after]
        if a.name == b.name and a.aliases == b.aliases and a.acronym == b.acronym and a.kind == b.kind:
            parent_a, parent_b = parents_a(match.before), parents_b(match.after)
            if parent_a is None or parent_b is None:
                continue
            mapped = forward(parent_a)
            if mapped is not None and mapped.after == parent_b:
                continue
        changed.append((match, a, b))
    return changed


ParentEdges = dict[str, list[Edge]]


def _edge(edges: ParentEdges, child: str, parent: str) -> Edge | None:
    """The parent edge from `parent` to `child` among `edges` (`OrgChart.parent_edges_of`)."""
    return next((edge for edge in edges.get(child, ()) if edge.superior == parent), None)


def _move(
    matching: Matching,
    edges: tuple[ParentEdges, ParentEdges],
    a: Node,
    b: Node,
    before: EntityState,
    after: EntityState,
    match: Match,
    depth: int,
) -> Change | None:
    """A move: both documents place the entity, under parents that do not match. `edges` holds
    the parent edges of `a` in the earlier era and of `b` in the later."""
    era_a, era_b = matching.before, matching.after
    old_parent = matched_id(matching, before.parent)
    if before.parent is None or after.parent is None or old_parent == after.parent:
        return None
    quotes: tuple[Quote, ...] = ()
    if old_edge := _edge(edges[0], a.id, before.parent):
        quotes += quotes_of(era_a.id, old_edge.citations)
    if new_edge := _edge(edges[1], b.id, after.parent):
        quotes += quotes_of(era_b.id, new_edge.citations)
    # The later era may still state the old (matched) parent too, besides the new main parent.
    kept = _edge(edges[1], b.id, old_parent) if old_parent is not None else None
    if kept:
        quotes += quotes_of(era_b.id, kept.citations)
    note = f"the later document also still lists it under {era_b.node(kept.superior).name}" if kept else ""
    if old_parent is None:
        note = (note + "; " if note else "") + f"its earlier parent ({before.parent_name}) is not mentioned later"
    return Change("moved", b.id, before, after, match, quotes, note=note, depth=depth)


def unmatched_changes(matching: Matching, grouped_before: Iterable[str], grouped_after: Iterable[str]) -> list[Change]:
    """Additions and removals: entities one era mentions and the other does not, except those a
    merge or split accounts for (`grouped_before`, `grouped_after`). Each carries the nearest
    unmatched name of the other era as a possible rename, if one came close."""
    era_a, era_b = matching.before, matching.after
    skip_before, skip_after = set(grouped_before), set(grouped_after)
    near_by_before = {n.before: n for n in matching.near_misses}
    near_by_after: dict[str, NearMiss] = {}
    for near in matching.near_misses:
        near_by_after.setdefault(near.after, near)
    changes: list[Change] = []
    unmatched_before, unmatched_after = matching.unmatched_nodes()
    for node in unmatched_after:
        if node.id not in skip_after:
            changes.append(
                Change(
                    "added",
                    node.id,
                    None,
                    entity_state(era_b, node),
                    citations=quotes_of(era_b.id, node.citations),
                    evidence="not_mentioned_earlier",
                    possible_rename=near_by_after.get(node.id),
                    depth=depth_of(era_b, node.id),
                )
            )
    for node in unmatched_before:
        if node.id not in skip_before:
            changes.append(
                Change(
                    "removed",
                    node.id,
                    entity_state(era_a, node),
                    None,
                    citations=quotes_of(era_a.id, node.citations),
                    evidence="not_mentioned",
                    possible_rename=near_by_before.get(node.id),
                    depth=depth_of(era_a, node.id),
                )
            )
    return changes
