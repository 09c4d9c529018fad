"""Every chart of a dataset, as `make` writes them into `renders/charts/`.

Per era: `charts/<era>.svg` and `charts/<era>.mmd` (the whole era), and for each branch of the
dataset's union of top-level divisions that the era mentions
(`orgchart.changes.branches.dataset_divisions`: chosen the same way in every era, so a branch in
two eras has a chart in both) `charts/<era>/<division>.svg` and `.mmd`. An era or branch too
large to read as one picture (`orgchart.render.legible`) is drawn as its overview, and every
branch that overview cuts short gets a chart of its own in the same folder, down to branches
small enough to draw whole. `largest_chart` measures them so the README can say how big the
biggest one is. Every chart is drawn in the dataset's stable order (`orgchart.changes.order`), so
an entity keeps its place among its siblings from one era's chart to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from orgchart.atomic import write_bytes_atomic, write_text_atomic
from orgchart.changes.branches import dataset_divisions
from orgchart.changes.order import stable_order
from orgchart.dataset.model import Node
from orgchart.graph import Dataset, OrgChart
from orgchart.render.figure import figure_svg
from orgchart.render.graphviz import render_svg
from orgchart.render.legible import branches, too_large
from orgchart.render.mermaid import figure_mermaid, to_mermaid
from orgchart.render.options import ChartOptions
from orgchart.render.scope import top_level_divisions
from orgchart.render.svg import svg_size

OVERVIEW: Final[ChartOptions] = ChartOptions(overview=True)


@dataclass(frozen=True)
class ChartSize:
    """A chart file and its size in CSS pixels."""

    path: str
    width: int
    height: int


def write_era_charts(dataset: Dataset, out_dir: str | Path) -> list[Path]:
    """Write every era's charts (SVG and Mermaid, whole era and per branch) under
    `out_dir / "charts"`; return the paths written."""
    charts = Path(out_dir) / "charts"
    written: list[Path] = []
    order = stable_order(dataset)
    divisions = dataset_divisions(dataset)
    for chart in map(order.apply, dataset.eras):
        written += _write_pair(charts / chart.id, chart, None)
        for branch in branch_charts(chart, divisions[chart.id]):
            written += _write_pair(charts / chart.id / branch.id, chart, branch)
    return written


def branch_charts(chart: OrgChart, divisions: Sequence[Node] | None = None) -> tuple[Node, ...]:
    """The branches that get a chart of their own, in era-file order: `divisions` (default: the
    era's top-level divisions), and every branch that the overview of a chart too large to draw
    whole cuts short (its '+N below'), down to branches small enough (no recursion)."""
    chosen = {division.id for division in (top_level_divisions(chart) if divisions is None else divisions)}
    todo: list[Node | None] = [None, *(chart.node(node_id) for node_id in chosen)]
    while todo:
        root = todo.pop()
        if too_large(chart, root):
            for branch in branches(chart, root):
                if branch.node.id not in chosen and branch.node != root:
                    chosen.add(branch.node.id)
                    todo.append(branch.node)
    return tuple(node for node in chart.nodes if node.id in chosen)


def _write_pair(stem: Path, chart: OrgChart, root: Node | None) -> list[Path]:
    """`stem.svg` and `stem.mmd`: the chart, or its overview when it is too large."""
    if too_large(chart, root):
        svg = figure_svg(chart, root, options=OVERVIEW, prefix=False)
        mermaid = figure_mermaid(chart, root, options=OVERVIEW)
    else:
        svg, mermaid = render_svg(chart, root), to_mermaid(chart, root)
    return [
        write_bytes_atomic(stem.with_name(stem.name + ".svg"), svg),
        write_text_atomic(stem.with_name(stem.name + ".mmd"), mermaid),
    ]


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
