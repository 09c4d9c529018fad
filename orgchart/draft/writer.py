"""The drafted era as YAML in CURATING.md's order, with `# review:` comments on what a curator
must check. Strings are written as JSON strings (valid YAML double-quoted scalars), so any
character survives and the same draft gives the same bytes.
"""

from __future__ import annotations

import json

from orgchart.dataset.model import Claim, Edge, Era, Node


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _review(lines: list[str], notes: tuple[str, ...], indent: str) -> None:
    for note in notes:
        lines.append(f"{indent}# review: {' '.join(note.split())}")


def _citations(lines: list[str], item: Node | Edge | Claim) -> None:
    lines.append("    citations:")
    for citation in item.citations:
        lines.append(f"      - source: {_string(citation.source)}")
        lines.append(f"        quote: {_string(citation.quote)}")


def era_yaml(era: Era, reviews: dict[str, tuple[str, ...]], header: str) -> str:
    """`era` as YAML text. `reviews` maps "node:ID", "edge:KIND:SUP:SUB" and "claim:ID" to review
    notes written as comments above the item; `header` opens the file as comment lines."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += [f"id: {era.id}", f"label: {_string(era.label)}", f"sources: [{', '.join(era.sources)}]"]
    if era.description:
        lines.append(f"description: {_string(era.description)}")
    lines += ["", "nodes:"]
    for node in era.nodes:
        _review(lines, reviews.get(f"node:{node.id}", ()), "  ")
        lines.append(f"  - id: {node.id}")
        lines.append(f"    name: {_string(node.name)}")
        lines.append(f"    kind: {node.kind}")
        if node.acronym:
            lines.append(f"    acronym: {_string(node.acronym)}")
        if node.aliases:
            lines.append(f"    aliases: [{', '.join(_string(a) for a in node.aliases)}]")
        _citations(lines, node)
        if node.note:
            lines.append(f"    note: {_string(node.note)}")
    lines += ["", "edges:" if era.edges else "edges: []"]
    for edge in era.edges:
        _review(lines, reviews.get(f"edge:{edge.kind}:{edge.superior}:{edge.subordinate}", ()), "  ")
        lines.append(f"  - kind: {edge.kind}")
        lines.append(f"    superior: {edge.superior}")
        lines.append(f"    subordinate: {edge.subordinate}")
        _citations(lines, edge)
    lines += ["", "claims:" if era.claims else "claims: []"]
    for claim in era.claims:
        _review(lines, reviews.get(f"claim:{claim.id}", ()), "  ")
        lines.append(f"  - id: {claim.id}")
        lines.append(f"    subject: {claim.subject}")
        lines.append(f"    attribute: {_string(claim.attribute)}")
        lines.append(f"    value: {_number(claim.value)}")
        if claim.unit:
            lines.append(f"    unit: {_string(claim.unit)}")
        lines.append(f"    qualifier: {claim.qualifier}")
        if claim.as_of:
            lines.append(f"    as_of: {_string(claim.as_of)}")
        if claim.counts:
            lines.append(f"    counts: {claim.counts}")
        _citations(lines, claim)
    return "\n".join(lines) + "\n"
