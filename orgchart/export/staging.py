"""An import's check before anything is written: the whole dataset as it would be, validated in a
staging copy, with problems pointed back at the input.

`orgchart import` writes an era file, maybe `sources.yaml` and documents. Validating only the
new era would miss what only the whole dataset shows (an existing `latest.yaml` holding the
same era id), so the staging directory gets every file of the dataset, each read through the
loader's bounds (inside the dataset, regular, bounded), plus the new files. A problem in the new
era file points at a file that does not exist; it is turned into a problem at the input record
(file and line where the reader knew them) that caused it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orgchart.dataset.files import inside, read_bounded
from orgchart.dataset.loader import ERAS_DIR, LINEAGE_FILE, SOURCES_FILE, Located, build_era, load_data
from orgchart.dataset.model import Era, Finding
from orgchart.dataset.safe_yaml import Loc, parse_yaml
from orgchart.dataset.validate import validate
from orgchart.errors import DataError, Problem, display_path

RecordLines = Mapping[tuple[str, int], tuple[str, int]]
"""Where each imported record was read: (section, index) -> (file, line)."""


def outside_targets(root: Path, names: list[str]) -> list[Problem]:
    """A problem for each path (relative to `root`) that would be written outside `root`
    (through `..`, an absolute path, or a symbolic link on the way)."""
    return [
        Problem(
            display_path(root / name),
            0,
            0,
            "would be written outside the dataset directory (a symbolic link or `..` on the way)",
            "remove the link, or import into another directory",
        )
        for name in names
        if not inside(root / name, root)
    ]


def validate_staged(
    root: Path,
    era: Era,
    era_text: str,
    new_files: Mapping[str, bytes],
    *,
    origin: str,
    lines: RecordLines,
    document: Mapping[str, Any] | None = None,
) -> tuple[Finding, ...]:
    """The findings of `era` once the dataset in `root` holds it and `new_files` (relative path ->
    content, `sources.yaml` included when it changes).

    The staged era file is read back as any era file is; when `document` is given (the values
    `era_text` was written from) and the file reads back as exactly those values, `era` itself,
    already a validated model (every reader builds its models through pydantic's validation),
    stands for the file's model instead of being built again from them (1.2 of the 4 s this check took at 100,000 rows was that second build). Any other
    file, or one that reads back otherwise, is built by the loader as always.

    Raises:
        DataError: the resulting dataset does not validate; problems in the new era are located
            at the input (`origin`, or the file and line in `lines`), others in `root`.
    """
    era_name = f"{ERAS_DIR}/{era.id}.yaml"
    with tempfile.TemporaryDirectory(prefix="orgchart-import-") as staging:
        stage = Path(staging)
        for name, content in [*_existing_files(root, new_files), *new_files.items(), (era_name, era_text.encode())]:
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        staged = stage / era_name

        def build(located: Located) -> Era:
            if document is not None and located.path == staged and located.value == document:
                return era
            return build_era(located)

        try:
            return validate(load_data(stage, build=build)).findings[era.id]
        except DataError as error:
            shown_stage, shown_root = display_path(stage), display_path(root)
            staged_era = display_path(stage / era_name)
            _, positions = parse_yaml(era_text, origin)
            by_line: dict[int, list[Loc]] = {}
            for loc, (line, _) in positions.items():
                if len(loc) >= 2:
                    by_line.setdefault(line, []).append(loc)
            problems = [
                _at_input(problem, era, by_line, origin, lines)
                if problem.file == staged_era
                else Problem(
                    problem.file.replace(shown_stage, shown_root),
                    problem.line,
                    problem.column,
                    problem.message,
                    problem.fix,
                )
                for problem in error.problems
            ]
            raise DataError(problems, "the imported era does not validate; nothing was written") from None


def _existing_files(root: Path, new_files: Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    """Every file of the dataset in `root` that the import does not replace, read within bounds."""
    if not root.is_dir():
        return []
    names: list[str] = []
    if (root / SOURCES_FILE).exists():
        names.append(SOURCES_FILE)
    if (root / LINEAGE_FILE).exists():
        names.append(LINEAGE_FILE)
    names += sorted(f"{ERAS_DIR}/{path.name}" for path in (root / ERAS_DIR).glob("*.yaml"))
    sources = new_files.get(SOURCES_FILE)
    if sources is None and (root / SOURCES_FILE).is_file():
        sources = read_bounded(root / SOURCES_FILE, root=root)
    names += _documents(root, sources)
    files = []
    for name in names:
        if name in new_files:
            continue
        try:
            files.append((name, read_bounded(root / name, root=root)))
        except DataError:
            continue  # the staged validation reports the missing or refused file in its place
    return files


def _documents(root: Path, sources_yaml: bytes | None) -> list[str]:
    if not sources_yaml:
        return []
    try:
        value, _ = parse_yaml(sources_yaml.decode("utf-8", "replace"), SOURCES_FILE)
    except DataError:
        return []
    records = value.get("sources") if isinstance(value, dict) else None
    names = []
    for record in records if isinstance(records, list) else []:
        name = record.get("file") if isinstance(record, dict) else None
        if isinstance(name, str) and name and inside(root / name, root):
            names.append(name)
    return names


def _at_input(problem: Problem, era: Era, by_line: Mapping[int, list[Loc]], origin: str, lines: RecordLines) -> Problem:
    """A problem of the staged era file (its locs by line in `by_line`), moved to the input
    record it came from."""
    loc = min(by_line.get(problem.line, ()), key=len, default=())
    if len(loc) < 2 or not isinstance(loc[1], int):
        return Problem(origin, 0, 0, problem.message, problem.fix)
    section, index = str(loc[0]), loc[1]
    file, line = lines.get((section, index), (origin, 0))
    return Problem(file, line, 1 if line else 0, f"{_record(era, section, index)}: {problem.message}", problem.fix)


def _record(era: Era, section: str, index: int) -> str:
    if section == "nodes" and index < len(era.nodes):
        return f"node {era.nodes[index].id!r}"
    if section == "edges" and index < len(era.edges):
        edge = era.edges[index]
        return f"{edge.kind} edge {edge.superior} -> {edge.subordinate}"
    if section == "claims" and index < len(era.claims):
        return f"claim {era.claims[index].id!r}"
    return f"{section[:-1]} {index + 1}"
