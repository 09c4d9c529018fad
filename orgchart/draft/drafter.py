"""`draft_era`: a proposed era from one document's text, every quote verbatim, ids reused from
the other eras, review notes on what the rules could only guess."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from orgchart.dataset.citations import fold_white_space
from orgchart.dataset.model import Citation, Claim, Edge, Era, Node, Source
from orgchart.draft.edges import DraftEdge
from orgchart.draft.entities import DraftEntity
from orgchart.draft.fallback import other_eras_parents, own_organization_parents, own_subject, settle_kinds
from orgchart.draft.figures import DraftClaim, figures
from orgchart.draft.identity import reused_ids, slug, unique
from orgchart.draft.layout import layout_relations
from orgchart.draft.reading import Reading, read
from orgchart.draft.relations import sentence_relations
from orgchart.draft.sections import weak_relations
from orgchart.draft.segment import Span
from orgchart.draft.writer import era_yaml
from orgchart.graph import OrgChart

DEFAULT_KIND = "unit"
"""The kind of an entity no rule could name a kind for (always with a review note)."""


@dataclass(frozen=True)
class Draft:
    """A drafted era: the model (it validates as written), the review notes by item, and the
    YAML text to save."""

    era: Era
    reviews: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_yaml(self, source_file: str = "") -> str:
        """The draft as an era file, with its review notes as `# review:` comments."""
        header = (
            f"Drafted by `orgchart draft` from {source_file or self.era.sources[0]}. Every quote is verbatim;\n"
            "check each item against the document, especially those marked `# review:`, then run\n"
            "`orgchart coverage` for what the document says that this era does not cite yet, and\n"
            "`orgchart validate`. See data/CURATING.md."
        )
        return era_yaml(self.era, self.reviews, header)


def _quote(text: str, span: Span) -> str:
    return fold_white_space(text[span.start : span.end])


def _entity_quote(reading: Reading, entity: DraftEntity) -> str:
    """The defining mention's sentence when short, else the name with some words around it."""
    first = entity.first
    sentence, mention = first.sentence, first.mention.span
    if sentence.end - sentence.start <= 200:
        return _quote(reading.document.text, sentence)
    text = reading.document.text
    start = max(sentence.start, mention.start - 40)
    end = min(sentence.end, mention.end + 80)
    while start > sentence.start and not text[start - 1].isspace():
        start -= 1
    while end < sentence.end and not text[end].isspace():
        end += 1
    return _quote(text, Span(start, end))


def draft_era(text: str, source: Source, era_id: str, others: Sequence[OrgChart] = (), label: str = "") -> Draft:
    """Propose an era from `text` (the document of `source`), reusing the ids of `others`.

    Args:
        text: the document, as archived.
        source: its entry in sources.yaml (its id is cited).
        era_id: the new era's id.
        others: the dataset's other eras, oldest first: their names are looked for in the text
            and their ids reused for the same entities.
        label: the era's short title; default: the source's title.

    Returns:
        A `Draft` whose era validates against `source` as written.
    """
    known = [node for chart in reversed(others) for node in chart.nodes]
    reading = read(text, known)
    used: set[str] = set()
    for entity in reading.entities:
        entity.id = unique(slug(entity.name), used)
    stated = sentence_relations(reading)
    own = own_subject(reading)
    settle_kinds(own, stated)
    laid = stated + layout_relations(reading, stated)
    edges = _edges(laid + weak_relations(reading, laid))
    claims = figures(reading, own)
    nodes = [_node(reading, entity, source) for entity in reading.entities]
    era = Era(id=era_id, label=label or source.title, sources=(source.id,), nodes=tuple(nodes))
    era = era.model_copy(update={"edges": tuple(_edge_model(text, source, edge) for edge in edges)})
    reviews: dict[str, list[str]] = {f"node:{e.id}": list(e.reviews) for e in reading.entities}
    for edge in edges:
        if edge.review:
            reviews.setdefault(f"edge:{edge.kind}:{edge.superior.id}:{edge.subordinate.id}", []).append(edge.review)
    era = _reuse_ids(era, source, others, reviews, reading)
    era = other_eras_parents(era, others, reviews)
    era = own_organization_parents(era, own.id if own else None, reviews)
    era = _second_tier(era)
    era = _own_organization(era, reviews)
    era = era.model_copy(update={"claims": _claims(text, source, claims, era, reading)})
    ordered = {key: tuple(notes) for key, notes in sorted(reviews.items()) if notes}
    return Draft(era, ordered)


def _node(reading: Reading, entity: DraftEntity, source: Source) -> Node:
    if entity.kind is None:
        entity.reviews.append(f"no rule says what kind of body “{entity.name}” is; {DEFAULT_KIND} is a guess")
    aliases = tuple(a for a in entity.aliases if a != entity.name and a != entity.acronym)
    return Node(
        id=entity.id,
        name=entity.name,
        kind=entity.kind or DEFAULT_KIND,  # type: ignore[arg-type]
        acronym=entity.acronym if entity.acronym and entity.acronym != entity.name else None,
        aliases=aliases,
        citations=(Citation(source=source.id, quote=_entity_quote(reading, entity)),),
    )


def _edges(found: list[DraftEdge]) -> list[DraftEdge]:
    """Relations without duplicates or self-relations. A body's parents come from the strongest
    evidence found for it (`Tier`): weaker rules only place what stronger ones did not; a parent
    relation that would close a cycle is dropped (the stronger, then the first stated, wins)."""
    best: dict[int, int] = {}
    for edge in found:
        if edge.kind == "parent" and edge.superior is not edge.subordinate:
            best[id(edge.subordinate)] = min(best.get(id(edge.subordinate), 99), edge.tier)
    kept: dict[tuple[str, int, int], DraftEdge] = {}
    tree = nx.DiGraph()
    for edge in sorted(found, key=lambda e: e.tier):
        if edge.superior is edge.subordinate:
            continue
        key = (edge.kind, id(edge.superior), id(edge.subordinate))
        if key in kept:
            continue
        if edge.kind == "parent":
            upper, lower = id(edge.superior), id(edge.subordinate)
            if edge.tier > best[lower] or (lower in tree and upper in tree and nx.has_path(tree, lower, upper)):
                continue
            tree.add_edge(upper, lower)
        kept[key] = edge
    order = {id(edge): index for index, edge in enumerate(found)}
    return sorted(kept.values(), key=lambda e: order[id(e)])


def _edge_model(text: str, source: Source, edge: DraftEdge) -> Edge:
    quotes = list(dict.fromkeys(_quote(text, span) for span in edge.quotes))
    return Edge(
        kind=edge.kind,  # type: ignore[arg-type]
        superior=edge.superior.id,
        subordinate=edge.subordinate.id,
        citations=tuple(Citation(source=source.id, quote=q) for q in quotes if q),
    )


def _reuse_ids(
    era: Era, source: Source, others: Sequence[OrgChart], reviews: dict[str, list[str]], reading: Reading
) -> Era:
    """Give entities the ids (and kinds) other eras record for them, and cite the source."""
    chart = OrgChart(era, (source,), ())
    found = reused_ids(chart, others)
    rename: dict[str, str] = {}
    taken = {n.id for n in era.nodes} - set(found)
    kinds: dict[str, str] = {}
    for provisional, (other_id, other_era, why) in found.items():
        if other_id in taken and other_id != provisional:
            continue
        rename[provisional] = other_id
        earlier = next(c for c in others if c.id == other_era).node(other_id)
        kinds[other_id] = earlier.kind
        if not why.startswith("id"):
            reviews.setdefault(f"node:{other_id}", []).append(f"id {other_id} reused from era {other_era} ({why})")
    for key in [k for k in reviews if k.startswith("node:")]:
        old = key[5:]
        if old in rename and rename[old] != old:
            reviews.setdefault(f"node:{rename[old]}", []).extend(reviews.pop(key))
    for entity in reading.entities:
        entity.id = rename.get(entity.id, entity.id)
    nodes = tuple(
        n.model_copy(update={"id": rename.get(n.id, n.id), "kind": kinds.get(rename.get(n.id, n.id), n.kind)})
        for n in era.nodes
    )
    edges = tuple(
        e.model_copy(
            update={
                "superior": rename.get(e.superior, e.superior),
                "subordinate": rename.get(e.subordinate, e.subordinate),
            }
        )
        for e in era.edges
    )
    for key in [k for k in reviews if k.startswith("edge:")]:
        kind, sup, sub = key.split(":", 3)[1:]
        new = f"edge:{kind}:{rename.get(sup, sup)}:{rename.get(sub, sub)}"
        if new != key:
            reviews.setdefault(new, []).extend(reviews.pop(key))
    return era.model_copy(update={"nodes": nodes, "edges": edges})


def _own_organization(era: Era, reviews: dict[str, list[str]]) -> Era:
    """A root that contains two or more bodies is the document's own organization, not an outside
    body, whatever its head word ("Ministry of ..." reads as a department elsewhere)."""
    children: dict[str, int] = {}
    placed = set()
    for edge in era.edges:
        if edge.kind == "parent":
            children[edge.superior] = children.get(edge.superior, 0) + 1
            placed.add(edge.subordinate)
    nodes = []
    for node in era.nodes:
        if node.kind == "external body" and children.get(node.id, 0) >= 2 and node.id not in placed:
            reviews.setdefault(f"node:{node.id}", []).append(
                "read as the document's own organization (it contains the others)"
            )
            node = node.model_copy(update={"kind": "agency"})
        nodes.append(node)
    return era.model_copy(update={"nodes": tuple(nodes)})


def _second_tier(era: Era) -> Era:
    """A division whose main parent is a division is a sub-division (data/CURATING.md)."""
    parent: dict[str, str] = {}
    for edge in era.edges:
        if edge.kind == "parent":
            parent.setdefault(edge.subordinate, edge.superior)
    kinds = {n.id: n.kind for n in era.nodes}
    nodes = tuple(
        n.model_copy(update={"kind": "sub-division"})
        if n.kind == "division" and kinds.get(parent.get(n.id, ""), "") in ("division", "sub-division")
        else n
        for n in era.nodes
    )
    return era.model_copy(update={"nodes": nodes})


def _claims(text: str, source: Source, found: list[DraftClaim], era: Era, reading: Reading) -> tuple[Claim, ...]:
    used: set[str] = set()
    claims = []
    seen: set[tuple[str, str, object, int]] = set()
    for claim in found:
        key = (claim.subject.id, claim.attribute, claim.value, claim.quote.start)
        if key in seen:
            continue
        seen.add(key)
        claim_id = unique(slug(f"{claim.subject.id} {claim.attribute}"), used)
        claims.append(
            Claim(
                id=claim_id,
                subject=claim.subject.id,
                attribute=claim.attribute,
                value=claim.value,
                unit=claim.unit,
                qualifier=claim.qualifier,  # type: ignore[arg-type]
                as_of=claim.as_of,
                counts=claim.counts,  # type: ignore[arg-type]
                citations=(Citation(source=source.id, quote=_quote(text, claim.quote)),),
            )
        )
    return tuple(claims)
