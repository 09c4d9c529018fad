"""Changes of one entity between two eras: renamed (or reworded), kind changed, moved; and the
entities one era mentions and the other does not (added, removed).

Every pair that `orgchart.changes.match` matched is compared by name, acronym, kind and parent. A name is
compared as the documents mean it: "DRO field offices" under DRO and "Field Offices" under ERO are
one name, so only the parent's rename is reported. A different wording of a description (an
external body, a lower-case description) is `reworded`, not `renamed`, so nothing is hidden and
no rename is claimed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from orgchart.changes.changeset import (
    Change,
    EntityState,
    Quote,
    depth_of,
    entity_state,
    matched_id,
    parent_edge,
    quotes_of,
)
from orgchart.changes.forms import same_name
from orgchart.changes.match import Match, Matching, NearMiss
from orgchart.changes.names import GENERIC_WORDS, core_name, name_keys, normal_acronym, normal_name
from orgchart.dataset.model import LineageLink, Node
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


class OwnNames:
    """`own_name` for many nodes of one chart: the names and acronyms of its nodes are folded
    once, and a prefix is looked up among the few the name could start with (one per word)
    instead of folding every ancestor's name for every node, which made a 2,000-deep chain's
    diff quadratic."""

    def __init__(self, chart: OrgChart) -> None:
        self.chart = chart
        self.holders: dict[str, list[Node]] = {}
        holders = self.holders
        for node in chart.nodes:
            name = normal_name(node.name)
            holders.setdefault(name, []).append(node)
            if node.acronym and (acronym := normal_name(node.acronym)) != name:
                holders.setdefault(acronym, []).append(node)

    def of(self, node: Node) -> str:
        """The folded name of `node` without a leading ancestor's or head body's name or acronym."""
        words = normal_name(node.name)
        leads = sorted(
            {(words[:at], words[at : at + 3]) for at in range(len(words)) if words.startswith((" ", "'s "), at)},
            key=lambda lead: (-len(lead[0]), lead[0], lead[1] != "'s "),
        )
        for prefix, joint in leads:
            cut = len(prefix) + (3 if joint == "'s " else 1)
            if len(words) > cut and any(self._prefixes(node, other) for other in self.holders.get(prefix, ())):
                return words[cut:]
        return words

    def _prefixes(self, node: Node, other: Node) -> bool:
        if other.id == node.id:
            return False
        return other.kind in HEAD_KINDS or self.chart.is_below(node, other)


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
    era_a, era_b = matching.before, matching.after
    names: tuple[OwnNames, OwnNames] | None = None
    links = tuple(lineage)
    changes: list[Change] = []
    unchanged = _unchanged_test(matching)
    node_a, node_b = era_a.node, era_b.node
    for match in matching.matches:
        a, b = node_a(match.before), node_b(match.after)
        if unchanged(a, b):
            continue  # most pairs of a large dataset: nothing to compare further
        before, after = entity_state(era_a, a), entity_state(era_b, b)
        depth = depth_of(era_b, b.id)
        both_quotes = quotes_of(era_a.id, a.citations) + quotes_of(era_b.id, b.citations)
        if names is None:
            names = (
                era_a.derived("own_names", lambda: OwnNames(era_a)),
                era_b.derived("own_names", lambda: OwnNames(era_b)),
            )
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
        if (moved := _move(matching, a, b, before, after, match, depth)) is not None:
            changes.append(moved)
    return changes


def _unchanged_test(matching: Matching) -> Callable[[Node, Node], bool]:
    """Whether a matched pair is written alike (name, aliases, acronym, kind) and not moved:
    a quick test that lets the pair skip every comparison below (none would report anything).
    It runs for every matched pair, so the eras' parent maps are looked up once, here."""
    parents_a, parents_b, forward = matching.before.parent_ids.get, matching.after.parent_ids.get, matching.forward

    def unchanged(a: Node, b: Node) -> bool:
        if a.name != b.name or a.aliases != b.aliases or a.acronym != b.acronym or a.kind != b.kind:
            return False
        parent_a, parent_b = parents_a(a.id), parents_b(b.id)
        if parent_a is None or parent_b is None:
            return True
        mapped = forward(parent_a)
        return mapped is not None and mapped.after == parent_b

    return unchanged


def _move(
    matching: Matching, a: Node, b: Node, before: EntityState, after: EntityState, match: Match, depth: int
) -> Change | None:
    """A move: both documents place the entity, under parents that do not match."""
    era_a, era_b = matching.before, matching.after
    old_parent = matched_id(matching, before.parent)
    if before.parent is None or after.parent is None or old_parent == after.parent:
        return None
    quotes: tuple[Quote, ...] = ()
    if old_edge := parent_edge(era_a, a.id, before.parent):
        quotes += quotes_of(era_a.id, old_edge.citations)
    if new_edge := parent_edge(era_b, b.id, after.parent):
        quotes += quotes_of(era_b.id, new_edge.citations)
    still = [p for p in era_b.parents(b) if p.id != after.parent and p.id == old_parent]
    if still and (kept := parent_edge(era_b, b.id, still[0].id)):
        quotes += quotes_of(era_b.id, kept.citations)
    note = f"the later document also still lists it under {still[0].name}" if still else ""
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
    for node in era_b.nodes:
        if matching.backward(node.id) is None and node.id not in skip_after:
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
    for node in era_a.nodes:
        if matching.forward(node.id) is None and node.id not in skip_before:
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
