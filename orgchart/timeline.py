"""Timelines: one entity in every era, following lineage links to other ids.

An era is matched by id; a name is resolved in every era that knows it. `data/lineage.yaml`
links (renamed, succeeded, merged, split) add an entity's predecessors and successors, but not
its siblings: in a split of A into B and C, B's timeline holds A, not C.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from orgchart.dataset.display import bundle
from orgchart.dataset.model import LineageLink, Node
from orgchart.errors import AmbiguousError, NotFoundError
from orgchart.query import EraView


@dataclass(frozen=True)
class TimelineEntry:
    """One era's view of an entity: its node there (None when absent) and its main parent.

    `via` says how the node was matched: `id` (one of the ids the query resolved to) or
    `lineage` (a successor or predecessor named in the dataset's lineage links).
    """

    era: str
    date: str
    node: Node | None
    parent: Node | None = None
    via: Literal["id", "lineage"] | None = None

    @property
    def present(self) -> bool:
        """Whether the entity appears in this era."""
        return self.node is not None

    def __repr__(self) -> str:
        if self.node is None:
            return f"<TimelineEntry {self.era!r}: absent>"
        under = f" under {self.parent.id!r}" if self.parent else ""
        lineage = " (lineage)" if self.via == "lineage" else ""
        return f"<TimelineEntry {self.era!r}: {self.node.id!r} {self.node.name!r}, {self.node.kind}{under}{lineage}>"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data; absent entries have `present: false` and null node fields."""
        node = self.node
        return {
            "era": self.era,
            "date": self.date,
            "present": node is not None,
            "id": node.id if node else None,
            "name": node.name if node else None,
            "kind": node.kind if node else None,
            "acronym": node.acronym if node else None,
            "parent": {"id": self.parent.id, "name": self.parent.name} if self.parent else None,
            "via": self.via,
        }


@dataclass(frozen=True)
class Timeline:
    """An entity in every era, oldest first: one entry per era (or one per matching node
    where a lineage split leaves several successors in one era)."""

    query: str
    ids: tuple[str, ...]
    entries: tuple[TimelineEntry, ...]
    links: tuple[LineageLink, ...] = ()

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def present(self) -> tuple[TimelineEntry, ...]:
        """The entries of the eras where the entity appears."""
        return tuple(entry for entry in self.entries if entry.present)

    def __repr__(self) -> str:
        eras = ", ".join(f"{e.era}={e.node.id if e.node else '-'}" for e in self.entries)
        return f"<Timeline {self.query!r}: {eras}>"

    def _repr_html_(self) -> str:
        """Jupyter: a table of the entity in every era, see `orgchart.dataset.display`."""
        return bundle("timeline", self).get("text/html", repr(self))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: the query, the ids, the entries and the lineage links used."""
        return {
            "query": self.query,
            "ids": list(self.ids),
            "entries": [entry.as_dict() for entry in self.entries],
            "lineage": [
                {"kind": link.kind, "before": list(link.before), "after": list(link.after), "reason": link.reason}
                for link in self.links
            ],
        }


def _lineage_closure(seed: str, links: Sequence[LineageLink]) -> set[str]:
    """`seed`, its predecessors and its successors (not its siblings in a split or merge)."""
    group = {seed}
    for forward in (True, False):
        frontier = [seed]
        while frontier:
            current = frontier.pop()
            for link in links:
                source, target = (link.before, link.after) if forward else (link.after, link.before)
                if current in source:
                    new = set(target) - group
                    group |= new
                    frontier.extend(sorted(new))
    return group


def _resolve_ids(eras: Sequence[EraView], ref: str, within: EraView | None) -> dict[str, list[str]]:
    """The ids `ref` names, each with the eras where it was found that way."""
    if within is not None:
        return {within.get(ref).id: [within.id]}
    if any(ref in era for era in eras):
        return {ref: [era.id for era in eras if ref in era]}
    found: dict[str, list[str]] = {}
    for era in eras:
        try:
            found.setdefault(era.get(ref).id, []).append(era.id)
        except NotFoundError:
            continue
    if not found:
        names = {text for era in eras for n in era.nodes for text in (n.id, n.name, n.acronym) if text}
        raise NotFoundError("entity in any era named", ref, names)
    return found


def timeline_of(
    eras: Sequence[EraView], ref: str | Node, *, lineage: Sequence[LineageLink] = (), within: EraView | None = None
) -> Timeline:
    """The entity `ref` in every era of `eras` (give them oldest first).

    `ref` is an id, or a name, acronym or alias resolved in every era that knows it (or only in
    `within`). Lineage links add the entity's predecessors and successors under other ids.

    Raises:
        NotFoundError: no era knows `ref`.
        AmbiguousError: `ref` names several entities in one era, or different entities (not linked
            by lineage) in different eras; the message lists them so the user can pick an id.
    """
    query = ref.id if isinstance(ref, Node) else ref
    resolved = _resolve_ids(eras, query, within)
    groups = {node_id: _lineage_closure(node_id, lineage) for node_id in sorted(resolved)}
    anchor = next((node_id for node_id, group in groups.items() if set(resolved) <= group), None)
    if anchor is None:
        matches = [f"{node_id} (in {', '.join(era_ids)})" for node_id, era_ids in sorted(resolved.items())]
        raise AmbiguousError("entity named", query, matches)
    group = groups[anchor]  # holds every resolved id, and no sibling of a merge or split
    entries = []
    for era in eras:
        here = [node for node in era.nodes if node.id in group]
        if not here:
            entries.append(TimelineEntry(era.id, era.date.label, None))
        for node in here:
            via: Literal["id", "lineage"] = "id" if node.id in resolved else "lineage"
            entries.append(TimelineEntry(era.id, era.date.label, node, era.parent(node), via))
    used = tuple(link for link in lineage if group & set(link.before) and group & set(link.after))
    ids = tuple(sorted(group, key=lambda node_id: (node_id not in resolved, node_id)))
    return Timeline(query, ids, tuple(entries), used)
