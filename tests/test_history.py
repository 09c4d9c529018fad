"""orgchart.history: consecutive pairs, the grid of entities across eras, and timelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.changes.history import entity_timeline, history, history_of
from orgchart.cli import app
from orgchart.report import render_history
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, era_yaml, replace_edges, replace_node, source_for

runner = CliRunner()


def three_eras(make_dataset: DatasetMaker) -> Path:
    """era-a has the patrol unit, era-b does not mention it, era-c renames it."""
    first = era_yaml("era-a", BASE_NODES, BASE_EDGES)
    second = era_yaml(
        "era-b",
        replace_node(BASE_NODES, "patrol", None),
        replace_edges(BASE_EDGES, drop=[("parent", "field", "patrol")]),
    )
    third = era_yaml("era-c", replace_node(BASE_NODES, "patrol", ("patrol", "Highway Patrol Unit", "unit")), BASE_EDGES)
    files = {"a.yaml": first, "b.yaml": second, "c.yaml": third}
    return make_dataset(era_yaml=files, source_text=source_for(first, second, third))


def test_grid_follows_an_entity_across_a_gap(make_dataset: DatasetMaker) -> None:
    hist = history(orgchart.load(three_eras(make_dataset)))
    assert [e.id for e in hist.eras] == ["era-a", "era-b", "era-c"]
    row = hist.row_of("era-c", "patrol")
    assert [cell.name if cell else None for cell in row.cells] == ["Patrol Unit", None, "Highway Patrol Unit"]
    assert len(hist.grid) == len(BASE_NODES)


def test_changes_across_a_gap_are_reported(make_dataset: DatasetMaker) -> None:
    hist = history(orgchart.load(three_eras(make_dataset)))
    assert [(c.kind, c.id) for c in hist.pairs[1]] == [("added", "patrol")]
    (gap,) = hist.since[1]
    assert (gap.change.kind, gap.change.id, gap.changes.before.id) == ("renamed", "patrol", "era-a")
    text = render_history(hist, "md")
    assert "### Since an earlier document" in text
    assert "Patrol Unit renamed Highway Patrol Unit" in text


def test_timeline_library_and_cli(make_dataset: DatasetMaker) -> None:
    root = three_eras(make_dataset)
    eras, row = entity_timeline(orgchart.load(root), "Highway Patrol Unit")
    assert [e.id for e in eras] == ["era-a", "era-b", "era-c"]
    assert row.cells[1] is None
    result = runner.invoke(app, ["timeline", "patrol", "--data", str(root), "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert [e["name"] for e in entries] == ["Patrol Unit", None, "Highway Patrol Unit"]
    result = runner.invoke(app, ["timeline", "patrol", "--data", str(root)])
    assert "not mentioned" in result.stdout


def test_timeline_unknown_is_an_error(make_dataset: DatasetMaker) -> None:
    result = runner.invoke(app, ["timeline", "nothing-like-it", "--data", str(three_eras(make_dataset))])
    assert result.exit_code == 1
    with pytest.raises(orgchart.NotFoundError):
        entity_timeline(orgchart.load(three_eras(make_dataset)), "nothing-like-it")


def test_bundled_timeline_of_cad() -> None:
    eras, row = entity_timeline(orgchart.load(), "CAD")
    names = {era.id: cell.name for era, cell in zip(eras, row.cells, strict=True) if cell}
    assert names["ero-excerpt"] == "Criminal Alien Division"
    assert names["ero-2023"] == "Criminal Apprehension Division"


def test_bundled_grid_joins_dro_and_ero() -> None:
    hist = history(orgchart.load())
    row = hist.row_of("ero-2023", "ero")
    first = row.cells[0]
    assert first is not None and first.id == "dro"


def test_history_of_some_eras_only(make_dataset: DatasetMaker) -> None:
    ds = orgchart.load(three_eras(make_dataset))
    every = history_of(ds.eras, ds.lineage)
    assert [(p.before.id, p.after.id) for p in every.pairs] == [("era-a", "era-b"), ("era-b", "era-c")]
    assert [len(gaps) for gaps in every.since] == [len(gaps) for gaps in history(ds).since]
    skipping = history_of([ds.era("era-a"), ds.era("era-c")], ds.lineage)
    assert [(p.before.id, p.after.id) for p in skipping.pairs] == [("era-a", "era-c")]
    assert [c.id for c in skipping.pairs[0].by_kind("renamed")] == ["patrol"]
    assert skipping.since == ((),)
