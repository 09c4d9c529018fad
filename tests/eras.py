"""Small hand-made eras for the diff, match, history and report tests, written as YAML on disk
so they go through the same loader and validation as real data.

An era is given compactly: nodes as (id, name, kind, acronym, aliases), edges as (kind,
superior, subordinate), claims as (id, subject, attribute, value). Every citation quotes the
name (or, for claims, "<value> <attribute>"), and the one source text holds every such phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

import orgchart
from tests.conftest import DatasetMaker

NodeSpec = tuple[str, str, str] | tuple[str, str, str, str | None] | tuple[str, str, str, str | None, Sequence[str]]
EdgeSpec = tuple[str, str, str]
ClaimSpec = tuple[str, str, str, int]

BASE_NODES: list[NodeSpec] = [
    ("ea", "Example Agency", "agency", "EA"),
    ("ops", "Operations Directorate", "directorate", "OPS"),
    ("field", "Field Division", "division"),
    ("patrol", "Patrol Unit", "unit"),
    ("support", "Support Division", "division"),
    ("intake", "Intake Unit", "unit"),
    ("records", "Records Unit", "unit"),
    ("training", "Training Unit", "unit"),
    ("program", "Patrol Program", "program"),
]
BASE_EDGES: list[EdgeSpec] = [
    ("parent", "ea", "ops"),
    ("parent", "ops", "field"),
    ("parent", "field", "patrol"),
    ("parent", "ops", "support"),
    ("parent", "support", "intake"),
    ("parent", "support", "records"),
    ("parent", "ops", "training"),
    ("oversight", "field", "program"),
]
BASE_CLAIMS: list[ClaimSpec] = [("ea-field-offices", "ea", "field offices", 12)]


def _node(spec: NodeSpec) -> dict[str, object]:
    node_id, name, kind = spec[0], spec[1], spec[2]
    data: dict[str, object] = {"id": node_id, "name": name, "kind": kind}
    if len(spec) > 3 and spec[3]:  # type: ignore[misc]
        data["acronym"] = spec[3]  # type: ignore[misc]
    if len(spec) > 4 and spec[4]:  # type: ignore[misc]
        data["aliases"] = list(spec[4])  # type: ignore[misc]
    data["citations"] = [{"source": "doc-one", "quote": name}]
    return data


def era_yaml(
    era_id: str,
    nodes: Iterable[NodeSpec],
    edges: Iterable[EdgeSpec] = (),
    claims: Iterable[ClaimSpec] = (),
    findings: Iterable[dict[str, object]] = (),
) -> str:
    """An era file for the given compact spec."""
    node_list = [_node(spec) for spec in nodes]
    names = {str(n["id"]): str(n["name"]) for n in node_list}
    return yaml.safe_dump(
        {
            "id": era_id,
            "label": f"Example, {era_id}",
            "sources": ["doc-one"],
            "nodes": node_list,
            "edges": [
                {
                    "kind": kind,
                    "superior": sup,
                    "subordinate": sub,
                    "citations": [{"source": "doc-one", "quote": names[sub]}],
                }
                for kind, sup, sub in edges
            ],
            "claims": [
                {
                    "id": claim_id,
                    "subject": subject,
                    "attribute": attribute,
                    "value": value,
                    "citations": [{"source": "doc-one", "quote": f"{value} {attribute}"}],
                }
                for claim_id, subject, attribute, value in claims
            ],
            "findings": list(findings),
        },
        allow_unicode=True,
        sort_keys=False,
    )


def source_for(*eras: str) -> str:
    """A source text holding every quote of the given era files."""
    quotes: list[str] = []
    for text in eras:
        data = yaml.safe_load(text)
        for section in ("nodes", "edges", "claims", "findings"):
            for item in data.get(section) or []:
                quotes.extend(c["quote"] for c in item.get("citations", []))
    return "\n".join(sorted(set(quotes))) + "\n"


def make_pair(
    make_dataset: DatasetMaker,
    after_nodes: Iterable[NodeSpec],
    after_edges: Iterable[EdgeSpec],
    after_claims: Iterable[ClaimSpec] = BASE_CLAIMS,
    *,
    before_nodes: Iterable[NodeSpec] = BASE_NODES,
    before_edges: Iterable[EdgeSpec] = BASE_EDGES,
    before_claims: Iterable[ClaimSpec] = BASE_CLAIMS,
    before_findings: Iterable[dict[str, object]] = (),
    after_findings: Iterable[dict[str, object]] = (),
    lineage: str | None = None,
) -> orgchart.Dataset:
    """A dataset of two eras, `era-a` then `era-b` (same date, so ordered by id)."""
    first = era_yaml("era-a", before_nodes, before_edges, before_claims, before_findings)
    second = era_yaml("era-b", after_nodes, after_edges, after_claims, after_findings)
    root: Path = make_dataset(era_yaml={"a.yaml": first, "b.yaml": second}, source_text=source_for(first, second))
    if lineage is not None:
        (root / "lineage.yaml").write_text(lineage, encoding="utf-8")
    return orgchart.load(root)


def replace_node(nodes: Iterable[NodeSpec], node_id: str, new: NodeSpec | None) -> list[NodeSpec]:
    """`nodes` with the node `node_id` replaced by `new` (or dropped when None)."""
    out = []
    for spec in nodes:
        if spec[0] == node_id:
            if new is not None:
                out.append(new)
        else:
            out.append(spec)
    return out


def replace_edges(
    edges: Iterable[EdgeSpec], drop: Iterable[EdgeSpec] = (), add: Iterable[EdgeSpec] = ()
) -> list[EdgeSpec]:
    """`edges` without `drop`, with `add` appended."""
    dropped = set(drop)
    return [e for e in edges if e not in dropped] + list(add)
