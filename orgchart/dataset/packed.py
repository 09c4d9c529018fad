"""Validated eras as plain values (tuples of strings), and back again, for the dataset cache.

Rebuilding a 100,000-entity era from its file's values through pydantic took about a second
per era on every command (the schema checked again, a new set of field names per model, then
those sets shared by `share_field_sets`), although the values had passed the same checks when
they were recorded. So the cache records each validated era packed (a tuple per node and edge:
its fields in declaration order, its citations as (source, quote) pairs, and which fields its
file gave) and rebuilds the models as pydantic's `model_construct` does: the instance's
`__dict__` and its set of given fields, no validator run. That is safe because only models
that passed validation are packed, and a record is read only by the code that wrote it (the
cache key covers the data layer's source, see `orgchart.dataset.cache`); a record of another
shape raises, and the cache then reads the files.

Claims, findings and the era's own fields are few: they go through pydantic as before (their
given fields only, so that the rebuilt models are the same, given fields included).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from orgchart.dataset.model import Citation, Claim, Edge, Era, Finding, Node

ModelT = TypeVar("ModelT", bound=BaseModel)

LAYOUT: Final = 1
"""The layout of a packed era (a record of another layout is not read)."""

DAMAGED: Final = (ValueError, TypeError, IndexError, KeyError)
"""What unpacking a record of another shape raises."""

_NODE_FIELDS: Final = tuple(Node.model_fields)
_EDGE_FIELDS: Final = tuple(Edge.model_fields)
_CITATION_FIELDS: Final = frozenset(Citation.model_fields)
_ERA_ITEMS: Final = frozenset({"nodes", "edges", "claims", "findings"})


_SET_DICT: Final = BaseModel.__dict__["__dict__"].__set__
_SET_GIVEN: Final = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA: Final = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE: Final = BaseModel.__dict__["__pydantic_private__"].__set__
"""BaseModel's four slots, set through their descriptors looked up once: object.__setattr__
finds the descriptor again on every call (0.55 us against 0.42 us a model, timed, for the
820,000 models and citations of two 100,000-entity eras)."""


def pack_era(era: Era) -> tuple[Any, ...]:
    """`era` as plain values, ready for `marshal` (see `unpack_era`)."""
    field_sets: dict[frozenset[str], int] = {}
    # Models share their sets of given fields (see `share_field_sets`): each set object's
    # index is looked up by its identity, and the set itself read once (the sets are kept
    # alive by the models while this runs).
    by_identity: dict[int, int] = {}
    citation_values = attrgetter("source", "quote")

    def pack(model: Node | Edge, values: Callable[[dict[str, Any]], tuple[Any, ...]], at: int) -> tuple[Any, ...]:
        packed = list(values(model.__dict__))
        packed[at] = tuple(map(citation_values, model.citations))
        given = model.__pydantic_fields_set__
        index = by_identity.get(id(given))
        if index is None:
            index = by_identity[id(given)] = field_sets.setdefault(frozenset(given), len(field_sets))
        return (index, tuple(packed))

    node_values, at_node = itemgetter(*_NODE_FIELDS), _NODE_FIELDS.index("citations")
    edge_values, at_edge = itemgetter(*_EDGE_FIELDS), _EDGE_FIELDS.index("citations")
    nodes = [pack(node, node_values, at_node) for node in era.nodes]
    edges = [pack(edge, edge_values, at_edge) for edge in era.edges]
    given = era.__pydantic_fields_set__
    head = era.model_dump(include=set(given - _ERA_ITEMS))
    claims = [claim.model_dump(exclude_unset=True) for claim in era.claims]
    findings = [finding.model_dump(exclude_unset=True) for finding in era.findings]
    sets = [tuple(sorted(fields)) for fields in field_sets]
    return (LAYOUT, head, tuple(sorted(given)), sets, nodes, edges, claims, findings)


def unpack_era(packed: Sequence[Any]) -> Era:
    """The era `pack_era` packed, rebuilt without validation (see the module docstring).

    Raises:
        ValueError, TypeError, IndexError, KeyError (`DAMAGED`): not a packed era of this layout.
    """
    layout, head, given, sets, nodes, edges, claims, findings = packed
    if layout != LAYOUT:
        raise ValueError(f"a packed era of layout {layout!r}, not {LAYOUT}")
    scalars = Era.model_validate(
        {
            **head,
            "claims": tuple(Claim.model_validate(claim) for claim in claims),
            "findings": tuple(Finding.model_validate(finding) for finding in findings),
        }
    )
    field_sets = [set(fields) for fields in sets]
    attributes = {
        **scalars.__dict__,
        "nodes": _rebuild(Node, _NODE_FIELDS, nodes, field_sets),
        "edges": _rebuild(Edge, _EDGE_FIELDS, edges, field_sets),
    }
    return _construct(Era, attributes, set(given))


def _rebuild(
    model: type[ModelT], fields: tuple[str, ...], items: Sequence[Any], field_sets: list[set[str]]
) -> tuple[ModelT, ...]:
    """`model`s (Node or Edge) from their packed values. The loop is written out, models made
    by hand, since it runs for every node, edge and citation of the era (a call per model
    costs a tenth of the rebuilding)."""
    new = object.__new__
    set_dict, set_given, set_extra, set_private = _SET_DICT, _SET_GIVEN, _SET_EXTRA, _SET_PRIVATE
    given_citation = set(_CITATION_FIELDS)
    width = len(fields)
    built = []
    for index, values in items:
        if len(values) != width:
            raise ValueError("a packed model of another shape")
        attributes = dict(zip(fields, values, strict=False))  # the width is checked above
        citations = []
        for source, quote in attributes["citations"]:
            citation = new(Citation)
            set_dict(citation, {"source": source, "quote": quote})
            set_given(citation, given_citation)
            set_extra(citation, None)
            set_private(citation, None)
            citations.append(citation)
        attributes["citations"] = tuple(citations)
        instance = new(model)
        set_dict(instance, attributes)
        set_given(instance, field_sets[index])
        set_extra(instance, None)
        set_private(instance, None)
        built.append(instance)
    return tuple(built)


def _construct(model: type[ModelT], values: dict[str, Any], fields_set: set[str]) -> ModelT:
    """A `model` from its field values and given fields, as `model_construct` makes one (the
    same four slots set) without its loop over the fields."""
    instance = object.__new__(model)
    _SET_DICT(instance, values)
    _SET_GIVEN(instance, fields_set)
    _SET_EXTRA(instance, None)
    _SET_PRIVATE(instance, None)
    return instance
