"""What changed between two eras: a typed, ordered `ChangeSet`, every change cited from both eras.

Built on `orgchart.changes.match`: entities are matched first (by id, lineage, acronym or alias, then a
similar name supported by structure), then each matched pair is compared (name, acronym, kind,
parent), unmatched entities become additions and removals, and oversight relations, stated
figures (claims) and findings are compared through the matching. Each family of changes is found
by its own module (`entities`, `groups`, `relations`, `figures`); the
types live in `orgchart.changes.changeset` and are re-exported here, where callers have always found them.

Documents are not registers: a document that does not mention an entity has not abolished it.
Nothing in an era file states that an entity ended, so every removal carries
`evidence="not_mentioned"` and every addition `evidence="not_mentioned_earlier"`; the
`coverage` of a ChangeSet says how much of each era's structure the other era mentions at all.
When a document's archived text breaks off (a source with `complete: false`), what it does not
mention is not a change at all: those absences go to `ChangeSet.beyond_text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from orgchart.changes.changeset import (
    CHANGE_KINDS,
    UNPLACED_DEPTH,
    Change,
    ChangeKind,
    ChangeSet,
    ClaimState,
    EntityState,
    Evidence,
    FindingState,
    Quote,
    RelationState,
    State,
)
from orgchart.changes.entities import DESCRIPTIVE_KINDS, HEAD_KINDS, matched_changes, own_name, unmatched_changes
from orgchart.changes.figures import claim_changes, finding_changes
from orgchart.changes.groups import group_changes
from orgchart.changes.match import THRESHOLD, Match, Matching, NearMiss, match_entities
from orgchart.changes.relations import oversight_changes
from orgchart.dataset import progress
from orgchart.dataset.gcpause import paused_gc
from orgchart.dataset.model import LineageLink
from orgchart.graph import OrgChart

__all__ = [
    "CHANGE_KINDS",
    "DESCRIPTIVE_KINDS",
    "HEAD_KINDS",
    "UNPLACED_DEPTH",
    "Change",
    "ChangeKind",
    "ChangeSet",
    "ClaimState",
    "EntityState",
    "Evidence",
    "FindingState",
    "Match",
    "Matching",
    "NearMiss",
    "Quote",
    "RelationState",
    "State",
    "diff",
    "own_name",
]


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

    A pair of eras is compared once per process (see `match_entities`): the history, the page,
    the RDF export and `build` reuse the same ChangeSet.
    """
    links = tuple(lineage)
    key = ("diff", id(era_b), links, threshold)
    later, changes = era_a.derived(key, lambda: (era_b, _diff(era_a, era_b, links, threshold)))
    return changes if later is era_b else _diff(era_a, era_b, links, threshold)


def _diff(era_a: OrgChart, era_b: OrgChart, links: tuple[LineageLink, ...], threshold: float) -> ChangeSet:
    with paused_gc(), progress.task(f"comparing {era_a.id} and {era_b.id}", total=4) as step:
        matching = match_entities(era_a, era_b, links, threshold=threshold)
        step.advance()
        groups = group_changes(matching)
        # The order before sorting decides ties (same kind and id), so it is kept fixed.
        found = [
            *matched_changes(matching, links),
            *groups.changes,
            *unmatched_changes(matching, groups.grouped_before, groups.grouped_after),
        ]
        step.advance()
        found += [*oversight_changes(matching), *claim_changes(matching), *finding_changes(matching)]
        step.advance()
        changes = [c for c in found if not (c.kind == "moved" and c.id in groups.explained_moves)]
        changes.sort(key=lambda c: (CHANGE_KINDS.index(c.kind), c.id, c.subject_name))
        beyond = [replace(c, evidence="beyond_archived_text") for c in changes if _beyond_text(c, era_a, era_b)]
        step.advance()
    return ChangeSet(
        era_a, era_b, tuple(c for c in changes if not _beyond_text(c, era_a, era_b)), matching, tuple(beyond)
    )


ABSENCES_LATER: tuple[str, ...] = ("removed", "oversight_removed", "claim_removed", "finding_removed")
ABSENCES_EARLIER: tuple[str, ...] = ("added", "oversight_added", "claim_added", "finding_added")


def _beyond_text(change: Change, era_a: OrgChart, era_b: OrgChart) -> bool:
    """Whether `change` is an absence that an incomplete document explains: something the later
    era does not mention when its text breaks off, or the earlier era when its text does."""
    return (change.kind in ABSENCES_LATER and not era_b.complete) or (
        change.kind in ABSENCES_EARLIER and not era_a.complete
    )
