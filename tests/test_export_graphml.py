"""GraphML export, read back with networkx and with igraph (not with the code that wrote it)."""

from __future__ import annotations

import json
from pathlib import Path

import igraph
import networkx as nx
import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.interchange_data import HARD_NAME, NEWLINE_NOTE, write_hard_dataset

runner = CliRunner()


@pytest.fixture
def hard(tmp_path: Path) -> orgchart.Dataset:
    return orgchart.load(write_hard_dataset(tmp_path / "data"))


def test_networkx_reads_every_node_edge_and_attribute(hard: orgchart.Dataset, tmp_path: Path) -> None:
    chart = hard.era("era-a")
    path = orgchart.write_graphml(chart, tmp_path / "a.graphml")
    # Two kinds of relation can join the same pair, so read it as a multigraph.
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.is_directed() and graph.is_multigraph()
    assert list(graph.nodes) == [n.id for n in chart.nodes]
    assert graph.nodes["min"]["name"] == HARD_NAME and graph.nodes["min"]["label"] == HARD_NAME
    assert graph.nodes["ops"]["note"] == NEWLINE_NOTE
    assert "acronym" not in graph.nodes["ops"]  # an empty optional field is left out
    assert json.loads(graph.nodes["min"]["aliases"]) == ["the ministry", 'MoT, "Things"']
    assert json.loads(graph.nodes["it"]["citations"]) == [{"source": "doc-one", "quote": "the 情報技術課"}]
    kinds = sorted((u, v, d["kind"], d["second_parent"]) for u, v, d in graph.edges(data=True))
    assert ("ops", "it", "parent", True) in kinds and ("min", "it", "parent", False) in kinds
    assert ("it", "patrol", "oversight", False) in kinds and len(kinds) == len(chart.edges)
    assert graph.graph["era"] == "era-a" and graph.graph["label"] == "First era, 第一"
    assert [c["id"] for c in json.loads(graph.graph["claims"])] == ["min-divisions", "min-ratio"]


def networkx_text(chart: orgchart.OrgChart) -> str:
    """What networkx's own GraphML writer makes of the era's graph."""
    from orgchart.export.graphml import graphml_graph

    body = "\n".join(nx.generate_graphml(graphml_graph(chart), encoding="utf-8", prettyprint=True))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def test_the_file_is_what_networkx_writes(hard: orgchart.Dataset, generated_thousand: Path) -> None:
    """The writer makes the text itself (ElementTree took most of the time at 100,000
    entities); it is networkx's text byte for byte: keys, order, escapes."""
    charts = [*hard.eras, *orgchart.load().eras, *orgchart.load(generated_thousand).eras]
    for chart in charts:
        assert orgchart.to_graphml(chart) == networkx_text(chart), chart.id


def test_igraph_reads_the_same_file(hard: orgchart.Dataset, tmp_path: Path) -> None:
    chart = hard.era("era-a")
    path = orgchart.write_graphml(chart, tmp_path / "a.graphml")
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.is_directed()
    assert graph.vcount() == len(chart.nodes) and graph.ecount() == len(chart.edges)
    names = dict(zip(graph.vs["id"], graph.vs["name"], strict=True))
    assert names["min"] == HARD_NAME and names["it"] == "情報技術課"
    by_id = {v["id"]: v.index for v in graph.vs}
    oversight = [e for e in graph.es if e["kind"] == "oversight"]
    assert [(e.source, e.target) for e in oversight] == [(by_id["it"], by_id["patrol"])]
    assert graph["era"] == "era-a"


def test_read_graphml_gives_the_era_back(hard: orgchart.Dataset, tmp_path: Path) -> None:
    chart = hard.era("era-a")
    back = orgchart.read_graphml(orgchart.write_graphml(chart, tmp_path / "a.graphml"))
    assert back.nodes == chart.nodes and back.edges == chart.edges and back.claims == chart.claims
    assert back.findings == chart.era.findings and back.sources == chart.sources
    assert (back.id, back.label, back.description) == ("era-a", chart.label, chart.era.description)


def test_a_diagram_tools_graphml_imports_with_defaults(tmp_path: Path) -> None:
    tool = nx.DiGraph()
    tool.add_node("n0", label="Head Office")
    tool.add_node("n1", label="Branch & Co")
    tool.add_edge("n0", "n1")
    path = tmp_path / "drawn.graphml"
    nx.write_graphml(tool, path)
    back = orgchart.read_graphml(path, default_kind="unit")
    assert [(n.id, n.name, n.kind) for n in back.nodes] == [
        ("n0", "Head Office", "unit"),
        ("n1", "Branch & Co", "unit"),
    ]
    assert [(e.kind, e.superior, e.subordinate) for e in back.edges] == [("parent", "n0", "n1")]
    with pytest.raises(orgchart.DataError, match="has no kind"):
        orgchart.read_graphml(path)


def test_cli_writes_graphml_deterministically(hard: orgchart.Dataset) -> None:
    args = ["export", "--era", "era-a", "--format", "graphml", "--data", str(hard.root)]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout and first.stdout.startswith("<?xml")
    assert "&lt;&amp;&gt;" in first.stdout  # escaped in the XML, intact when read
