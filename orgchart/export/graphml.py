"""GraphML, for yEd, Gephi and Cytoscape (and networkx, igraph).

Written directly (see `to_graphml`) as networkx's GraphML writer writes it, so the file is what
those tools expect: one directed `<graph>` with typed `<key>` declarations. Every value is a plain string or boolean; the
list-valued fields (aliases, citations, and at graph level sources, claims and findings) are
JSON text, because GraphML has no lists. Nodes also carry `label` (= name) since Gephi and
Cytoscape show that attribute. Optional fields that are empty are left out, as GraphML intends.
Edge ids are `superior--kind--subordinate`, unique within the file; `position` is the edge's
index in the era file (it decides which parent is the main one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, Final

import networkx as nx

from orgchart.atomic import write_text_atomic
from orgchart.dataset.model import Citation, Edge, Node
from orgchart.errors import DataError, Problem, display_path
from orgchart.export.intake import check_no_dtd, read_import_text
from orgchart.export.json import imported_from_graph, networkx_order
from orgchart.export.records import (
    ImportedEra,
    claim_record,
    encode_list,
    finding_record,
    source_record,
)
from orgchart.export.shape import ImportShape
from orgchart.graph import OrgChart


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_HEAD: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_NODE_KEYS: Final = ("label", "name", "kind", "acronym", "aliases", "note", "citations", "name_incomplete")
_EDGE_KEYS: Final = ("kind", "position", "second_parent", "note", "citations")
_TYPES: Final = {bool: "boolean", int: "long", str: "string"}


def _text(value: str) -> str:
    """Character data as XML needs it (`&`, `<`, `>`); other characters become references
    when the whole file is encoded as ASCII (see `to_graphml`)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attribute(value: str) -> str:
    """An attribute value, quoted with `"`, as ElementTree escapes one."""
    value = _text(value)
    for character, reference in (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if character in value:
            value = value.replace(character, reference)
    return value


def _citations(citations: tuple[Citation, ...]) -> str:
    """`encode_list(citation_records(citations))`, made without a dict per citation (the same
    text: JSON's own string encoder, keys in the same order)."""
    if not citations:
        return ""
    quoted = encode_basestring
    return "[" + ",".join(f'{{"source":{quoted(c.source)},"quote":{quoted(c.quote)}}}' for c in citations) + "]"


def _graph_attributes(chart: OrgChart) -> dict[str, str]:
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
    return {key: value for key, value in meta.items() if value is not None}


def _node_attributes(node: Node) -> dict[str, Any]:
    attrs = {
        "label": node.name,
        "name": node.name,
        "kind": node.kind,
        "acronym": node.acronym,
        "aliases": encode_list(list(node.aliases)),
        "note": node.note,
        "citations": _citations(node.citations),
        "name_incomplete": node.name_incomplete,
    }
    return {key: value for key, value in attrs.items() if value}


def _edge_attributes(chart: OrgChart, edge: Edge, position: int) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": edge.kind,
        "position": position,
        "second_parent": chart.is_second_parent(edge),
        "note": edge.note,
        "citations": _citations(edge.citations),
    }
    return {key: value for key, value in attrs.items() if value is not None and value != ""}


def graphml_graph(chart: OrgChart) -> nx.MultiDiGraph:
    """The era as a networkx graph whose attributes GraphML can hold (strings, booleans and
    integers): what `to_graphml` writes, for code that wants the graph itself."""
    graph = nx.MultiDiGraph(**_graph_attributes(chart))
    for node in chart.nodes:
        graph.add_node(node.id, **_node_attributes(node))
    for position, edge in enumerate(chart.edges):
        key = f"{edge.superior}--{edge.kind}--{edge.subordinate}"
        graph.add_edge(edge.superior, edge.subordinate, key=key, **_edge_attributes(chart, edge, position))
    return graph


def _first_seen(rows: Sequence[dict[str, Any]], every: tuple[str, ...]) -> dict[str, type]:
    """The attribute names of `rows` (each a subset of `every`, in its order) in the order
    they first appear, with the type of their first value."""
    first: dict[str, int] = {}
    for name in every:
        found = next((index for index, row in enumerate(rows) if name in row), None)
        if found is not None:
            first[name] = found
    ordered = sorted(first, key=lambda name: (first[name], every.index(name)))
    return {name: type(rows[first[name]][name]) for name in ordered}


def to_graphml(chart: OrgChart) -> str:
    """The era as GraphML text (XML, trailing newline).

    Written directly, one element after another: the same text networkx's GraphML writer
    gives for `graphml_graph(chart)` (keys `d0`, `d1`, ... in the order attributes first
    appear, declared last first; graph data after the edges; characters outside ASCII as
    character references), which took 10 of 14 s at 100,000 entities through ElementTree.
    """
    graph_attrs = _graph_attributes(chart)
    nodes = chart.nodes
    edges = chart.edges
    node_rows = [_node_attributes(node) for node in nodes]
    order = [position for position, _ in networkx_order(chart)]
    edge_rows = [_edge_attributes(chart, edges[position], position) for position in order]
    node_keys, edge_keys = _first_seen(node_rows, _NODE_KEYS), _first_seen(edge_rows, _EDGE_KEYS)
    ids: dict[tuple[str, str], str] = {}
    declared = []
    for scope, names in (
        ("graph", {k: type(v) for k, v in graph_attrs.items()}),
        ("node", node_keys),
        ("edge", edge_keys),
    ):
        for name, kind in names.items():
            ids[(scope, name)] = f"d{len(ids)}"
            declared.append(
                f'  <key id="{ids[(scope, name)]}" for="{scope}" attr.name="{name}" attr.type="{_TYPES[kind]}" />\n'
            )
    parts = [_HEAD, *reversed(declared), '  <graph edgedefault="directed">\n']
    node_ids = {name: ids[("node", name)] for name in node_keys}
    for node, row in zip(nodes, node_rows, strict=True):
        parts.append(f'    <node id="{_attribute(node.id)}">\n')
        for name, value in row.items():
            parts.append(f'      <data key="{node_ids[name]}">{_text(str(value))}</data>\n')
        parts.append("    </node>\n")
    edge_ids = {name: ids[("edge", name)] for name in edge_keys}
    for position, row in zip(order, edge_rows, strict=True):
        edge = edges[position]
        superior, subordinate = _attribute(edge.superior), _attribute(edge.subordinate)
        key = _attribute(f"{edge.superior}--{edge.kind}--{edge.subordinate}")
        parts.append(f'    <edge source="{superior}" target="{subordinate}" id="{key}">\n')
        for name, value in row.items():
            parts.append(f'      <data key="{edge_ids[name]}">{_text(str(value))}</data>\n')
        parts.append("    </edge>\n")
    for name, value in graph_attrs.items():
        parts.append(f'    <data key="{ids[("graph", name)]}">{_text(str(value))}</data>\n')
    parts.append("  </graph>\n</graphml>\n")
    return "".join(parts).encode("ascii", "xmlcharrefreplace").decode("ascii")


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
