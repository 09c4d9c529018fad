"""GraphML, for yEd, Gephi and Cytoscape (and networkx, igraph).

Written with networkx's GraphML writer, so the file is what those tools expect: one directed
`<graph>` with typed `<key>` declarations. Every value is a plain string or boolean; the
list-valued fields (aliases, citations, and at graph level sources, claims and findings) are
JSON text, because GraphML has no lists. Nodes also carry `label` (= name) since Gephi and
Cytoscape show that attribute. Optional fields that are empty are left out, as GraphML intends.
Edge ids are `superior--kind--subordinate`, unique within the file; `position` is the edge's
index in the era file (it decides which parent is the main one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from orgchart.atomic import write_text_atomic
from orgchart.errors import DataError, Problem, display_path
from orgchart.export.intake import check_no_dtd, read_import_text
from orgchart.export.json import imported_from_graph
from orgchart.export.records import (
    ImportedEra,
    citation_records,
    claim_record,
    encode_list,
    finding_record,
    source_record,
)
from orgchart.export.shape import ImportShape
from orgchart.graph import OrgChart


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def graphml_graph(chart: OrgChart) -> nx.MultiDiGraph:
    """The era as a networkx graph whose attributes GraphML can hold (strings and booleans)."""
    date = chart.date
    meta: dict[str, Any] = {
        "era": chart.id,
        "label": chart.label,
        "description": chart.era.description,
        "date": date.label,
        "date_start": date.start.isoformat(),
        "date_end": date.end.isoformat(),
        "date_precision": date.precision,
        "sources": _json([source_record(s) for s in chart.sources]),
        "claims": _json([claim_record(c) for c in chart.claims]),
        "findings": _json([finding_record(f) for f in chart.findings]),
    }
    graph = nx.MultiDiGraph(**{k: v for k, v in meta.items() if v is not None})
    for node in chart.nodes:
        attrs = {
            "label": node.name,
            "name": node.name,
            "kind": node.kind,
            "acronym": node.acronym,
            "aliases": encode_list(list(node.aliases)),
            "note": node.note,
            "citations": encode_list(citation_records(node.citations)),
            "name_incomplete": node.name_incomplete,
        }
        graph.add_node(node.id, **{k: v for k, v in attrs.items() if v})
    for position, edge in enumerate(chart.edges):
        edge_attrs: dict[str, Any] = {
            "kind": edge.kind,
            "position": position,
            "second_parent": chart.is_second_parent(edge),
            "note": edge.note,
            "citations": encode_list(citation_records(edge.citations)),
        }
        graph.add_edge(
            edge.superior,
            edge.subordinate,
            key=f"{edge.superior}--{edge.kind}--{edge.subordinate}",
            **{k: v for k, v in edge_attrs.items() if v is not None and v != ""},
        )
    return graph


def to_graphml(chart: OrgChart) -> str:
    """The era as GraphML text (UTF-8 XML, trailing newline)."""
    body = "\n".join(nx.generate_graphml(graphml_graph(chart), encoding="utf-8", prettyprint=True))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def write_graphml(chart: OrgChart, path: str | Path) -> Path:
    """Write the era's GraphML to `path` atomically."""
    return write_text_atomic(path, to_graphml(chart))


def read_graphml(path: str | Path, *, default_kind: str | None = None, shape: ImportShape | None = None) -> ImportedEra:
    """Read GraphML (this package's export, or a diagram tool's) into an `ImportedEra`.

    Nodes take their name from `name`, else `label`, else their id's own part; nodes without
    `kind` take `default_kind`; edges without `kind` are `parent` edges. `shape` names other keys
    for names, kinds and ids, and which way edges point.

    Raises:
        DataError: the file is not GraphML, a record does not fit the model, or the edges look
            reversed and `shape.edges` does not say which way they point.
    """
    where = display_path(Path(path))
    text = read_import_text(Path(path))
    check_no_dtd(text, where)
    try:
        graph = nx.parse_graphml(text, force_multigraph=True)
    except (ValueError, KeyError, TypeError, nx.NetworkXError, SyntaxError) as error:
        raise DataError([Problem(where, 0, 0, f"not GraphML: {error}", "export it as GraphML")]) from None
    return imported_from_graph(
        graph, where, attributes_are_json=True, shape=shape or ImportShape(default_kind=default_kind)
    )
