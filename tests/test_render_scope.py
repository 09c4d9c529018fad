"""Which nodes a chart draws (`select`), which divisions get charts, and which levels stack."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgchart
from orgchart.render import select, top_level_divisions
from orgchart.render.stack import STACK_MIN, Stack, find_stacks
from tests.conftest import DatasetMaker
from tests.render_data import FIELD_OFFICES, wide_dataset


def test_whole_era_is_every_node_and_edge() -> None:
    chart = orgchart.load().era("ero-2023")
    scope = select(chart)
    assert scope.nodes == chart.nodes and scope.edges == chart.edges and scope.root is None


def test_subtree_follows_parent_and_oversight_and_shows_partners(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    scope = select(chart, "Support Division")
    # training (second parent), program-x (oversight), field-office-01 (support partner, one hop)
    assert scope.node_ids == {"support", "training", "program-x", "field-office-01"}
    assert {edge.key for edge in scope.edges} == {
        ("parent", "support", "training"),
        ("oversight", "support", "program-x"),
        ("support", "support", "field-office-01"),
    }


def test_depth_limits_levels(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    assert select(chart, "AA", depth=0).node_ids == {"alpha", "partner"}
    # field-office-01 is there as Support's partner (one hop), not as a level below
    assert select(chart, "AA", depth=1).node_ids == {"alpha", "ops", "support", "partner", "field-office-01"}
    whole = select(chart, depth=1).node_ids
    assert {"alpha", "ops", "support", "partner"} <= whole and "training" not in whole
    with pytest.raises(ValueError):
        select(chart, depth=-1)


def test_unknown_root_suggests(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    with pytest.raises(orgchart.NotFoundError, match="did you mean"):
        select(chart, "Suport Division")


def test_top_level_divisions_of_bundled_eras() -> None:
    dataset = orgchart.load()
    ero_2023 = [node.id for node in top_level_divisions(dataset.era("ero-2023"))]
    assert "enforcement-division" in ero_2023 and "removal-division" in ero_2023
    assert "ice" not in ero_2023 and "ero" not in ero_2023


def test_stacks_group_leaf_children_of_one_kind(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    second = {edge.key for edge in chart.edges if chart.is_second_parent(edge)}
    stacks = find_stacks(chart.nodes, chart.edges, second)
    offices = [stack for stack in stacks if stack.kind == "field office"]
    assert len(offices) == 1 and offices[0].superior == "ops"
    assert len(offices[0].members) == FIELD_OFFICES
    assert all("training" not in stack.members for stack in stacks)  # two parents: never stacked


def test_stack_grid_is_about_square_and_keeps_order() -> None:
    members = tuple(f"m{index:03d}" for index in range(200))
    stack = Stack("p", "parent", "facility", members)
    assert 5 <= stack.columns <= 12
    assert sum(len(row) for row in stack.rows) == 200
    assert stack.rows[0][0] == "m000" and stack.rows[-1][-1] == "m199"
    assert Stack("p", "parent", "unit", members[:STACK_MIN]).columns == 1


def test_hierarchy_sizes_summed_in_one_pass_are_the_walked_ones(generated_thousand: Path) -> None:
    """Every era's hierarchy sizes, summed children first, equal a walk of each hierarchy; an
    era where a node has two superiors is left to the walk (nothing summed)."""
    from orgchart.render.scope import _forest_sizes, _size, hierarchy_below

    for chart in [*orgchart.load(generated_thousand).eras, *orgchart.load().eras]:
        below = hierarchy_below(chart)
        sizes = _forest_sizes(below)
        superiors = [child for children in below.values() for child in children]
        assert (sizes == {}) == (len(superiors) != len(set(superiors)))
        assert all(size == _size(below, node) for node, size in sizes.items())
    assert _forest_sizes({"a": ["b", "c"], "b": ["d"], "c": ["d"]}) == {}
    assert _forest_sizes({"a": ["b", "c"], "b": ["d"]}) == {"a": 4, "b": 2, "c": 1, "d": 1}
