"""Truncation and damage go through every export and back through the importer: a source whose
archived text breaks off (`complete: false`, `breaks_off`) and a node whose name the damage cut
off (`name_incomplete: true`) read back the same from JSON, GraphML and CSV, are columns of the
SQLite tables and statements of the RDF."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import rdflib

import orgchart
from tests.dated_data import Document, write_dated_dataset
from tests.eras import BASE_EDGES, BASE_NODES

CUT_TEXT = "Example Agency\nOperations Directorate\nField Division\nThe Field Div"


@pytest.fixture
def dataset(tmp_path: Path) -> orgchart.Dataset:
    whole = Document("whole", "2019-01-01", "2019-01-01", "\n".join(s[1] for s in BASE_NODES), BASE_NODES, BASE_EDGES)
    cut = Document(
        "cut", "2021-01-01", "2021-01-01", CUT_TEXT, BASE_NODES[:3], [("parent", "ea", "ops")], "The Field Div"
    )
    root = write_dated_dataset(tmp_path / "data", [whole, cut])
    era = root / "eras" / "cut.yaml"
    text = era.read_text(encoding="utf-8")
    damaged = "- id: field-div\n  name: The Field Div\n  kind: division\n  name_incomplete: true\n"
    damaged += "  citations:\n  - source: doc-cut\n    quote: The Field Div\nedges:\n"
    era.write_text(text.replace("edges:\n", damaged, 1), encoding="utf-8")
    return orgchart.load(root)


def test_json_graphml_and_csv_read_back_truncation_and_damage(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    chart = dataset.era("cut")
    written = {
        "json": orgchart.write_json(chart, tmp_path / "cut.json"),
        "graphml": orgchart.write_graphml(chart, tmp_path / "cut.graphml"),
        "csv": tmp_path / "csv",
    }
    orgchart.write_csv(chart, written["csv"])
    for format, path in written.items():
        back = orgchart.read_interchange(path, format)
        assert back.sources == chart.sources, format
        (source,) = back.sources
        assert (source.complete, source.breaks_off) == (False, "The Field Div"), format
        assert {n.id for n in back.nodes if n.name_incomplete} == {"field-div"}, format
        assert back.nodes == chart.era.nodes, format
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert data["graph"]["sources"][0]["complete"] is False
    assert [n["id"] for n in data["nodes"] if n.get("name_incomplete")] == ["field-div"]
    assert "name_incomplete" in (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").splitlines()[0]


def test_importing_the_export_keeps_truncation_in_sources_yaml(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    chart = dataset.era("cut")
    path = orgchart.write_json(chart, tmp_path / "cut.json")
    target = tmp_path / "copy"
    orgchart.import_era(orgchart.read_interchange(path, "json"), target, documents=[dataset.root])
    loaded = orgchart.load(target)
    assert loaded.era("cut").era == chart.era
    assert loaded.era("cut").sources == chart.sources
    assert not loaded.era("cut").complete
    assert "name_incomplete: true" in (target / "eras" / "cut.yaml").read_text(encoding="utf-8")


def test_sqlite_columns(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    path = orgchart.write_sqlite(dataset, tmp_path / "all.db")
    with sqlite3.connect(path) as db:
        sources = dict(db.execute("SELECT id, complete FROM sources").fetchall())
        assert sources == {"doc-whole": 1, "doc-cut": 0}
        assert db.execute("SELECT breaks_off FROM sources WHERE NOT complete").fetchall() == [("The Field Div",)]
        damaged = db.execute("SELECT era_id, id FROM nodes WHERE name_incomplete").fetchall()
        assert damaged == [("cut", "field-div")]


def test_rdf_statements(dataset: orgchart.Dataset) -> None:
    from orgchart.export.rdf import VOCABULARY, to_turtle

    graph = rdflib.Graph().parse(data=to_turtle(dataset), format="turtle")
    oc = rdflib.Namespace(VOCABULARY)
    incomplete = {str(s).rsplit("/", 1)[-1] for s, _, o in graph.triples((None, oc.complete, None)) if not o.toPython()}
    assert incomplete == {"doc-cut"}
    assert {str(o) for o in graph.objects(None, oc.breaksOff)} == {"The Field Div"}
    damaged = [str(s) for s, _, o in graph.triples((None, oc.nameIncomplete, None)) if o.toPython() is True]
    assert len(damaged) == 1 and damaged[0].endswith("/cut/field-div")
