"""`make` (build_all) writes every era's charts, whole and per top-level division."""

from __future__ import annotations

from pathlib import Path

import orgchart
from orgchart.build import build_all
from orgchart.render.charts import largest_chart
from tests.conftest import DatasetMaker
from tests.render_data import wide_dataset


def test_build_writes_charts_for_every_era(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    dataset = orgchart.load(wide_dataset(make_dataset))
    out = tmp_path / "renders"
    build_all(dataset, out)
    charts = out / "charts"
    assert (charts / "wide.svg").is_file() and (charts / "wide.mmd").is_file()
    # Operations holds most of the agency, so the divisions are its children; none has
    # anything below it, so there is no division chart.
    assert not (charts / "wide").exists()
    first = (charts / "wide.svg").read_bytes()
    build_all(dataset, out)
    assert (charts / "wide.svg").read_bytes() == first


def test_largest_chart_is_measured() -> None:
    size = largest_chart(orgchart.load())
    assert size.path.startswith("renders/charts/") and size.width > 0 and size.height > 0


def test_build_writes_one_chart_per_top_level_division(dataset_dir: Path, tmp_path: Path) -> None:
    written = build_all(orgchart.load(dataset_dir), tmp_path)
    charts = tmp_path / "charts" / "era-one"
    # The Field Division oversees the Patrol Program; the Support Division has nothing below it.
    assert charts / "field.svg" in written and charts / "field.mmd" in written
    assert not (charts / "support.svg").exists()
    assert b'id="node-patrol"' in (charts / "field.svg").read_bytes()
