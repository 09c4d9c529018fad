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

The Turtle is written as the statements are made (`_Turtle`), one block per resource, with a
prefix per era; rdflib builds a graph of the same triples when asked (`rdf_graph`). Building an
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

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from orgchart.atomic import write_text_atomic
from orgchart.changes.changeset import Change, EntityState, Quote
from orgchart.changes.history import history_of
from orgchart.dataset.model import Citation, LineageLink
from orgchart.graph import Dataset, OrgChart
from orgchart.report.text import headline

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

_LOCAL: Final = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.%-]*[A-Za-z0-9_%-])?")
"""A segment that Turtle can write after a prefix as it is (percent escapes included)."""
_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE: Final = re.compile('[\\\\"\x00-\x1f\x7f]')
_IRI_UNSAFE: Final = re.compile('[\x00-\x20<>"{}|^`\\\\]')


def _string(text: str) -> str:
    """A Turtle string literal."""
    escaped = _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)
    return f'"{escaped}"'


def _literal(value: object) -> str:
    """`value` as a Turtle literal with the datatype rdflib gives it (str: plain, int: integer,
    float: double, bool: boolean, date: date)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f'"{value!r}"^^xsd:double'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"^^xsd:date'
    return _string(str(value))


def _full(iri: str) -> str:
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


class _Turtle:
    """Turtle text written as it is made: `statement(subject, [(predicate, object), ...])`
    writes one block. Terms are Turtle text already: `iri(...)` gives a prefixed name where the
    era prefixes allow one, `_literal` a literal. The prefixes come first; they are known from
    the eras before any statement is made."""

    def __init__(self, base: str, era_ids: Sequence[str]) -> None:
        self.base = verify_base(base)
        self.out = io.StringIO()
        self.prefixes: dict[str, str] = {}  # namespace IRI -> prefix
        for prefix, namespace in PREFIXES.items():
            self.prefixes[namespace] = prefix
        self.prefixes[base + "source/"] = "source"
        self.prefixes[base + "entity/"] = "entity"
        for number, era_id in enumerate(era_ids, start=1):
            era = f"{base}era/{_segment(era_id)}/"
            for suffix, part in (("", ""), ("r", "edge/"), ("c", "claim/"), ("f", "finding/")):
                self.prefixes[era + part] = f"e{number}{suffix}"
        for namespace, prefix in self.prefixes.items():
            self.out.write(f"@prefix {prefix}: {_full(namespace)} .\n")
        self.out.write(f"@prefix data: {_full(base)} .\n")

    def iri(self, *parts: str) -> str:
        """`BASE/part/part/...`, each part percent-encoded, as a prefixed name when it can be."""
        segments = [_segment(part) for part in parts]
        for split in range(len(segments) - 1, 0, -1):
            namespace = self.base + "/".join(segments[:split]) + "/"
            prefix = self.prefixes.get(namespace)
            if prefix is not None:
                local = "/".join(segments[split:])
                if _LOCAL.fullmatch(local):
                    return f"{prefix}:{local}"
                break
        return _full(self.base + "/".join(segments))

    def term(self, iri: str) -> str:
        """A full IRI as a term (`source.url`)."""
        return _full(iri)

    def statement(self, subject: str, pairs: Iterable[tuple[str, str | None]]) -> None:
        """`subject predicate object ; ... .`, leaving out pairs whose object is None and
        repeated pairs (an RDF graph is a set)."""
        seen: dict[tuple[str, str], None] = {}
        for predicate, value in pairs:
            if value is not None:
                seen.setdefault((predicate, value), None)
        if not seen:
            return
        body = " ;\n    ".join(f"{predicate} {value}" for predicate, value in seen)
        self.out.write(f"\n{subject} {body} .\n")

    def citations(self, subject: str, citations: Iterable[Citation | Quote]) -> list[tuple[str, str | None]]:
        """Each citation as a `prov:Derivation` (`SUBJECT_CITATION_N`) from its source, with the
        quote (a diff's quote also names the era it comes from, `oc:era`): the subject's pairs
        returned, the derivations written."""
        pairs: list[tuple[str, str | None]] = []
        for index, citation in enumerate(citations):
            derivation = _suffixed(subject, f"_CITATION_{index}")
            source = self.iri("source", citation.source)
            pairs += [("prov:wasDerivedFrom", source), ("prov:qualifiedDerivation", derivation)]
            era = self.iri("era", citation.era) if isinstance(citation, Quote) and citation.era != "lineage" else None
            self.statement(
                derivation,
                [
                    ("a", "prov:Derivation"),
                    ("prov:entity", source),
                    ("oc:quote", _string(citation.quote)),
                    ("oc:era", era),
                ],
            )
        return pairs

    def text(self) -> str:
        return self.out.getvalue()


def _suffixed(term: str, suffix: str) -> str:
    """The term of `term`'s IRI with `suffix` added (both forms: prefixed and <full>)."""
    if term.startswith("<"):
        return term[:-1] + suffix + ">"
    return term + suffix


def _segment(text: str) -> str:
    return quote(text, safe="-._~")


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


def turtle(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> str:
    """The dataset (or just `eras`) as Turtle; changes only for several eras, lineage only for
    the whole dataset."""
    charts = list(dataset.eras if eras is None else eras)
    out = _Turtle(base, [chart.id for chart in charts])
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
                ("dcterms:identifier", _string(source.id)),
                ("dcterms:title", _string(source.title)),
                ("dcterms:publisher", _string(source.publisher)),
                ("rdfs:seeAlso", out.term(source.url) if source.url else None),
                ("oc:dateStart", _literal(source.date.start)),
                ("oc:dateEnd", _literal(source.date.end)),
                ("oc:datePrecision", _string(source.date.precision)),
                ("oc:dateReason", _string(source.date.reason)),
                ("oc:sha256", _string(source.sha256)),
                ("oc:complete", _literal(source.complete)),  # false: the archived text breaks off
                ("oc:breaksOff", _string(source.breaks_off) if source.breaks_off else None),
            ],
        )
    for chart in charts:
        _era(out, chart)
    lineage_events: dict[int, str] = {}
    if eras is None:
        last = {n.id: c.id for c in charts for n in c.nodes}
        first = {n.id: c.id for c in reversed(charts) for n in c.nodes}
        for index, link in enumerate(dataset.lineage):
            event = iri("lineage", str(index))
            originals = [iri("era", last[ref], ref) if ref in last else iri("entity", ref) for ref in link.before]
            results = [iri("era", first[ref], ref) if ref in first else iri("entity", ref) for ref in link.after]
            pairs = _change(out, event, originals, results, link.reason)
            pairs.append(("oc:lineageKind", _string(link.kind)))
            out.statement(event, pairs + out.citations(event, link.citations))
            lineage_events[index] = event
    if len(charts) > 1:
        _change_events(out, dataset, charts, lineage_events)
    return out.text()


def _era(out: _Turtle, chart: OrgChart) -> None:
    """One era: its resource, and each node, relation, claim and finding with their quotes."""
    iri = out.iri
    era = iri("era", chart.id)
    out.statement(
        era,
        [
            ("a", "oc:Era"),
            ("rdfs:label", _string(chart.label)),
            ("dcterms:description", _string(chart.era.description) if chart.era.description else None),
            ("oc:dateStart", _literal(chart.date.start)),
            ("oc:dateEnd", _literal(chart.date.end)),
            ("oc:datePrecision", _string(chart.date.precision)),
            *(("prov:wasDerivedFrom", iri("source", source_id)) for source_id in chart.era.sources),
        ],
    )
    units: dict[str, list[str]] = {}  # org:hasUnit, stated with the superior's own block
    belongs: dict[str, list[str]] = {}  # org:unitOf, with the subordinate's
    relations: dict[str, list[tuple[str, str]]] = {}
    for edge in chart.edges:
        superior, subordinate = iri("era", chart.id, edge.superior), iri("era", chart.id, edge.subordinate)
        if edge.kind == "parent":
            units.setdefault(edge.superior, []).append(subordinate)
            belongs.setdefault(edge.subordinate, []).append(superior)
        else:
            relations.setdefault(edge.superior, []).append((f"oc:{RELATION_PROPERTIES[edge.kind]}", subordinate))
    for node in chart.nodes:
        here = iri("era", chart.id, node.id)
        pairs: list[tuple[str, str | None]] = [
            ("a", "org:OrganizationalUnit" if chart.parent_id(node.id) is not None else "org:Organization"),
            ("dcterms:identifier", _string(node.id)),
            ("skos:prefLabel", _string(node.name)),
            ("rdfs:label", _string(node.name)),
            *(("skos:altLabel", _string(alias)) for alias in node.aliases),
            ("oc:acronym", _string(node.acronym) if node.acronym else None),
            ("oc:kind", _string(node.kind)),
            ("rdfs:comment", _string(node.note) if node.note else None),
            ("oc:nameIncomplete", "true" if node.name_incomplete else None),  # the text cut the name off
            ("oc:era", era),
            ("prov:specializationOf", iri("entity", node.id)),
            *(("org:hasUnit", unit) for unit in units.get(node.id, ())),
            *(("org:unitOf", above) for above in belongs.get(node.id, ())),
            *relations.get(node.id, ()),
        ]
        out.statement(here, pairs + out.citations(here, node.citations))
    for edge in chart.edges:
        here = iri("era", chart.id, "edge", f"{edge.superior}_{edge.kind.upper()}_{edge.subordinate}")
        pairs = [
            ("a", "oc:Relation"),
            ("oc:relationKind", _string(edge.kind)),
            ("oc:superior", iri("era", chart.id, edge.superior)),
            ("oc:subordinate", iri("era", chart.id, edge.subordinate)),
            ("oc:secondParent", "true" if chart.is_second_parent(edge) else None),
            ("rdfs:comment", _string(edge.note) if edge.note else None),
        ]
        out.statement(here, pairs + out.citations(here, edge.citations))
    for claim in chart.claims:
        here = iri("era", chart.id, "claim", claim.id)
        pairs = [
            ("a", "oc:Claim"),
            ("oc:subject", iri("era", chart.id, claim.subject)),
            ("oc:attribute", _string(claim.attribute)),
            ("rdf:value", _literal(claim.value)),
            ("oc:unit", _string(claim.unit) if claim.unit else None),
            ("oc:qualifier", _string(claim.qualifier)),
            ("oc:asOf", _string(claim.as_of) if claim.as_of else None),
            ("rdfs:comment", _string(claim.note) if claim.note else None),
        ]
        out.statement(here, pairs + out.citations(here, claim.citations))
    for index, finding in enumerate(chart.findings):
        here = iri("era", chart.id, "finding", str(index))
        pairs = [
            ("a", "oc:Finding"),
            ("oc:findingKind", _string(finding.kind)),
            ("oc:subject", iri("era", chart.id, finding.subject) if finding.subject else None),
            ("rdfs:comment", _string(finding.message)),
            ("oc:origin", _string(finding.origin)),
        ]
        out.statement(here, pairs + out.citations(here, finding.citations))


def _change_events(out: _Turtle, dataset: Dataset, charts: Sequence[OrgChart], lineage_events: dict[int, str]) -> None:
    """The diff's changes of `charts` (put in chronological order): events for EVENT_KINDS, and
    `oc:notMentionedIn` for additions and removals."""
    out.statement("oc:notMentionedIn", [("a", "rdf:Property"), ("rdfs:comment", _string(NOT_MENTIONED_NOTE))])
    order = {chart.id: index for index, chart in enumerate(dataset.eras)}
    hist = history_of(sorted(charts, key=lambda chart: order.get(chart.id, len(order))), dataset.lineage)
    made: set[str] = set()
    for pair, gaps in zip(hist.pairs, hist.since, strict=True):
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
    out: _Turtle, change: Change, before: OrgChart, after: OrgChart, made: set[str], lineage: str | None
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
        ("oc:changeKind", _string(change.kind)),
        ("oc:fromEra", out.iri("era", before.id)),
        ("oc:toEra", out.iri("era", after.id)),
        ("skos:note", _string(change.note) if change.note else None),
        ("oc:evidence", _string(change.evidence) if change.evidence else None),
        ("oc:matchedBy", _string(change.match.reason) if change.match else None),
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
    out: _Turtle, event: str, originals: list[str], results: list[str], comment: str
) -> list[tuple[str, str | None]]:
    """The event's own pairs (its type, comment, the organizations before and after), with the
    links back from each organization written."""
    for original in originals:
        out.statement(original, [("org:changedBy", event)])
    for result in results:
        out.statement(result, [("org:resultedFrom", event)])
    return [
        ("a", "org:ChangeEvent"),
        ("rdfs:comment", _string(comment)),
        *(("org:originalOrganization", original) for original in originals),
        *(("org:resultingOrganization", result) for result in results),
    ]


def rdf_graph(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> Graph:
    """The dataset (or just `eras`) as an rdflib Graph: `to_turtle`'s triples, parsed."""
    from rdflib import Graph

    return Graph().parse(data=turtle(dataset, eras, base=base), format="turtle")


def to_turtle(dataset: Dataset, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE) -> str:
    """The dataset (or just `eras`) as Turtle text; no blank nodes, so the output is stable."""
    return turtle(dataset, eras, base=base)


def write_turtle(
    dataset: Dataset, path: str | Path, eras: Sequence[OrgChart] | None = None, *, base: str = DEFAULT_BASE
) -> Path:
    """Write the dataset (or just `eras`) as Turtle to `path`, atomically."""
    return write_text_atomic(path, to_turtle(dataset, eras, base=base))
