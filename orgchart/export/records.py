"""Flat records shared by every interchange format, and what a reader gives back.

Each format writes the same facts: sources, nodes, edges, claims, curated findings and their
citations. This module turns model objects into plain dicts (JSON-ready, with fixed key order)
and back, encodes the list-valued fields that flat formats (CSV cells, GraphML attributes) hold
as JSON text, and defines `ImportedEra`, what every `read_*` function returns. Keeping this in
one place is what makes a round trip through any format give back the same era.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from orgchart.dataset.model import ID_PATTERN, MAX_ID_CHARS, Citation, Claim, Edge, Finding, Node, Source
from orgchart.errors import DataError, Problem
from orgchart.export.shape import ImportShape

EXPORT_FORMATS: Final[tuple[str, ...]] = ("json", "graphml", "csv", "sqlite", "rdf")
"""Formats `orgchart export` writes."""

IMPORT_FORMATS: Final[tuple[str, ...]] = ("csv", "json", "graphml")
"""Formats `orgchart import` reads."""

MULTI_ERA_FORMATS: Final[tuple[str, ...]] = ("sqlite", "rdf")
"""Formats that hold every era of a dataset in one file (`--all-eras`)."""

_FORMAT_ALIASES: Final[dict[str, str]] = {"ttl": "rdf", "turtle": "rdf", "db": "sqlite", "sqlite3": "sqlite"}


def verify_format(name: str, valid: tuple[str, ...] = EXPORT_FORMATS) -> str:
    """The canonical name of format `name` (`ttl` -> `rdf`), or ValueError listing the valid ones."""
    canonical = _FORMAT_ALIASES.get(name.lower(), name.lower())
    if canonical not in valid:
        raise ValueError(f"unknown format {name!r}; valid formats: {', '.join(valid)}")
    return canonical


@dataclass(frozen=True)
class ImportedEra:
    """One era as read from an interchange file, before it becomes part of a dataset.

    `id`, `label` and `era_sources` are None/empty when the file does not say (a plain table);
    the importer then takes them from the command line and, for sources, a placeholder.
    Only curated findings are kept: computed ones are recomputed by validation.
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    sources: tuple[Source, ...] = ()
    era_sources: tuple[str, ...] = ()
    id: str | None = None
    label: str | None = None
    description: str | None = None
    notes: tuple[str, ...] = field(default=())
    """What the reader changed or ignored (an id made valid, a column skipped), for the user."""
    lines: Mapping[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    """Where each record was read, where the format has lines: ("nodes", 3) -> (file, line)."""

    def __repr__(self) -> str:
        return f"<ImportedEra {self.id!r}: {len(self.nodes)} nodes, {len(self.edges)} edges, {len(self.claims)} claims>"


def citation_records(citations: Iterable[Citation]) -> list[dict[str, str]]:
    """Citations as `{source, quote}` dicts."""
    return [{"source": c.source, "quote": c.quote} for c in citations]


def encode_list(items: list[Any]) -> str:
    """A list as compact JSON text for a flat cell or attribute; empty text for an empty list."""
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")) if items else ""


def decode_list(text: str | None) -> list[Any]:
    """The inverse of `encode_list`; raises ValueError on text that is not a JSON list."""
    if text is None or not text.strip():
        return []
    value = json.loads(text)
    if not isinstance(value, list):
        raise ValueError("expected a JSON list")
    return value


def source_row(source: Source) -> tuple[str | bool | None, ...]:
    """Every field of a source as one flat row (dates as ISO text), in the column order the CSV
    `sources.csv` and the SQLite `sources` table share."""
    return (
        source.id,
        source.file,
        source.title,
        source.publisher,
        source.url,
        source.date.start.isoformat(),
        source.date.end.isoformat(),
        source.date.precision,
        source.date.reason,
        source.sha256,
        source.notes,
        source.complete,
        source.breaks_off,
    )


def source_record(source: Source) -> dict[str, Any]:
    """Every field of a source, dates as ISO text."""
    return {
        "id": source.id,
        "file": source.file,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": {
            "start": source.date.start.isoformat(),
            "end": source.date.end.isoformat(),
            "precision": source.date.precision,
            "reason": source.date.reason,
        },
        "sha256": source.sha256,
        "notes": source.notes,
        "complete": source.complete,
        "breaks_off": source.breaks_off,
    }


def node_record(node: Node) -> dict[str, Any]:
    """Every field of a node."""
    return {
        "id": node.id,
        "name": node.name,
        "kind": node.kind,
        "acronym": node.acronym,
        "aliases": list(node.aliases),
        "note": node.note,
        "citations": citation_records(node.citations),
        "name_incomplete": node.name_incomplete,
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    """Every field of a claim."""
    return {
        "id": claim.id,
        "subject": claim.subject,
        "attribute": claim.attribute,
        "value": claim.value,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "as_of": claim.as_of,
        "counts": claim.counts,
        "note": claim.note,
        "citations": citation_records(claim.citations),
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """Every field of a finding."""
    return {
        "kind": finding.kind,
        "subject": finding.subject,
        "message": finding.message,
        "severity": finding.severity,
        "origin": finding.origin,
        "citations": citation_records(finding.citations),
    }


def parse_number(text: str) -> int | float:
    """A claim value from text: an int when it is written as one, else a float."""
    stripped = text.strip()
    return int(stripped) if re.fullmatch(r"[-+]?\d+", stripped) else float(stripped)


def listed(value: Any) -> Any:
    """A record's list field (aliases, citations) as the model takes it: a list or tuple as a
    tuple, nothing as empty, anything else as it is, for the model to refuse with a located
    error (`tuple(value)` raised a bare TypeError on a number in a mutated file)."""
    if not value:
        return ()
    return tuple(value) if isinstance(value, list | tuple) else value


def model_from(record: Mapping[str, Any], model: type[Any], where: str) -> Any:
    """Build `model` from `record`, turning pydantic's error into a located `DataError`."""
    try:
        return model.model_validate(dict(record))
    except ValidationError as error:
        problems = [
            Problem(
                where,
                0,
                0,
                f"{'.'.join(str(p) for p in d['loc']) or 'record'}: {str(d['msg']).removeprefix('Value error, ')}",
                d.get("ctx", {}).get("fix") or "correct the value",
            )
            for d in error.errors()
        ]
        raise DataError(problems) from None


def curated(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The curated findings: computed ones are recomputed from the data on load."""
    return tuple(f for f in findings if f.origin == "curated")


_NOT_ID = re.compile(r"[^a-z0-9._-]+")


def normalize_id(raw: str) -> str:
    """`raw` made into a valid id: lowercase ASCII letters, digits, `.`, `_`, `-`.

    `HR Dept` -> `hr-dept`, `Café 2` -> `cafe-2`; text with no ASCII letter or digit at all
    (`移民局`) becomes `id-` and its code points in hex, so distinct inputs stay distinct.
    """
    if re.fullmatch(ID_PATTERN, raw):
        return raw
    folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii").lower()
    # `..` is not allowed in an id (`A..B` names a pair of eras); runs of dots become one.
    slug = re.sub(r"\.{2,}", ".", _NOT_ID.sub("-", folded)).strip("-._")[:MAX_ID_CHARS].rstrip(".")
    if not slug:
        return "id-" + "-".join(f"{ord(c):x}" for c in raw.strip())[:60] if raw.strip() else "id-blank"
    return slug


@dataclass
class NodeTable:
    """Builds nodes from loosely typed records (another tool's file, a spreadsheet row) and
    remembers how each given id was made valid, so edges and claims can refer to them."""

    where: str
    default_kind: str | None = None
    nodes: list[Node] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    shape: ImportShape | None = None
    """Where names and kinds are (default: `name`/`label` and `kind`, with `default_kind`)."""
    made: dict[str, str] = field(default_factory=dict)
    """Ids the reader made beforehand (`orgchart.export.ids.short_ids`): given id -> id."""
    taken: set[str] = field(default_factory=set)
    """The ids made so far (the values of `ids`, as a set: one lookup per row, not a scan)."""
    lines: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    """Where each node, edge and claim made so far was read (`ImportedEra.lines`)."""
    counts: dict[str, int] = field(default_factory=dict)

    def _read_at(self, section: str, line: int) -> None:
        index = self.counts.get(section, 0)
        self.counts[section] = index + 1
        if line:
            self.lines[(section, index)] = (self.where, line)

    def __post_init__(self) -> None:
        if self.shape is None:
            self.shape = ImportShape(default_kind=self.default_kind)

    def add(self, record: Mapping[str, Any], line: int = 0, *, name: str | None = None) -> Node:
        """Add one node from `record` (id, name, kind, acronym, aliases, note, citations); `name`,
        when given, is the name the reader found where the record has none."""
        assert self.shape is not None
        given = str(record.get("id") or "").strip()
        if not given:
            raise DataError([Problem(self.where, line, 0, "a node has no id", "give every row an id")])
        node_id = self.made.get(given) or normalize_id(given)
        if node_id in self.taken:
            raise DataError(
                [
                    Problem(
                        self.where,
                        line,
                        0,
                        f"duplicate node id {given!r} (as {node_id!r})",
                        "give each node its own id",
                    )
                ]
            )
        if node_id != given and given not in self.made:
            self.notes.append(f"id {given!r} became {node_id!r}")
        self.ids[given] = node_id
        self.taken.add(node_id)
        kind = self.shape.kind_of(record)
        if kind is None:
            raise DataError(
                [
                    Problem(
                        self.where,
                        line,
                        0,
                        f"node {given!r} has no kind",
                        "add a kind column, name it with --kind-key, or pass --default-kind KIND (e.g. unit)",
                    )
                ]
            )
        name = self.shape.name_of(record) or name or given
        node = model_from(
            {
                "id": node_id,
                "name": name,
                "kind": kind,
                "acronym": record.get("acronym") or None,
                "aliases": listed(record.get("aliases")),
                "note": record.get("note") if record.get("note") not in ("", None) else None,
                "citations": listed(record.get("citations")),
                "name_incomplete": truth(record.get("name_incomplete")),
            },
            Node,
            f"{self.where}:{line}" if line else self.where,
        )
        self.nodes.append(node)
        self._read_at("nodes", line)
        return node

    def ref(self, given: str, line: int = 0, what: str = "node") -> str:
        """The id a reference `given` was made into; DataError when no node has it."""
        if given in self.ids:
            return self.ids[given]
        if given in self.taken:
            return given
        raise DataError(
            [Problem(self.where, line, 0, f"{what} refers to unknown node {given!r}", "add that node, or fix the id")]
        )

    def edge(self, record: Mapping[str, Any], line: int = 0) -> Edge:
        """An edge from `record` (kind, superior, subordinate, note, citations); kind defaults
        to `parent`, the relation an org-chart table or diagram draws."""
        where = f"{self.where}:{line}" if line else self.where
        self._read_at("edges", line)
        return model_from(
            {
                "kind": str(record.get("kind") or "parent").strip().lower(),
                "superior": self.ref(str(record["superior"]), line, "an edge"),
                "subordinate": self.ref(str(record["subordinate"]), line, "an edge"),
                "note": record.get("note") or None,
                "citations": listed(record.get("citations")),
            },
            Edge,
            where,
        )

    def claim(self, record: Mapping[str, Any], line: int = 0) -> Claim:
        """A claim from `record` (the fields of `claim_record`)."""
        where = f"{self.where}:{line}" if line else self.where
        value = record.get("value")
        try:
            number = parse_number(value) if isinstance(value, str) else value
        except ValueError:
            raise DataError(
                [Problem(where, 0, 0, f"claim value {value!r} is not a number", "write a number")]
            ) from None
        fields = {k: (record.get(k) or None) for k in ("unit", "as_of", "counts", "note")}
        self._read_at("claims", line)
        return model_from(
            {
                "id": record.get("id"),
                "subject": self.ref(str(record.get("subject")), line, "a claim"),
                "attribute": record.get("attribute"),
                "value": number,
                "qualifier": record.get("qualifier") or "exactly",
                "citations": listed(record.get("citations")),
                **fields,
            },
            Claim,
            where,
        )

    def finding(self, record: Mapping[str, Any], line: int = 0) -> Finding:
        """A finding from `record` (the fields of `finding_record`)."""
        where = f"{self.where}:{line}" if line else self.where
        subject = record.get("subject")
        return model_from(
            {
                "kind": record.get("kind"),
                "subject": self.ref(str(subject), line, "a finding") if subject else None,
                "message": record.get("message"),
                "severity": record.get("severity") or "warning",
                "origin": record.get("origin") or "curated",
                "citations": listed(record.get("citations")),
            },
            Finding,
            where,
        )


def source_from(record: Mapping[str, Any], where: str) -> Source:
    """A source from `record` (the fields of `source_record`; `complete` as a boolean or as a
    flat format's text: "false", "0", ...)."""
    fields = {k: v for k, v in record.items() if v is not None}
    if "complete" in fields:
        fields["complete"] = truth(fields["complete"], default=True)
    return model_from(fields, Source, where)


def truth(value: Any, *, default: bool = False) -> bool:
    """A flag as a boolean, from a boolean, a number or a flat format's text ("true", "1",
    "false", "0", "", "yes", "no"); an empty or missing value is `default`."""
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.strip().casefold() in ("true", "1", "yes", "y", "t")
    return bool(value)
