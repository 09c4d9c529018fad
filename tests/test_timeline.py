"""Timelines: an entity in every era, by id, by name, and through lineage links."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgchart
from orgchart.dataset.model import LineageLink
from orgchart.timeline import timeline_of
from tests.conftest import DatasetMaker
from tests.test_query import FIRST, LINEAGE, SECOND, SOURCE


@pytest.fixture
def handmade(make_dataset: DatasetMaker) -> Path:
    root = make_dataset(era_yaml={"a.yaml": FIRST, "b.yaml": SECOND}, source_text=SOURCE)
    (root / "lineage.yaml").write_text(LINEAGE, encoding="utf-8")
    return root


@pytest.fixture
def dataset(handmade: Path) -> orgchart.Dataset:
    return orgchart.load(handmade)


def test_cap_timeline_follows_the_rename() -> None:
    bundled = orgchart.load()
    line = bundled.timeline("CAP")
    assert [entry.era for entry in line] == [era.id for era in bundled.eras]
    names = {entry.era: entry.node.name for entry in line if entry.node}
    assert names["ero-excerpt"] == "Criminal Alien Program"
    assert names["ero-2023"] == "Criminal Apprehension Program"
    assert line.ids == ("cap",)
    assert not next(e for e in line if e.era == "ice-overview").present


def test_timeline_marks_absence_and_follows_lineage(dataset: orgchart.Dataset) -> None:
    line = dataset.timeline("Archive Office")
    assert line.ids == ("archive", "records")
    assert [(e.era, e.node.id if e.node else None, e.via) for e in line] == [
        ("a-first", "records", "lineage"),
        ("b-second", "archive", "id"),
    ]
    assert [e.parent.id if e.parent else None for e in line] == ["agency", "immigration"]
    assert [link.kind for link in line.links] == ["renamed"]
    patrol = dataset.timeline("patrol")
    assert [e.present for e in patrol] == [False, True]
    assert repr(patrol) == "<Timeline 'patrol': a-first=-, b-second=patrol>"
    assert repr(patrol.entries[0]) == "<TimelineEntry 'a-first': absent>"


def test_timeline_resolves_names_per_era_or_in_one_era(dataset: orgchart.Dataset) -> None:
    assert [e.node.id if e.node else None for e in dataset.timeline("ГА")] == ["agency", "agency"]
    assert dataset.timeline("Ops Desk", era="b-second").ids == ("ops-desk",)
    with pytest.raises(orgchart.NotFoundError):
        dataset.timeline("Patrol Unit", era="a-first")
    with pytest.raises(orgchart.NotFoundError) as caught:
        dataset.timeline("Zurich Ofice")
    assert "Zürich Office" in caught.value.suggestions


def test_timeline_without_lineage_keeps_renamed_ids_apart(make_dataset: DatasetMaker) -> None:
    data = orgchart.load(make_dataset(era_yaml={"a.yaml": FIRST, "b.yaml": SECOND}, source_text=SOURCE))
    assert data.timeline("records").ids == ("records",)
    assert [e.present for e in data.timeline("archive")] == [False, True]


def test_dro_was_renamed_ero_in_the_bundled_lineage() -> None:
    line = orgchart.load().timeline("ERO")
    first = line.entries[0]
    assert first.node is not None and first.node.id == "dro" and first.via == "lineage"
    assert line.entries[-1].node is not None and line.entries[-1].node.id == "ero"
    assert "dro" in line.ids and any(link.kind == "renamed" for link in line.links)


def test_lineage_gives_predecessors_and_successors_not_siblings(dataset: orgchart.Dataset) -> None:
    split = LineageLink(kind="split", before=("records",), after=("archive", "immigration"), reason="made up")
    line = timeline_of(dataset.eras, "archive", lineage=[split])
    assert line.ids == ("archive", "records")
    whole = timeline_of(dataset.eras, "records", lineage=[split])
    assert [(e.era, e.node.id if e.node else None) for e in whole] == [
        ("a-first", "records"),
        ("b-second", "immigration"),
        ("b-second", "archive"),
    ]
    assert [e.via for e in whole] == ["id", "lineage", "lineage"]


def test_a_node_passed_in_is_matched_by_its_id(dataset: orgchart.Dataset) -> None:
    zurich = dataset.era("a-first").get("zurich")
    assert [e.present for e in dataset.timeline(zurich)] == [True, True]
