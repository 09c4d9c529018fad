"""SQLite: every era in one file, answered with plain `sqlite3` queries."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.interchange_data import HARD_NAME, write_hard_dataset

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    root = write_hard_dataset(tmp_path / "data")
    out = tmp_path / "org.sqlite"
    result = runner.invoke(app, ["export", "--format", "sqlite", "-o", str(out), "--data", str(root)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(out)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


OVERSEEN = """
SELECT e.era_id, sup.name, sub.name
FROM edges AS e
JOIN nodes AS sup ON sup.era_id = e.era_id AND sup.id = e.superior
JOIN nodes AS sub ON sub.era_id = e.era_id AND sub.id = e.subordinate
JOIN eras ON eras.id = e.era_id
WHERE e.kind = 'oversight' AND sub.kind = 'program'
ORDER BY eras.position, e.position
"""


def test_all_eras_keys_and_indexes(db: sqlite3.Connection) -> None:
    assert db.execute("SELECT id FROM eras ORDER BY position").fetchall() == [("era-a",), ("era-b",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sources", "eras", "nodes", "edges", "claims", "citations", "findings"} <= tables
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN " + OVERSEEN))
    assert "USING INDEX" in plan or "USING PRIMARY KEY" in plan
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO edges (era_id, position, kind, superior, subordinate, second_parent) "
            "VALUES ('era-a', 99, 'parent', 'min', 'nobody', 0)"
        )


def test_which_programs_a_unit_oversaw_in_each_era(db: sqlite3.Connection) -> None:
    assert db.execute(OVERSEEN).fetchall() == [("era-a", "情報技術課", "Patrol Program")]


def test_names_citations_and_findings_are_queryable(db: sqlite3.Connection) -> None:
    assert db.execute("SELECT name FROM nodes WHERE era_id = 'era-a' AND id = 'min'").fetchone() == (HARD_NAME,)
    assert db.execute("SELECT acronym, note FROM nodes WHERE era_id = 'era-b' AND id = 'ops'").fetchone() == (
        None,
        None,
    )
    quotes = db.execute(
        "SELECT c.quote, s.title FROM citations AS c JOIN edges AS e ON e.id = c.edge_id "
        "JOIN sources AS s ON s.id = c.source_id WHERE e.era_id = 'era-a' AND e.kind = 'oversight'"
    ).fetchall()
    assert quotes == [("The 情報技術課 oversees the Patrol Program.", "Example overview")]
    second = db.execute("SELECT superior FROM edges WHERE era_id = 'era-a' AND subordinate = 'it' AND second_parent")
    assert second.fetchall() == [("ops",)]
    assert db.execute("SELECT parent_id FROM nodes WHERE era_id = 'era-a' AND id = 'it'").fetchone() == ("min",)
    kinds = {row[0] for row in db.execute("SELECT kind FROM findings WHERE era_id = 'era-a'")}
    assert {"second_parent", "uncited", "other"} <= kinds
    values = db.execute("SELECT id, value, typeof(value) FROM claims WHERE era_id = 'era-a' ORDER BY position")
    assert values.fetchall() == [("min-divisions", 2, "integer"), ("min-ratio", 2.5, "real")]
    lineage = db.execute(
        "SELECT l.kind, b.node_id, a.node_id FROM lineage AS l JOIN lineage_members AS b ON b.lineage_id = l.id "
        "AND b.side = 'before' JOIN lineage_members AS a ON a.lineage_id = l.id AND a.side = 'after'"
    ).fetchall()
    assert lineage == [("succeeded", "old", "new")]


def test_same_data_gives_a_byte_identical_file(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    first = orgchart.write_sqlite(orgchart.load(root), tmp_path / "one.sqlite").read_bytes()
    second = orgchart.write_sqlite(orgchart.load(root), tmp_path / "two.sqlite").read_bytes()
    assert first == second and first.startswith(b"SQLite format 3\x00")


def test_bundled_data_cad_oversees_cap_in_ero_2023(tmp_path: Path) -> None:
    path = orgchart.write_sqlite(orgchart.load(), tmp_path / "bundled.sqlite")
    with sqlite3.connect(path) as connection:
        overseen = {
            row[0]
            for row in connection.execute(
                "SELECT subordinate FROM edges WHERE era_id = 'ero-2023' AND superior = 'cad' AND kind = 'oversight'"
            )
        }
    assert "cap" in overseen


def test_one_era_only(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    dataset = orgchart.load(root)
    path = orgchart.write_sqlite(dataset, tmp_path / "b.sqlite", [dataset.era("era-b")])
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT id FROM eras").fetchall() == [("era-b",)]


def test_a_reference_to_a_missing_row_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """Foreign keys are checked once the rows are in (not row by row): a finding about an entity
    the era does not have still stops the export, naming the table."""
    dataset = orgchart.load(write_hard_dataset(tmp_path / "data"))
    chart = dataset.era("era-a")
    stray = orgchart.Finding(kind="other", subject="nowhere", message="about an entity the era lacks")
    broken = orgchart.OrgChart(chart.era, chart.sources, (*chart.findings, stray))
    out = tmp_path / "org.sqlite"
    with pytest.raises(sqlite3.IntegrityError, match="findings"):
        orgchart.write_sqlite(dataset, out, [broken])
    assert not out.exists()
