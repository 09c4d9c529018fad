"""YAML on disk -> model objects, with file:line:column on every error.

YAML is read by `orgchart.dataset.safe_yaml`, which remembers where every value sits and
refuses anchors and aliases (a few lines of aliases can expand into gigabytes) and duplicate
keys (which plain YAML would silently resolve to the last one). Schema errors from pydantic are
mapped back to those positions, so a user is sent to the line to fix.

Positions are needed only to report a problem, and reading them costs: a 100,000-entity era
file takes 40 s through `safe_yaml` and about one through yaml-rs (`orgchart.dataset.fast_yaml`),
which gives values only. So a file is first read by the fast path where it reads the text as
`safe_yaml` does, and read again by `safe_yaml` when a problem must be located (`Located`
does that on demand). An era's values are dropped once its model is built: for a large era
they take more memory than the model.
"""

from __future__ import annotations

import functools
import reprlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from orgchart.dataset import progress
from orgchart.dataset.fast_yaml import parse_fast
from orgchart.dataset.files import decode_utf8, read_bounded
from orgchart.dataset.model import (
    EDGE_KINDS,
    FINDING_KINDS,
    NODE_KINDS,
    QUALIFIERS,
    Claim,
    DatasetSettings,
    Edge,
    Era,
    Finding,
    LineageLink,
    Node,
    Source,
)
from orgchart.dataset.safe_yaml import Loc, parse_yaml
from orgchart.dataset.text import id_problem
from orgchart.errors import DataError, Problem, closest, display_path

__all__ = ["LoadedData", "LoadedEra", "Loc", "Located", "build_model", "load_data", "read_yaml"]
ModelT = TypeVar("ModelT", bound=BaseModel)

SOURCES_FILE: Final = "sources.yaml"
ERAS_DIR: Final = "eras"
LINEAGE_FILE: Final = "lineage.yaml"
SETTINGS_FILE: Final = "dataset.yaml"

VOCABULARIES: Final[dict[str, tuple[str, ...]]] = {
    "kind": NODE_KINDS + EDGE_KINDS + FINDING_KINDS,
    "counts": NODE_KINDS,
    "qualifier": QUALIFIERS,
}


@dataclass(frozen=True)
class Located:
    """A value read from a YAML file, and the position of every part of it.

    `known_positions` is None when the file was read by the fast path, which keeps none:
    `positions` (and `exactly`) then read the file again with `safe_yaml`, the first time a
    problem needs a line. `value` is None once a model is built from it (see `without_value`).
    """

    path: Path
    value: Any
    known_positions: Mapping[Loc, tuple[int, int]] | None = None
    root: Path | None = None

    @property
    def exact(self) -> bool:
        """Whether the values and positions are `safe_yaml`'s (not the fast path's)."""
        return self.known_positions is not None

    @cached_property
    def exactly(self) -> Located:
        """This file as `safe_yaml` reads it: its values and every position.

        Raises:
            DataError: `safe_yaml` refuses the file (what the fast path could not say).
        """
        if self.exact:
            return self
        return _read_exactly(self.path, self.root)

    @property
    def positions(self) -> Mapping[Loc, tuple[int, int]]:
        """The 1-based (line, column) of every value, by loc."""
        if self.known_positions is not None:
            return self.known_positions
        try:
            return self.exactly.positions
        except DataError:  # changed or unreadable since: the problem is still reported, at line 1
            return {}

    def without_value(self) -> Located:
        """The same file without its values (positions are read again if a problem needs them)."""
        return replace(self, value=None)

    def where(self, loc: Loc) -> tuple[int, int]:
        """The 1-based (line, column) of `loc`, or of its nearest located ancestor."""
        positions = self.positions
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in positions:
                return positions[loc[:cut]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, fix: str = "") -> Problem:
        """A problem located at `loc` in this file."""
        line, column = self.where(loc)
        return Problem(display_path(self.path), line, column, message, fix)


@dataclass(frozen=True)
class LoadedEra:
    """An era model and the file it came from, kept together so later checks can point at lines."""

    era: Era
    origin: Located


@dataclass(frozen=True)
class LoadedData:
    """Everything read from a data directory, before cross-file validation."""

    root: Path
    sources: tuple[Source, ...]
    sources_origin: Located
    eras: tuple[LoadedEra, ...]
    lineage: tuple[LineageLink, ...]
    lineage_origin: Located | None
    settings: DatasetSettings = field(default_factory=DatasetSettings)
    settings_origin: Located | None = None


Reader = Callable[[Path, Path], Located]
"""How `load_data` reads a file (path, dataset root): `read_yaml`, or a cache's reader."""


def read_yaml(path: Path, root: Path | None = None) -> Located:
    """Parse one YAML file into plain values (and their positions when read by `safe_yaml`).

    The file must be a regular file of at most `MAX_FILE_BYTES` (inside `root` when given);
    the YAML is read by the fast path where it agrees with `safe_yaml`, else by `safe_yaml`
    (no aliases, bounded depth, no recursion).

    Raises:
        DataError: the file cannot be read, is not UTF-8, is not valid YAML, or uses anchors,
            aliases, unsupported tags, too deep nesting or duplicate keys.
    """
    shown = display_path(path)
    content = read_bounded(path, root=root)
    text = decode_utf8(content, shown)
    fast, value = parse_fast(text, content)
    if fast:
        return Located(path, value, None, root)
    value, positions = parse_yaml(text, shown)
    return Located(path, value, positions, root)


def _read_exactly(path: Path, root: Path | None) -> Located:
    shown = display_path(path)
    value, positions = parse_yaml(decode_utf8(read_bounded(path, root=root), shown), shown)
    return Located(path, value, positions, root)


def build_model(located: Located, model: type[ModelT], loc: Loc = ()) -> ModelT:
    """Validate `located.value` (or its part at `loc`) as `model`, locating every schema error.

    A file read by the fast path is read again by `safe_yaml` first, so that its problems are
    the ones `safe_yaml` finds, at their lines (and a disagreement of the two readers costs
    time, never a different result).
    """
    value = located.value
    for part in loc:
        value = value[part]
    try:
        return model.model_validate(value)
    except ValidationError as error:
        if not located.exact:
            return build_model(located.exactly, model, loc)
        problems: dict[tuple[int, int], Problem] = {}
        for detail in error.errors():
            problem = _schema_problem(located, (*loc, *detail["loc"]), detail)
            # A union (int | float) reports once per member; one message per place is enough.
            problems.setdefault((problem.line, problem.column), problem)
        raise DataError(list(problems.values())) from None


_CHUNK: Final = 4_096
"""Items validated at a time by `build_era`."""


@functools.lru_cache(maxsize=8)
def _items_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def build_era(located: Located) -> Era:
    """The era model of an era file's values, built a few thousand items at a time.

    A file read by the fast path is consumed as it goes: each item's values are dropped as
    soon as its model is built, so the memory they held is reused by the next models (a
    100,000-entity era's values take twice the memory of its models, and both at once would be
    the peak of a load). Any problem sends the file to `build_model`, on `safe_yaml`'s reading.
    """
    value = located.value
    if located.exact or not isinstance(value, dict):
        return build_model(located, Era)
    parts: dict[str, tuple[Any, ...]] = {}
    try:
        for key, model in (("nodes", Node), ("edges", Edge), ("claims", Claim), ("findings", Finding)):
            items = value.get(key)
            if not isinstance(items, list):
                continue
            adapter = _items_adapter(model)
            built: list[Any] = []
            for start in range(0, len(items), _CHUNK):
                built += adapter.validate_python(items[start : start + _CHUNK])
                items[start : start + _CHUNK] = [None] * len(items[start : start + _CHUNK])
            parts[key] = tuple(built)
        era = Era.model_validate({**value, **parts})
    except ValidationError:
        return build_model(located.exactly, Era)
    share_field_sets(era)
    return era


def share_field_sets(era: Era) -> None:
    """Give every node, edge and citation of `era` with the same fields set one shared
    `__pydantic_fields_set__`.

    pydantic keeps, per model instance, the set of the fields a file gave; a set of five names
    takes 728 bytes, more than the node's values, and 140 MB of a 100,000-entity era's 225 MB.
    The models are frozen, so nothing adds to these sets after validation (pydantic adds to
    one only on assignment, and `model_copy` copies the set before updating the copy); equal
    sets can therefore be one object.
    """
    shared: dict[frozenset[str], set[str]] = {}
    citation_fields: set[str] | None = None  # a citation has two fields, both required: one set
    assign = object.__setattr__
    # The loop is written out (it runs for every node, edge and citation); consecutive items
    # mostly give the same fields, so a set equal to the previous item's takes its shared set
    # without a frozenset made to look it up.
    for items in (era.nodes, era.edges):
        last: set[str] | None = None
        for item in items:
            fields = item.__pydantic_fields_set__
            if fields != last:
                last = shared.setdefault(frozenset(fields), fields)
            assign(item, "__pydantic_fields_set__", last)
            for citation in item.citations:
                if citation_fields is None:
                    citation_fields = citation.__pydantic_fields_set__
                assign(citation, "__pydantic_fields_set__", citation_fields)


def _schema_problem(located: Located, loc: Loc, detail: Mapping[str, Any]) -> Problem:
    where = ".".join(str(part) for part in loc) or "top level"
    kind = detail["type"]
    if kind == "missing":
        return located.problem(loc, f"{where}: required field is missing", f"add `{loc[-1]}:`")
    if kind == "extra_forbidden":
        return located.problem(loc, f"{where}: unknown field", "remove it, or check its spelling")
    given = detail.get("input")
    field_name = str(loc[-1]) if loc else ""
    vocabulary = VOCABULARIES.get(field_name)
    if kind == "literal_error" and vocabulary is not None:
        nearest = closest(str(given), vocabulary)
        hint = f"did you mean {nearest[0]!r}? " if nearest else ""
        return located.problem(
            loc,
            f"{where}: {_shown(given)} is not a valid {field_name}",
            f"{hint}valid values: {', '.join(vocabulary)}",
        )
    if kind == "string_pattern_mismatch" and field_name == "id" and isinstance(given, str):
        return located.problem(loc, f"{where}: invalid id {_shown(given)}: {id_problem(given)}", _ID_FIX)
    if kind == "string_pattern_mismatch" and field_name == "sha256":
        return located.problem(
            loc,
            f"{where}: {_shown(given)} is not a sha256 digest (64 hexadecimal digits)",
            "write the digest `sha256sum FILE` prints for the document",
        )
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return located.problem(
            loc,
            f"{where}: {len(given or ''):,} characters is too long (at most {limit:,})",
            "shorten it; see 'Resource bounds' in the README",
        )
    message = str(detail["msg"]).removeprefix("Value error, ")
    fix = detail.get("ctx", {}).get("fix") or _FIXES.get(kind, _TYPE_FIX)
    return located.problem(loc, f"{where}: {message} (got {_shown(given)})", fix)


_ID_FIX: Final = "use lowercase ASCII letters, digits, `.`, `_` and `-` (e.g. field-operations)"
_TYPE_FIX: Final = "correct the value's type or format"
_FIXES: Final = {
    "date_from_datetime_parsing": "write a real calendar date as YYYY-MM-DD (years 0001 to 9999)",
    "date_parsing": "write a real calendar date as YYYY-MM-DD (years 0001 to 9999)",
    "date_type": "write a date as YYYY-MM-DD",
    "value_error": "correct the value as the message says",
    "string_type": "write text; put it in double quotes if YAML reads it as something else",
    "float_parsing": "write a plain number such as 25 or 2.5, without thousands separators",
    "int_parsing": "write a plain number such as 25, without thousands separators",
}
_SHORT: Final = reprlib.Repr()
_SHORT.maxstring = 80
_SHORT.maxother = 80
_SHORT.maxlevel = 2
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4


def _shown(value: Any) -> str:
    """`value` as a short repr: a 70,000-character name or a deep list must not flood the message."""
    return _SHORT.repr(value)


def _items(located: Located, key: str) -> Sequence[Any]:
    value = located.value
    if not located.exact and not (isinstance(value, dict) and isinstance(value.get(key), list)):
        return _items(located.exactly, key)
    if not isinstance(value, dict):
        raise DataError([located.problem((), "expected a mapping at the top level", f"start with `{key}:`")])
    items = value.get(key)
    if not isinstance(items, list):
        raise DataError(
            [located.problem((key,), f"`{key}` must be a list", f"write `{key}:` followed by `- ...` items")]
        )
    return items


def load_data(root: Path, *, read: Reader = read_yaml, build: Callable[[Located], Era] | None = None) -> LoadedData:
    """Read `sources.yaml`, every `eras/*.yaml`, the optional `lineage.yaml` and the optional
    `dataset.yaml` (the dataset's settings, such as its default era) under `root`.

    Collects the problems of every file before raising, so one run shows them all. `read`
    reads one file and `build` makes an era of what it read (`build_era` unless given: the
    cache passes its own of both, see `orgchart.dataset.cache`).

    Raises:
        DataError: any file is missing, unreadable, malformed, or fails the schema.
    """
    problems: list[Problem] = []
    sources: list[Source] = []
    eras: list[LoadedEra] = []
    lineage: list[LineageLink] = []
    sources_origin = Located(root / SOURCES_FILE, None)
    lineage_origin: Located | None = None
    if not root.is_dir():
        raise DataError(
            [Problem(display_path(root), 0, 0, "data directory not found", "pass --data DIR pointing at a dataset")]
        )
    try:
        sources_origin = read(root / SOURCES_FILE, root)
        for index, _ in enumerate(_items(sources_origin, "sources")):
            try:
                sources.append(build_model(sources_origin, Source, ("sources", index)))
            except DataError as error:
                problems.extend(error.problems)
    except DataError as error:
        problems.extend(error.problems)
    era_files = sorted((root / ERAS_DIR).glob("*.yaml"))
    if not era_files:
        problems.append(
            Problem(
                display_path(root / ERAS_DIR),
                0,
                0,
                "no era files found",
                "add eras/<era-id>.yaml (see data/CURATING.md)",
            )
        )
    for path in progress.tracked(era_files, "reading era files"):
        try:
            located = read(path, root)
            if located.value is None:
                raise DataError([located.problem((), "the era file is empty", "add id, label, sources and nodes")])
            eras.append(LoadedEra((build or build_era)(located), located.without_value()))
        except DataError as error:
            problems.extend(error.problems)
    if (root / LINEAGE_FILE).exists() or (root / LINEAGE_FILE).is_symlink():
        try:
            lineage_origin = read(root / LINEAGE_FILE, root)
            for index, _ in enumerate(_items(lineage_origin, "lineage")):
                try:
                    lineage.append(build_model(lineage_origin, LineageLink, ("lineage", index)))
                except DataError as error:
                    problems.extend(error.problems)
        except DataError as error:
            problems.extend(error.problems)
    settings, settings_origin = DatasetSettings(), None
    if (root / SETTINGS_FILE).exists():
        try:
            settings_origin = read(root / SETTINGS_FILE, root)
            if settings_origin.value is not None:
                settings = build_model(settings_origin, DatasetSettings)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return LoadedData(
        root, tuple(sources), sources_origin, tuple(eras), tuple(lineage), lineage_origin, settings, settings_origin
    )
