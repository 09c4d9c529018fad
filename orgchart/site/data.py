"""What the interactive page knows about each era, as plain JSON-ready dicts.

The page (see `orgchart.site.page`) embeds one of these per era and builds everything a
reader sees from it: the side panel, search, the path to the root, collapsing subtrees and
the change overlay. Keys are stable and documented in README.md ("Interactive chart").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from orgchart.changes.changeset import Change, ChangeSet, EntityState
from orgchart.changes.order import drawn_parents
from orgchart.dataset.model import Source
from orgchart.graph import Dataset, OrgChart, citation_dicts
from orgchart.render import edge_svg_id

if TYPE_CHECKING:
    from orgchart.changes.history import GapChange, History

# orgchart.history (and the diff engine behind it) is imported when a page is built.

MARKED_CHANGES: Final[tuple[str, ...]] = ("added", "renamed", "moved")
"""Change kinds the overlay marks on the chart, as the change chart does. Other changes of an
entity (kind changed, reworded) are listed in its panel but not marked."""

PANEL_CHANGES: Final[tuple[str, ...]] = ("added", "renamed", "moved", "kind_changed", "reworded", "merged", "split")
"""Change kinds about one entity that the panel lists for it."""


def tree_parents(chart: OrgChart) -> dict[str, str]:
    """Each node's place in the drawn tree: its main parent, else its first oversight superior,
    else the first entity that names it in a working relation (a partner the document knows
    only as supported). Collapsing a node hides everything below it in this tree; the change
    charts outline the same tree (`orgchart.changes.order.drawn_parents`).

    A link that would close a loop is skipped, so the result is always a forest.
    """
    return drawn_parents(chart)


def placed_by(chart: OrgChart, parents: dict[str, str]) -> dict[str, str]:
    """The kind of link that hangs each entity from its tree parent, for those not hung by a
    main parent (`oversight` for CAP under CAD), sorted by id."""
    found: dict[str, str] = {}
    for edge in chart.edges:
        if parents.get(edge.subordinate) == edge.superior and chart.parent(edge.subordinate) is None:
            found.setdefault(edge.subordinate, edge.kind)
    return {key: found[key] for key in sorted(found)}


def source_dict(source: Source) -> dict[str, Any]:
    """A source as the panel cites it: title, publisher, date label and reason, URL."""
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date.label,
        "url": source.url,
    }


def _state_text(state: object) -> str:
    if isinstance(state, EntityState):
        acronym = f" ({state.acronym})" if state.acronym else ""
        return f"{state.name}{acronym}"
    if isinstance(state, tuple):
        return ", ".join(_state_text(s) for s in state)
    return ""


def _change_sentence(change: Change, previous: OrgChart) -> str:
    """One line a reader understands: what changed for this entity since `previous`."""
    before, after = change.before, change.after
    if change.kind == "added":
        return f"Not mentioned in the previous era ({previous.id})."
    if change.kind in ("renamed", "reworded"):
        return f"Called {_state_text(before)} in {previous.id}."
    if change.kind == "moved" and isinstance(before, EntityState) and isinstance(after, EntityState):
        was = before.parent_name or before.parent
        text = f"Was under {was} in {previous.id}; now under {after.parent_name or after.parent}."
        return text + (f" ({change.note})" if change.note else "")
    if change.kind == "kind_changed" and isinstance(before, EntityState) and isinstance(after, EntityState):
        return f"Was a {before.kind} in {previous.id}; now a {after.kind}."
    if change.kind in ("merged", "split"):
        return f"{change.kind.capitalize()}: {_state_text(before)} became {_state_text(after)}."
    return change.note or change.kind


def match_sentence(change: Change) -> str:
    """How the entity was recognised across the eras, when not by its id: what the match rests
    on ("Matched by name: same name 'director' ..."), so a reader can weigh a move or rename."""
    match = change.match
    if match is None or match.reason == "id":
        return ""
    if match.reason == "lineage":
        return " Matched through the lineage file."
    return f" Matched by {match.reason.replace('_', ' ')}: {match.detail}."


def changes_payload(
    changes: ChangeSet,
    gaps: Iterable[GapChange] = (),
    last_mentioned: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The overlay's data for the later era of `changes`: marks per node id, a sentence per
    change for the panel (with the quotes from both eras), and what the later era no longer
    mentions.

    Documents skip entities, so "new" means new to the record: an entity the previous era does
    not mention but an earlier one does (`last_mentioned`: node id -> that era's id) is not
    marked new, and its renames and moves since that earlier era (`gaps`, from
    `orgchart.history`) are marked instead.
    """
    previous, current = changes.before, changes.after
    last_mentioned = last_mentioned or {}
    marks: dict[str, list[str]] = {}
    notes: dict[str, list[dict[str, Any]]] = {}
    removed: list[dict[str, str]] = []
    found = [(change, previous) for change in changes]
    found += [(gap.change, gap.changes.before) for gap in gaps]
    for change, earlier in found:
        if change.kind == "removed" and isinstance(change.before, EntityState):
            removed.append({"id": change.before.id, "name": change.before.name})
            continue
        if change.kind not in PANEL_CHANGES or change.id not in current:
            continue
        text = _change_sentence(change, earlier) + match_sentence(change)
        if change.kind == "added" and change.id in last_mentioned:
            text += f" Last mentioned in {last_mentioned[change.id]}, so not new to the record."
        elif change.kind in MARKED_CHANGES and change.kind not in marks.get(change.id, []):
            marks.setdefault(change.id, []).append(change.kind)
        notes.setdefault(change.id, []).append(
            {
                "kind": change.kind,
                "text": text,
                "matched_by": change.match.reason if change.match else None,
                "citations": [q.as_dict() for q in change.citations],
            }
        )
    counts = {kind: sum(kind in kinds for kinds in marks.values()) for kind in MARKED_CHANGES}
    return {
        "previous": previous.id,
        "previous_label": previous.label,
        "marks": {key: marks[key] for key in sorted(marks)},
        "notes": {key: notes[key] for key in sorted(notes)},
        "counts": counts,
        "removed": sorted(removed, key=lambda item: item["id"]),
    }


def era_payload(chart: OrgChart, changes: ChangeSet | None, overlay: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the page shows about one era: nodes (with their tree parent), edges with the
    SVG ids the chart gives them, stated figures, findings, sources, and the change overlay.
    `placed_by` names the link of each entity hung in the tree by something other than a main
    parent (`oversight`, or the working relation), so the panel's path can say so."""
    parents = tree_parents(chart)
    return {
        **era_fields(chart, parents, changes, overlay),
        "nodes": [
            {
                "id": node.id,
                "name": node.name,
                "kind": node.kind,
                "acronym": node.acronym,
                "aliases": list(node.aliases),
                "citations": citation_dicts(node.citations),
                "tree_parent": parents.get(node.id),
            }
            for node in chart.nodes
        ],
        "edges": [
            {
                "kind": edge.kind,
                "superior": edge.superior,
                "subordinate": edge.subordinate,
                "second_parent": chart.is_second_parent(edge),
                "svg_id": edge_svg_id(edge),
                "citations": citation_dicts(edge.citations),
            }
            for edge in chart.edges
        ],
    }


def era_fields(
    chart: OrgChart, parents: dict[str, str], changes: ChangeSet | None, overlay: dict[str, Any] | None = None
) -> dict[str, Any]:
    """`era_payload` but its nodes and edges (which a large era's page data holds in columns,
    `orgchart.site.compact.compact_chart`); `parents`: `tree_parents(chart)`."""
    return {
        "placed_by": placed_by(chart, parents),
        "id": chart.id,
        "label": chart.label,
        "date": chart.date.label,
        "precision": chart.date.precision,
        "description": chart.era.description,
        "sources": [source.id for source in chart.sources],
        "claims": [
            {
                "subject": claim.subject,
                "attribute": claim.attribute,
                "value": claim.value,
                "unit": claim.unit,
                "qualifier": claim.qualifier,
                "as_of": claim.as_of,
                "citations": citation_dicts(claim.citations),
            }
            for claim in chart.claims
        ],
        "findings": [
            {"kind": f.kind, "subject": f.subject, "message": f.message, "citations": citation_dicts(f.citations)}
            for f in chart.findings
        ],
        "changes": overlay if overlay is not None else (changes_payload(changes) if changes is not None else None),
    }


def site_payload(dataset: Dataset, hist: History | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The page's index (eras oldest first, the latest era, every cited source) and one
    payload per era, in chronological order; `hist` is the dataset's history if the caller
    has it already."""
    from orgchart.changes.history import history

    hist = hist or history(dataset)
    overlays = era_overlays(dataset, hist)
    eras = [
        era_payload(chart, changes, overlay) for chart, (changes, overlay) in zip(dataset.eras, overlays, strict=True)
    ]
    return site_index(dataset), eras


def site_index(dataset: Dataset) -> dict[str, Any]:
    """The page's index: eras oldest first, the era it opens on, every cited source."""
    return {
        "eras": [{"id": c.id, "label": c.label, "date": c.date.label} for c in dataset.eras],
        "latest": dataset.default.id,  # the era the page opens on: the dataset's default
        "sources": {key: source_dict(dataset.sources[key]) for key in sorted(dataset.sources)},
    }


def era_overlays(dataset: Dataset, hist: History) -> list[tuple[ChangeSet | None, dict[str, Any] | None]]:
    """Each era's changes since the one before it and its change overlay (`changes_payload`),
    None for the first era."""
    found: list[tuple[ChangeSet | None, dict[str, Any] | None]] = [(None, None)]
    for position, changes in enumerate(hist.pairs, start=1):
        last_mentioned: dict[str, str] = {}
        for row in hist.grid:
            here = row.cells[position]
            earlier = [k for k in range(position - 1) if row.cells[k] is not None]
            if here is not None and row.cells[position - 1] is None and earlier:
                last_mentioned[here.id] = dataset.eras[earlier[-1]].id
        overlay = changes_payload(changes, hist.since[position - 1] if hist.since else (), last_mentioned)
        found.append((changes, overlay))
    return found
