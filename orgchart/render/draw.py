"""`draw_chart`: a chart with `ChartOptions` in any format of `orgchart render`.

Graphviz formats come from `orgchart.render.figure`, Mermaid from `orgchart.render.mermaid`;
both draw the same figure (`figure_scope`), so the options mean the same in every format.
"""

from __future__ import annotations

from orgchart.dataset.model import Node
from orgchart.graph import OrgChart
from orgchart.render.dot import readable_by_graphviz
from orgchart.render.figure import figure_digraph, figure_svg
from orgchart.render.graphviz import layout
from orgchart.render.mermaid import figure_mermaid
from orgchart.render.options import ChartOptions
from orgchart.render.style import verify_format


def draw_chart(
    chart: OrgChart,
    format: str,
    root: str | Node | None = None,
    depth: int | None = None,
    options: ChartOptions | None = None,
) -> bytes:
    """The chart drawn with `options` in `format` (text as UTF-8). SVG ids are prefixed only
    when `options.id_prefix` asks: a file of its own needs no prefix.

    Raises:
        UnknownFormatError, NotFoundError, AmbiguousError, RenderError, ChartOptionError.
    """
    wanted = verify_format(format)
    if wanted == "svg":
        return figure_svg(chart, root, depth, options, prefix=False)
    if wanted == "mermaid":
        return figure_mermaid(chart, root, depth, options).encode("utf-8")
    source = figure_digraph(chart, root, depth, options)[0].source
    return readable_by_graphviz(source).encode("utf-8") if wanted == "dot" else layout(source, wanted)
