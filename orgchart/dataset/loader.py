"""YAML on disk -> model objects, with file:line:column on every error.

YAML is read with PyYAML's safe loader, extended to remember where every value sits and to
refuse anchors and aliases (a few lines of aliases can expand into gigabytes) and duplicate
keys (which plain YAML would silently resolve to the last one). Schema errors from pydantic are
mapped back to those positions, so a user is sent to the line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
from orgchart.errors import DataError, Problem, closest, display_path

Loc = tuple[str | int, ...]
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


# libyaml's parser when PyYAML was built with it (about 20 times faster), else the pure one.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasError(Exception):
    """A node reached twice while walking the composed tree: the document used an alias."""

    def __init__(self, node: Node) -> None:
        self.node = node


def read_yaml(path: Path) -> Located:
    """Parse one YAML file into plain Python values and their positions.

    Raises:
        DataError: the file cannot be read, is not valid YAML, or uses anchors, aliases or
            duplicate keys.
    """
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(shown, 0, 0, "file not found", "create it, or pass --data DIR")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(shown, 0, 0, f"cannot read file: {error}", "save it as UTF-8")]) from None
    loader = _Loader(text)
    positions: dict[Loc, tuple[int, int]] = {}
    problems: list[Problem] = []
    try:
        root = loader.get_single_node()
        value = _to_python(loader, root, (), positions, problems, set(), shown) if root is not None else None
    except _AliasError as error:
        mark = error.node.start_mark
        raise DataError(
            [
                Problem(
                    shown,
                    mark.line + 1,
                    mark.column + 1,
                    "YAML aliases (*name) are not allowed: the value anchored here (&name) is reused",
                    "write the value out in full instead of referring to it",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise DataError([Problem(shown, line, column, f"invalid YAML: {what}", _yaml_fix(what))]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(shown, 0, 0, f"invalid YAML: {error}", "fix the YAML syntax")]) from None
    finally:
        loader.dispose()
    if problems:
        raise DataError(problems)
    return Located(path, value, positions)


def _yaml_fix(what: str) -> str:
    if "alias" in what or "anchor" in what:
        return "write the value out in full instead of referring to it"
    if "mapping values" in what or "found character" in what:
        return 'put text containing ":" or "#" in double quotes'
    return "fix the YAML syntax at this position"


def _to_python(
    loader: yaml.SafeLoader,
    node: Node,
    loc: Loc,
    positions: dict[Loc, tuple[int, int]],
    problems: list[Problem],
    seen: set[int],
    shown: str,
) -> Any:
    """Plain values from a composed node tree, recording each value's position.

    An alias makes the composer hand out the same node object twice; meeting a node again is
    how aliases are refused, before anything could expand.
    """
    if id(node) in seen:
        raise _AliasError(node)
    seen.add(id(node))
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            if key in result:
                problems.append(
                    Problem(
                        shown,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"duplicate key {key!r}",
                        "keep one of the two entries",
                    )
                )
                continue
            result[key] = _to_python(loader, value_node, (*loc, key), positions, problems, seen, shown)
        return result
    if isinstance(node, SequenceNode):
        return [
            _to_python(loader, item, (*loc, index), positions, problems, seen, shown)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    return loader.construct_object(node, deep=True)


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
            f"{where}: {given!r} is not a valid {field_name}",
            f"{hint}valid values: {', '.join(vocabulary)}",
        )
    return located.problem(loc, f"{where}: {detail['msg']} (got {given!r})", "correct the value's type or format")


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
        sources_origin = read_yaml(root / SOURCES_FILE)
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
            located = read_yaml(path)
            if located.value is None:
                raise DataError([located.problem((), "the era file is empty", "add id, label, sources and nodes")])
            eras.append(LoadedEra(build_model(located, Era), located))
        except DataError as error:
            problems.extend(error.problems)
    if (root / LINEAGE_FILE).exists():
        try:
            lineage_origin = read_yaml(root / LINEAGE_FILE)
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
