"""orgchart.changes.headlines: the changes a reader sees first, by how much structure they touch."""

from __future__ import annotations

import orgchart
from orgchart.changes.headlines import headlines
from orgchart.report.text import headline_text
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node


def test_a_branch_that_mostly_vanished_outranks_a_renamed_office(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(replace_node(BASE_NODES, "intake", None), "records", None)
    nodes = replace_node(nodes, "training", ("training", "Learning Unit", "unit"))
    edges = replace_edges(BASE_EDGES, drop=[("parent", "support", "intake"), ("parent", "support", "records")])
    changes = orgchart.diff(*make_pair(make_dataset, nodes, edges).eras)
    top = headlines(changes)
    assert [(h.kind, h.id, h.weight, h.total) for h in top] == [
        ("branch_not_mentioned", "support", 2, 2),
        ("renamed", "training", 1, 1),
    ]
    assert (
        headline_text(top[0])
        == "Support Division: 2 of the 2 entities below it are not mentioned in the later document"
    )


def test_a_removed_subtree_is_one_headline_at_its_top(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(replace_node(BASE_NODES, "field", None), "patrol", None)
    edges = [e for e in BASE_EDGES if "field" not in e and "patrol" not in e]
    changes = orgchart.diff(*make_pair(make_dataset, nodes, edges).eras)
    removals = [h for h in headlines(changes) if h.kind == "removed"]
    assert [(h.id, h.weight) for h in removals] == [("field", 2)]
    assert headline_text(removals[0]).endswith("is not mentioned in the later document, nor is the 1 entity below it")


def test_a_moved_branch_weighs_what_it_carries(make_dataset: DatasetMaker) -> None:
    edges = replace_edges(BASE_EDGES, drop=[("parent", "ops", "support")], add=[("parent", "ea", "support")])
    nodes = replace_node(BASE_NODES, "patrol", ("patrol", "Beat Unit", "unit"))
    changes = orgchart.diff(*make_pair(make_dataset, nodes, edges).eras)
    assert [(h.kind, h.id, h.weight) for h in headlines(changes)] == [("moved", "support", 3), ("renamed", "patrol", 1)]
