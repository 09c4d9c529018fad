"""How close a draft comes to a curated era: precision and recall of entities, parent edges,
oversight edges and claims, and whether every quote is verbatim.

An entity of the draft is the curated entity with the same id, or one whose name (or alias or
acronym) is one of the curated entity's, or the same name written another way
(`orgchart.changes.names.same_name`); each curated entity is matched once. Edges are compared
through that matching. A claim is the curated claim with the same value stated in the same place
(one quote contains the other) or about the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgchart.changes.forms import same_name
from orgchart.changes.names import name_keys, normal_name
from orgchart.dataset.citations import fold_white_space, quote_is_found
from orgchart.dataset.model import Era, Node


@dataclass(frozen=True)
class Score:
    """Found (in the draft), expected (in the curated era) and matched counts of one family."""

    found: int
    expected: int
    matched: int

    @property
    def precision(self) -> float:
        """Share of the draft's items that the curated era has."""
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        """Share of the curated era's items that the draft has."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class DraftScore:
    """A draft scored against the curated era of the same document."""

    era: str
    entities: Score
    parent_edges: Score
    oversight_edges: Score
    claims: Score
    quotes: int
    verbatim: int


def _same_entity(draft: Node, curated: Node) -> bool:
    return (
        draft.id == curated.id
        or normal_name(draft.name) in name_keys(curated)
        or normal_name(curated.name) in name_keys(draft)
        or same_name(draft, curated)
    )


def entity_matching(draft: Era, curated: Era) -> dict[str, str]:
    """Draft id -> curated id, one to one: same ids first, then names in the curated order."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    curated_ids = {n.id for n in curated.nodes}
    for node in draft.nodes:
        if node.id in curated_ids:
            mapping[node.id] = node.id
            taken.add(node.id)
    for node in draft.nodes:
        if node.id in mapping:
            continue
        for other in curated.nodes:
            if other.id not in taken and _same_entity(node, other):
                mapping[node.id] = other.id
                taken.add(other.id)
                break
    return mapping


def _edge_score(draft: Era, curated: Era, mapping: dict[str, str], kind: str) -> Score:
    found = {(e.superior, e.subordinate) for e in draft.edges if e.kind == kind}
    expected = {(e.superior, e.subordinate) for e in curated.edges if e.kind == kind}
    mapped = {(mapping.get(a, f"?{a}"), mapping.get(b, f"?{b}")) for a, b in found}
    return Score(len(found), len(expected), len(mapped & expected))


def _claim_score(draft: Era, curated: Era, mapping: dict[str, str]) -> Score:
    matched = 0
    used: set[int] = set()
    for claim in curated.claims:
        quotes = [fold_white_space(c.quote) for c in claim.citations]
        for index, mine in enumerate(draft.claims):
            if index in used or float(mine.value) != float(claim.value):
                continue
            theirs = [fold_white_space(c.quote) for c in mine.citations]
            same_place = any(a in b or b in a for a in quotes for b in theirs)
            if same_place or mapping.get(mine.subject) == claim.subject:
                matched += 1
                used.add(index)
                break
    return Score(len(draft.claims), len(curated.claims), matched)


def score_draft(draft: Era, curated: Era, folded_source: str) -> DraftScore:
    """Score `draft` against `curated`; `folded_source` is the document's text, white space folded."""
    mapping = entity_matching(draft, curated)
    entities = Score(len(draft.nodes), len(curated.nodes), len(mapping))
    quotes = [c.quote for node in draft.nodes for c in node.citations]
    quotes += [c.quote for edge in draft.edges for c in edge.citations]
    quotes += [c.quote for claim in draft.claims for c in claim.citations]
    verbatim = sum(quote_is_found(q, folded_source) for q in quotes)
    return DraftScore(
        curated.id,
        entities,
        _edge_score(draft, curated, mapping, "parent"),
        _edge_score(draft, curated, mapping, "oversight"),
        _claim_score(draft, curated, mapping),
        len(quotes),
        verbatim,
    )
