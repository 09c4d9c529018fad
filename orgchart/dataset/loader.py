"""YAML on disk -> model objects, with file:line:column on every error.

YAML is read with PyYAML's safe loader, extended to remember where every value sits and to
refuse anchors and aliases (a few lines of aliases can expand into gigabytes) and duplicate
keys (which plain YAML would silently resolve to the last one). Schema errors from pydantic are
mapped back to those positions, so a user is sent to the line to fix.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError

from orgchart.dataset.files import decode_utf8, read_bounded
from orgchart.dataset.model import (
    EDGE_KINDS,
    FINDING_KINDS,
    NODE_KINDS,
    QUALIFIERS,
    DatasetSettings,
    Era,
    LineageLink,
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
    """A value read from a YAML file, with the position of every part of it."""

    path: Path
    value: Any
    positions: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[int, int]:
        """The 1-based (line, column) of `loc`, or of its nearest located ancestor."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.positions:
                return self.positions[loc[:cut]]
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


def read_yaml(path: Path, *, root: Path | None = None) -> Located:
    """Parse one YAML file into plain values and their positions.

    The file must be a regular file of at most `MAX_FILE_BYTES` (inside `root` when given);
    the YAML is read by `orgchart.dataset.safe_yaml` (no aliases, bounded depth, no recursion).

    Raises:
        DataError: the file cannot be read, is not UTF-8, is not valid YAML, or uses anchors,
            aliases, unsupported tags, too deep nesting or duplicate keys.
    """
    shown = display_path(path)
    text = decode_utf8(read_bounded(path, root=root), shown)
    value, positions = parse_yaml(text, shown)
    return Located(path, value, positions)


def build_model(located: Located, model: type[ModelT], loc: Loc = ()) -> ModelT:
    """Validate `located.value` (or its part at `loc`) as `model`, locating every schema error."""
    value = located.value
    for part in loc:
        value = value[part]
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems: dict[tuple[int, int], Problem] = {}
        for detail in error.errors():
            problem = _schema_problem(located, (*loc, *detail["loc"]), detail)
            # A union (int | float) reports once per member; one message per place is enough.
            problems.setdefault((problem.line, problem.column), problem)
        raise DataError(list(problems.values())) from None


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
    if not isinstance(value, dict):
        raise DataError([located.problem((), "expected a mapping at the top level", f"start with `{key}:`")])
    items = value.get(key)
    if not isinstance(items, list):
        raise DataError(
            [located.problem((key,), f"`{key}` must be a list", f"write `{key}:` followed by `- ...` items")]
        )
    return items


def load_data(root: Path) -> LoadedData:
    """Read `sources.yaml`, every `eras/*.yaml`, the optional `lineage.yaml` and the optional
    `dataset.yaml` (the dataset's settings, such as its default era) under `root`.

    Collects the problems of every file before raising, so one run shows them all.

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
        sources_origin = read_yaml(root / SOURCES_FILE, root=root)
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
    for path in era_files:
        try:
            located = read_yaml(path, root=root)
            if located.value is None:
                raise DataError([located.problem((), "the era file is empty", "add id, label, sources and nodes")])
            eras.append(LoadedEra(build_model(located, Era), located))
        except DataError as error:
            problems.extend(error.problems)
    if (root / LINEAGE_FILE).exists() or (root / LINEAGE_FILE).is_symlink():
        try:
            lineage_origin = read_yaml(root / LINEAGE_FILE, root=root)
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
            settings_origin = read_yaml(root / SETTINGS_FILE)
            if settings_origin.value is not None:
                settings = build_model(settings_origin, DatasetSettings)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return LoadedData(
        root, tuple(sources), sources_origin, tuple(eras), tuple(lineage), lineage_origin, settings, settings_origin
    )
