"""The page's data for a large era: columns instead of one object per entity, every quote once,
deflated and written as base64, so that a 100,000-entity era stays within 150 bytes per entity.

`compact_era` turns the payload of `orgchart.site.data.era_payload` into columns (the page's
script turns them back into the same objects, see `expand` in `assets/tree.js`), and
`compact_chart` makes the same columns from the era itself (what the page uses; `compact_era`
is their definition, and the tests' oracle); `pack`
deflates JSON into base64 text that a `<script type="application/octet-stream">` block can hold
(the browser inflates it with its own `DecompressionStream`, no library in the page).

Why columns and a quote table: in generated and imported organizations the same sentence
cites a node and its edge, and kinds, sources and keys repeat on every row; deflate alone
sees only 32 KB back, so repeats across the era are removed before it runs.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from orgchart.dataset.model import Citation
    from orgchart.graph import OrgChart

FORMAT: Final[str] = "orgchart-compact-1"
"""The value of the payload's `format` key, checked by the page's script."""

COLUMNS: Final[tuple[str, ...]] = ("nodes", "edges")
"""The payload keys turned into columns; every other key is kept as it is, under `rest`."""


class _Table:
    """Distinct values in first-seen order, each with its position."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


def compact_era(payload: dict[str, Any]) -> dict[str, Any]:
    """The columns of one era's page payload (see the module docstring)."""
    nodes, edges = payload["nodes"], payload["edges"]
    position = {node["id"]: index for index, node in enumerate(nodes)}
    texts, sources, kinds, edge_kinds = _Table(), _Table(), _Table(), _Table()

    def cite(citations: list[dict[str, str]]) -> list[int]:
        flat: list[int] = []
        for citation in citations:
            flat += [sources(citation["source"]), texts(citation["quote"])]
        return flat

    columns: dict[str, Any] = {"rest": {key: value for key, value in payload.items() if key not in COLUMNS}}
    columns.update(
        format=FORMAT,
        node_id=[node["id"] for node in nodes],
        node_name=[node["name"] for node in nodes],
        node_kind=[kinds(node["kind"]) for node in nodes],
        node_parent=[position.get(node["tree_parent"], -1) for node in nodes],
        node_acronym=[[i, node["acronym"]] for i, node in enumerate(nodes) if node["acronym"]],
        node_aliases=[[i, node["aliases"]] for i, node in enumerate(nodes) if node["aliases"]],
        node_cite=[cite(node["citations"]) for node in nodes],
        edge_kind=[edge_kinds(edge["kind"]) for edge in edges],
        edge_sup=[position[edge["superior"]] for edge in edges],
        edge_sub=[position[edge["subordinate"]] for edge in edges],
        edge_second=[i for i, edge in enumerate(edges) if edge["second_parent"]],
        edge_cite=[cite(edge["citations"]) for edge in edges],
    )
    columns.update(kinds=kinds.values, edge_kinds=edge_kinds.values, cite_sources=sources.values, texts=texts.values)
    return columns


def compact_chart(chart: OrgChart, fields: dict[str, Any], parents: Mapping[str, str]) -> dict[str, Any]:
    """`compact_era(era_payload(chart, ...))` made from the era itself, without the payload's
    object per entity and per citation (at 100,000 entities those took longer than the
    columns): `fields` are `orgchart.site.data.era_fields` of the chart, `parents` its
    `tree_parents`. The same columns, in the same order (tests/test_site_size.py)."""
    nodes, edges = chart.nodes, chart.edges
    position = {node.id: index for index, node in enumerate(nodes)}
    kinds, edge_kinds = _Table(), _Table()
    # Each distinct source and quote numbered in first-seen order: a dict keeps that order, and
    # `setdefault` numbers a new one in C (a call per citation of `_Table` took a second here).
    sources: dict[str, int] = {}
    texts: dict[str, int] = {}

    def cite(citations: Iterable[Citation]) -> list[int]:
        flat: list[int] = []
        for citation in citations:
            flat += [sources.setdefault(citation.source, len(sources)), texts.setdefault(citation.quote, len(texts))]
        return flat

    columns: dict[str, Any] = {"rest": fields}
    columns.update(  # in compact_era's order, so each table numbers its values alike
        format=FORMAT,
        node_id=[node.id for node in nodes],
        node_name=[node.name for node in nodes],
        node_kind=[kinds(node.kind) for node in nodes],
        node_parent=[position.get(parents.get(node.id), -1) for node in nodes],  # type: ignore[arg-type]
        node_acronym=[[i, node.acronym] for i, node in enumerate(nodes) if node.acronym],
        node_aliases=[[i, list(node.aliases)] for i, node in enumerate(nodes) if node.aliases],
        node_cite=[cite(node.citations) for node in nodes],
        edge_kind=[edge_kinds(edge.kind) for edge in edges],
        edge_sup=[position[edge.superior] for edge in edges],
        edge_sub=[position[edge.subordinate] for edge in edges],
        edge_second=[i for i, edge in enumerate(edges) if chart.is_second_parent(edge)],
        edge_cite=[cite(edge.citations) for edge in edges],
    )
    columns.update(kinds=kinds.values, edge_kinds=edge_kinds.values, cite_sources=list(sources), texts=list(texts))
    return columns


def pack(value: Any) -> str:
    """`value` as JSON (keys sorted, so the page is byte-identical for the same data), deflated
    (zlib format, what `DecompressionStream("deflate")` reads) and written as base64."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), LEVEL)).decode("ascii")


LEVEL: Final[int] = 6
"""zlib's compression level: 9 took 2.1 s for two eras of 100,000 entities and made them 0.6%
smaller than 6 (1.1 s)."""


def unpack(text: str) -> Any:
    """The value `pack` wrote (for tests and for tools that read the page)."""
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
