"""Oversight relations one era states and the other does not (oversight_added, oversight_removed).

A relation is compared through the matching: "CAD oversees CAP" in one era and the same two
matched entities in the other are one relation, whatever their ids. A relation between two
entities the other era does not mention at all is part of their addition or removal, not a change
of its own.
"""

from __future__ import annotations

from orgchart.changes.changeset import Change, RelationState, depth_of, matched_id, quotes_of
from orgchart.changes.match import Matching
from orgchart.dataset.model import Edge
from orgchart.graph import OrgChart


def relation_state(chart: OrgChart, edge: Edge) -> RelationState:
    """The relation as `chart` states it, with both ends' names."""
    return RelationState(
        edge.kind,
        edge.superior,
        chart.node(edge.superior).name,
        edge.subordinate,
        chart.node(edge.subordinate).name,
    )


def oversight_changes(matching: Matching) -> list[Change]:
    """Oversight relations stated in one era and not the other, where at least one end is in
    both eras: removals in the earlier era's order, then additions in the later era's."""
    era_a, era_b = matching.before, matching.after
    a_edges = [e for e in era_a.edges if e.kind == "oversight"]
    b_edges = [e for e in era_b.edges if e.kind == "oversight"]
    b_keys = {(e.superior, e.subordinate) for e in b_edges}
    a_keys = {(matched_id(matching, e.superior), matched_id(matching, e.subordinate)) for e in a_edges}
    changes: list[Change] = []
    for edge in a_edges:
        sup, sub = matched_id(matching, edge.superior), matched_id(matching, edge.subordinate)
        if (sup is None and sub is None) or (sup, sub) in b_keys:
            continue
        changes.append(
            Change(
                "oversight_removed",
                sub or edge.subordinate,
                relation_state(era_a, edge),
                None,
                citations=quotes_of(era_a.id, edge.citations),
                evidence="not_mentioned",
                depth=depth_of(era_a, edge.subordinate),
            )
        )
    for edge in b_edges:
        sup_old = matching.backward(edge.superior)
        sub_old = matching.backward(edge.subordinate)
        if (sup_old is None and sub_old is None) or (edge.superior, edge.subordinate) in a_keys:
            continue
        changes.append(
            Change(
                "oversight_added",
                edge.subordinate,
                None,
                relation_state(era_b, edge),
                citations=quotes_of(era_b.id, edge.citations),
                evidence="not_mentioned_earlier",
                depth=depth_of(era_b, edge.subordinate),
            )
        )
    return changes
