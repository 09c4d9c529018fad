"""Every chart of a dataset, as `make` writes them into `renders/charts/`.

Per era: `charts/<era>.svg` and `charts/<era>.mmd` (the whole era), and for each top-level
division (`orgchart.render.scope.top_level_divisions`) `charts/<era>/<division>.svg` and
`.mmd`. `largest_chart` measures them so the README can say how big the biggest one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.graph import Dataset
from orgchart.render.graphviz import render_svg
from orgchart.render.mermaid import to_mermaid
from orgchart.render.scope import top_level_divisions
from orgchart.render.svg import svg_size


@dataclass(frozen=True)
class ChartSize:
    """A chart file and its size in CSS pixels."""

    path: str
    width: int
    height: int


def write_era_charts(dataset: Dataset, out_dir: str | Path) -> list[Path]:
    """Write every era's charts (SVG and Mermaid, whole era and per top-level division)
    under `out_dir / "charts"`; return the paths written."""
    charts = Path(out_dir) / "charts"
    written: list[Path] = []
    for chart in dataset.eras:
        written.append(write_bytes_atomic(charts / f"{chart.id}.svg", render_svg(chart)))
        written.append(write_text_atomic(charts / f"{chart.id}.mmd", to_mermaid(chart)))
        for division in top_level_divisions(chart):
            folder = charts / chart.id
            written.append(write_bytes_atomic(folder / f"{division.id}.svg", render_svg(chart, division)))
            written.append(write_text_atomic(folder / f"{division.id}.mmd", to_mermaid(chart, division)))
    return written


def largest_chart(dataset: Dataset) -> ChartSize:
    """The whole-era chart with the largest area, measured from a fresh render."""
    sizes = []
    for chart in dataset.eras:
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
