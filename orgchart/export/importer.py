"""`orgchart import`: bring an organization from a table, JSON or GraphML into a dataset.

An import writes `eras/ERA.yaml` (the text PyYAML's safe dumper gives, written by
`orgchart.export.block_yaml`; fields in the order CURATING.md uses, so the same input gives the
same file), adds the era's sources to `sources.yaml` and copies their documents into the data
directory. Nothing is written until the whole dataset, as it would be with the new era, has
passed the same validation `orgchart validate` runs, in a staging directory
(`orgchart.export.staging`), and every path it would write lies inside the data directory.

An era must name at least one source. A plain table cites none, so the importer writes a
**placeholder source**: a short generated text, `sources/import-ERA.txt`, titled and published
as a placeholder, with its sha256, that says where the era came from and that its facts are
uncited. Validation then reports every imported fact as `uncited`, and `--strict` refuses them,
until a curator cites real documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.dataset.files import read_bounded
from orgchart.dataset.loader import ERAS_DIR, SOURCES_FILE, read_yaml
from orgchart.dataset.model import ID_PATTERN, Era, Finding, Source, SourceDate
from orgchart.errors import DataError, Problem, display_path
from orgchart.export import block_yaml
from orgchart.export.records import IMPORT_FORMATS, ImportedEra, citation_records, source_record, verify_format
from orgchart.export.shape import ImportShape
from orgchart.export.staging import outside_targets, validate_staged

_HEADER: Final = "# Imported by `orgchart import` from {origin}. Curate it like any era (see CURATING.md).\n"

PLACEHOLDER_PUBLISHER: Final = "orgchart import (placeholder: not a document of the organization)"


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and what validation then said about the new era."""

    era: Era
    written: tuple[Path, ...]
    placeholder: Source | None
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]

    @property
    def uncited(self) -> int:
        """How many imported facts cite no source."""
        return sum(1 for f in self.findings if f.kind == "uncited")

    def __repr__(self) -> str:
        return (
            f"<ImportResult era {self.era.id!r}: {len(self.written)} files written, {len(self.findings)} findings "
            f"({self.uncited} uncited)>"
        )


def read_interchange(
    path: str | Path, format: str, *, default_kind: str | None = None, shape: ImportShape | None = None
) -> ImportedEra:
    """Read `path` in `format` (csv, json or graphml) into an `ImportedEra`.

    `shape` says where the file keeps names, kinds, ids and parents (`ImportShape`); without it,
    the keys this package exports, with `default_kind` for records that give no kind.

    Raises:
        ValueError: unknown format, or a shape option that does not apply to it.
        DataError: the file cannot be read as that format.
    """
    name = verify_format(format, IMPORT_FORMATS)
    shape = shape or ImportShape(default_kind=default_kind)
    if name == "csv":
        from orgchart.export.csv import read_csv

        if shape.edges is not None:
            raise ValueError("--edges applies to GraphML and JSON edges; a table gives parents")
        return read_csv(path, shape=shape)
    if shape.path_column is not None:
        raise ValueError("--path-column applies to a table (csv)")
    if name == "json":
        from orgchart.export.json import read_json

        return read_json(path, shape=shape)
    from orgchart.export.graphml import read_graphml

    return read_graphml(path, shape=shape)


def parse_date(text: str, reason: str) -> SourceDate:
    """`2023-01-18` (day), `2023-01` (month), `2023` (year) or `START..END` (range) as a date.

    Raises:
        ValueError: the text is none of these.
    """
    text = text.strip()
    if ".." in text:
        start, end = (dt.date.fromisoformat(part.strip()) for part in text.split("..", 1))
        return SourceDate(start=start, end=end, precision="range", reason=reason)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return SourceDate(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision="year", reason=reason)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        start = dt.date.fromisoformat(text + "-01")
        after = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return SourceDate(start=start, end=after - dt.timedelta(days=1), precision="month", reason=reason)
    day = dt.date.fromisoformat(text)
    return SourceDate(start=day, end=day, precision="day", reason=reason)


def placeholder_text(era_id: str, origin: str) -> str:
    """The generated text of an imported era's placeholder source."""
    return (
        "PLACEHOLDER SOURCE, generated by `orgchart import`. This is not a document of the organization.\n\n"
        f"Era {era_id!r} was imported from {origin}, which cites no source document.\n"
        "Every node, edge and claim of the era is therefore uncited: `orgchart validate` reports each one\n"
        "as an `uncited` finding, and `orgchart validate --strict` refuses them.\n\n"
        "To cite a fact: add the real document to sources/ and sources.yaml, list its id in the era's\n"
        "`sources`, and give the fact a citation whose quote occurs verbatim in that document.\n"
    )


def era_yaml(era: Era, origin: str) -> str:
    """The era as YAML in CURATING.md's field order, empty optional fields left out: the text
    `yaml.dump` with the safe dumper gives for `era_document` (`orgchart.export.block_yaml`
    writes it faster, byte for byte the same)."""
    return _HEADER.format(origin=origin) + block_yaml.dump(era_document(era))


def era_document(era: Era) -> dict[str, Any]:
    """The era as the plain mapping its YAML file holds, fields in CURATING.md's order."""

    def compact(record: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in record.items() if v not in (None, [], ())}

    return compact(
        {
            "id": era.id,
            "label": era.label,
            "sources": list(era.sources),
            "description": era.description,
            "nodes": [
                compact(
                    {
                        "id": n.id,
                        "name": n.name,
                        "kind": n.kind,
                        "acronym": n.acronym,
                        "aliases": list(n.aliases),
                        "citations": citation_records(n.citations),
                        "note": n.note,
                        "name_incomplete": n.name_incomplete or None,
                    }
                )
                for n in era.nodes
            ],
            "edges": [
                compact(
                    {
                        "kind": e.kind,
                        "superior": e.superior,
                        "subordinate": e.subordinate,
                        "citations": citation_records(e.citations),
                        "note": e.note,
                    }
                )
                for e in era.edges
            ],
            "claims": [
                compact({**c.model_dump(mode="json"), "citations": citation_records(c.citations), "value": c.value})
                for c in era.claims
            ],
            "findings": [
                compact(
                    {
                        "kind": f.kind,
                        "subject": f.subject,
                        "message": f.message,
                        "severity": None if f.severity == "warning" else f.severity,
                        "citations": citation_records(f.citations),
                    }
                )
                for f in era.findings
            ],
        }
    )


def _sources_yaml(sources: Sequence[dict[str, Any]]) -> str:
    """sources.yaml's text; `complete` written only where a text is not (as CURATING.md does)."""
    records = [
        {k: v for k, v in record.items() if (v is not None or k == "url") and not (k == "complete" and v is True)}
        for record in sources
    ]
    return block_yaml.pyyaml_dump({"sources": records})


def import_era(
    imported: ImportedEra,
    data_dir: str | Path,
    *,
    era_id: str | None = None,
    label: str | None = None,
    date: SourceDate | None = None,
    documents: Sequence[str | Path] = (),
    origin: str = "an interchange file",
) -> ImportResult:
    """Add `imported` to the dataset in `data_dir` (created if needed) as era `era_id`.

    Args:
        imported: what a `read_*` function returned.
        data_dir: the dataset directory to write into.
        era_id: the new era's id (default: the id the file gives).
        label: the era's short title (default: the file's, else the era id; `orgchart import` asks
            for `--label` then).
        date: the placeholder source's date when the file cites no source (default: today,
            and the reason says so).
        documents: directories to look in for the documents of the file's sources (by their
            `file` path, then by base name).
        origin: how to name the input in the era file and the placeholder (a file name).

    Raises:
        DataError: the era exists, a document is missing or changed, or the new era does not
            pass validation; nothing is written then.
    """
    root = Path(data_dir)
    new_id = era_id or imported.id
    if not new_id or not re.fullmatch(ID_PATTERN, new_id):
        raise DataError(
            [Problem(display_path(root), 0, 0, f"invalid era id {new_id!r}", "use lowercase letters, digits, . _ -")]
        )
    era_path = root / ERAS_DIR / f"{new_id}.yaml"
    if era_path.exists() or era_path.is_symlink():
        raise DataError(
            [
                Problem(
                    display_path(era_path), 0, 0, f"era {new_id!r} exists", "choose another --era, or remove the file"
                )
            ]
        )
    _refuse_existing_era_id(root, new_id)
    existing: list[dict[str, Any]] = []
    if (root / SOURCES_FILE).exists():
        listed = read_yaml(root / SOURCES_FILE, root=root).value
        existing = [r for r in (listed.get("sources") or []) if isinstance(r, dict)] if isinstance(listed, dict) else []
    known = {str(record.get("id")): record for record in existing}
    contents: dict[str, bytes] = {}
    added: list[dict[str, Any]] = []
    problems: list[Problem] = []
    placeholder: Source | None = None
    era_sources = list(imported.era_sources)
    for source in imported.sources:
        record = source_record(source)
        if source.id in known:
            if known[source.id].get("sha256") != source.sha256:
                problems.append(
                    Problem(
                        display_path(root / SOURCES_FILE),
                        0,
                        0,
                        f"source {source.id!r} exists with another sha256",
                        "the file's source is a different document: rename one of them",
                    )
                )
            continue
        found = _find_document(source, documents)
        if found is None:
            problems.append(
                Problem(
                    origin,
                    0,
                    0,
                    f"the document of source {source.id!r} ({source.file}) was not found",
                    "pass --documents DIR, the directory that holds it (for an export: the dataset directory)",
                )
            )
            continue
        content = read_bounded(found)
        if hashlib.sha256(content).hexdigest() != source.sha256:
            problems.append(
                Problem(display_path(found), 0, 0, f"sha256 differs from source {source.id!r}", "use the archived file")
            )
            continue
        contents[source.file] = content
        added.append(record)
    if problems:
        raise DataError(problems)
    cited = {
        c.source
        for citations in [n.citations for n in imported.nodes]
        + [e.citations for e in imported.edges]
        + [c.citations for c in imported.claims]
        for c in citations
    }
    era_sources += sorted(s for s in cited if s in known and s not in era_sources)
    if not era_sources:
        reason = "No date given to `orgchart import`: the day of the import."
        when = date or parse_date(dt.date.today().isoformat(), reason)
        text = placeholder_text(new_id, origin).encode("utf-8")
        placeholder = Source(
            id=f"import-{new_id}",
            file=f"sources/import-{new_id}.txt",
            title=f"Placeholder for era {new_id} imported from {origin} without sources",
            publisher=PLACEHOLDER_PUBLISHER,
            date=when,
            sha256=hashlib.sha256(text).hexdigest(),
            notes="Generated by orgchart import; the facts of this era cite no document.",
        )
        if placeholder.id in known:
            raise DataError(
                [Problem(display_path(root / SOURCES_FILE), 0, 0, f"source {placeholder.id!r} exists", "remove it")]
            )
        contents[placeholder.file] = text
        added.append(source_record(placeholder))
        era_sources = [placeholder.id]
    era = Era(
        id=new_id,
        label=label or imported.label or new_id,
        sources=tuple(era_sources),
        description=imported.description,
        nodes=imported.nodes,
        edges=imported.edges,
        claims=imported.claims,
        findings=imported.findings,
    )
    document = era_document(era)
    era_text = _HEADER.format(origin=origin) + block_yaml.dump(document)
    sources_text = _sources_yaml([*existing, *added]) if added or not existing else None
    new_files = dict(contents)
    if sources_text is not None:
        new_files[SOURCES_FILE] = sources_text.encode("utf-8")
    # Every path is checked before anything is written: a symbolic link inside the dataset
    # (sources/ -> elsewhere) must not carry a write outside it.
    outside = outside_targets(root, [*sorted(new_files), f"{ERAS_DIR}/{new_id}.yaml"])
    if outside:
        raise DataError(outside)
    findings = validate_staged(root, era, era_text, new_files, origin=origin, lines=imported.lines, document=document)
    written = [write_bytes_atomic(root / name, data) for name, data in sorted(contents.items())]
    if sources_text is not None:
        written.append(write_text_atomic(root / SOURCES_FILE, sources_text))
    written.append(write_text_atomic(era_path, era_text))
    return ImportResult(era, tuple(written), placeholder, findings, imported.notes)


def _find_document(source: Source, documents: Sequence[str | Path]) -> Path | None:
    for directory in documents:
        for candidate in (Path(directory) / source.file, Path(directory) / Path(source.file).name):
            if candidate.is_file():
                return candidate
    return None


def _refuse_existing_era_id(root: Path, era_id: str) -> None:
    """Refuse `era_id` when an era file of another name already holds it (`latest.yaml` with
    `id: ero-2023`): the dataset would then hold two eras of one id."""
    for path in sorted((root / ERAS_DIR).glob("*.yaml")) if (root / ERAS_DIR).is_dir() else ():
        try:
            located = read_yaml(path, root=root)
        except DataError:
            continue  # the staged validation reports it
        if isinstance(located.value, dict) and located.value.get("id") == era_id:
            raise DataError(
                [
                    located.problem(
                        ("id",),
                        f"era {era_id!r} exists (in {path.name})",
                        "choose another --era, or remove that era first",
                    )
                ]
            )
