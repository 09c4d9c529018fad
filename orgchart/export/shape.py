"""How another tool's file is shaped: which column or attribute gives names, kinds and ids, how
parents are given (a parent column, a path column, edges in either direction), and how its kinds
map to ours.

`ImportShape` carries the user's answers (`orgchart import --name-key`, `--kind-key`,
`--kind-map`, `--id-key`, `--id-from`, `--path-column`, `--path-separator`, `--edges`); the
readers in this package ask it for each record's name and kind, so every format reads a shape
the same way. Where the user did not say, the defaults are the keys this package exports
(`name`, else `label`; `kind`; `id`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final, Literal

from orgchart.dataset.model import NODE_KINDS
from orgchart.errors import DataError, Problem

EdgeDirection = Literal["parent-to-child", "child-to-parent"]

EDGE_DIRECTIONS: Final[tuple[str, ...]] = ("parent-to-child", "child-to-parent")

NAME_KEYS: Final[tuple[str, ...]] = ("name", "label")
"""The keys that give names when `--name-key` is not given, in order."""

KNOWN_KEYS: Final[frozenset[str]] = frozenset(
    {"id", "name", "label", "kind", "acronym", "aliases", "note", "citations", "parent", "parent_id", "name_incomplete"}
)
"""Node keys this package reads without being told (the keys it exports)."""

SHOWN: Final[int] = 5
"""How many examples a summary note names before "and N more"."""


def listed(items: Sequence[str], shown: int = SHOWN) -> str:
    """The first `shown` items quoted and joined, then "and N more"."""
    head = ", ".join(repr(item) for item in items[:shown])
    return head + (f" and {len(items) - shown:,} more" if len(items) > shown else "")


def parse_kind_map(text: str) -> dict[str, str]:
    """`--kind-map 'Sub-Tier=division,Office=office'` as {source value: kind}.

    A value may itself hold `=` or `/` ("Department/Ind. Agency=agency"): each item is split at
    its last `=`.

    Raises:
        ValueError: an item without `=`, or a kind that is not one of NODE_KINDS.
    """
    mapping: dict[str, str] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        source, sep, kind = item.rpartition("=")
        if not sep or not source.strip():
            raise ValueError(f"{item!r} is not VALUE=KIND")
        kind = kind.strip().lower()
        if kind not in NODE_KINDS:
            raise ValueError(f"{kind!r} in {item!r} is not a kind; valid kinds: {', '.join(NODE_KINDS)}")
        mapping[source.strip()] = kind
    return mapping


@dataclass(frozen=True)
class ImportShape:
    """Where an imported file keeps each part of an organization (see the module docstring).

    Attributes:
        default_kind: the kind of a record that gives none.
        name_key: the column or attribute that gives names (default: `name`, else `label`).
        kind_key: the column or attribute that gives kinds (default: `kind`).
        kind_map: the file's kind values -> NODE_KINDS; a value absent from it must be a kind.
        id_key: the column or attribute that gives ids (default: `id`; GraphML/JSON: the node id).
        id_from: a regular expression whose first group (or whole match) in a path's last
            segment (or, without a path, the given id) is the id: `\\((\\d+)\\)$`.
        path_column: a table's column holding each row's path from the root; parents are then
            the longest path prefix that is itself a row.
        path_separator: what separates a path's segments (default `/`).
        edges: which way GraphML/JSON edges point; None means parent to child, stopping when
            they look reversed.
    """

    default_kind: str | None = None
    name_key: str | None = None
    kind_key: str | None = None
    kind_map: Mapping[str, str] = field(default_factory=dict)
    id_key: str | None = None
    id_from: str | None = None
    path_column: str | None = None
    path_separator: str = "/"
    edges: EdgeDirection | None = None

    def __post_init__(self) -> None:
        if self.id_from is not None:
            try:
                re.compile(self.id_from)
            except re.error as error:
                raise ValueError(f"--id-from {self.id_from!r} is not a regular expression: {error}") from None
        if not self.path_separator:
            raise ValueError("the path separator must not be empty")

    def key_of(self, what: Literal["name", "kind", "id"]) -> str | None:
        """The key the user named for `what`, folded as table headers are."""
        return self._keys[what]

    @cached_property
    def _keys(self) -> dict[str, str | None]:
        """The named keys folded once: `name_of` and `kind_of` ask for every row (a dict made
        and a header folded per call, about 0.2 s of a 100,000-row import)."""
        given = {"name": self.name_key, "kind": self.kind_key, "id": self.id_key}
        return {what: header_key(key) if key else None for what, key in given.items()}

    @cached_property
    def _folded_kind_map(self) -> dict[str, str]:
        """`kind_map` by case-folded file value, made once (it was made again for every row)."""
        return {k.casefold(): v for k, v in self.kind_map.items()}

    def name_of(self, record: Mapping[str, Any]) -> Any:
        """The record's name by `name_key`, else `name`, else `label` (None when none)."""
        key = self.key_of("name")
        if key is not None:
            return record.get(key)
        return next((record[k] for k in NAME_KEYS if record.get(k)), None)

    def kind_of(self, record: Mapping[str, Any]) -> str | None:
        """The record's kind: its kind value mapped by `kind_map` (exactly, then ignoring case),
        or the value itself lowercased, or `default_kind` when it gives none."""
        raw = str(record.get(self.key_of("kind") or "kind") or "").strip()
        if not raw:
            return self.default_kind
        if raw in self.kind_map:
            return self.kind_map[raw]
        return self._folded_kind_map.get(raw.casefold(), raw.lower())

    def used_keys(self) -> frozenset[str]:
        """Keys this shape reads: the known ones and those the user named."""
        named = {self.key_of("name"), self.key_of("kind"), self.key_of("id"), self.path_column}
        return KNOWN_KEYS | {header_key(k) for k in named if k}


def header_key(text: str) -> str:
    """A column name as the table reader folds headers: lowercase, spaces as `_`."""
    return text.strip().lower().replace(" ", "_")


def check_kinds(shape: ImportShape, records: Iterable[Mapping[str, Any]], where: str) -> None:
    """Stop when a kind value is neither mapped nor a kind, naming every such value once, as the
    file writes it (one problem for the whole file, not one per row).

    Raises:
        DataError: with the values and the `--kind-map` that would map them.
    """
    key = shape.key_of("kind") or "kind"
    unknown = sorted(
        {
            str(record.get(key)).strip()
            for record in records
            if record.get(key) and shape.kind_of(record) not in NODE_KINDS
        }
    )
    if not unknown:
        return
    example = ",".join(f"{value}=unit" for value in unknown[:3])
    raise DataError(
        [
            Problem(
                where,
                0,
                0,
                f"{len(unknown)} kind value(s) are not kinds: {listed(unknown)}",
                f"map them with --kind-map '{example}' (kinds: {', '.join(NODE_KINDS)}), or pick "
                "another column with --kind-key",
            )
        ]
    )


def ignored_keys_note(seen: Mapping[str, int], shape: ImportShape, what: str = "node attribute key") -> str | None:
    """A note naming the keys nothing read ("ignored 2,180 node attribute keys: 'a', ... and N
    more"), counted, the most frequent first; None when every key was read."""
    used = shape.used_keys()
    ignored = sorted((k for k in seen if header_key(k) not in used), key=lambda k: (-seen[k], k))
    if not ignored:
        return None
    return f"ignored {len(ignored):,} {what}(s): {listed(ignored)} (use one with --name-key or --kind-key)"


def name_source_note(seen: Mapping[str, int], shape: ImportShape, nodes: int) -> str:
    """Which key gave the names, or that none did and what was used instead."""
    if shape.name_key:
        return f"names from {shape.name_key!r} (--name-key)"
    for key in NAME_KEYS:
        if seen.get(key):
            missing = nodes - seen[key]
            return f"names from {key!r}" + (
                f" ({missing:,} node(s) without it took their id's last part)" if missing else ""
            )
    return "no 'name' or 'label' key: names were taken from the ids' last part; pass --name-key KEY to use another key"
