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

`org:ChangeEvent`s come from what the data itself says across eras (until the diff module can
say more): an id present in two consecutive eras whose document names it differently or places
it under another parent, and each link of the lineage file.

rdflib is imported lazily, so importing orgchart does not load it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from orgchart.atomic import write_text_atomic
from orgchart.graph import Dataset, OrgChart
from orgchart.model import Citation

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

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


def rdf_graph(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> Graph:
    """The dataset (or just `eras`) as an rdflib Graph; lineage and changes only for several eras."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

    oc = Namespace(VOCABULARY)
    charts = list(dataset.eras if eras is None else eras)
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in (("org", ORG), ("prov", PROV), ("skos", SKOS), ("dcterms", DCTERMS), ("oc", oc)):
        graph.bind(prefix, namespace)
    graph.bind("data", Namespace(base))

    def iri(*parts: str) -> URIRef:
        return URIRef(base + "/".join(_segment(p) for p in parts))

    def add(subject: Any, predicate: Any, value: Any) -> None:
        if value is not None:
            graph.add((subject, predicate, value if isinstance(value, URIRef) else Literal(value)))

    def cite(subject: URIRef, citations: Iterable[Citation]) -> None:
        for index, citation in enumerate(citations):
            derivation = URIRef(f"{subject}_CITATION_{index}")
            graph.add((subject, PROV.wasDerivedFrom, iri("source", citation.source)))
            graph.add((subject, PROV.qualifiedDerivation, derivation))
            graph.add((derivation, RDF.type, PROV.Derivation))
            graph.add((derivation, PROV.entity, iri("source", citation.source)))
            graph.add((derivation, oc.quote, Literal(citation.quote)))

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
    for before, after in itertools.pairwise(charts):
        for node in after.nodes:
            if node.id not in before:
                continue
            old = before.node(node.id)
            changes = []
            if old.name != node.name:
                changes.append(f"{before.id} names it {old.name!r}; {after.id} names it {node.name!r}")
            old_parent, new_parent = before.parent(node.id), after.parent(node.id)
            if old_parent and new_parent and old_parent.id != new_parent.id:
                changes.append(f"{before.id} places it under {old_parent.id!r}; {after.id} under {new_parent.id!r}")
            if changes:
                event = iri("change", before.id, after.id, node.id)
                _change(
                    graph, event, [iri("era", before.id, node.id)], [iri("era", after.id, node.id)], "; ".join(changes)
                )
                add(event, oc.fromEra, iri("era", before.id))
                add(event, oc.toEra, iri("era", after.id))
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
    return graph


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
