"""The weakest placements, for bodies the text names but places nowhere, each with a review note:

1. The structure another era records (`other_eras_parents`): a new version of a page usually
   keeps the structure of the last one. A body with no parent in the draft, whose id another era
   records under a body this draft also has, is placed there as that era places it (the latest
   era that places it), unless this draft relates it otherwise.
2. The document's own organization (`own_organization_parents`): a division, office or unit that
   nothing places belongs to the body the document is about, the one its sentences are most
   often about (`own_subject`).

The quote of such an edge is the body's own mention: the text names it and states no relation,
and the review note says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import networkx as nx

from orgchart.dataset.model import Edge, Era
from orgchart.draft.edges import DraftEdge, Tier
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.layout import name_heading
from orgchart.draft.reading import Reading
from orgchart.graph import OrgChart

RANK_KINDS = frozenset({"directorate", "division", "sub-division", "office", "center", "unit", "sub-office"})
"""Kinds of the bodies an organization is divided into (rule 2 places only these)."""


def _placed(era: Era) -> tuple[set[str], nx.DiGraph]:
    """The ids that are already the subordinate of some relation, and the parent tree."""
    tree = nx.DiGraph()
    tree.add_edges_from((e.superior, e.subordinate) for e in era.edges if e.kind == "parent")
    return {e.subordinate for e in era.edges}, tree


def _cited_edge(era: Era, superior: str, subordinate: str) -> Edge:
    child = next(node for node in era.nodes if node.id == subordinate)
    return Edge(kind="parent", superior=superior, subordinate=subordinate, citations=child.citations[:1])


def other_eras_parents(era: Era, others: Sequence[OrgChart], reviews: dict[str, list[str]]) -> Era:
    """Rule 1: parents as the latest other era that places the body records them."""
    placed, tree = _placed(era)
    ids = {node.id for node in era.nodes}
    added = []
    for node in era.nodes:
        if node.id in placed or node.kind in ("external body", "agency"):
            continue
        for chart in reversed(others):
            if node.id not in chart:
                continue
            parent = next((p for p in chart.parents(node.id) if p.id in ids), None)
            if parent is None:
                continue
            if not (node.id in tree and parent.id in tree and nx.has_path(tree, node.id, parent.id)):
                added.append(_cited_edge(era, parent.id, node.id))
                tree.add_edge(parent.id, node.id)
                reviews.setdefault(f"edge:parent:{parent.id}:{node.id}", []).append(
                    f"placed as era {chart.id} places it; this document names both and states no relation"
                )
            break
    return era.model_copy(update={"edges": (*era.edges, *added)}) if added else era


def own_subject(reading: Reading) -> DraftEntity | None:
    """The body the document is about: the one its title names (a first heading that is a body's
    name, before any other body is named), else the one most often named at the start of a
    sentence or as a heading (ties: the earliest)."""
    for block in range(len(reading.document.blocks)):
        if any(m.mention.rule != "nested" for s in reading.sentences_of(block) for m in s.mentions):
            title = name_heading(reading, block) or _titled(reading, block)
            if title is not None:
                return reading.entity_of(title)
            break
    counts: Counter[int] = Counter()
    first: dict[int, int] = {}
    for sentence in reading.sentences:
        opening = [m for m in sentence.mentions if m.mention.rule != "nested"][:1]
        if not opening:
            continue
        leading = reading.document.text[sentence.span.start : opening[0].mention.span.start].strip().lower()
        if leading in ("", "the"):
            entity = reading.entity_of(opening[0])
            if entity.kind in RANK_KINDS | {"agency", "external body"}:
                counts[id(entity)] += 1
                first.setdefault(id(entity), sentence.span.start)
    if not counts:
        return None
    chosen = max(counts, key=lambda key: (counts[key], -first[key]))
    return next(entity for entity in reading.entities if id(entity) == chosen)


def _titled(reading: Reading, block: int) -> Located | None:
    """A heading that opens with a body's name followed by a dash or a colon ("City of Riverton –
    Organization Chart")."""
    if reading.document.blocks[block].kind != "heading":
        return None
    text = reading.document.text
    for sentence in reading.sentences_of(block):
        named = [m for m in sentence.mentions if m.mention.rule != "nested"][:1]
        after = text[named[0].mention.span.end : named[0].mention.span.end + 3] if named else ""
        if named and named[0].mention.span.start == sentence.span.start and re.match(r"\s*(?:[-–—:|])\s", after):
            return named[0]
    return None


def settle_kinds(own: DraftEntity | None, stated: list[DraftEdge]) -> None:
    """The document's own organization is not an outside body whatever its head word
    ("Ministry of ...", "... Board"), and neither is a body the text places inside a body of the
    organization (a "Department of Fisheries" listed in the ministry's structure)."""
    if own is not None and own.kind == "external body":
        own.kind = "agency"
        own.reviews.append("read as the document's own organization; its head word suggested an outside body")
    changed = True
    while changed:
        changed = False
        for edge in stated:
            inside = edge.kind == "parent" and edge.tier <= Tier.LISTED and edge.superior.kind != "external body"
            if inside and edge.subordinate.kind == "external body":
                edge.subordinate.kind = "division"
                edge.subordinate.reviews.append(
                    f"read as a part of “{edge.superior.name}”; its head word suggested an outside body"
                )
                changed = True


def own_organization_parents(era: Era, own: str | None, reviews: dict[str, list[str]]) -> Era:
    """Rule 2: divisions, offices and units that nothing places, under the document's own body."""
    if own is None:
        return era
    placed, tree = _placed(era)
    above = nx.ancestors(tree, own) if own in tree else set()
    added = []
    for node in era.nodes:
        if node.id == own or node.id in placed or node.id in above or node.kind not in RANK_KINDS:
            continue
        added.append(_cited_edge(era, own, node.id))
        reviews.setdefault(f"edge:parent:{own}:{node.id}", []).append(
            "placed under the document's own organization; the text states no relation"
        )
    return era.model_copy(update={"edges": (*era.edges, *added)}) if added else era
