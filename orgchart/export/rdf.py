"""RDF (Turtle) with the W3C Organization Ontology and PROV, for linked data.

Each era's entity is its own resource, `BASE/era/ERA/ID`, because an era states what one
document says (names and places differ between eras); `prov:specializationOf BASE/entity/ID`
ties the snapshots of one entity together. Roots of the parent forest are `org:Organization`,
the rest `org:OrganizationalUnit`; parent edges are `org:hasUnit` / `org:unitOf`, and the
other relations are properties of this package's vocabulary (`oc:`), each declared a
sub-property of `org:linkedTo`. Every edge is also a resource of its own
(`BASE/era/ERA/edge/SUPERIOR_KIND_SUBORDINATE`, e.g. `cad_OVERSIGHT_cap`: ids are lowercase, so the
upper-case kind cannot be confused with them), so that its citations can hang from it. A citation
is a `prov:Derivation` (`SUBJECT_CITATION_N`) from the source (a `prov:Entity`) with the quote as
`oc:quote`.

The Turtle is written as the statements are made (`TurtleWriter`), one block per resource, with a
prefix per era, and reaches its file in pieces (`write_turtle`, `stream_turtle`); rdflib builds a graph of the same triples when asked (`rdf_graph`). Building an
rdflib graph first took 114 s for 5,016 entities and would take an hour at 100,000: each triple is
a few Python objects in several indexes, and its Turtle writer looks each term up again.

`org:ChangeEvent`s say what the change reports say: they come from `orgchart.diff` through the
history of the exported eras (`orgchart.history.history_of`), so each consecutive pair's renames,
moves, merges, splits and kind changes are events, and so are those the history follows across a
document that skips the entity (`History.since`: the CAD rename from the 2021-22 excerpt to the
2023 page, with the ICE overview between them silent on CAD). These are the pairs of `orgchart
history`, not also every earlier era against the latest as `orgchart build` reports them: that
would state one rename once per earlier era. Each event is
`BASE/change/FROM/TO/ID_KIND` (`cad_RENAMED`), with `org:originalOrganization` and
`org:resultingOrganization` (the eras' resources), `oc:changeKind`, the reports' sentence
(`orgchart.report.text.headline`) as `rdfs:comment`, and the quotes of both eras as PROV
derivations. Additions and removals are not
events: a document that does not mention an entity has not abolished it, so they are stated as
what they are, `oc:notMentionedIn` from the entity to the neighbouring era that is silent on it.
Rewordings, oversight, figures and findings stay in the change reports. Each link of the lineage
file is an event of its own too (`BASE/lineage/N`), and the diff's events it explains point to it
with `prov:wasInfluencedBy`.

rdflib is needed only by `rdf_graph`, and imported there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orgchart.atomic import open_atomic
from orgchart.changes.changeset import Change, EntityState
from orgchart.changes.history import consecutive_changes
from orgchart.dataset.model import LineageLink
from orgchart.export.turtle import SEPARATOR, TurtleWriter, literal, string_literal, verify_base
from orgchart.graph import Dataset, OrgChart
from orgchart.report.text import headline

__all__ = [
    "DEFAULT_BASE",
    "EVENT_KINDS",
    "VOCABULARY",
    "rdf_graph",
    "stream_turtle",
    "to_turtle",
    "verify_base",
    "write_turtle",
]

if TYPE_CHECKING:
    from rdflib import Graph

DEFAULT_BASE: Final = "https://example.org/orgchart/"
"""Where the resources' IRIs start unless a `base` is given (example.org: mint your own)."""

VOCABULARY: Final = "https://example.org/orgchart/ns#"
"""This package's terms for what the W3C ontologies have no word for (oc:quote, oc:kind, ...)."""

RELATION_PROPERTIES: Final = {
    "oversight": "oversees",
    "partnership": "partnerOf",
    "coordination": "coordinatesWith",
    "support": "supports",
}

EVENT_KINDS: Final[tuple[str, ...]] = ("renamed", "moved", "merged", "split", "kind_changed")
"""The diff's change kinds that are `org:ChangeEvent`s: changes of the organization itself."""

NOT_MENTIONED_NOTE: Final = (
    "The documents of the object era, the era just before or just after the subject's own era, "
    "do not mention the subject entity. Silence is not evidence that the entity began or ended, "
    "so no org:ChangeEvent is stated for it; a change that spans the silent era is an event of its own."
)

PREFIXES: Final = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "oc": VOCABULARY,
}


def stream_turtle(
    dataset: Dataset,
    sink: Callable[[str], object],
    eras: Sequence[OrgChart] | None = None,
    *,
    base: str = DEFAULT_BASE,
) -> None:
    """The dataset (or just `eras`) as Turtle, handed to `sink` in pieces of text as it is made
    (a file of 200 MB for two eras of 100,000 entities need never be one string); changes only
    for several eras, lineage only for the whole dataset.

    Raises:
        ValueError: `base` cannot start IRIs (see `verify_base`).
    """
    charts = list(dataset.eras if eras is None else eras)
    out = TurtleWriter(base, [chart.id for chart in charts], PREFIXES, sink)
    iri = out.iri
    for name in RELATION_PROPERTIES.values():
        out.statement(f"oc:{name}", [("a", "rdf:Property"), ("rdfs:subPropertyOf", "org:linkedTo")])
    used = sorted(
        {s for chart in charts for s in chart.era.sources}
        | {c.source for link in dataset.lineage for c in link.citations}
    )
    for source_id in used:
        source = dataset.sources[source_id]
        out.statement(
            iri("source", source.id),
            [
                ("a", "prov:Entity"),
                ("dcterms:identifier", string_literal(source.id)),
                ("dcterms:title", string_literal(source.title)),
                ("dcterms:publisher", string_literal(source.publisher)),
                ("rdfs:seeAlso", out.term(source.url) if source.url else None),
                ("oc:dateStart", literal(source.date.start)),
                ("oc:dateEnd", literal(source.date.end)),
                ("oc:datePrecision", string_literal(source.date.precision)),
                ("oc:dateReason", string_literal(source.date.reason)),
                ("oc:sha256", string_literal(source.sha256)),
                ("oc:complete", literal(source.complete)),  # false: the archived text breaks off
                ("oc:breaksOff", string_literal(source.breaks_off) if source.breaks_off else None),
            ],
        )
    for chart in charts:
        _era(out, chart)
    lineage_events: dict[int, str] = {}
    if eras is None:
        for index, link in enumerate(dataset.lineage):
            event = iri("lineage", str(index))
            # the entity in the last era that has it before the link, the first one after it
            originals = [_in_era(out, reversed(charts), ref) for ref in link.before]
            results = [_in_era(out, charts, ref) for ref in link.after]
            pairs = _change(out, event, originals, results, link.reason)
            pairs.append(("oc:lineageKind", string_literal(link.kind)))
            out.statement(event, pairs + out.citations(event, link.citations))
            lineage_events[index] = event
    if len(charts) > 1:
        _change_events(out, dataset, charts, lineage_events)
    out.flush()


def _in_era(out: TurtleWriter, charts: Iterable[OrgChart], ref: str) -> str:
    """The entity `ref` in the first of `charts` that has it, or as an entity of no era."""
    chart = next((chart for chart in charts if ref in chart), None)
    return out.iri("era", chart.id, ref) if chart is not None else out.iri("entity", ref)


def _era(out: TurtleWriter, chart: OrgChart) -> None:
    """One era: its resource, and each node, relation, claim and finding with their quotes."""
    iri = out.iri
    era = iri("era", chart.id)
    out.statement(
        era,
        [
            ("a", "oc:Era"),
            ("rdfs:label", string_literal(chart.label)),
            ("dcterms:description", string_literal(chart.era.description) if chart.era.description else None),
            ("oc:dateStart", literal(chart.date.start)),
            ("oc:dateEnd", literal(chart.date.end)),
            ("oc:datePrecision", string_literal(chart.date.precision)),
            *(("prov:wasDerivedFrom", iri("source", source_id)) for source_id in chart.era.sources),
        ],
    )
    in_era, entity, relation = out.under("era", chart.id), out.under("entity"), out.under("era", chart.id, "edge")
    term = {node.id: in_era(node.id) for node in chart.nodes}
    units: dict[str, list[str]] = {}  # org:hasUnit, stated with the superior's own block
    belongs: dict[str, list[str]] = {}  # org:unitOf, with the subordinate's
    relations: dict[str, list[str]] = {}
    for edge in chart.edges:
        superior, subordinate = term[edge.superior], term[edge.subordinate]
        if edge.kind == "parent":
            units.setdefault(edge.superior, []).append(f"org:hasUnit {subordinate}")
            belongs.setdefault(edge.subordinate, []).append(f"org:unitOf {superior}")
        else:
            relations.setdefault(edge.superior, []).append(f"oc:{RELATION_PROPERTIES[edge.kind]} {subordinate}")
    for parts_of in (units, belongs, relations):
        for node_id, parts in parts_of.items():
            if len(parts) > 1:
                parts_of[node_id] = list(dict.fromkeys(parts))
    # Nodes and edges are the bulk (four blocks per entity, a few microseconds each), so their
    # blocks are written here as text rather than through `statement`. Only the parts that can
    # repeat (an alias, an edge, a source cited twice) are deduplicated, each group on its own:
    # the groups' predicates differ, so no part of one can equal a part of another.
    write, spill, cited, kinds, placed = out.write, out.spill, out.cited, _Literals(), chart.parent_ids
    era_and_entity = f"oc:era {era}{SEPARATOR}prov:specializationOf "
    for node in chart.nodes:
        node_id = node.id
        here, name = term[node_id], string_literal(node.name)
        parts = [
            f"a {'org:OrganizationalUnit' if node_id in placed else 'org:Organization'}"
            f"{SEPARATOR}dcterms:identifier {string_literal(node_id)}"
            f"{SEPARATOR}skos:prefLabel {name}{SEPARATOR}rdfs:label {name}"
        ]
        if node.aliases:
            parts += dict.fromkeys(f"skos:altLabel {string_literal(alias)}" for alias in node.aliases)
        if node.acronym:
            parts.append(f"oc:acronym {string_literal(node.acronym)}")
        parts.append(f"oc:kind {kinds[node.kind]}")
        if node.note:
            parts.append(f"rdfs:comment {string_literal(node.note)}")
        if node.name_incomplete:  # the text cut the name off
            parts.append("oc:nameIncomplete true")
        parts.append(era_and_entity + entity(node_id))
        for group in (units.get(node_id), belongs.get(node_id), relations.get(node_id)):
            if group:
                parts += group
        if node.citations:
            parts += cited(here, node.citations)
        write(f"\n{here} {SEPARATOR.join(parts)} .\n")
        spill()
    for edge in chart.edges:
        here = relation(f"{edge.superior}_{edge.kind.upper()}_{edge.subordinate}")
        parts = [
            f"a oc:Relation{SEPARATOR}oc:relationKind {kinds[edge.kind]}"
            f"{SEPARATOR}oc:superior {term[edge.superior]}{SEPARATOR}oc:subordinate {term[edge.subordinate]}"
        ]
        if chart.is_second_parent(edge):
            parts.append("oc:secondParent true")
        if edge.note:
            parts.append(f"rdfs:comment {string_literal(edge.note)}")
        if edge.citations:
            parts += cited(here, edge.citations)
        write(f"\n{here} {SEPARATOR.join(parts)} .\n")
        spill()
    for claim in chart.claims:
        here = iri("era", chart.id, "claim", claim.id)
        pairs = [
            ("a", "oc:Claim"),
            ("oc:subject", iri("era", chart.id, claim.subject)),
            ("oc:attribute", string_literal(claim.attribute)),
            ("rdf:value", literal(claim.value)),
            ("oc:unit", string_literal(claim.unit) if claim.unit else None),
            ("oc:qualifier", string_literal(claim.qualifier)),
            ("oc:asOf", string_literal(claim.as_of) if claim.as_of else None),
            ("rdfs:comment", string_literal(claim.note) if claim.note else None),
        ]
        out.statement(here, pairs + out.citations(here, claim.citations))
    for index, finding in enumerate(chart.findings):
        here = iri("era", chart.id, "finding", str(index))
        pairs = [
            ("a", "oc:Finding"),
            ("oc:findingKind", string_literal(finding.kind)),
            ("oc:subject", iri("era", chart.id, finding.subject) if finding.subject else None),
            ("rdfs:comment", string_literal(finding.message)),
            ("oc:origin", string_literal(finding.origin)),
        ]
        out.statement(here, pairs + out.citations(here, finding.citations))


class _Literals(dict[str, str]):
    """String literals of a few repeated texts (kinds), each made once."""

    def __missing__(self, text: str) -> str:
        made = self[text] = string_literal(text)
        return made


def _change_events(
    out: TurtleWriter, dataset: Dataset, charts: Sequence[OrgChart], lineage_events: dict[int, str]
) -> None:
    """The diff's changes of `charts` (put in chronological order): events for EVENT_KINDS, and
    `oc:notMentionedIn` for additions and removals."""
    out.statement("oc:notMentionedIn", [("a", "rdf:Property"), ("rdfs:comment", string_literal(NOT_MENTIONED_NOTE))])
    order = {chart.id: index for index, chart in enumerate(dataset.eras)}
    pairs, since = consecutive_changes(
        sorted(charts, key=lambda chart: order.get(chart.id, len(order))), dataset.lineage
    )
    made: set[str] = set()
    for pair, gaps in zip(pairs, since, strict=True):
        before, after = pair.before, pair.after
        for change in pair:
            if change.kind in EVENT_KINDS:
                _event(out, change, before, after, made, _lineage_event(change, dataset.lineage, lineage_events))
            elif change.kind == "removed":
                out.statement(out.iri("era", before.id, change.id), [("oc:notMentionedIn", out.iri("era", after.id))])
            elif change.kind == "added":
                out.statement(out.iri("era", after.id, change.id), [("oc:notMentionedIn", out.iri("era", before.id))])
        for gap in gaps:
            if gap.change.kind in EVENT_KINDS:
                wide = gap.changes
                lineage = _lineage_event(gap.change, dataset.lineage, lineage_events)
                _event(out, gap.change, wide.before, wide.after, made, lineage)


def _event(
    out: TurtleWriter, change: Change, before: OrgChart, after: OrgChart, made: set[str], lineage: str | None
) -> None:
    """One `org:ChangeEvent` for `change` from era `before` to era `after`."""
    stem = f"{change.id}_{change.kind.upper()}"
    event, count = out.iri("change", before.id, after.id, stem), 1
    while event in made:  # two changes of one kind and id: rare, numbered in the diff's order
        count += 1
        event = out.iri("change", before.id, after.id, f"{stem}_{count}")
    made.add(event)
    originals = [out.iri("era", before.id, state.id) for state in _states(change.before)]
    results = [out.iri("era", after.id, state.id) for state in _states(change.after)]
    pairs = _change(out, event, originals, results, headline(change))
    pairs += [
        ("oc:changeKind", string_literal(change.kind)),
        ("oc:fromEra", out.iri("era", before.id)),
        ("oc:toEra", out.iri("era", after.id)),
        ("skos:note", string_literal(change.note) if change.note else None),
        ("oc:evidence", string_literal(change.evidence) if change.evidence else None),
        ("oc:matchedBy", string_literal(change.match.reason) if change.match else None),
        ("prov:wasInfluencedBy", lineage),
    ]
    out.statement(event, pairs + out.citations(event, change.citations))


def _states(side: object) -> tuple[EntityState, ...]:
    if isinstance(side, EntityState):
        return (side,)
    return tuple(state for state in side if isinstance(state, EntityState)) if isinstance(side, tuple) else ()


def _lineage_event(change: Change, lineage: Sequence[LineageLink], events: dict[int, str]) -> str | None:
    """The lineage link's event behind a change matched through it, when lineage is exported."""
    if change.match is None or change.match.reason != "lineage":
        return None
    for index, link in enumerate(lineage):
        if change.match.before in link.before and change.match.after in link.after and index in events:
            return events[index]
    return None


def _change(
    out: TurtleWriter, event: str, originals: list[str], results: list[str], comment: str
) -> list[tuple[str, str | None]]:
    """The event's own pairs (its type, comment, the organizations before and after), with the
    links back from each organization written."""
    for original in originals:
        out.statement(original, [("org:changedBy", event)])
    for result in results:
        out.statement(result, [("org:resultedFrom", event)])
    return [
        ("a", "org:ChangeEvent"),
        ("rdfs:comment", string_literal(comment)),
        *(("org:originalOrganization", original) for original in originals),
        *(("org:resultingOrganization", result) for result in results),
    ]


def rdf_graph(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> Graph:
    """The dataset (or just `eras`) as an rdflib Graph: `to_turtle`'s triples, parsed."""
    from rdflib import Graph

    return Graph().parse(data=to_turtle(dataset, eras, base=base), format="turtle")


def to_turtle(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> str:
    """The dataset (or just `eras`) as Turtle text; no blank nodes, so the output is stable."""
    pieces: list[str] = []
    stream_turtle(dataset, pieces.append, eras, base=base)
    return "".join(pieces)


def write_turtle(
    dataset: Dataset, path: str | Path, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE
) -> Path:
    """Write the dataset (or just `eras`) as Turtle to `path` as it is made, atomically (the
    file appears whole or not at all)."""
    with open_atomic(path) as stream:
        stream_turtle(dataset, lambda text: stream.write(text.encode("utf-8")), eras, base=base)
    return Path(path)
