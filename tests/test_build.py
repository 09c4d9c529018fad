"""`orgchart build` writes every interchange format for every era, byte for byte the same each time."""

from __future__ import annotations

from pathlib import Path

import orgchart
from orgchart.build import build_all
from tests.interchange_data import write_hard_dataset


def test_build_writes_every_export_deterministically(tmp_path: Path) -> None:
    dataset = orgchart.load(write_hard_dataset(tmp_path / "data"))
    first = build_all(dataset, tmp_path / "one")
    second = build_all(orgchart.load(dataset.root), tmp_path / "two")
    exports = tmp_path / "one" / "export"
    for era in ("era-a", "era-b"):
        assert (exports / f"{era}.graphml").is_file()
        for table in ("nodes.csv", "edges.csv", "claims.csv"):
            assert (exports / era / table).is_file()
    assert (exports / "orgchart.sqlite").is_file() and (exports / "orgchart.ttl").is_file()
    assert [p.relative_to(tmp_path / "one") for p in first] == [p.relative_to(tmp_path / "two") for p in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
