"""orgchart.changes.branches: the top-level branches of an era, and the same per-branch charts in every
era of a dataset."""

from __future__ import annotations

from pathlib import Path

import orgchart
from benchmarks.byo_hierarchy import generate
from orgchart.changes.branches import Branches, dataset_divisions, find_branches
from orgchart.render.charts import write_era_charts
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair


def test_a_register_of_peers_has_its_roots_as_divisions(make_dataset: DatasetMaker) -> None:
    """A hundred departments, none holding half of the rest: no trunk, and every department
    with something below it is a top-level division."""
    units = generate(300, seed=4).before
    nodes = [(code, u.name, "agency" if u.parent is None else "office") for code, u in sorted(units.items())]
    edges = [("parent", u.parent, code) for code, u in sorted(units.items()) if u.parent]
    ds = make_pair(make_dataset, nodes, edges, (), before_nodes=nodes, before_edges=edges, before_claims=())
    found = find_branches(ds.era("era-a"))
    roots = {code for code, u in units.items() if u.parent is None and any(v.parent == code for v in units.values())}
    assert found.trunk == () and set(found.divisions) == roots


def test_every_era_charts_the_union_of_top_level_divisions(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    """In era-a the divisions are Operations' Field and Support; in era-b Support, grown and
    moved up, holds most of the agency, so its units Intake and Records are the divisions
    there. Every era charts every one of them it mentions, except its own trunk."""
    grown = [*BASE_NODES, *((f"desk-{i}", f"Desk {i}", "team") for i in range(8))]
    grown_edges = [e for e in BASE_EDGES if e != ("parent", "ops", "support")] + [("parent", "ea", "support")]
    grown_edges += [("parent", "intake" if i % 2 else "records", f"desk-{i}") for i in range(8)]
    ds = make_pair(make_dataset, grown, grown_edges)
    assert find_branches(ds.era("era-a")).divisions == ("field", "support")
    assert find_branches(ds.era("era-b")) == Branches(("ea", "support"), ("intake", "records"))
    chosen = {era: [node.id for node in nodes] for era, nodes in dataset_divisions(ds).items()}
    assert chosen == {"era-a": ["field", "support", "intake", "records"], "era-b": ["field", "intake", "records"]}
    written = write_era_charts(ds, tmp_path)
    assert {p.relative_to(tmp_path / "charts").as_posix() for p in written if p.suffix == ".svg"} == {
        "era-a.svg",
        "era-b.svg",
        *(f"era-a/{i}.svg" for i in ("field", "support", "intake", "records")),
        *(f"era-b/{i}.svg" for i in ("field", "intake", "records")),
    }


def test_bundled_eras_chart_a_division_wherever_it_is_mentioned() -> None:
    dataset = orgchart.load()
    chosen = {era: {node.id for node in nodes} for era, nodes in dataset_divisions(dataset).items()}
    union = set().union(*chosen.values())
    for chart in dataset.eras:
        trunk = set(find_branches(chart).trunk)
        assert chosen[chart.id] == {i for i in union if i in chart and i not in trunk}
    assert "custody-management-division" in chosen["ero-2020"] & chosen["ero-excerpt"] & chosen["ero-2023"]
