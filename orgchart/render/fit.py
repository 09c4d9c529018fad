"""Charts that fit a page: every era's overview written next to its full chart, and the widths
of both measured for the README (`make readme`), so the README never guesses a size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.changes.order import stable_order
from orgchart.graph import Dataset
from orgchart.render.figure import figure_svg
from orgchart.render.graphviz import render_svg
from orgchart.render.mermaid import figure_mermaid
from orgchart.render.options import ChartOptions
from orgchart.render.svg import svg_size

OVERVIEW: Final[ChartOptions] = ChartOptions(overview=True)
COLUMN_PX: Final[int] = 760
"""The width of a documentation column (MkDocs' default theme) the README's numbers assume."""


@dataclass(frozen=True)
class EraWidths:
    """One era's full chart and overview, measured in CSS pixels, and how many entities each draws."""

    era: str
    full: int
    overview: int
    entities: int
    overview_entities: int


def write_overviews(dataset: Dataset, out_dir: str | Path) -> list[Path]:
    """Write `charts/<era>.overview.svg` and `.overview.mmd` for every era; return the paths."""
    charts = Path(out_dir) / "charts"
    written = []
    for chart in map(stable_order(dataset).apply, dataset.eras):  # siblings where every era has them
        written.append(write_bytes_atomic(charts / f"{chart.id}.overview.svg", figure_svg(chart, options=OVERVIEW)))
        written.append(write_text_atomic(charts / f"{chart.id}.overview.mmd", figure_mermaid(chart, options=OVERVIEW)))
    return written


def measure(dataset: Dataset) -> list[EraWidths]:
    """Every era's full chart and overview, rendered afresh and measured."""
    from orgchart.render.figure import figure_scope

    rows = []
    for chart in map(stable_order(dataset).apply, dataset.eras):  # as `make` draws them
        full = round(svg_size(render_svg(chart))[0])
        overview = round(svg_size(figure_svg(chart, options=OVERVIEW))[0])
        drawn = len(figure_scope(chart, options=OVERVIEW).scope.nodes)
        rows.append(EraWidths(chart.id, full, overview, len(chart.nodes), drawn))
    return rows


def readme_widths_block(dataset: Dataset) -> str:
    """The README's table of chart widths: full chart and overview of every era, and how tall
    a name (10.5 pt) stays when each is shrunk into a 760 px column."""

    def name_px(width: int) -> str:
        return f"{10.5 * 4 / 3 * min(1.0, COLUMN_PX / width):.1f}"

    lines = [
        "| era | full chart, px wide | names at 760 px | overview, px wide | names at 760 px | entities drawn |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in measure(dataset):
        lines.append(
            f"| [`{row.era}`](renders/charts/{row.era}.overview.svg) | {row.full:,} | {name_px(row.full)} px "
            f"| {row.overview:,} | {name_px(row.overview)} px | {row.overview_entities} of {row.entities} |"
        )
    return "\n".join(lines) + "\n"
