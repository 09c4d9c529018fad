"""An embed as inline HTML: what the fence and the directive put into a documentation page.

An era chart is its overview (unless `full`), inlined as SVG with ids prefixed for this embed,
scaled down to the column if wider, followed by the full chart folded in a `<details>` when the
overview leaves entities out. A diff is the change chart (inlined the same way) and the change
report's summary as an HTML fragment. Everything is built at documentation build time; the page
needs no script.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import MutableMapping
from pathlib import Path
from typing import Final

from orgchart.embed.spec import EmbedError, EmbedSpec
from orgchart.errors import OrgChartError
from orgchart.graph import Dataset, OrgChart, default_data_dir, load
from orgchart.render.figure import figure_scope, figure_svg
from orgchart.render.options import ChartOptions, automatic_prefix
from orgchart.render.svg import svg_size

SVG_STYLE: Final[str] = "max-width: 100%; height: auto;"
"""Inline style of an embedded SVG: never wider than the column, height kept in proportion."""


def load_dataset(
    spec: EmbedSpec, datasets: MutableMapping[Path, Dataset] | None = None, base: Path | None = None
) -> Dataset:
    """The dataset an embed draws from: `spec.data` (relative to `base`, else the working
    directory), else `$ORGCHART_DATA` or the bundled data; loaded once per path when
    `datasets` is given."""
    path = Path(spec.data) if spec.data else default_data_dir()
    if spec.data and base is not None and not path.is_absolute():
        path = base / path
    key = path.resolve()
    if datasets is not None and key in datasets:
        return datasets[key]
    if not path.is_dir():
        raise EmbedError(f"data: {str(path)!r} is not a directory holding a dataset", spec.line_of("data"))
    try:
        dataset = load(path)
    except OrgChartError as error:
        raise EmbedError(f"data: {error}", spec.line_of("data")) from None
    if datasets is not None:
        datasets[key] = dataset
    return dataset


def inline_svg(svg: bytes) -> str:
    """An SVG document as markup to put in HTML: no XML prolog or DOCTYPE, and scaled down to
    the column when wider (its width and height stay as the intrinsic size)."""
    root = ET.fromstring(svg)
    root.set("style", SVG_STYLE)
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="unicode")


def _era(dataset: Dataset, era_id: str | None, line: int) -> OrgChart:
    try:
        return dataset.era(era_id) if era_id else dataset.latest
    except OrgChartError as error:
        raise EmbedError(str(error), line) from None


def chart_html(dataset: Dataset, spec: EmbedSpec) -> str:
    """An era chart (overview unless `spec.full`) and, when the overview leaves entities out,
    the full chart in a `<details>` under it."""
    chart = _era(dataset, spec.era, spec.line_of("era"))
    if spec.root is not None:
        try:
            chart.get(spec.root)
        except OrgChartError as error:
            raise EmbedError(str(error), spec.line_of("root")) from None
    svg = figure_svg(chart, spec.root, spec.depth, spec.options)
    parts = [f'<div class="orgchart-embed">{inline_svg(svg)}']
    if spec.options.overview:
        drawn = len(figure_scope(chart, spec.root, spec.depth, spec.options).scope.nodes)
        full_options = ChartOptions(
            legend=spec.options.legend,
            caption=spec.options.caption,
            link=spec.options.link,
            relations=spec.options.relations,
            id_prefix=spec.options.id_prefix + "full-" if spec.options.id_prefix else None,
        )
        total = len(figure_scope(chart, spec.root, None, full_options).scope.nodes)
        if total > drawn:
            full = figure_svg(chart, spec.root, None, full_options)
            width = round(svg_size(full)[0])
            parts.append(
                f'<details class="orgchart-full"><summary>The full chart: {total} entities, {width:,} px wide'
                f'</summary><div style="overflow-x: auto;">{inline_svg(full).replace(SVG_STYLE, "max-width: none;")}'
                "</div></details>"
            )
    parts.append("</div>")
    return "".join(parts)


def diff_html(dataset: Dataset, spec: EmbedSpec) -> str:
    """The change chart of `spec.diff` and the change report's summary."""
    from orgchart.changes.diff import diff
    from orgchart.changes.order import stable_order
    from orgchart.render.change_layout import draw_change_chart
    from orgchart.report.html import summary_html

    assert spec.diff is not None
    line = spec.line_of("diff")
    before, after = _era(dataset, spec.diff[0], line), _era(dataset, spec.diff[1], line)
    changes = diff(before, after, lineage=dataset.lineage)
    prefix = spec.options.id_prefix or automatic_prefix(f"{before.id}..{after.id}", None, None, spec.options)
    # The change chart `orgchart render --diff` draws: side by side (a summary when large).
    svg = draw_change_chart(changes, "svg", order=stable_order(dataset), id_prefix=prefix).data
    summary = summary_html(changes) if spec.summary else ""
    return f'<div class="orgchart-embed orgchart-diff">{inline_svg(svg)}{summary}</div>'


def embed_html(
    spec: EmbedSpec, *, datasets: MutableMapping[Path, Dataset] | None = None, base: Path | None = None
) -> str:
    """The HTML of one embed.

    Raises:
        EmbedError: the embed names an era, root or dataset that does not exist, or Graphviz
            fails; the message says which and lists the choices.
    """
    try:
        dataset = load_dataset(spec, datasets, base)
        return diff_html(dataset, spec) if spec.diff else chart_html(dataset, spec)
    except EmbedError:
        raise
    except (OrgChartError, ValueError) as error:
        raise EmbedError(str(error), 0) from None
