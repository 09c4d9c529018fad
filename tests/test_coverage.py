"""orgchart.changes.coverage: how much of one era the other mentions, per top-level branch."""

from __future__ import annotations

import orgchart
from orgchart.changes.branches import branch_of, find_branches
from orgchart.changes.coverage import OUTSIDE, TRUNK
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node


def test_branches_are_the_top_level_divisions(make_dataset: DatasetMaker) -> None:
    ds = make_pair(make_dataset, BASE_NODES, BASE_EDGES)
    found = find_branches(ds.era("era-a"))
    assert found.trunk == ("ea", "ops") and found.divisions == ("field", "support")
    groups = branch_of(ds.era("era-a"))
    assert groups["intake"] == "support" and groups["patrol"] == "field"
    assert groups["ops"] == "" and groups["training"] == "" and groups["program"] is None


def test_coverage_counts_mentions_per_branch(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(replace_node(BASE_NODES, "intake", None), "records", None)
    edges = replace_edges(BASE_EDGES, drop=[("parent", "support", "intake"), ("parent", "support", "records")])
    changes = orgchart.diff(*make_pair(make_dataset, nodes, edges).eras)
    cov = changes.coverage_before
    rows = {row.name: (row.mentioned, row.total) for row in cov.rows}
    assert rows["Support Division"] == (1, 3)
    assert rows["Field Division"] == (2, 2)
    assert rows[OUTSIDE] == (1, 1)
    assert rows[f"Operations Directorate {TRUNK}"] == (3, 3)  # named by the main body, not a join
    assert (cov.mentioned, cov.total) == (7, 9)
    assert cov.rows[0].name == "Support Division"  # the branch with most not mentioned comes first
    assert changes.coverage_after.share == 1.0


def test_bundled_2023_branches_are_eros_divisions() -> None:
    chart = orgchart.load().era("ero-2023")
    assert find_branches(chart).trunk == ("ice", "ero")
    assert branch_of(chart)["cad"] == "enforcement-division"
