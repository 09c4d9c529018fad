"""The fixed vocabularies of the model: node kinds, edge kinds, qualifiers, date precisions,
finding kinds and severities, each a `Literal` type and the same values as a tuple.

Kept apart from `orgchart.dataset.model` so that what needs only the words (the command line's
choices, queries) does not import pydantic; the model re-exports every name.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

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
