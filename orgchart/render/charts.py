"""Every chart of a dataset, as `make` writes them into `renders/charts/`.

Per era: `charts/<era>.svg` and `charts/<era>.mmd` (the whole era), and for each branch of the
dataset's union of top-level divisions that the era mentions
(`orgchart.changes.branches.dataset_divisions`: chosen the same way in every era, so a branch in
two eras has a chart in both) `charts/<era>/<division>.svg` and `.mmd`. `largest_chart` measures
them so the README can say how big the biggest one is. Every chart is drawn in the dataset's
stable order (`orgchart.changes.order`), so an entity keeps its place among its siblings from one
era's chart to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.changes.branches import dataset_divisions
from orgchart.changes.order import stable_order
from orgchart.graph import Dataset
from orgchart.render.graphviz import render_svg
from orgchart.render.mermaid import to_mermaid
from orgchart.render.svg import svg_size


@dataclass(frozen=True)
class ChartSize:
    """A chart file and its size in CSS pixels."""

    path: str
    width: int
    height: int


def write_era_charts(dataset: Dataset, out_dir: str | Path) -> list[Path]:
    """Write every era's charts (SVG and Mermaid, whole era and per branch of the dataset's
    top-level divisions) under `out_dir / "charts"`; return the paths written."""
    charts = Path(out_dir) / "charts"
    written: list[Path] = []
    order = stable_order(dataset)
    divisions = dataset_divisions(dataset)
    for chart in map(order.apply, dataset.eras):
        written.append(write_bytes_atomic(charts / f"{chart.id}.svg", render_svg(chart)))
        written.append(write_text_atomic(charts / f"{chart.id}.mmd", to_mermaid(chart)))
        for division in divisions[chart.id]:
            folder = charts / chart.id
            written.append(write_bytes_atomic(folder / f"{division.id}.svg", render_svg(chart, division)))
            written.append(write_text_atomic(folder / f"{division.id}.mmd", to_mermaid(chart, division)))
    return written


def largest_chart(dataset: Dataset) -> ChartSize:
    """The whole-era chart with the largest area, measured from a fresh render."""
    sizes = []
    for chart in map(stable_order(dataset).apply, dataset.eras):
        width, height = svg_size(render_svg(chart))
        sizes.append(ChartSize(f"renders/charts/{chart.id}.svg", round(width), round(height)))
    return max(sizes, key=lambda size: (size.width * size.height, size.path))


def readme_chart_block(dataset: Dataset) -> str:
    """The README's chart block: the default era's chart (see `Dataset.default`) as an image, and
    the size of the largest chart (measured, so the README never guesses)."""
    newest = dataset.default
    largest = largest_chart(dataset)
    return (
        f"![{newest.label}: organizational chart of era {newest.id}](renders/charts/{newest.id}.svg)\n\n"
        f"The largest chart, `{largest.path}`, is {largest.width:,} px wide and {largest.height:,} px high.\n"
    )
