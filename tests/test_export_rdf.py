"""RDF Turtle with the W3C Organization Ontology, parsed by rdflib and queried with SPARQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import orgchart
from orgchart.changes.changeset import EntityState
from orgchart.changes.history import history
from orgchart.cli import app
from orgchart.export.rdf import EVENT_KINDS, stream_turtle
from orgchart.export.turtle import string_literal
from tests.conftest import ERA_YAML, SOURCE_TEXT, DatasetMaker
from tests.interchange_data import HARD_NAME, write_hard_dataset

runner = CliRunner()

SUPPORT_ONLY = """  - id: support
    name: Support Division
    kind: division
    citations:
      - source: doc-one
        quote: the Support Division
edges:
  - kind: parent
    superior: ea
    subordinate: support
"""

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


def test_change_events_are_the_diffs_changes_and_the_lineage(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?kind ?id ?comment WHERE {
             ?event a org:ChangeEvent ; oc:changeKind ?kind ; rdfs:comment ?comment ;
                    oc:fromEra ?from ; oc:toEra ?to ;
                    org:originalOrganization ?before ; org:resultingOrganization ?after .
             ?after dcterms:identifier ?id ; org:resultedFrom ?event ; oc:era ?to .
             ?before org:changedBy ?event ; oc:era ?from }""",
    )
    # min's two names are one name (the later is an alias of the earlier): no event, as in the diff
    assert [(kind, id_) for kind, id_, _ in rows] == [("moved", "it"), ("renamed", "new"), ("renamed", "ops")]
    comments = {id_: comment for _, id_, comment in rows}
    assert comments["it"] == f"情報技術課 moved from {HARD_NAME} to Operations Directorate"
    assert comments["ops"] == "Département des opérations renamed Operations Directorate"
    lineage = select(
        graph,
        """SELECT ?comment ?kind WHERE {
             ?link a org:ChangeEvent ; oc:lineageKind ?kind ; rdfs:comment ?comment .
             ?event oc:changeKind "renamed" ; oc:evidence "lineage" ; prov:wasInfluencedBy ?link }""",
    )
    assert lineage == [("The document says so.", "succeeded")]


def test_change_events_quote_both_eras(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?era ?quote WHERE {
             ?event oc:changeKind "renamed" ; prov:qualifiedDerivation ?d ;
                    org:resultingOrganization [ dcterms:identifier "ops" ] .
             ?d oc:quote ?quote ; oc:era [ rdfs:label ?era ] ; prov:entity [ dcterms:title "Example overview" ] }""",
    )
    assert rows == [
        ("First era, 第一", "the Département des opérations"),
        ("Second era", "the Département des opérations"),
    ]


def test_not_mentioned_is_a_statement_not_an_event(graph: rdflib.Graph) -> None:
    rows = select(
        graph,
        """SELECT ?id ?silent WHERE { ?n oc:notMentionedIn [ rdfs:label ?silent ] ; dcterms:identifier ?id }""",
    )
    assert rows == [("patrol", "Second era")]
    events = select(graph, """SELECT ?e WHERE { ?e org:originalOrganization [ dcterms:identifier "patrol" ] }""")
    assert events == []


def test_a_change_across_an_era_that_skips_the_entity(make_dataset: DatasetMaker) -> None:
    # era-b does not mention the Field Division; era-c names it the Frontline Division.
    skipping = ERA_YAML.replace("id: era-one", "id: era-b").split("  - id: field")[0] + SUPPORT_ONLY
    renamed = ERA_YAML.replace("id: era-one", "id: era-c").replace("name: Field Division", "name: Frontline Division")
    renamed = renamed.replace("quote: the Field Division", "quote: the Frontline Division")
    root = make_dataset(
        era_yaml={"a.yaml": ERA_YAML.replace("id: era-one", "id: era-a"), "b.yaml": skipping, "c.yaml": renamed},
        source_text=SOURCE_TEXT + "It now comprises the Frontline Division.\n",
    )
    graph = rdflib.Graph().parse(data=orgchart.to_turtle(orgchart.load(root)), format="turtle")
    rows = select(
        graph,
        """SELECT ?from ?to ?old ?new WHERE {
             ?event oc:changeKind "renamed" ; oc:fromEra ?f ; oc:toEra ?t ;
                    org:originalOrganization [ skos:prefLabel ?old ] ;
                    org:resultingOrganization [ skos:prefLabel ?new ] .
             BIND(STRAFTER(STR(?f), "/era/") AS ?from) BIND(STRAFTER(STR(?t), "/era/") AS ?to) }""",
    )
    assert rows == [("era-a", "era-c", "Field Division", "Frontline Division")]
    silent = select(graph, """SELECT ?n WHERE { ?n oc:notMentionedIn <https://example.org/orgchart/era/era-b> }""")
    assert [row[0].rsplit("/", 2)[1:] for row in silent] == [
        ["era-a", "field"],
        ["era-a", "patrol"],
        ["era-c", "field"],
        ["era-c", "patrol"],
    ]


def test_bundled_cad_rename_past_the_ice_overview() -> None:
    """The 2021-22 excerpt's Criminal Alien Division is the 2023 page's Criminal Apprehension
    Division; the ICE overview between them does not mention CAD, so the event spans it."""
    ds = orgchart.load()
    graph = rdflib.Graph().parse(data=orgchart.to_turtle(ds), format="turtle")
    rows = select(
        graph,
        """SELECT ?old ?new ?before_quote ?after_quote WHERE {
             ?event a org:ChangeEvent ; oc:changeKind "renamed" ;
                    oc:fromEra <https://example.org/orgchart/era/ero-excerpt> ;
                    oc:toEra <https://example.org/orgchart/era/ero-2023> ;
                    org:originalOrganization [ dcterms:identifier "cad" ; skos:prefLabel ?old ] ;
                    org:resultingOrganization [ dcterms:identifier "cad" ; skos:prefLabel ?new ] ;
                    prov:qualifiedDerivation ?d1, ?d2 .
             ?d1 oc:era <https://example.org/orgchart/era/ero-excerpt> ; oc:quote ?before_quote .
             ?d2 oc:era <https://example.org/orgchart/era/ero-2023> ; oc:quote ?after_quote }""",
    )
    assert {(old, new) for old, new, _, _ in rows} == {("Criminal Alien Division", "Criminal Apprehension Division")}
    assert all("Crim" in before and "Crim" in after for _, _, before, after in rows)


def test_bundled_events_say_what_the_history_says() -> None:
    ds = orgchart.load()
    graph = rdflib.Graph().parse(data=orgchart.to_turtle(ds), format="turtle")
    events = select(
        graph,
        """SELECT ?from ?to ?kind ?id WHERE {
             ?event oc:changeKind ?kind ; oc:fromEra ?f ; oc:toEra ?t ;
                    org:resultingOrganization [ dcterms:identifier ?id ] .
             BIND(STRAFTER(STR(?f), "/era/") AS ?from) BIND(STRAFTER(STR(?t), "/era/") AS ?to) }""",
    )
    hist = history(ds)
    wanted = [(pair.before.id, pair.after.id, change) for pair in hist.pairs for change in pair]
    wanted += [(gap.changes.before.id, gap.changes.after.id, gap.change) for gaps in hist.since for gap in gaps]
    expected = sorted(
        (before, after, change.kind, state.id)
        for before, after, change in wanted
        if change.kind in EVENT_KINDS
        for state in (change.after if isinstance(change.after, tuple) else (change.after,))
        if isinstance(state, EntityState)
    )
    assert events == expected
    assert ("dro-2008", "ero-2020", "renamed", "ero") in events  # DRO -> ERO, through the lineage link


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


def test_eras_given_out_of_order_change_from_the_earlier(tmp_path: Path) -> None:
    ds = orgchart.load(write_hard_dataset(tmp_path / "data"))
    both = rdflib.Graph().parse(data=orgchart.to_turtle(ds, [ds.era("era-b"), ds.era("era-a")]), format="turtle")
    rows = select(both, """SELECT ?e WHERE { ?e oc:fromEra <https://example.org/orgchart/era/era-a> }""")
    assert [row[0].rsplit("/", 1)[1] for row in rows] == ["it_MOVED", "new_RENAMED", "ops_RENAMED"]
    assert not select(both, """SELECT ?e WHERE { ?e oc:lineageKind ?k }""")  # lineage: whole dataset only
    one = rdflib.Graph().parse(data=orgchart.to_turtle(ds, [ds.era("era-b")]), format="turtle")
    assert not select(one, """SELECT ?e WHERE { { ?e a org:ChangeEvent } UNION { ?e oc:notMentionedIn ?x } }""")


def test_stdout_file_and_pieces_are_the_same_turtle(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    ds = orgchart.load(root)
    pieces: list[str] = []
    stream_turtle(ds, pieces.append)
    out = tmp_path / "all.ttl"
    printed = runner.invoke(app, ["export", "--all-eras", "--format", "rdf", "--data", str(root)])
    written = runner.invoke(app, ["export", "--all-eras", "--format", "rdf", "-o", str(out), "--data", str(root)])
    assert printed.exit_code == written.exit_code == 0, printed.output + written.output
    assert "".join(pieces) == orgchart.to_turtle(ds) == printed.stdout == out.read_text(encoding="utf-8")
    assert len(rdflib.Graph().parse(out, format="turtle")) > 100


def test_a_write_that_fails_leaves_the_old_file(tmp_path: Path) -> None:
    ds = orgchart.load(write_hard_dataset(tmp_path / "data"))
    out = tmp_path / "out" / "org.ttl"
    orgchart.write_turtle(ds, out, [ds.era("era-a")])
    before = out.read_bytes()
    with pytest.raises(ValueError, match="must end in / or #"):
        orgchart.write_turtle(ds, out, base="https://example.org/no-slash")
    assert out.read_bytes() == before and sorted(p.name for p in out.parent.iterdir()) == ["org.ttl"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_any_text_is_read_back_by_rdflib(text: str) -> None:
    turtle = f"<urn:x:s> <urn:x:p> {string_literal(text)} ."
    assert [str(o) for o in rdflib.Graph().parse(data=turtle, format="turtle").objects()] == [text]
