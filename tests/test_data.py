"""The bundled ICE ERO / DRO data: every era valid, every quote found, and the facts a reader
would check first pinned, so that an edit that breaks them is noticed.

Each bundled era is pinned by its id, never by the number or position of the eras: adding an era
(README, "Adding a source and an era") is not a failure. `make pins` refreshes the recorded
findings (tests/assets/findings.json) and the README's generated sections after a change to data/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import orgchart
from orgchart.export.json import node_link_data
from scripts.update_findings import ASSET, recorded_findings

ERAS = ["dro-2008", "ero-2020", "ero-excerpt", "ice-overview", "ero-2023"]
"""The bundled eras, oldest first. Other eras may sit among them."""


@pytest.fixture(scope="module")
def ds() -> orgchart.Dataset:
    return orgchart.load()


def test_the_bundled_eras_in_chronological_order(ds: orgchart.Dataset) -> None:
    ids = [chart.id for chart in ds.eras]
    assert [era for era in ids if era in ERAS] == ERAS
    assert ds.default.id == "ero-2023"  # named in data/dataset.yaml, whatever era is added later
    starts = [chart.date.start for chart in ds.eras]
    assert starts == sorted(starts)
    assert all(chart.date.reason for chart in ds.eras)


def test_every_citation_is_found_in_its_source(ds: orgchart.Dataset) -> None:
    texts = {
        source.id: orgchart.fold_white_space((ds.root / source.file).read_text(encoding="utf-8"))
        for source in ds.sources.values()
    }
    count = 0
    for chart in ds.eras:
        items = [*chart.nodes, *chart.edges, *chart.claims, *chart.findings]
        for item in items:
            for citation in item.citations:
                assert orgchart.quote_is_found(citation.quote, texts[citation.source]), (chart.id, citation)
                count += 1
        assert all(item.citations for item in [*chart.nodes, *chart.edges, *chart.claims]), chart.id
    assert count > 400


def test_source_files_are_the_archived_documents_byte_for_byte(ds: orgchart.Dataset) -> None:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    originals = {path.read_bytes() for path in seeds.glob("*.txt")}
    ours = {(ds.root / source.file).read_bytes() for source in ds.sources.values()}
    # Every archived document is in the dataset, unchanged; a dataset may add documents of its own.
    assert originals <= ours


def test_findings_are_exactly_the_recorded_ones(ds: orgchart.Dataset) -> None:
    expected = json.loads(ASSET.read_text(encoding="utf-8"))
    actual = recorded_findings(ds)
    assert set(ERAS) <= set(expected), "tests/assets/findings.json lost a bundled era: run `make pins`"
    for era_id, findings in expected.items():
        # An era recorded earlier must still have exactly its findings; an era added since is
        # recorded by the next `make pins`, and is not a failure before.
        assert era_id in actual, f"era {era_id} is recorded in {ASSET.name} but not in data/: run `make pins`"
        assert actual[era_id] == findings, f"findings of {era_id} changed: if intended, run `make pins`"


def children(chart: orgchart.OrgChart, ref: str, kind: str | None = None) -> set[str]:
    return {n.id for n in chart.children(ref) if kind is None or n.kind == kind}


def oversees(chart: orgchart.OrgChart, ref: str) -> set[str]:
    node_id = chart.get(ref).id
    return {e.subordinate for e in chart.edges if e.kind == "oversight" and e.superior == node_id}


def claim(chart: orgchart.OrgChart, claim_id: str) -> orgchart.Claim:
    return next(c for c in chart.claims if c.id == claim_id)


def test_ero_2023_divisions_and_oversight(ds: orgchart.Dataset) -> None:
    chart = ds.era("ero-2023")
    assert chart.parent("ERO").id == "ice"
    assert children(chart, "ero", "division") == {
        "custody-management-division",
        "enforcement-division",
        "field-operations-division",
        "ihsc",
        "law-enforcement-systems-and-analysis",
        "non-detained-management-division",
        "operations-support",
        "removal-division",
    }
    assert children(chart, "enforcement-division") == {
        "cad",
        "targeting-operations-division",
        "fugitive-operations-division",
        "ero-training-division",
    }
    assert oversees(chart, "CAD") == {"cap", "program-287g"}
    assert chart.get("cap").name == "Criminal Apprehension Program"
    assert children(chart, "national-bond-and-docket-division") == {
        "national-case-management-unit",
        "bond-management-unit",
    }
    assert claim(chart, "ero-field-office-count").value == 25
    assert claim(chart, "ero-fugitive-operations-team-count").value == 129
    assert claim(chart, "ero-budget").qualifier == "approximately"
    kinds = {(f.kind, f.subject) for f in chart.findings}
    assert ("second_parent", "alternatives-to-detention") in kinds
    assert ("count_mismatch", "field-operations-division") in kinds


def test_ero_2020_slides(ds: orgchart.Dataset) -> None:
    chart = ds.era("ero-2020")
    assert claim(chart, "ero-field-office-count").value == 24
    assert claim(chart, "ero-headquarters-division-count").value == 6
    assert claim(chart, "program-287g-active-moas").value == 81
    assert claim(chart, "program-287g-states").value == 20
    assert claim(chart, "cap-screened-prisons").qualifier == "approximately"
    assert "ice-most-wanted" in oversees(chart, "nfop")
    assert ("count_mismatch", "ero") in {(f.kind, f.subject) for f in chart.findings}


def test_dro_2008_page(ds: orgchart.Dataset) -> None:
    chart = ds.era("dro-2008")
    dro = chart.get("DRO")
    assert dro.name == "Office of Detention and Removal" and dro.kind == "division"
    assert chart.parent(dro).id == "ice"
    assert len(children(chart, "service-processing-centers", "facility")) == claim(chart, "spc-count").value == 8
    assert len(children(chart, "contract-detention-facilities", "facility")) == 7
    assert "ero" not in chart


def test_ero_excerpt_is_quoted_with_its_damage(ds: orgchart.Dataset) -> None:
    chart = ds.era("ero-excerpt")
    assert oversees(chart, "cad") == {"cap", "program-287g"}
    assert chart.get("cap").name == "Criminal Alien Program"
    assert claim(chart, "ero-field-office-count").value == 24
    damage = [f for f in chart.findings if f.kind == "text_damage"]
    assert damage and any("Į" in c.quote for f in damage for c in f.citations)


def test_overview_covers_ero_and_hsi(ds: orgchart.Dataset) -> None:
    chart = ds.era("ice-overview")
    assert children(chart, "ice") >= {"ero", "hsi"}
    assert "interpol" in chart


def test_lineage_links_dro_to_ero(ds: orgchart.Dataset) -> None:
    [link] = [link for link in ds.lineage if link.before == ("dro",)]
    assert link.after == ("ero",) and link.kind == "renamed" and link.reason


@pytest.mark.parametrize("era_id", ERAS)
def test_every_era_exports_the_json_contract(ds: orgchart.Dataset, era_id: str) -> None:
    data = node_link_data(ds.era(era_id))
    assert data["graph"]["era"] == era_id
    assert {n["id"] for n in data["nodes"]} == {n.id for n in ds.era(era_id).nodes}
    for node in data["nodes"]:
        assert set(node) >= {"id", "name", "kind", "acronym", "aliases", "citations"}
        assert node["citations"] and all(set(c) == {"source", "quote"} for c in node["citations"])
    for edge in data["edges"]:
        assert set(edge) >= {"source", "target", "kind", "citations"}
