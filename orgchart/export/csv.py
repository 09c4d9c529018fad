"""CSV tables for spreadsheets: one directory per era.

`nodes.csv` starts with the columns spreadsheets and diagram tools use for org charts
(`id, name, parent, kind, acronym`; `parent` is the main parent), then `aliases`, `note`,
`citations` and `name_incomplete` (`true` where damage cut the name off; `sources.csv` ends with
`complete` and `breaks_off`). `edges.csv` lists every relation (parent edges included), `claims.csv` every
stated figure. `findings.csv`, `sources.csv` and `era.csv` complete the era so that importing
the directory gives it back whole. Files are UTF-8 without a byte-order mark, comma-separated,
every cell that needs it quoted (RFC 4180), `\\n` line ends; an empty cell is an absent value;
list cells (`aliases`, `citations`) hold JSON, e.g. `[{"source":"doc","quote":"..."}]`.

`read_csv` reads such a directory back, or a single table with at least `id` and `name`
columns (a spreadsheet's org chart), whose `parent` column becomes uncited parent edges.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from orgchart.atomic import write_text_atomic
from orgchart.dataset.files import MAX_FILE_BYTES
from orgchart.errors import DataError, Problem, display_path
from orgchart.export.ids import IdSource, name_from_segment, short_ids
from orgchart.export.intake import read_import_text
from orgchart.export.paths import normal_path, path_rows
from orgchart.export.records import (
    ImportedEra,
    NodeTable,
    citation_records,
    curated,
    decode_list,
    encode_list,
    source_from,
    source_row,
)
from orgchart.export.shape import ImportShape, check_kinds, header_key, ignored_keys_note
from orgchart.graph import OrgChart

NODE_COLUMNS: Final = ("id", "name", "parent", "kind", "acronym", "aliases", "note", "citations", "name_incomplete")
EDGE_COLUMNS: Final = ("kind", "superior", "subordinate", "second_parent", "note", "citations")
CLAIM_COLUMNS: Final = (
    "id",
    "subject",
    "attribute",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "counts",
    "note",
    "citations",
)
FINDING_COLUMNS: Final = ("kind", "subject", "message", "severity", "origin", "citations")
SOURCE_COLUMNS: Final = (
    "id",
    "file",
    "title",
    "publisher",
    "url",
    "date_start",
    "date_end",
    "date_precision",
    "date_reason",
    "sha256",
    "notes",
    "complete",
    "breaks_off",
)
ERA_COLUMNS: Final = ("id", "label", "description", "date", "sources")
TABLES: Final = ("nodes.csv", "edges.csv", "claims.csv", "findings.csv", "sources.csv", "era.csv")


FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection)."""
_NUMBER: Final = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def neutralise(text: str) -> str:
    """`text` made safe to open in a spreadsheet: a cell that would start a formula gets a
    leading `'` (OWASP's advice; spreadsheets show the text without it). A cell already starting
    with `'` before such a character gets one more, so `unneutralise` gives back the text
    exactly. Plain numbers (`-5`) are left as they are."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    if text.startswith("'") and text[1:2] and (text[1] == "'" or text[1:].startswith(FORMULA_START)):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The inverse of `neutralise`, applied to every imported cell: a spreadsheet's leading `'`
    before a formula character (or another `'`) is not part of the value."""
    if text.startswith("'") and (text[1:2] == "'" or text[1:].startswith(FORMULA_START)):
        return text[1:]
    return text


def _cell(value: Any, keep_formulas: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if keep_formulas else neutralise(str(value))


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]], keep_formulas: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v, keep_formulas) for v in row] for row in rows)
    return buffer.getvalue()


def to_csv(chart: OrgChart, *, keep_formulas: bool = False) -> dict[str, str]:
    """The era's tables, by file name (`nodes.csv`, ...), as CSV text.

    Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
    first) get a leading `'`, as OWASP advises against CSV injection; `keep_formulas=True`
    writes them raw. `read_csv` removes the `'` again, so a round trip keeps every value.
    """

    def table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
        return _table(columns, rows, keep_formulas)

    parent = {n.id: (p.id if (p := chart.parent(n.id)) else None) for n in chart.nodes}
    date = chart.date
    return {
        "nodes.csv": table(
            NODE_COLUMNS,
            (
                (
                    n.id,
                    n.name,
                    parent[n.id],
                    n.kind,
                    n.acronym,
                    encode_list(list(n.aliases)),
                    n.note,
                    encode_list(citation_records(n.citations)),
                    n.name_incomplete or None,
                )
                for n in chart.nodes
            ),
        ),
        "edges.csv": table(
            EDGE_COLUMNS,
            (
                (
                    e.kind,
                    e.superior,
                    e.subordinate,
                    chart.is_second_parent(e),
                    e.note,
                    encode_list(citation_records(e.citations)),
                )
                for e in chart.edges
            ),
        ),
        "claims.csv": table(
            CLAIM_COLUMNS,
            (
                (
                    c.id,
                    c.subject,
                    c.attribute,
                    c.value,
                    c.unit,
                    c.qualifier,
                    c.as_of,
                    c.counts,
                    c.note,
                    encode_list(citation_records(c.citations)),
                )
                for c in chart.claims
            ),
        ),
        "findings.csv": table(
            FINDING_COLUMNS,
            (
                (f.kind, f.subject, f.message, f.severity, f.origin, encode_list(citation_records(f.citations)))
                for f in chart.findings
            ),
        ),
        "sources.csv": table(
            SOURCE_COLUMNS,
            (source_row(s) for s in chart.sources),
        ),
        "era.csv": table(
            ERA_COLUMNS,
            [(chart.id, chart.label, chart.era.description, date.label, encode_list(list(chart.era.sources)))],
        ),
    }


def write_csv(chart: OrgChart, directory: str | Path, *, keep_formulas: bool = False) -> list[Path]:
    """Write the era's tables into `directory` (created if needed), each file atomically
    (formula cells neutralised unless `keep_formulas`; see `to_csv`)."""
    tables = to_csv(chart, keep_formulas=keep_formulas)
    return [write_text_atomic(Path(directory) / name, text) for name, text in tables.items()]


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row, with header names lowercased and spaces as `_`, and each
    cell's spreadsheet escape (`'=...`) removed.

    Raises:
        DataError: the file is unreadable or not UTF-8, a header names a column twice, a row has
            more or fewer cells than the header, or the CSV is malformed; each with its line.
    """
    where = display_path(path)
    text = read_import_text(path)
    # A cell may be as large as the file (the csv module's default stops at 128 KiB, which a
    # long citation list exceeds); the file's own bound holds.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader, [])]
        twice = sorted(name for name, count in Counter(header).items() if count > 1 and name)
        if twice:
            raise DataError(
                [
                    Problem(
                        where,
                        1,
                        1,
                        f"column(s) named twice in the header: {', '.join(twice)}",
                        "keep one column of each name (names are compared in lowercase, spaces as _)",
                    )
                ]
            )
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(
                [
                    Problem(
                        where,
                        1,
                        1,
                        f"missing column(s): {', '.join(missing)}",
                        f"the header row needs {', '.join(required)}",
                    )
                ]
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise DataError(
                    [
                        Problem(
                            where,
                            reader.line_num,
                            1,
                            f"the row has {len(row)} cells, the header {len(header)}",
                            "give every row one cell per column (an empty cell as ,,); "
                            "put a cell holding a comma in double quotes",
                        )
                    ]
                )
            yield reader.line_num, dict(zip(header, map(unneutralise, row), strict=True))
    except csv.Error as error:
        raise DataError(
            [Problem(where, reader.line_num, 1, f"not a CSV table: {error}", "save it as UTF-8 CSV (RFC 4180)")]
        ) from None


def read_path_table(path: Path, table: NodeTable, shape: ImportShape) -> ImportedEra:
    """A table whose rows give their place as a path (`shape.path_column`) rather than a parent:
    each row's parent is the longest path prefix that is itself a row (`orgchart.export.paths`),
    its id the `--id-from` match, the `id` column, or a code or slug from its path."""
    where = display_path(path)
    column = header_key(shape.path_column or "path")
    rows = list(_rows(path, (column,)))
    lines = [f"{where}:{line}" for line, _ in rows]
    paths = [normal_path(row[column], shape.path_separator) for _, row in rows]
    names = [shape.name_of(row) for _, row in rows]
    placed = path_rows(paths, shape.path_separator, names, lines)
    id_column = shape.key_of("id") or "id"
    sources = [
        IdSource((row.get(id_column) or "").strip() or None, spot.path, spot.segment, names[i], lines[i])
        for i, (spot, (_, row)) in enumerate(zip(placed, rows, strict=True))
    ]
    table.made, id_notes = short_ids(sources, shape.id_from)
    check_kinds(shape, (row for _, row in rows), where)
    seen: dict[str, int] = {}
    for (line, row), spot in zip(rows, placed, strict=True):
        for key, value in row.items():
            if value.strip():
                seen[key] = seen.get(key, 0) + 1
        name = name_from_segment(spot.segment, shape.id_from, table.made[spot.path])
        table.add({**_decoded(row, where, line), "id": spot.path}, line, name=name)
    edges = tuple(
        table.edge({"superior": paths[spot.parent], "subordinate": spot.path}, line)
        for (line, _), spot in zip(rows, placed, strict=True)
        if spot.parent is not None
    )
    roots = sum(1 for spot in placed if spot.parent is None)
    notes = [
        *id_notes,
        f"parents of {len(edges):,} row(s) from {column!r} (the longest path prefix that is a row); "
        f"{roots:,} row(s) have none and are roots",
        *table.notes,
    ]
    if not any(shape.name_of(row) for _, row in rows):
        notes.append("no name column: names from each path's last segment (pass --name-key COLUMN to use one)")
    ignored = ignored_keys_note({k: n for k, n in seen.items() if k}, shape, "column")
    return ImportedEra(nodes=tuple(table.nodes), edges=edges, notes=(*notes, *([ignored] if ignored else [])))


def _decoded(
    row: Mapping[str, str], where: str, line: int, keys: Sequence[str] = ("aliases", "citations")
) -> dict[str, Any]:
    result: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
    for key in keys:
        try:
            result[key] = decode_list(row.get(key))
        except ValueError:
            raise DataError(
                [
                    Problem(
                        where, line, 0, f"column {key!r} is not a JSON list", 'write e.g. ["a", "b"], or leave it empty'
                    )
                ]
            ) from None
    return result


def read_csv(path: str | Path, *, default_kind: str | None = None, shape: ImportShape | None = None) -> ImportedEra:
    """Read an exported CSV directory, or one org-chart table, into an `ImportedEra`.

    A table gives parents in a `parent` column (ids), or, with `shape.path_column`, as paths
    (see `orgchart.export.paths`). `shape` says which columns hold names, kinds and ids.

    Raises:
        DataError: a table is unreadable, lacks a required column, or a row does not fit the model.
    """
    shape = shape or ImportShape(default_kind=default_kind)
    root = Path(path)
    nodes_file = root / "nodes.csv" if root.is_dir() else root
    where = display_path(nodes_file)
    table = NodeTable(where, shape.default_kind, shape=shape)
    if shape.path_column:
        return read_path_table(nodes_file, table, shape)
    id_column = shape.key_of("id") or "id"
    rows = list(_rows(nodes_file, (id_column, shape.key_of("name") or "name")))
    id_sources = [
        IdSource(
            row[id_column].strip() or None,
            row[id_column].strip(),
            row[id_column],
            shape.name_of(row),
            f"{where}:{line}",
        )
        for line, row in rows
    ]
    table.made, id_notes = short_ids([s for s in id_sources if s.given], shape.id_from)
    check_kinds(shape, (row for _, row in rows), where)
    parents: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        for key, value in row.items():
            if value.strip():
                seen[key] = seen.get(key, 0) + 1
        node = table.add({**_decoded(row, where, line), "id": row[id_column]}, line)
        parent = (row.get("parent") or row.get("parent_id") or "").strip()
        if parent:
            parents.append((line, parent, node.id))
    ignored = ignored_keys_note({k: n for k, n in seen.items() if k}, shape, "column")
    notes = [*id_notes, *table.notes, *([ignored] if ignored else [])]
    if not root.is_dir() or not (root / "edges.csv").is_file():
        edges = tuple(table.edge({"superior": p, "subordinate": c}, line) for line, p, c in parents)
        return ImportedEra(nodes=tuple(table.nodes), edges=edges, notes=tuple(notes), lines=table.lines)
    table.where = display_path(root / "edges.csv")
    edges = tuple(
        table.edge(_decoded(row, table.where, line), line)
        for line, row in _rows(root / "edges.csv", ("superior", "subordinate"))
    )
    claims: tuple[Any, ...] = ()
    findings: tuple[Any, ...] = ()
    if (root / "claims.csv").is_file():
        table.where = display_path(root / "claims.csv")
        claims = tuple(
            table.claim(_decoded(row, table.where, line), line)
            for line, row in _rows(root / "claims.csv", ("id", "subject", "attribute", "value"))
        )
    if (root / "findings.csv").is_file():
        table.where = display_path(root / "findings.csv")
        findings = curated(
            table.finding(_decoded(row, table.where, line), line)
            for line, row in _rows(root / "findings.csv", ("kind", "message"))
        )
    sources = []
    if (root / "sources.csv").is_file():
        source_where = display_path(root / "sources.csv")
        for line, row in _rows(root / "sources.csv", ("id", "file", "sha256")):
            record: dict[str, Any] = {k: v for k, v in row.items() if not k.startswith("date_") and v != ""}
            record["date"] = {k[5:]: v for k, v in row.items() if k.startswith("date_")}
            sources.append(source_from(record, f"{source_where}:{line}"))
    era: dict[str, Any] = {}
    if (root / "era.csv").is_file():
        for line, row in _rows(root / "era.csv", ("id", "label")):
            era = _decoded(row, display_path(root / "era.csv"), line, ("sources",))
            break
    return ImportedEra(
        nodes=tuple(table.nodes),
        edges=edges,
        claims=claims,
        findings=findings,
        sources=tuple(sources),
        era_sources=tuple(era.get("sources") or (s.id for s in sources)),
        id=era.get("id"),
        label=era.get("label"),
        description=era.get("description"),
        notes=tuple(notes),
        lines=table.lines,
    )
