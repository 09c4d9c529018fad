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
    written = build_all(dataset, out)
    charts = out / "charts"
    assert (charts / "wide.svg").is_file() and (charts / "wide.mmd").is_file()
    # Top-level divisions with something below them: ops (offices, training), support.
    for division in ("ops", "support"):
        assert charts / "wide" / f"{division}.svg" in written
        assert (charts / "wide" / f"{division}.mmd").read_text(encoding="utf-8").startswith("---\n")
    first = (charts / "wide.svg").read_bytes()
    build_all(dataset, out)
    assert (charts / "wide.svg").read_bytes() == first


def test_largest_chart_is_measured() -> None:
    size = largest_chart(orgchart.load())
    assert size.path.startswith("renders/charts/") and size.width > 0 and size.height > 0
