"""SQLite: every era of a dataset in one file, for SQL and Datasette.

Tables: `sources`, `eras`, `era_sources`, `nodes`, `edges`, `claims`, `findings`,
`citations`, `lineage`, `lineage_members`. Keys are declared (composite `(era_id, id)` for
nodes and claims, since the same id in two eras is the same entity), foreign keys are declared
and checked before the file is written (`PRAGMA foreign_key_check` over the whole database,
once), and the usual joins are indexed. `position` keeps the order of the
era file (it decides which parent is the main one). List-valued `aliases` are JSON text.

Determinism: the database is built in memory with fixed insert order, vacuumed, and serialized,
so the same data gives a byte-identical file (SQLite stores no timestamps).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from orgchart.atomic import write_bytes_atomic
from orgchart.dataset.model import Citation
from orgchart.export.records import source_row
from orgchart.graph import Dataset, OrgChart

TABLES = """
CREATE TABLE sources (
  id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT,
  date_start TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL, date_reason TEXT NOT NULL,
  sha256 TEXT NOT NULL, notes TEXT, complete INTEGER NOT NULL, breaks_off TEXT
);
CREATE TABLE eras (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, label TEXT NOT NULL, description TEXT,
  date TEXT NOT NULL, date_start TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL
);
CREATE TABLE era_sources (
  era_id TEXT NOT NULL REFERENCES eras(id), source_id TEXT NOT NULL REFERENCES sources(id),
  position INTEGER NOT NULL, PRIMARY KEY (era_id, source_id)
);
CREATE TABLE nodes (
  era_id TEXT NOT NULL REFERENCES eras(id), id TEXT NOT NULL, position INTEGER NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, acronym TEXT, aliases TEXT NOT NULL, note TEXT, parent_id TEXT,
  name_incomplete INTEGER NOT NULL,
  PRIMARY KEY (era_id, id),
  FOREIGN KEY (era_id, parent_id) REFERENCES nodes(era_id, id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE edges (
  id INTEGER PRIMARY KEY, era_id TEXT NOT NULL REFERENCES eras(id), position INTEGER NOT NULL,
  kind TEXT NOT NULL, superior TEXT NOT NULL, subordinate TEXT NOT NULL, second_parent INTEGER NOT NULL,
  note TEXT,
  UNIQUE (era_id, kind, superior, subordinate),
  FOREIGN KEY (era_id, superior) REFERENCES nodes(era_id, id),
  FOREIGN KEY (era_id, subordinate) REFERENCES nodes(era_id, id)
);
CREATE TABLE claims (
  era_id TEXT NOT NULL REFERENCES eras(id), id TEXT NOT NULL, position INTEGER NOT NULL,
  subject TEXT NOT NULL, attribute TEXT NOT NULL, value NUMERIC NOT NULL, unit TEXT,
  qualifier TEXT NOT NULL, as_of TEXT, counts TEXT, note TEXT,
  PRIMARY KEY (era_id, id), FOREIGN KEY (era_id, subject) REFERENCES nodes(era_id, id)
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY, era_id TEXT NOT NULL REFERENCES eras(id), position INTEGER NOT NULL,
  kind TEXT NOT NULL, subject TEXT, message TEXT NOT NULL, severity TEXT NOT NULL, origin TEXT NOT NULL,
  FOREIGN KEY (era_id, subject) REFERENCES nodes(era_id, id)
);
CREATE TABLE lineage (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE lineage_members (
  lineage_id INTEGER NOT NULL REFERENCES lineage(id), side TEXT NOT NULL CHECK (side IN ('before', 'after')),
  node_id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (lineage_id, side, position)
);
CREATE TABLE citations (
  id INTEGER PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id), quote TEXT NOT NULL,
  position INTEGER NOT NULL, era_id TEXT REFERENCES eras(id),
  node_id TEXT, edge_id INTEGER REFERENCES edges(id), claim_id TEXT,
  finding_id INTEGER REFERENCES findings(id), lineage_id INTEGER REFERENCES lineage(id),
  FOREIGN KEY (era_id, node_id) REFERENCES nodes(era_id, id),
  FOREIGN KEY (era_id, claim_id) REFERENCES claims(era_id, id),
  CHECK ((node_id IS NOT NULL) + (edge_id IS NOT NULL) + (claim_id IS NOT NULL)
         + (finding_id IS NOT NULL) + (lineage_id IS NOT NULL) = 1)
);
"""
"""The tables (their keys and constraints are checked as rows go in)."""

INDEXES = """
CREATE INDEX nodes_by_parent ON nodes (era_id, parent_id);
CREATE INDEX nodes_by_name ON nodes (name);
CREATE INDEX edges_by_superior ON edges (era_id, superior, kind);
CREATE INDEX edges_by_subordinate ON edges (era_id, subordinate, kind);
CREATE INDEX claims_by_subject ON claims (era_id, subject);
CREATE INDEX findings_by_era ON findings (era_id, subject);
CREATE INDEX citations_by_node ON citations (era_id, node_id);
CREATE INDEX citations_by_edge ON citations (edge_id);
CREATE INDEX citations_by_claim ON citations (era_id, claim_id);
CREATE INDEX citations_by_finding ON citations (finding_id);
CREATE INDEX citations_by_source ON citations (source_id);
CREATE INDEX lineage_by_node ON lineage_members (node_id);
"""
"""The indexes of the usual joins, made once the rows are in (maintaining them row by row, and
checking foreign keys on every insert, took half of the export at 2 x 100,000 entities)."""

SCHEMA = TABLES + INDEXES
"""The whole schema."""


def _cite(db: sqlite3.Connection, citations: Iterable[Citation], era_id: str | None, **owner: object) -> None:
    columns = ", ".join(owner)
    marks = ", ".join("?" for _ in owner)
    db.executemany(
        f"INSERT INTO citations (source_id, quote, position, era_id, {columns}) VALUES (?, ?, ?, ?, {marks})",
        [(c.source, c.quote, index, era_id, *owner.values()) for index, c in enumerate(citations)],
    )


def _next_id(db: sqlite3.Connection, table: str) -> int:
    """The id SQLite would give the next row of `table` (an INTEGER PRIMARY KEY, never deleted
    from): ids given by hand in one batch are the ones row-by-row inserts got."""
    row = db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()
    return int(row[0])


def _insert_era(db: sqlite3.Connection, chart: OrgChart, position: int) -> None:
    """One era's rows, a table at a time (`executemany` over all rows: a statement per node and
    per citation took 6 of 12 s at 2 x 100,000 entities), in the order and with the ids that
    inserting them one by one gave."""
    date = chart.date
    era_id = chart.id
    db.execute(
        "INSERT INTO eras VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            era_id,
            position,
            chart.label,
            chart.era.description,
            date.label,
            date.start.isoformat(),
            date.end.isoformat(),
            date.precision,
        ),
    )
    db.executemany(
        "INSERT INTO era_sources VALUES (?, ?, ?)", [(era_id, s, i) for i, s in enumerate(chart.era.sources)]
    )
    parent_of = chart.parent_ids
    db.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                era_id,
                node.id,
                index,
                node.name,
                node.kind,
                node.acronym,
                json.dumps(list(node.aliases), ensure_ascii=False) if node.aliases else "[]",
                node.note,
                parent_of.get(node.id),
                node.name_incomplete,
            )
            for index, node in enumerate(chart.nodes)
        ],
    )
    db.executemany(
        "INSERT INTO citations (source_id, quote, position, era_id, node_id) VALUES (?, ?, ?, ?, ?)",
        [(c.source, c.quote, index, era_id, node.id) for node in chart.nodes for index, c in enumerate(node.citations)],
    )
    first_edge = _next_id(db, "edges")
    db.executemany(
        "INSERT INTO edges (id, era_id, position, kind, superior, subordinate, second_parent, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                first_edge + index,
                era_id,
                index,
                e.kind,
                e.superior,
                e.subordinate,
                int(chart.is_second_parent(e)),
                e.note,
            )
            for index, e in enumerate(chart.edges)
        ],
    )
    db.executemany(
        "INSERT INTO citations (source_id, quote, position, era_id, edge_id) VALUES (?, ?, ?, ?, ?)",
        [
            (c.source, c.quote, index, era_id, first_edge + number)
            for number, edge in enumerate(chart.edges)
            for index, c in enumerate(edge.citations)
        ],
    )
    for index, claim in enumerate(chart.claims):
        db.execute(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                era_id,
                claim.id,
                index,
                claim.subject,
                claim.attribute,
                claim.value,
                claim.unit,
                claim.qualifier,
                claim.as_of,
                claim.counts,
                claim.note,
            ),
        )
        _cite(db, claim.citations, era_id, claim_id=claim.id)
    for index, finding in enumerate(chart.findings):
        cursor = db.execute(
            "INSERT INTO findings (era_id, position, kind, subject, message, severity, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (era_id, index, finding.kind, finding.subject, finding.message, finding.severity, finding.origin),
        )
        _cite(db, finding.citations, era_id, finding_id=cursor.lastrowid)


def to_sqlite(dataset: Dataset, eras: Sequence[OrgChart] | None = None) -> bytes:
    """The dataset (or just `eras`) as the bytes of an SQLite database file.

    Raises:
        sqlite3.IntegrityError: the data breaks a declared key (validated data never does).
    """
    charts = list(dataset.eras if eras is None else eras)
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(TABLES)
        with db:
            used = sorted(dataset.sources if eras is None else {s for chart in charts for s in chart.era.sources})
            for source_id in used:
                s = dataset.sources[source_id]
                db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", source_row(s))
            for position, chart in enumerate(charts):
                _insert_era(db, chart, position)
            if eras is None:
                for index, link in enumerate(dataset.lineage, start=1):
                    db.execute("INSERT INTO lineage VALUES (?, ?, ?)", (index, link.kind, link.reason))
                    for side in ("before", "after"):
                        db.executemany(
                            "INSERT INTO lineage_members VALUES (?, ?, ?, ?)",
                            [(index, side, ref, i) for i, ref in enumerate(getattr(link, side))],
                        )
                    _cite(db, [c for c in link.citations if c.source in used], None, lineage_id=index)
        db.executescript(INDEXES)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, row, parent, _ = broken[0]
            raise sqlite3.IntegrityError(
                f"FOREIGN KEY constraint failed: row {row} of {table} refers to a missing row of {parent}"
                f" ({len(broken)} such rows)"
            )
        db.execute("VACUUM")
        return db.serialize()
    finally:
        db.close()


def write_sqlite(dataset: Dataset, path: str | Path, eras: Sequence[OrgChart] | None = None) -> Path:
    """Write the dataset (or just `eras`) as an SQLite file at `path`, atomically."""
    return write_bytes_atomic(path, to_sqlite(dataset, eras))
