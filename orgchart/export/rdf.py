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

The IRIs' last segments are XML names (no `~`, `#` or `/` inside), so that they share a few
"namespaces": rdflib's Turtle writer scans every namespace it has seen for each term, and one
namespace per subject made 5,000 nodes take two minutes instead of seconds.

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

rdflib is imported lazily, so importing orgchart does not load it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from orgchart.atomic import write_text_atomic
from orgchart.changes.changeset import Change, EntityState, Quote
from orgchart.changes.history import history_of
from orgchart.dataset.model import Citation, LineageLink
from orgchart.graph import Dataset, OrgChart
from orgchart.report.text import headline

if TYPE_CHECKING:
    from rdflib import Graph, Namespace, URIRef

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


def verify_base(base: str) -> str:
    """`base` if it can start IRIs: absolute (a scheme), no spaces or quotes, ending in `/` or
    `#` (without one, `https://example.org/org` + `era/x` runs together as `orgera/x`).

    Raises:
        ValueError: saying what is wrong and giving an example.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", base):
        raise ValueError(f"--base {base!r} is not an absolute IRI without spaces (e.g. https://example.org/org/)")
    if not base.endswith(("/", "#")):
        raise ValueError(f"--base {base!r} must end in / or # (e.g. {base}/), or the IRIs run together")
    return base


def rdf_graph(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> Graph:
    """The dataset (or just `eras`) as an rdflib Graph; changes only for several eras, lineage
    only for the whole dataset."""
    from rdflib import RDF, RDFS, XSD, Literal, URIRef
    from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

    turtle = _Builder(base)
    graph, oc, iri, add, cite = turtle.graph, turtle.oc, turtle.iri, turtle.add, turtle.cite
    charts = list(dataset.eras if eras is None else eras)
    for name in RELATION_PROPERTIES.values():
        graph.add((oc[name], RDF.type, RDF.Property))
        graph.add((oc[name], RDFS.subPropertyOf, ORG.linkedTo))
    used = sorted(
        {s for chart in charts for s in chart.era.sources}
        | {c.source for link in dataset.lineage for c in link.citations}
    )
    for source_id in used:
        source = dataset.sources[source_id]
        here = iri("source", source.id)
        graph.add((here, RDF.type, PROV.Entity))
        add(here, DCTERMS.identifier, source.id)
        add(here, DCTERMS.title, source.title)
        add(here, DCTERMS.publisher, source.publisher)
        add(here, RDFS.seeAlso, URIRef(source.url) if source.url else None)
        add(here, oc.dateStart, Literal(source.date.start.isoformat(), datatype=XSD.date))
        add(here, oc.dateEnd, Literal(source.date.end.isoformat(), datatype=XSD.date))
        add(here, oc.datePrecision, source.date.precision)
        add(here, oc.dateReason, source.date.reason)
        add(here, oc.sha256, source.sha256)
        add(here, oc.complete, Literal(source.complete))  # false: the archived text breaks off
        add(here, oc.breaksOff, source.breaks_off)
    for chart in charts:
        era = iri("era", chart.id)
        graph.add((era, RDF.type, oc.Era))
        add(era, RDFS.label, chart.label)
        add(era, DCTERMS.description, chart.era.description)
        add(era, oc.dateStart, Literal(chart.date.start.isoformat(), datatype=XSD.date))
        add(era, oc.dateEnd, Literal(chart.date.end.isoformat(), datatype=XSD.date))
        add(era, oc.datePrecision, chart.date.precision)
        for source_id in chart.era.sources:
            graph.add((era, PROV.wasDerivedFrom, iri("source", source_id)))
        for node in chart.nodes:
            here = iri("era", chart.id, node.id)
            unit = chart.parent(node.id) is not None
            graph.add((here, RDF.type, ORG.OrganizationalUnit if unit else ORG.Organization))
            add(here, DCTERMS.identifier, node.id)
            add(here, SKOS.prefLabel, node.name)
            add(here, RDFS.label, node.name)
            for alias in node.aliases:
                add(here, SKOS.altLabel, alias)
            add(here, oc.acronym, node.acronym)
            add(here, oc.kind, node.kind)
            add(here, RDFS.comment, node.note)
            if node.name_incomplete:
                add(here, oc.nameIncomplete, Literal(True))  # the damaged text cut the name off
            add(here, oc.era, era)
            add(here, PROV.specializationOf, iri("entity", node.id))
            cite(here, node.citations)
        for edge in chart.edges:
            superior, subordinate = iri("era", chart.id, edge.superior), iri("era", chart.id, edge.subordinate)
            if edge.kind == "parent":
                graph.add((superior, ORG.hasUnit, subordinate))
                graph.add((subordinate, ORG.unitOf, superior))
            else:
                graph.add((superior, oc[RELATION_PROPERTIES[edge.kind]], subordinate))
            here = iri("era", chart.id, "edge", f"{edge.superior}_{edge.kind.upper()}_{edge.subordinate}")
            graph.add((here, RDF.type, oc.Relation))
            add(here, oc.relationKind, edge.kind)
            add(here, oc.superior, superior)
            add(here, oc.subordinate, subordinate)
            add(here, oc.secondParent, True if chart.is_second_parent(edge) else None)
            add(here, RDFS.comment, edge.note)
            cite(here, edge.citations)
        for claim in chart.claims:
            here = iri("era", chart.id, "claim", claim.id)
            graph.add((here, RDF.type, oc.Claim))
            add(here, oc.subject, iri("era", chart.id, claim.subject))
            add(here, oc.attribute, claim.attribute)
            add(here, RDF.value, claim.value)
            add(here, oc.unit, claim.unit)
            add(here, oc.qualifier, claim.qualifier)
            add(here, oc.asOf, claim.as_of)
            add(here, RDFS.comment, claim.note)
            cite(here, claim.citations)
        for index, finding in enumerate(chart.findings):
            here = iri("era", chart.id, "finding", str(index))
            graph.add((here, RDF.type, oc.Finding))
            add(here, oc.findingKind, finding.kind)
            add(here, oc.subject, iri("era", chart.id, finding.subject) if finding.subject else None)
            add(here, RDFS.comment, finding.message)
            add(here, oc.origin, finding.origin)
            cite(here, finding.citations)
    lineage_events: dict[int, URIRef] = {}
    if eras is None:
        for index, link in enumerate(dataset.lineage):
            event = iri("lineage", str(index))
            last = {n.id: c.id for c in charts for n in c.nodes}
            first = {n.id: c.id for c in reversed(charts) for n in c.nodes}
            originals = [iri("era", last[ref], ref) if ref in last else iri("entity", ref) for ref in link.before]
            results = [iri("era", first[ref], ref) if ref in first else iri("entity", ref) for ref in link.after]
            _change(graph, event, originals, results, link.reason)
            add(event, oc.lineageKind, link.kind)
            cite(event, link.citations)
            lineage_events[index] = event
    if len(charts) > 1:
        _change_events(turtle, dataset, charts, lineage_events)
    return graph


class _Builder:
    """The graph being built, with the IRI scheme, the prefixes and the citation pattern."""

    def __init__(self, base: str) -> None:
        from rdflib import Graph, Namespace
        from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

        self.base = verify_base(base)
        self.oc: Namespace = Namespace(VOCABULARY)
        self.graph: Graph = Graph(bind_namespaces="core")
        for prefix, namespace in (("org", ORG), ("prov", PROV), ("skos", SKOS), ("dcterms", DCTERMS), ("oc", self.oc)):
            self.graph.bind(prefix, namespace)
        self.graph.bind("data", Namespace(base))

    def iri(self, *parts: str) -> URIRef:
        """`BASE/part/part/...`, each part percent-encoded."""
        from rdflib import URIRef

        return URIRef(self.base + "/".join(_segment(p) for p in parts))

    def add(self, subject: Any, predicate: Any, value: Any) -> None:
        """One triple; `value` an IRI or a literal; nothing when it is None."""
        from rdflib import Literal, URIRef

        if value is not None:
            self.graph.add((subject, predicate, value if isinstance(value, URIRef) else Literal(value)))

    def cite(self, subject: URIRef, citations: Iterable[Citation | Quote]) -> None:
        """Each citation as a `prov:Derivation` (`SUBJECT_CITATION_N`) from its source, with the
        quote; a diff's quote also names the era it comes from (`oc:era`)."""
        from rdflib import RDF, Literal, URIRef
        from rdflib.namespace import PROV

        for index, citation in enumerate(citations):
            derivation = URIRef(f"{subject}_CITATION_{index}")
            self.graph.add((subject, PROV.wasDerivedFrom, self.iri("source", citation.source)))
            self.graph.add((subject, PROV.qualifiedDerivation, derivation))
            self.graph.add((derivation, RDF.type, PROV.Derivation))
            self.graph.add((derivation, PROV.entity, self.iri("source", citation.source)))
            self.graph.add((derivation, self.oc.quote, Literal(citation.quote)))
            if isinstance(citation, Quote) and citation.era != "lineage":
                self.graph.add((derivation, self.oc.era, self.iri("era", citation.era)))


def _change_events(
    turtle: _Builder, dataset: Dataset, charts: Sequence[OrgChart], lineage_events: dict[int, URIRef]
) -> None:
    """The diff's changes of `charts` (put in chronological order): events for EVENT_KINDS, and
    `oc:notMentionedIn` for additions and removals."""
    from rdflib import RDF, RDFS

    oc = turtle.oc
    turtle.graph.add((oc.notMentionedIn, RDF.type, RDF.Property))
    turtle.add(oc.notMentionedIn, RDFS.comment, NOT_MENTIONED_NOTE)
    order = {chart.id: index for index, chart in enumerate(dataset.eras)}
    hist = history_of(sorted(charts, key=lambda chart: order.get(chart.id, len(order))), dataset.lineage)
    made: set[URIRef] = set()
    for pair, gaps in zip(hist.pairs, hist.since, strict=True):
        before, after = pair.before, pair.after
        for change in pair:
            if change.kind in EVENT_KINDS:
                _event(turtle, change, before, after, made, _lineage_event(change, dataset.lineage, lineage_events))
            elif change.kind == "removed":
                turtle.add(turtle.iri("era", before.id, change.id), oc.notMentionedIn, turtle.iri("era", after.id))
            elif change.kind == "added":
                turtle.add(turtle.iri("era", after.id, change.id), oc.notMentionedIn, turtle.iri("era", before.id))
        for gap in gaps:
            if gap.change.kind in EVENT_KINDS:
                wide = gap.changes
                lineage = _lineage_event(gap.change, dataset.lineage, lineage_events)
                _event(turtle, gap.change, wide.before, wide.after, made, lineage)


def _event(
    turtle: _Builder, change: Change, before: OrgChart, after: OrgChart, made: set[URIRef], lineage: URIRef | None
) -> None:
    """One `org:ChangeEvent` for `change` from era `before` to era `after`."""
    from rdflib.namespace import PROV, SKOS

    oc = turtle.oc
    stem = f"{change.id}_{change.kind.upper()}"
    event, count = turtle.iri("change", before.id, after.id, stem), 1
    while event in made:  # two changes of one kind and id: rare, numbered in the diff's order
        count += 1
        event = turtle.iri("change", before.id, after.id, f"{stem}_{count}")
    made.add(event)
    originals = [turtle.iri("era", before.id, state.id) for state in _states(change.before)]
    results = [turtle.iri("era", after.id, state.id) for state in _states(change.after)]
    _change(turtle.graph, event, originals, results, headline(change))
    turtle.add(event, oc.changeKind, change.kind)
    turtle.add(event, oc.fromEra, turtle.iri("era", before.id))
    turtle.add(event, oc.toEra, turtle.iri("era", after.id))
    turtle.add(event, SKOS.note, change.note or None)
    turtle.add(event, oc.evidence, change.evidence)
    turtle.add(event, oc.matchedBy, change.match.reason if change.match else None)
    turtle.add(event, PROV.wasInfluencedBy, lineage)
    turtle.cite(event, change.citations)


def _states(side: object) -> tuple[EntityState, ...]:
    if isinstance(side, EntityState):
        return (side,)
    return tuple(state for state in side if isinstance(state, EntityState)) if isinstance(side, tuple) else ()


def _lineage_event(change: Change, lineage: Sequence[LineageLink], events: dict[int, URIRef]) -> URIRef | None:
    """The lineage link's event behind a change matched through it, when lineage is exported."""
    if change.match is None or change.match.reason != "lineage":
        return None
    for index, link in enumerate(lineage):
        if change.match.before in link.before and change.match.after in link.after and index in events:
            return events[index]
    return None


def _segment(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="-._~")


def _change(graph: Graph, event: URIRef, originals: list[URIRef], results: list[URIRef], comment: str) -> None:
    from rdflib import RDF, RDFS, Literal
    from rdflib.namespace import ORG

    graph.add((event, RDF.type, ORG.ChangeEvent))
    graph.add((event, RDFS.comment, Literal(comment)))
    for original in originals:
        graph.add((event, ORG.originalOrganization, original))
        graph.add((original, ORG.changedBy, event))
    for result in results:
        graph.add((event, ORG.resultingOrganization, result))
        graph.add((result, ORG.resultedFrom, event))


def to_turtle(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> str:
    """The dataset (or just `eras`) as Turtle text; no blank nodes, so the output is stable."""
    text: str = rdf_graph(dataset, eras, base=base).serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"


def write_turtle(
    dataset: Dataset, path: str | Path, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE
) -> Path:
    """Write the dataset (or just `eras`) as Turtle to `path`, atomically."""
    return write_text_atomic(path, to_turtle(dataset, eras, base=base))
