"""Node-link JSON, made without networkx's graph and indented by orjson where that gives the
same text: the export must stay what `networkx.node_link_data` and `json.dumps` gave."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

import orgchart
from orgchart.export.json import node_link_data
from orgchart.export.records import claim_record, finding_record, source_record
from tests.interchange_data import write_hard_dataset


def through_networkx(chart: orgchart.OrgChart) -> dict[str, object]:
    """The node-link dict as this export made it through networkx."""
    graph = chart.graph.copy()
    for node in chart.nodes:
        graph.nodes[node.id]["note"] = node.note
        if node.name_incomplete:
            graph.nodes[node.id]["name_incomplete"] = True
    for position, edge in enumerate(chart.edges):
        graph.edges[edge.superior, edge.subordinate, edge.kind].update(note=edge.note, position=position)
    date = chart.date
    graph.graph.update(
        era=chart.id,
        label=chart.label,
        description=chart.era.description,
        date=date.label,
        date_range={
            "start": date.start.isoformat(),
            "end": date.end.isoformat(),
            "precision": date.precision,
            "reason": date.reason,
        },
        sources=[source_record(s) for s in chart.sources],
        claims=[claim_record(c) for c in chart.claims],
        findings=[finding_record(f) for f in chart.findings],
    )
    return nx.node_link_data(graph, edges="edges")  # type: ignore[no-any-return]


def charts(tmp_path: Path, generated_thousand: Path) -> list[orgchart.OrgChart]:
    hard = write_hard_dataset(tmp_path / "hard")
    era = (hard / "eras" / "era-a.yaml").read_text(encoding="utf-8")
    # A figure whose float text differs between json (1e-07) and orjson (1e-7).
    (hard / "eras" / "era-a.yaml").write_text(era.replace("value: 2.5", "value: 0.0000001"), encoding="utf-8")
    datasets = [orgchart.load(hard), orgchart.load(), orgchart.load(generated_thousand)]
    return [chart for dataset in datasets for chart in dataset.eras]


def test_the_data_is_networkx_node_link_data(tmp_path: Path, generated_thousand: Path) -> None:
    for chart in charts(tmp_path, generated_thousand):
        made = node_link_data(chart)
        expected = through_networkx(chart)
        assert made == expected, chart.id
        assert [e["position"] for e in made["edges"]] == [e["position"] for e in expected["edges"]]  # type: ignore[index]


def test_the_text_is_json_dumps_with_sorted_keys_and_indent(tmp_path: Path, generated_thousand: Path) -> None:
    for chart in charts(tmp_path, generated_thousand):
        expected = json.dumps(node_link_data(chart), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert orgchart.to_json(chart) == expected, chart.id
    assert '"value": 1e-07' in orgchart.to_json(orgchart.load(tmp_path / "hard").era("era-a"))
