"""Hand-made datasets for the chart tests: nasty names, a wide level, every edge kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DatasetMaker

SOURCE = "Alpha Agency comprises many offices.\nIt works with partners.\n"
QUOTE = [{"source": "doc-one", "quote": "Alpha Agency comprises many offices."}]

NASTY_NAMES = {
    "markup": "Office <b>of</b> \"Quotes\" & 'Apostrophes'",
    "backslash": r"Back\slash \N \G \\ Office",
    "braces": "Braces {x} | pipes | [brackets] (parens) #hash ;semi `tick` *star* _under_ ~tilde~",
    "newline": "First line\nSecond line",
    "unicode": "移民局 Ωμέγα Отдел مكتب",
    "entity": "Already &amp; escaped &lt;tag&gt; #quot; --> -.-> end",
}
"""Node id -> a name built to break a renderer that forgets to escape."""


def node(node_id: str, name: str, kind: str, acronym: str | None = None) -> dict[str, Any]:
    """One node dict as an era file has it."""
    data: dict[str, Any] = {"id": node_id, "name": name, "kind": kind, "citations": QUOTE}
    if acronym:
        data["acronym"] = acronym
    return data


def edge(kind: str, superior: str, subordinate: str) -> dict[str, Any]:
    """One edge dict as an era file has it."""
    return {"kind": kind, "superior": superior, "subordinate": subordinate, "citations": QUOTE}


def era_yaml(era_id: str, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> str:
    """An era file's text."""
    era = {"id": era_id, "label": f"Era {era_id} <&>", "sources": ["doc-one"], "nodes": nodes, "edges": edges}
    return yaml.dump(era, Dumper=NoAliases, allow_unicode=True, sort_keys=False)


class NoAliases(yaml.SafeDumper):
    """A YAML dumper that writes repeated values out in full (era files forbid anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def nasty_dataset(make_dataset: DatasetMaker) -> Path:
    """An agency whose divisions have names full of markup, escapes and non-Latin text."""
    nodes = [node("alpha", "Alpha Agency", "agency", "A&A")]
    nodes += [
        node(node_id, name, "division", "<X>" if node_id == "markup" else None) for node_id, name in NASTY_NAMES.items()
    ]
    edges = [edge("parent", "alpha", node_id) for node_id in NASTY_NAMES]
    return make_dataset(era_yaml=era_yaml("nasty", nodes, edges), source_text=SOURCE)


FIELD_OFFICES = 12


def wide_dataset(make_dataset: DatasetMaker) -> Path:
    """An agency with a wide level (12 field offices), a second parent, an oversight, a
    partner outside the organization and every working relation."""
    nodes = [
        node("alpha", "Alpha Agency", "agency", "AA"),
        node("ops", "Operations Division", "division"),
        node("support", "Support Division", "division"),
        node("training", "Training Unit", "unit"),
        node("program-x", "Program X", "program"),
        node("partner", "Partner Ministry", "external body"),
        node("registry", "Registry System", "system"),
    ]
    offices = [f"field-office-{index:02d}" for index in range(1, FIELD_OFFICES + 1)]
    nodes += [node(office, f"Field Office {office[-2:]}", "field office") for office in offices]
    edges = [
        edge("parent", "alpha", "ops"),
        edge("parent", "alpha", "support"),
        edge("parent", "ops", "training"),
        edge("parent", "support", "training"),  # a second parent, stated by the document
        edge("oversight", "support", "program-x"),
        edge("partnership", "alpha", "partner"),
        edge("coordination", "ops", "partner"),
        edge("support", "support", "field-office-01"),
    ]
    edges += [edge("parent", "ops", office) for office in offices]
    return make_dataset(era_yaml=era_yaml("wide", nodes, edges), source_text=SOURCE)


BRANCHES = 10


def branching_dataset(make_dataset: DatasetMaker) -> Path:
    """A directorate with `BRANCHES` divisions of long names, each carrying two sub-divisions:
    the shape that makes whole-era charts too wide to embed."""
    nodes = [node("top", "Enforcement and Removal Operations", "directorate", "TOP")]
    edges = []
    for index in range(1, BRANCHES + 1):
        division = f"division-{index:02d}"
        nodes.append(node(division, f"Non-Detained Management Division Number {index}", "division"))
        edges.append(edge("parent", "top", division))
        for side in ("east", "west"):
            sub = f"{division}-{side}"
            nodes.append(node(sub, f"Removal Management Division {side.title()} {index}", "sub-division"))
            edges.append(edge("parent", division, sub))
    return make_dataset(era_yaml=era_yaml("branching", nodes, edges), source_text=SOURCE)
