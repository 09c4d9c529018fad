"""RDF Turtle with the W3C Organization Ontology, parsed by rdflib and queried with SPARQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.interchange_data import HARD_NAME, write_hard_dataset

runner = CliRunner()

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oc: <https://example.org/orgchart/ns#>
"""


@pytest.fixture
def graph(tmp_path: Path) -> rdflib.Graph:
    root = write_hard_dataset(tmp_path / "data")
    out = tmp_path / "org.ttl"
    result = runner.invoke(app, ["export", "--all-eras", "--format", "ttl", "-o", str(out), "--data", str(root)])
    assert result.exit_code == 0, result.output
    return rdflib.Graph().parse(out, format="turtle")


def select(graph: rdflib.Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(value) for value in row) for row in graph.query(PREFIXES + query))  # type: ignore[union-attr]


def test_units_of_an_organization_per_era(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?era ?unit WHERE {
             ?org a org:Organization ; dcterms:identifier "min" ; oc:era ?e ; org:hasUnit ?u .
             ?u a org:OrganizationalUnit ; skos:prefLabel ?unit ; org:unitOf ?org .
             ?e rdfs:label ?era }""",
    )
    assert rows == [
        ("First era, 第一", "Département des opérations"),
        ("First era, 第一", "Office of Old Things"),
        ("First era, 第一", "情報技術課"),
        ("Second era", "Office of New Things"),
        ("Second era", "Operations Directorate"),
    ]


def test_names_and_quotes_survive(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?name ?quote ?title WHERE {
             ?n dcterms:identifier "min" ; oc:era ?e ; skos:prefLabel ?name ; prov:qualifiedDerivation ?d .
             ?e rdfs:label "First era, 第一" .
             ?d a prov:Derivation ; oc:quote ?quote ; prov:entity ?s . ?s dcterms:title ?title }""",
    )
    assert rows == [(HARD_NAME, 'The Ministry of "Things", Inc. <&>', "Example overview")]


def test_change_events_between_eras_and_lineage(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?id ?comment WHERE {
             ?event a org:ChangeEvent ; rdfs:comment ?comment ;
                    org:originalOrganization ?before ; org:resultingOrganization ?after .
             ?after dcterms:identifier ?id ; org:resultedFrom ?event .
             ?before org:changedBy ?event }""",
    )
    ids = [row[0] for row in rows]
    assert ids == ["it", "min", "new", "ops"]
    comments = dict(rows)
    assert "era-a places it under 'min'; era-b under 'ops'" in comments["it"]
    assert "era-b names it 'Operations Directorate'" in comments["ops"]
    assert comments["new"] == "The document says so."


def test_turtle_is_deterministic_across_processes(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    script = "import sys, orgchart; sys.stdout.write(orgchart.to_turtle(orgchart.load(sys.argv[1])))"
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(root)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},  # sets iterate in another order in each
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert outputs[0] == outputs[1] == outputs[2] and "_:" not in outputs[0]
    assert "@prefix rdfs:" in outputs[0] and "ns1:" not in outputs[0]


def test_one_era_and_a_base_of_ones_own(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    result = runner.invoke(
        app, ["export", "--era", "era-b", "--format", "rdf", "--base", "http://my.example/x/", "--data", str(root)]
    )
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    eras = {str(s) for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://example.org/orgchart/ns#Era"))}
    assert eras == {"http://my.example/x/era/era-b"}


def test_all_eras_only_where_the_format_holds_them(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    result = runner.invoke(app, ["export", "--all-eras", "--format", "graphml", "--data", str(root)])
    assert result.exit_code == 2 and "sqlite, rdf" in result.output


def test_help_does_not_import_rdflib() -> None:
    script = "import sys; from orgchart.cli import app; print('rdflib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert orgchart.to_turtle  # the API is there without loading rdflib
