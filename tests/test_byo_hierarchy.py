"""A generated register of units in two snapshots (benchmarks/byo_hierarchy.py), imported from
path-shaped tables as a user would, checked against the truth the generator recorded: every
parent right although names hold `/`, the diff's counts equal to the true differences, and no
move made up from a repeated or bare-title name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from benchmarks.byo_hierarchy import ID_FROM, KIND_MAP, Snapshots, generate, naive_parents, paths, write_snapshots
from orgchart.cli import app
from orgchart.report import render_diff
from orgchart.report.environment import md

runner = CliRunner()

SIZE = 300


def import_table(table: Path, era: str, data: Path, date: str) -> str:
    result = runner.invoke(
        app,
        [
            "import",
            str(table),
            "--era",
            era,
            "--date",
            date,
            "--label",
            f"Register, {era}",
            "--path-column",
            "path",
            "--id-from",
            ID_FROM,
            "--kind-key",
            "type",
            "--kind-map",
            KIND_MAP,
            "-o",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[orgchart.Dataset, Snapshots, Path]:
    root = tmp_path_factory.mktemp("register")
    first, second, snapshots = write_snapshots(root / "tables", SIZE, seed=5)
    import_table(first, "register-2023", root / "data", "2023-06")
    import_table(second, "register-2024", root / "data", "2024-06")
    return orgchart.load(root / "data"), snapshots, first


def test_the_generated_snapshots_have_the_shape_of_a_real_register() -> None:
    snapshots = generate(2700, 12)
    names = [unit.name for unit in snapshots.before.values()]
    assert 2500 <= len(snapshots.before) <= 2900
    assert 0.30 <= snapshots.changed_share() <= 0.40
    assert sum("/" in name for name in names) >= 40
    assert max(names.count(name) for name in set(names)) >= 20  # staff offices under every agency
    assert snapshots.truth.traps and snapshots.truth.vanished in snapshots.after


def test_every_parent_is_right_although_names_hold_slashes(
    imported: tuple[orgchart.Dataset, Snapshots, Path],
) -> None:
    dataset, snapshots, first_table = imported
    for era, units in (("register-2023", snapshots.before), ("register-2024", snapshots.after)):
        chart = dataset.era(era)
        assert {node.id for node in chart.nodes} == set(units)
        got = {code: (chart.parent(chart.node(code)) or None) for code in units}
        assert {code: parent.id if parent else None for code, parent in got.items()} == {
            code: unit.parent for code, unit in units.items()
        }
        assert {node.id: node.name for node in chart.nodes} == {code: unit.name for code, unit in units.items()}
    # The data would catch a reader that splits paths on "/": some parents would come out wrong.
    with first_table.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_path = {path: code for code, path in paths(snapshots.before).items()}
    naive = naive_parents(rows)
    wrong = [p for p, parent in naive.items() if parent is not None and parent not in by_path]
    assert any("/" in unit.name for unit in snapshots.before.values()) and wrong


def test_the_diff_counts_equal_the_truth_with_no_false_move(
    imported: tuple[orgchart.Dataset, Snapshots, Path],
) -> None:
    dataset, snapshots, _ = imported
    changes = orgchart.diff(dataset.era("register-2023"), dataset.era("register-2024"))
    counts = {kind: n for kind, n in changes.counts().items() if kind in ("added", "removed", "renamed", "moved")}
    assert counts == snapshots.truth.counts()
    assert {c.id for c in changes.by_kind("moved")} == snapshots.truth.moved
    assert {c.id for c in changes.by_kind("renamed")} == snapshots.truth.renamed
    for removed, added in snapshots.truth.traps:
        assert changes.matching.forward(removed) is None and changes.matching.backward(added) is None


def test_the_report_leads_with_what_matters(imported: tuple[orgchart.Dataset, Snapshots, Path]) -> None:
    """The first 60 lines hold the summary, the headline changes (the department that vanished
    first) and the largest branch changes; no placeholder `uncited` finding appears anywhere."""
    dataset, snapshots, _ = imported
    changes = orgchart.diff(dataset.era("register-2023"), dataset.era("register-2024"))
    assert not [c for c in changes if c.kind.startswith("finding")]
    report = render_diff(changes, "md")
    head = "\n".join(report.splitlines()[:60])
    vanished = snapshots.before[snapshots.truth.vanished].name
    assert "## Summary" in head and "| not mentioned later | " in head
    headlines = head[head.index("Headline changes") : head.index("## What each document covers")]
    assert headlines.splitlines()[2].startswith(f"- **mostly not mentioned later**: {md(vanished)}:")
    tables = head[head.index("## What each document covers") :]
    first_row = tables[tables.index("| --- |") :].splitlines()[1]
    assert first_row.startswith(f"| {md(vanished)} | ")  # the largest branch change comes first
    assert "more branches |" in tables
    assert "uncited" not in report and "placeholder" not in report.lower()
    full = json.loads(render_diff(changes, "json"))
    assert len(full["coverage"][0]["branches"]) > 8  # JSON keeps every branch
    assert full["headlines"][0]["id"] == snapshots.truth.vanished


def test_validate_prints_a_summary_of_an_imported_register(
    imported: tuple[orgchart.Dataset, Snapshots, Path],
) -> None:
    dataset, _, _ = imported
    result = runner.invoke(app, ["validate", "--data", str(dataset.root)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 20 and "--verbose lists them all" in result.output
    assert any(line.startswith("  uncited: ") for line in lines)
    verbose = runner.invoke(app, ["validate", "--verbose", "--data", str(dataset.root)])
    uncited = sum(len(chart.findings) for chart in dataset.eras)
    assert verbose.output.count("warning: ") == uncited > 500
