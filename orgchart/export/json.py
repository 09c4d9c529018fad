"""networkx node-link JSON: the contract other tools and the tests read.

Graph attributes: `era`, `label`, `date`, `date_range`, `sources`, `claims`, `findings`.
Node attributes: `id`, `name`, `kind`, `acronym`, `aliases`, `citations`.
Edge attributes: `source` (superior), `target` (subordinate), `key` (= kind), `kind`,
`citations`, `second_parent`. The README documents this format; keep it stable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from orgchart.atomic import write_text_atomic
from orgchart.graph import OrgChart, citation_dicts


def node_link_data(chart: OrgChart) -> dict[str, Any]:
    """The era as a node-link dict (edges under `edges`), ready for `json.dumps`."""
    graph = chart.graph.copy()
    date = chart.date
    graph.graph.update(
        era=chart.id,
        label=chart.label,
        date=date.label,
        date_range={
            "start": date.start.isoformat(),
            "end": date.end.isoformat(),
            "precision": date.precision,
            "reason": date.reason,
        },
        sources=[{"id": s.id, "title": s.title, "sha256": s.sha256} for s in chart.sources],
        claims=[
            {
                "id": c.id,
                "subject": c.subject,
                "attribute": c.attribute,
                "value": c.value,
                "unit": c.unit,
                "qualifier": c.qualifier,
                "as_of": c.as_of,
                "citations": citation_dicts(c.citations),
            }
            for c in chart.claims
        ],
        findings=[
            {
                "kind": f.kind,
                "subject": f.subject,
                "message": f.message,
                "origin": f.origin,
                "citations": citation_dicts(f.citations),
            }
            for f in chart.findings
        ],
    )
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def to_json(chart: OrgChart) -> str:
    """The era as node-link JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(node_link_data(chart), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_json(chart: OrgChart, path: str | Path) -> Path:
    """Write the era's node-link JSON to `path` atomically."""
    return write_text_atomic(path, to_json(chart))
