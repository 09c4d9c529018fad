"""What a chart's caption says about entities the document does not place in the hierarchy.

A program that no unit contains hangs from the unit that oversees it (CAP under CAD, by a
dashed oversight line); one that nothing contains or oversees stands at the top, beside the
organization, with nothing to say why. The caption names both, so a reader knows why a box
floats (capped at `NAMED` names, then "and N more").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from orgchart.dataset.model import Edge, Node
from orgchart.graph import OrgChart
from orgchart.render.scope import senior_root

NAMED: Final[int] = 5
"""Most entities a placement line names before "and N more"."""


def _names(nodes: Sequence[Node]) -> str:
    names = [node.acronym or node.name for node in nodes[:NAMED]]
    more = f" and {len(nodes) - NAMED} more" if len(nodes) > NAMED else ""
    return ", ".join(names) + more


def placement_lines(chart: OrgChart, nodes: Sequence[Node], edges: Sequence[Edge], whole_era: bool) -> tuple[str, ...]:
    """Caption lines for the entities of `nodes` that no drawn unit contains: those hung from an
    overseer, and (for a whole-era chart) those the document places under nothing at all."""
    drawn = {node.id for node in nodes}
    contained = {edge.subordinate for edge in edges if edge.kind == "parent"}
    overseen = {edge.subordinate for edge in edges if edge.kind == "oversight" and edge.superior in drawn}
    inside = [node for node in nodes if node.kind != "external body"]
    hung = [node for node in inside if node.id in overseen and node.id not in contained]
    lines = []
    if hung:
        lines.append(f"Under their overseer, by a dashed line (no unit contains them): {_names(hung)}")
    if whole_era:
        linked = {edge.superior for edge in edges} | {edge.subordinate for edge in edges}
        has_superior = {e.subordinate for e in chart.edges if e.kind in ("parent", "oversight")}
        root = senior_root(chart)
        senior = root.id if root else None
        floating = [node for node in inside if node.id in linked and node.id not in has_superior and node.id != senior]
        if floating:
            lines.append(f"At the top: no parent or overseer in the document: {_names(floating)}")
    return tuple(lines)
