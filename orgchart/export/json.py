"""networkx node-link JSON: the contract other tools and the tests read.

Graph attributes: `era`, `label`, `description`, `date`, `date_range`, `sources`, `claims`,
`findings`. Node attributes: `id`, `name`, `kind`, `acronym`, `aliases`, `note`, `citations`.
Edge attributes: `source` (superior), `target` (subordinate), `key` (= kind), `kind`, `note`,
`citations`, `second_parent`, `position` (the edge's index in the era file: networkx lists
edges grouped by superior, and the file order decides which parent is the main one). The README documents this format; keep it stable (add, never
rename or remove).

`read_json` reads it back (and plain node-link JSON from other tools, whose nodes may carry only
an id and a `name` or `label`) into an `ImportedEra`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from orgchart.atomic import write_text_atomic
from orgchart.dataset.model import EDGE_KINDS, Edge
from orgchart.errors import DataError, Problem, display_path
from orgchart.export.edges import orient_edges, own_segment
from orgchart.export.ids import IdSource, name_from_segment, short_ids
from orgchart.export.intake import load_node_link
from orgchart.export.paths import root_prefix
from orgchart.export.records import (
    ImportedEra,
    NodeTable,
    claim_record,
    curated,
    finding_record,
    source_from,
    source_record,
)
from orgchart.export.shape import ImportShape, check_kinds, ignored_keys_note, name_source_note
from orgchart.graph import OrgChart, citation_dicts


def node_link_data(chart: OrgChart) -> dict[str, Any]:
    """The era as a node-link dict (edges under `edges`), ready for `json.dumps`: what
    `networkx.node_link_data` gives for the era's graph, made without building the graph
    (at 100,000 entities the graph, its copy and networkx's conversion took 6 s)."""
    nodes = []
    for node in chart.nodes:
        record: dict[str, Any] = {
            "name": node.name,
            "kind": node.kind,
            "acronym": node.acronym,
            "aliases": list(node.aliases),
            "citations": citation_dicts(node.citations),
            "note": node.note,
        }
        if node.name_incomplete:  # only where a damaged text cut the name off
            record["name_incomplete"] = True
        record["id"] = node.id
        nodes.append(record)
    edges = [
        {
            "kind": edge.kind,
            "citations": citation_dicts(edge.citations),
            "second_parent": chart.is_second_parent(edge),
            "note": edge.note,
            "position": position,
            "source": edge.superior,
            "target": edge.subordinate,
            "key": edge.kind,
        }
        for position, edge in networkx_order(chart)
    ]
    date = chart.date
    graph = {
        "era": chart.id,
        "label": chart.label,
        "description": chart.era.description,
        "date": date.label,
        "date_range": {
            "start": date.start.isoformat(),
            "end": date.end.isoformat(),
            "precision": date.precision,
            "reason": date.reason,
        },
        "sources": [source_record(s) for s in chart.sources],
        "claims": [claim_record(c) for c in chart.claims],
        "findings": [finding_record(f) for f in chart.findings],
    }
    return {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}


def networkx_order(chart: OrgChart) -> list[tuple[int, Edge]]:
    """The era's edges with their positions (in the era file), in the order a networkx
    MultiDiGraph lists them (by superior in node order, then by subordinate in the order first
    joined, then by kind): the order of edges in this export and the GraphML export."""
    by_superior: dict[str, dict[str, list[tuple[int, Edge]]]] = {node.id: {} for node in chart.nodes}
    for position, edge in enumerate(chart.edges):
        by_superior[edge.superior].setdefault(edge.subordinate, []).append((position, edge))
    return [item for targets in by_superior.values() for group in targets.values() for item in group]


def to_json(chart: OrgChart) -> str:
    """The era as node-link JSON text: sorted keys, two-space indent, trailing newline.

    The text is `json.dumps(node_link_data(chart), ensure_ascii=False, indent=2,
    sort_keys=True)`; the standard library indents in Python (4.5 s at 100,000 entities), so
    the nodes and edges, which hold only text, booleans, null and small integers, are written
    by orjson, whose text for those is the same, and the graph's own attributes (where a
    claim's figure may be a float, which orjson writes otherwise: 1e-7 for 1e-07) by `json`.
    """
    data = node_link_data(chart)
    parts = {key: _indented(key, value) for key, value in data.items()}
    body = ",\n".join(f"  {json.dumps(key)}: {parts[key]}" for key in sorted(parts))
    return "{\n" + body + "\n}\n"


def _indented(key: str, value: Any) -> str:
    """`value` as JSON at the first level of the document's indentation."""
    if key in ("nodes", "edges") and value:
        import orjson

        try:
            text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:  # text orjson refuses (a lone surrogate): the standard library writes it
            text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("\n", "\n  ")  # JSON text holds no raw newline: each one starts a line


def write_json(chart: OrgChart, path: str | Path) -> Path:
    """Write the era's node-link JSON to `path` atomically."""
    return write_text_atomic(path, to_json(chart))


def read_json(path: str | Path, *, default_kind: str | None = None, shape: ImportShape | None = None) -> ImportedEra:
    """Read node-link JSON (this package's export, or another tool's) into an `ImportedEra`.

    Nodes without a `kind` take `default_kind`; edges without a `kind` are `parent` edges;
    `shape` says which keys hold names, kinds and ids and which way edges point.

    Raises:
        DataError: the file is not node-link JSON, a record does not fit the model, or the
            edges look reversed and `shape.edges` does not say which way they point.
    """
    where = display_path(Path(path))
    data = load_node_link(Path(path))  # bounded, and the shape checked: networkx gets node-link data
    try:
        graph = nx.node_link_graph(data, edges="edges" if "edges" in data else "links")
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as error:
        raise DataError(
            [Problem(where, 0, 0, f"not node-link JSON: {error}", "export it with `orgchart export --format json`")]
        ) from None
    return imported_from_graph(graph, where, shape=shape or ImportShape(default_kind=default_kind))


def imported_from_graph(
    graph: nx.Graph,
    where: str,
    *,
    default_kind: str | None = None,
    attributes_are_json: bool = False,
    shape: ImportShape | None = None,
) -> ImportedEra:
    """An `ImportedEra` from a networkx graph carrying this package's attributes, or another
    tool's read through `shape` (shared by the JSON and GraphML readers; GraphML holds
    list-valued attributes as JSON text)."""
    shape = shape or ImportShape(default_kind=default_kind)

    def value(attrs: dict[str, Any], key: str) -> Any:
        raw = attrs.get(key)
        if attributes_are_json and isinstance(raw, str) and key in _JSON_ATTRIBUTES:
            try:
                return json.loads(raw) if raw else None
            except ValueError:
                raise DataError(
                    [Problem(where, 0, 0, f"attribute {key!r} is not JSON", "re-export the file")]
                ) from None
        return raw

    multi = graph.is_multigraph()
    items = list(graph.edges(keys=True, data=True) if multi else graph.edges(data=True))
    # The file order of edges decides main parents; `position` keeps it where networkx does not.
    items.sort(key=lambda item: _position(item[-1].get("position")))
    raw_edges = []
    for item in items:
        attrs = item[-1]
        kind = attrs.get("kind") or (item[2] if multi and item[2] in EDGE_KINDS else None)
        raw_edges.append((str(item[0]), str(item[1]), kind, attrs))
    oriented, edge_notes = orient_edges(raw_edges, shape, where)
    parent_of = {sub: sup for sup, sub, kind, _ in oriented if (kind or "parent") == "parent"}
    node_items = [(str(node_id), attrs) for node_id, attrs in graph.nodes(data=True)]
    id_key = shape.key_of("id")
    shared = root_prefix([key for key, _ in node_items if key not in parent_of], shape.path_separator)
    sources = []
    for key, attrs in node_items:
        given = key if id_key is None else (str(attrs[id_key]) if attrs.get(id_key) not in (None, "") else None)
        sources.append(
            IdSource(
                given,
                key,
                own_segment(key, parent_of.get(key), shape.path_separator, shared),
                shape.name_of(attrs),
                where,
            )
        )
    table = NodeTable(where, shape.default_kind, shape=shape)
    table.made, id_notes = short_ids(sources, shape.id_from)
    check_kinds(shape, (attrs for _, attrs in node_items), where)
    seen: dict[str, int] = {}
    for (key, attrs), source in zip(node_items, sources, strict=True):
        for name, item in attrs.items():
            if item not in (None, ""):
                seen[name] = seen.get(name, 0) + 1
        fallback = name_from_segment(source.segment, shape.id_from, table.made[key])
        record = {**attrs, "id": key, **{k: value(attrs, k) for k in ("aliases", "citations")}}
        table.add(record, name=fallback)
    edges = [
        table.edge({**attrs, "kind": kind, "superior": sup, "subordinate": sub, "citations": value(attrs, "citations")})
        for sup, sub, kind, attrs in oriented
    ]
    edge_seen: dict[str, int] = {}
    for _, _, _, attrs in oriented:
        for name in attrs:
            edge_seen[name] = edge_seen.get(name, 0) + 1
    notes = [*id_notes, name_source_note(seen, shape, len(node_items)), *edge_notes, *table.notes]
    ignored = ignored_keys_note(seen, shape)
    ignored_edges = ignored_keys_note(
        {k: n for k, n in edge_seen.items() if k not in _EDGE_KEYS}, shape, "edge attribute key"
    )
    notes += [note for note in (ignored, ignored_edges) if note]
    meta = graph.graph
    sources_read = tuple(source_from(record, where) for record in value(meta, "sources") or ())
    claims = tuple(table.claim(record) for record in value(meta, "claims") or ())
    findings = curated(table.finding(record) for record in value(meta, "findings") or ())
    era_id = meta.get("era")
    return ImportedEra(
        nodes=tuple(table.nodes),
        edges=tuple(edges),
        claims=claims,
        findings=findings,
        sources=sources_read,
        era_sources=tuple(s.id for s in sources_read),
        id=str(era_id) if era_id else None,
        label=meta.get("label") or None,
        description=meta.get("description") or None,
        notes=tuple(notes),
    )


def _position(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


_JSON_ATTRIBUTES = frozenset({"aliases", "citations", "sources", "claims", "findings"})

_EDGE_KEYS = frozenset({"kind", "key", "position", "second_parent", "note", "citations", "id"})
"""Edge attributes this package reads or writes (others are named in a note)."""
