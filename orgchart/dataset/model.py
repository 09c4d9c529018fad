"""The data model: sources, eras, nodes, edges, claims, citations and findings.

Every model is a frozen pydantic v2 model, so a dataset is a value: built once from YAML,
validated, then only read. Fixed vocabularies (node kinds, edge kinds, qualifiers, date
precisions) live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from orgchart.dataset.display import clip
from orgchart.dataset.text import ID_PATTERN as ID_PATTERN  # re-exported: the importer uses it
from orgchart.dataset.text import MAX_ID_CHARS as MAX_ID_CHARS  # re-exported with ID_PATTERN
from orgchart.dataset.text import (
    ClaimValue,
    Id,
    Name,
    Quote,
    Text,
    describe_character,
    refused,
)

_INSIDE_FIX: Final = (
    "copy the document into the data directory and give its path relative to it (e.g. sources/page.txt)"
)

MAX_URL_CHARS: Final = 2_000


NodeKind = Literal[
    "agency",
    "directorate",
    "division",
    "sub-division",
    "unit",
    "program",
    "office",
    "center",
    "team",
    "field office",
    "sub-office",
    "facility",
    "facility type",
    "task force",
    "system",
    "external body",
]
"""Kinds of organizational entity. `external body` is anything outside the modelled
organization that its structure depends on (partners, other departments)."""

EdgeKind = Literal["parent", "oversight", "partnership", "coordination", "support"]
"""Kinds of relation. `parent` is containment ("comprises", "is organized into") and forms a
forest per era; `oversight` is "oversees", "manages", "provides oversight for"; the others are
stated working relations that place no entity inside another."""

Qualifier = Literal["exactly", "approximately", "more than", "at least", "fewer than", "up to", "average"]
Precision = Literal["day", "month", "year", "range"]
FindingKind = Literal[
    "count_mismatch",
    "second_parent",
    "conflicting_figures",
    "conflicting_statements",
    "text_damage",
    "uncited",
    "other",
]

# The same vocabularies as tuples, for messages and checks; each is read off its Literal, so
# the two cannot drift apart.
NODE_KINDS: Final[tuple[str, ...]] = get_args(NodeKind)
EDGE_KINDS: Final[tuple[str, ...]] = get_args(EdgeKind)
QUALIFIERS: Final[tuple[str, ...]] = get_args(Qualifier)
PRECISIONS: Final[tuple[str, ...]] = get_args(Precision)
FINDING_KINDS: Final[tuple[str, ...]] = get_args(FindingKind)
Severity = Literal["info", "warning"]


class Frozen(BaseModel):
    """Base for every model: immutable, and unknown keys are an error, not silently dropped."""

    # Numbers become text where text is expected, so `as_of: 2019` in YAML means "2019".
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class Citation(Frozen):
    """A verbatim quote from one source. Matching folds runs of white space and nothing else."""

    source: str = Field(min_length=1, max_length=1_000)
    quote: Quote

    def __repr__(self) -> str:
        return f"<Citation {self.source}: {clip(self.quote)!r}>"


class SourceDate(Frozen):
    """When a document was written or what it describes: a day, month, year or a range."""

    start: dt.date
    end: dt.date
    precision: Precision
    reason: Text

    @model_validator(mode="after")
    def _start_not_after_end(self) -> SourceDate:
        if self.start > self.end:
            raise ValueError(f"date start {self.start} is after end {self.end}")
        return self

    @property
    def label(self) -> str:
        """A short human label: `2023-01-18`, `2020-03`, `2019`, or `2008-12..2010-06`."""
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __repr__(self) -> str:
        return f"<SourceDate {self.label} ({self.precision})>"


class Source(Frozen):
    """An archived document, checksummed so that a changed file is caught."""

    id: Id
    file: Name
    title: Name
    publisher: Name
    url: str | None = Field(default=None, max_length=MAX_URL_CHARS)
    date: SourceDate
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    notes: Text | None = None
    complete: bool = True
    """False when the archived text is known to stop short of the document (a truncated page)."""
    breaks_off: Text | None = None
    """Where an incomplete text stops: a quote of its last words, verbatim in the file."""

    @model_validator(mode="after")
    def _breaks_off_only_when_incomplete(self) -> Source:
        if not self.complete and not self.breaks_off:
            raise ValueError("a source with `complete: false` needs `breaks_off:`, a quote of where the text stops")
        if self.complete and self.breaks_off:
            raise ValueError("`breaks_off:` is for a source with `complete: false`; add that, or remove `breaks_off:`")
        return self

    @field_validator("sha256", mode="before")
    @classmethod
    def _lowercase_digest(cls, value: Any) -> Any:
        # `sha256sum` prints lowercase, other tools uppercase: the same digest either way.
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("file")
    @classmethod
    def _relative_path(cls, value: str) -> str:
        if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", value):
            raise refused("is an absolute path", _INSIDE_FIX)
        if ".." in re.split(r"[\\/]", value):
            raise refused("leaves the data directory (`..`)", _INSIDE_FIX)
        return value

    @field_validator("url")
    @classmethod
    def _plain_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s\x00-\x1f\x7f<>\"{}|\\^`]+", value):
            bad = re.search(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]", value)
            what = f"{describe_character(bad.group())} at position {bad.start() + 1}" if bad else "no scheme://"
            raise refused(f"is not a URL: {what}", "write a space as %20, and start with a scheme such as https://")
        return value

    def __repr__(self) -> str:
        return f"<Source {self.id!r} {self.date.label}: {clip(self.title)!r}>"


class Node(Frozen):
    """An organizational entity as one era's document names it."""

    id: Id
    name: Name
    kind: NodeKind
    acronym: Name | None = None
    aliases: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()
    note: Text | None = None
    name_incomplete: bool = False
    """True when the document's text cuts the name off (damage, truncation): the diff then
    takes it as the start of a name in another era, not as a rename."""

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # A short repr (query results print lists of nodes); citations: `era.citations(node)`.
        yield from ((key, getattr(self, key)) for key in ("id", "name", "kind"))
        if self.acronym:
            yield "acronym", self.acronym


class Edge(Frozen):
    """A relation from a superior to a subordinate (or, for partnerships, from the modelled
    entity to its partner)."""

    kind: EdgeKind
    superior: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    subordinate: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    citations: tuple[Citation, ...] = ()
    note: Text | None = None

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # A short repr; citations: `era.citations(superior, subordinate)`.
        yield from ((key, getattr(self, key)) for key in ("kind", "superior", "subordinate"))

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of an edge within an era: (kind, superior, subordinate)."""
        return (self.kind, self.superior, self.subordinate)


class Claim(Frozen):
    """A stated figure about the structure: "25 field offices", "approximately 4,300 prisons".

    `counts`, when given, names the node kind whose children of `subject` the figure counts,
    so validation can compare the stated number with the entities the document lists.
    """

    id: Id
    subject: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    attribute: Name
    value: ClaimValue
    unit: Name | None = None
    qualifier: Qualifier = "exactly"
    as_of: Name | None = None
    counts: NodeKind | None = None
    citations: tuple[Citation, ...] = ()
    note: Text | None = None

    def __repr__(self) -> str:
        qualifier = "" if self.qualifier == "exactly" else f"{self.qualifier} "
        return f"<Claim {self.id!r}: {self.subject} {self.attribute} = {qualifier}{self.value}>"


class Finding(Frozen):
    """What validation or a curator learns that is not an error, and that readers need:
    a count that differs from what is listed, a second parent, two figures that disagree."""

    kind: FindingKind
    subject: str | None = Field(default=None, max_length=MAX_ID_CHARS)
    message: Text
    citations: tuple[Citation, ...] = ()
    severity: Severity = "warning"
    origin: Literal["curated", "computed"] = "curated"

    def __repr__(self) -> str:
        subject = f" {self.subject!r}" if self.subject else ""
        return f"<Finding {self.kind}{subject}: {clip(self.message)!r}>"


class Era(Frozen):
    """What one document (or a set of contemporaneous documents) states about the structure."""

    id: Id
    label: Name
    sources: tuple[str, ...] = Field(min_length=1)
    description: Text | None = None
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<Era {self.id!r} {clip(self.label)!r}: {len(self.nodes)} nodes, {len(self.edges)} edges, "
            f"{len(self.claims)} claims>"
        )


class DatasetSettings(Frozen):
    """What a dataset says about itself (`dataset.yaml`, optional)."""

    default_era: str | None = None
    """The era commands use when none is named; without it, the latest era whose sources are
    all complete."""


class LineageLink(Frozen):
    """A succession the ids cannot carry: a rename into a new id, a merge, a split."""

    kind: Literal["renamed", "succeeded", "merged", "split"]
    before: tuple[str, ...] = Field(min_length=1)
    after: tuple[str, ...] = Field(min_length=1)
    reason: Text
    citations: tuple[Citation, ...] = ()

    def __repr__(self) -> str:
        return f"<LineageLink {self.kind}: {', '.join(self.before)} -> {', '.join(self.after)}>"
