"""orgchart.changes.order: one order of every entity of a dataset, applied to each era."""

from __future__ import annotations

import itertools

import orgchart
from orgchart.changes.order import drawn_parents, stable_order
from tests.conftest import DatasetMaker
from tests.generated_orgs import generated_dataset, generated_tree, next_era


def main_parents(chart: orgchart.OrgChart) -> dict[str, str | None]:
    return {node.id: (parent.id if (parent := chart.parent(node)) else None) for node in chart.nodes}


def test_applying_the_order_keeps_every_fact_of_every_bundled_era() -> None:
    ds = orgchart.load()
    order = stable_order(ds)
    for era in ds.eras:
        ordered = order.apply(era)
        assert ordered.id == era.id and set(ordered.nodes) == set(era.nodes) and set(ordered.edges) == set(era.edges)
        assert main_parents(ordered) == main_parents(era)  # a second parent never becomes the main one
        assert all(order.rank(era.id, node.id) is not None for node in era.nodes)


def test_the_latest_era_keeps_its_own_order_and_matched_entities_share_a_place() -> None:
    ds = orgchart.load()
    order = stable_order(ds)
    latest = ds.era("ero-2023")
    # The 2023 page lists ERO's divisions in its own order; the ordering starts from it.
    assert [n.id for n in order.sort_nodes("ero-2023", latest.children("ero"))] == [
        n.id for n in latest.children("ero")
    ]
    # DRO (2008) is ERO under another id (lineage): one entity, one place.
    assert order.rank("dro-2008", "dro") == order.rank("ero-2023", "ero")
    # The 2020 slides' ERO Removal Division units, which 2023 does not mention, sit among the
    # 2020 siblings after the one they follow there, not at the end of the chart.
    removal = [n.id for n in order.sort_nodes("ero-2020", ds.era("ero-2020").children("removal-division"))]
    assert removal.index("ice-air-operations") < removal.index("removal-management-division-east")


def test_sibling_order_agrees_across_generated_eras(make_dataset: DatasetMaker) -> None:
    # Siblings listed in another order, renamed, moved, dropped and added, era after era.
    first = generated_tree(7, 150)
    second = next_era(8, first)
    ds = generated_dataset(make_dataset, [first, second, next_era(9, second)])
    order = stable_order(ds)

    def agreement(eras: list[orgchart.OrgChart]) -> tuple[int, int]:
        agree = disagree = 0
        for a, b in itertools.combinations(eras, 2):
            parents_b = drawn_parents(b)
            for parent in a.nodes:
                shared = [c.id for c in a.children(parent) if parents_b.get(c.id) == parent.id]
                in_b = [c.id for c in b.nodes if c.id in shared]
                for x, y in itertools.combinations(shared, 2):
                    same = (in_b.index(x) < in_b.index(y)) == (shared.index(x) < shared.index(y))
                    agree, disagree = agree + same, disagree + (not same)
        return agree, disagree

    agree, disagree = agreement([order.apply(era) for era in ds.eras])
    assert agree > 300 and disagree == 0
    assert agreement(list(ds.eras))[1] > 100  # the era files alone disagree, so the order did this
