"""OrgChart and Dataset: one era as a networkx graph, all eras in chronological order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import pytest

import orgchart
from tests.conftest import ERA_YAML, DatasetMaker


def test_graph_is_a_real_networkx_multidigraph(dataset_dir: Path) -> None:
    chart = orgchart.load(dataset_dir).era("era-one")
    assert isinstance(chart.graph, nx.MultiDiGraph)
    assert sorted(chart.graph.successors("ea")) == ["field", "support"]
    assert chart.graph.nodes["ea"]["acronym"] == "EA"
    assert chart.graph.edges["field", "patrol", "oversight"]["kind"] == "oversight"
    assert nx.shortest_path(chart.graph, "ea", "patrol") == ["ea", "field", "patrol"]


def test_lookup_by_id_name_acronym_and_alias(dataset_dir: Path) -> None:
    chart = orgchart.load(dataset_dir).era("era-one")
    assert chart.get("ea").name == "Example Agency"
    assert chart.get("example agency").id == "ea"
    assert chart.get("EA").id == "ea"
    assert [n.id for n in chart.children("ea")] == ["field", "support"]
    assert chart.parent("field").id == "ea" and chart.parent("ea") is None
    assert [n.id for n in chart.roots()] == ["ea", "patrol"]


def test_unknown_and_ambiguous_lookups_say_what_to_do(make_dataset: DatasetMaker) -> None:
    era = ERA_YAML.replace(
        "    name: Support Division\n", "    name: Support Division\n    aliases: [Field Division]\n"
    )
    chart = orgchart.load(make_dataset(era_yaml=era)).era("era-one")
    with pytest.raises(orgchart.NotFoundError, match="did you mean 'Field Division'"):
        chart.get("Feild Division")
    with pytest.raises(orgchart.AmbiguousError, match="field, support"):
        chart.get("field division")
    with pytest.raises(LookupError):
        chart.get("nothing like it")


def test_eras_are_in_chronological_order(make_dataset: DatasetMaker) -> None:
    root = make_dataset(era_yaml={"z.yaml": ERA_YAML})
    early = root / "sources.yaml"
    text = early.read_text(encoding="utf-8")
    # A second source dated earlier, and an era citing it whose file sorts last.
    (root / "sources" / "old.txt").write_text("The Example Agency, long ago.\n", encoding="utf-8")
    digest = hashlib.sha256(b"The Example Agency, long ago.\n").hexdigest()
    text += (
        "  - id: old\n    file: sources/old.txt\n    title: Old\n    publisher: EA\n    date:\n"
        "      start: 1999-01-01\n      end: 1999-12-31\n      precision: year\n      reason: Says long ago.\n"
        f'    sha256: "{digest}"\n'
    )
    early.write_text(text, encoding="utf-8")
    (root / "eras" / "zz-old.yaml").write_text(
        "id: old-era\nlabel: Old\nsources: [old]\nnodes:\n  - id: ea\n    name: The Example Agency\n"
        "    kind: agency\n    citations:\n      - source: old\n        quote: The Example Agency, long ago.\n",
        encoding="utf-8",
    )
    ds = orgchart.load(root)
    assert [chart.id for chart in ds.eras] == ["old-era", "era-one"]
    assert ds.latest.id == "era-one"
    assert ds.era("OLD-ERA").date.label == "1999"
    assert ds.previous(ds.latest) is ds.era("old-era")
    with pytest.raises(orgchart.NotFoundError, match="did you mean 'era-one'"):
        ds.era("era-onne")


def test_models_are_frozen(dataset_dir: Path) -> None:
    node = orgchart.load(dataset_dir).era("era-one").get("ea")
    with pytest.raises(Exception, match="frozen"):
        node.name = "changed"  # type: ignore[misc]
