"""The validated-dataset cache: invisible (the same dataset either way), keyed by content (a
changed file is never served stale, whatever its time stamp), safe to delete or damage, off on
request, and kept to a few entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import orgchart
from orgchart.dataset import cache
from orgchart.graph import check
from tests.conftest import ERA_YAML, DatasetMaker


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("ORGCHART_CACHE_DIR", str(root))
    monkeypatch.delenv("ORGCHART_CACHE", raising=False)
    return root


def summary(dataset: orgchart.Dataset) -> list[object]:
    return [
        (chart.id, [n.model_dump() for n in chart.nodes], [e.model_dump() for e in chart.edges], chart.findings)
        for chart in dataset.eras
    ]


def test_a_second_load_comes_from_the_cache_and_is_the_same_dataset(cache_root: Path) -> None:
    cold = orgchart.load()
    entries = sorted(path.name for path in cache_root.iterdir())
    assert [name.split(".", 1)[1] for name in entries] == ["dataset", "values"]
    warm = orgchart.load()
    assert summary(warm) == summary(cold)
    assert warm.era("ero-2023").graph.number_of_nodes() == len(warm.era("ero-2023"))
    assert sorted(path.name for path in cache_root.iterdir()) == entries


def test_a_changed_file_is_read_again_even_with_its_old_time_stamp(
    cache_root: Path, make_dataset: DatasetMaker
) -> None:
    root = make_dataset()
    era_file = root / "eras" / "era-one.yaml"
    assert orgchart.load(root).latest.get("field").name == "Field Division"
    stamp = era_file.stat()
    era_file.write_text(ERA_YAML.replace("name: Field Division", "name: Field Unit"), encoding="utf-8")
    os.utime(era_file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert orgchart.load(root).latest.get("field").name == "Field Unit"
    assert len(list(cache_root.glob("*.dataset"))) == 2


def test_a_changed_document_is_checked_again(cache_root: Path, make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    orgchart.load(root)
    document = next((root / "sources").iterdir())
    document.write_text(document.read_text(encoding="utf-8").replace("Patrol", "Patrols"), encoding="utf-8")
    with pytest.raises(orgchart.DataError, match="sha256"):
        orgchart.load(root)


def test_strict_is_keyed_apart(cache_root: Path, make_dataset: DatasetMaker) -> None:
    root = make_dataset(
        era_yaml=ERA_YAML.replace(
            "    citations:\n      - source: doc-one\n        quote: the Support Division\n", "", 1
        )
    )
    assert any(f.kind == "uncited" for f in orgchart.load(root).latest.findings)
    with pytest.raises(orgchart.DataError, match="has no citation"):
        orgchart.load(root, strict=True)


def test_invalid_data_is_never_recorded(cache_root: Path, make_dataset: DatasetMaker) -> None:
    root = make_dataset(era_yaml=ERA_YAML.replace("superior: ea", "superior: nowhere", 1))
    for _ in range(2):
        with pytest.raises(orgchart.DataError, match="unknown node id 'nowhere'"):
            orgchart.load(root)
    assert not cache_root.exists() or not list(cache_root.glob("*.dataset"))


def test_a_damaged_or_deleted_cache_is_ignored(cache_root: Path) -> None:
    expected = summary(orgchart.load())
    for entry in cache_root.iterdir():
        entry.write_bytes(b"not marshal data")
    assert summary(orgchart.load()) == expected
    for entry in cache_root.iterdir():
        entry.unlink()
    cache_root.rmdir()
    assert summary(orgchart.load()) == expected


def test_the_cache_can_be_turned_off(cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGCHART_CACHE", "off")
    orgchart.load()
    assert not cache_root.exists()
    assert cache.cache_dir() is None


def test_the_default_place_is_the_user_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORGCHART_CACHE_DIR", raising=False)
    monkeypatch.delenv("ORGCHART_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "orgchart" / "datasets"


def test_only_the_most_recent_entries_are_kept(cache_root: Path, make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    era_file = root / "eras" / "era-one.yaml"
    for number in range(cache.KEEP + 3):
        era_file.write_text(ERA_YAML.replace("Example Agency, first era", f"Version {number}"), encoding="utf-8")
        orgchart.load(root)
    assert len(list(cache_root.glob("*.dataset"))) == cache.KEEP


def test_the_verdict_is_what_the_dataset_says(cache_root: Path) -> None:
    dataset = orgchart.load()
    for _ in range(2):  # computed, then read back from the cache
        verdict = check()
        assert [(e.id, len(e), e.findings) for e in verdict.eras] == [(c.id, len(c), c.findings) for c in dataset.eras]
        assert verdict.sources == tuple(dataset.sources)
    assert len(list(cache_root.glob("*.verdict"))) == 1
