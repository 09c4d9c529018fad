"""Every era at once: the changes of each consecutive pair, and each entity followed through time.

The grid has one row per entity: its node (name as that era writes it) in each era, None where
the era does not mention it. Rows are joined from the matches of consecutive eras first, then of
eras further apart (an entity one document skips is still one entity), never putting two
entities of one era in one row.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from orgchart.changes.changeset import Change, ChangeSet, ClaimState
from orgchart.changes.diff import diff
from orgchart.changes.match import match_entities
from orgchart.dataset import progress
from orgchart.dataset.model import LineageLink, Node
from orgchart.errors import AmbiguousError, NotFoundError, OrgChartError
from orgchart.graph import Dataset, OrgChart


@dataclass(frozen=True)
class GridRow:
    """One entity across every era: `cells[i]` is its node in `History.eras[i]`, or None."""

    key: str
    cells: tuple[Node | None, ...]

    @property
    def latest(self) -> Node:
        """The entity as the latest era that mentions it states it."""
        return next(cell for cell in reversed(self.cells) if cell is not None)


GAP_KINDS: Final[tuple[str, ...]] = ("renamed", "moved", "kind_changed", "claim_changed", "reworded")
"""Changes followed across documents that skip an entity or figure (see `History.since`)."""


@dataclass(frozen=True)
class GapChange:
    """A change between the later era of a pair and an earlier era than its predecessor, for an
    entity or figure the eras in between do not mention: `changes` is that wider ChangeSet."""

    changes: ChangeSet
    change: Change


@dataclass(frozen=True)
class History:
    """The dataset's eras in order, the ChangeSet of each consecutive pair, and the grid.

    `since[k]` holds, for pair k (eras k -> k+1), the renames, moves, kind and figure changes of
    entities and figures era k does not mention but an earlier era does: an undated overview that
    skips a division must not hide the division's rename between the documents around it.
    """

    eras: tuple[OrgChart, ...]
    pairs: tuple[ChangeSet, ...]
    grid: tuple[GridRow, ...]
    since: tuple[tuple[GapChange, ...], ...] = ()

    def __repr__(self) -> str:
        return f"<History {len(self.eras)} eras, {len(self.pairs)} pairs, {len(self.grid)} entities>"

    def row_of(self, era_id: str, node_id: str) -> GridRow:
        """The grid row holding `node_id` of era `era_id`."""
        index = [e.id for e in self.eras].index(era_id)
        for row in self.grid:
            cell = row.cells[index]
            if cell is not None and cell.id == node_id:
                return row
        raise NotFoundError(f"entity in era {era_id!r} with id", node_id, (r.key for r in self.grid))


class _Rows:
    """Union-find over (era index, node id), refusing unions that would put two entities of
    one era in one row."""

    def __init__(self, eras: tuple[OrgChart, ...]) -> None:
        self.parent: dict[tuple[int, str], tuple[int, str]] = {}
        self.members: dict[tuple[int, str], set[int]] = {}
        for index, era in enumerate(eras):
            for node in era.nodes:
                self.parent[(index, node.id)] = (index, node.id)
                self.members[(index, node.id)] = {index}

    def find(self, item: tuple[int, str]) -> tuple[int, str]:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, left: tuple[int, str], right: tuple[int, str]) -> None:
        root_left, root_right = self.find(left), self.find(right)
        if root_left == root_right or self.members[root_left] & self.members[root_right]:
            return
        keep, drop = sorted((root_left, root_right))
        self.parent[drop] = keep
        self.members[keep] |= self.members.pop(drop)


def build_grid(eras: tuple[OrgChart, ...], lineage: Iterable[LineageLink] = ()) -> tuple[GridRow, ...]:
    """One row per entity across `eras` (chronological), rows of the latest era first in its file
    order, then entities last seen earlier."""
    links = tuple(lineage)
    rows = _Rows(eras)
    for gap in range(1, len(eras)):
        for start in range(len(eras) - gap):
            for match in match_entities(eras[start], eras[start + gap], links):
                rows.union((start, match.before), (start + gap, match.after))
    groups: dict[tuple[int, str], list[Node | None]] = {}
    for index, era in enumerate(eras):
        for node in era.nodes:
            cells = groups.setdefault(rows.find((index, node.id)), [None] * len(eras))
            cells[index] = node
    positions = [{node.id: index for index, node in enumerate(era.nodes)} for era in eras]
    ordered = []
    # Each era's file order, looked up once: a list scan per row made the page of a
    # 10,000-entity era take 54 s, all of it here.
    positions = [{node.id: index for index, node in enumerate(era.nodes)} for era in eras]
    for cells in groups.values():
        last = max(i for i, cell in enumerate(cells) if cell is not None)
        row = GridRow("", tuple(cells))
        key = row.latest.id
        ordered.append(((-last, positions[last][key]), GridRow(key, row.cells)))
    ordered.sort(key=lambda item: item[0])
    return tuple(row for _, row in ordered)


def gap_changes(
    eras: tuple[OrgChart, ...], grid: tuple[GridRow, ...], lineage: tuple[LineageLink, ...]
) -> tuple[tuple[GapChange, ...], ...]:
    """For each consecutive pair, the GAP_KINDS changes reaching back past its earlier era."""
    row_of = {(i, cell.id): row for row in grid for i, cell in enumerate(row.cells) if cell is not None}
    found: list[list[GapChange]] = [[] for _ in range(max(len(eras) - 1, 0))]
    for later in range(2, len(eras)):
        for earlier in range(later - 1):
            between = range(earlier + 1, later)
            wide = diff(eras[earlier], eras[later], lineage=lineage)
            for change in wide:
                if change.kind not in GAP_KINDS:
                    continue
                if isinstance(change.before, ClaimState):
                    old = change.before
                    subject_row = row_of.get((earlier, old.subject))
                    stated_between = any(
                        claim.id == old.id
                        or (
                            row_of.get((k, claim.subject)) is subject_row
                            and claim.attribute.casefold() == old.attribute.casefold()
                        )
                        for k in between
                        for claim in eras[k].claims
                    )
                    if not stated_between:
                        found[later - 1].append(GapChange(wide, change))
                elif change.match is not None:
                    row = row_of.get((earlier, change.match.before))
                    if row is not None and all(row.cells[k] is None for k in between):
                        found[later - 1].append(GapChange(wide, change))
    return tuple(tuple(items) for items in found)


def history(dataset: Dataset) -> History:
    """The ChangeSet of every consecutive pair of eras, and the grid of every entity.

    Example:
        >>> h = history(orgchart.load())
        >>> len(h.pairs) == len(h.eras) - 1
        True
    """
    return history_of(dataset.eras, dataset.lineage)


def history_of(eras: Iterable[OrgChart], lineage: Iterable[LineageLink] = ()) -> History:
    """The History of some eras only (oldest first), e.g. the ones an export was asked for."""
    charts, links = tuple(eras), tuple(lineage)
    grid = build_grid(charts, links)
    return History(charts, _pairs(charts, links), grid, gap_changes(charts, grid, links))


def consecutive_changes(
    eras: Iterable[OrgChart], lineage: Iterable[LineageLink] = ()
) -> tuple[tuple[ChangeSet, ...], tuple[tuple[GapChange, ...], ...]]:
    """`History.pairs` and `History.since` of `eras` (oldest first) without the rest of the
    history: the grid is built only where a change can reach across an era (three eras or
    more); for two eras of 100,000 entities it was a third of the RDF export's comparing."""
    charts, links = tuple(eras), tuple(lineage)
    grid = build_grid(charts, links) if len(charts) > 2 else ()
    return _pairs(charts, links), gap_changes(charts, grid, links)


def _pairs(charts: tuple[OrgChart, ...], links: tuple[LineageLink, ...]) -> tuple[ChangeSet, ...]:
    return tuple(
        diff(a, b, lineage=links)
        for a, b in progress.tracked(list(itertools.pairwise(charts)), "comparing consecutive eras")
    )


def entity_timeline(dataset: Dataset, ref: str) -> tuple[tuple[OrgChart, ...], GridRow]:
    """One entity through every era: the eras and the entity's grid row.

    `ref` is an id, name, acronym or alias in any era (case-insensitive), as `OrgChart.get`.

    Raises:
        NotFoundError: no era has such an entity.
        AmbiguousError: `ref` names different entities.
    """
    eras = dataset.eras
    grid = build_grid(eras, dataset.lineage)
    found: dict[str, GridRow] = {}
    by_id = [(index, ref) for index, era in enumerate(eras) if ref in era]
    if not by_id:
        for index, era in enumerate(eras):
            try:
                by_id.append((index, era.get(ref).id))
            except AmbiguousError:
                raise
            except OrgChartError:
                continue
    for index, node_id in by_id:
        for row in grid:
            cell = row.cells[index]
            if cell is not None and cell.id == node_id:
                found[row.key] = row
    if not found:
        names = {n.id for e in eras for n in e.nodes} | {n.name for e in eras for n in e.nodes}
        raise NotFoundError("entity in any era named", ref, names)
    if len(found) > 1:
        raise AmbiguousError("name", ref, found)
    return eras, next(iter(found.values()))
