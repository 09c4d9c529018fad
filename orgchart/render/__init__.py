"""Charts of an era: Graphviz (SVG, PNG, PDF, DOT) and Mermaid; `changes.py` draws the change
chart of two eras on the same construction.

`graphviz` (the Python package) is imported only when a chart is built, so importing
`orgchart` stays light. Renderers read eras (`orgchart.graph`) and change sets
(`orgchart.changes`); they never import the reports, exports, the page or the command line.
"""

from orgchart.render.graphviz import (
    Caption,
    ChartTooLargeError,
    Decorations,
    RenderError,
    build_digraph,
    edge_svg_id,
    node_svg_id,
    render_chart,
    render_pdf,
    render_png,
    render_svg,
    to_dot,
    to_graphviz,
    write_chart,
)
from orgchart.render.mermaid import to_mermaid
from orgchart.render.scope import Scope, select, top_level_divisions
from orgchart.render.style import EDGE_STYLES, FORMATS, NODE_STYLES, UnknownFormatError, verify_format
from orgchart.render.svg import svg_size

__all__ = [
    "EDGE_STYLES",
    "FORMATS",
    "NODE_STYLES",
    "Caption",
    "ChartTooLargeError",
    "Decorations",
    "RenderError",
    "Scope",
    "UnknownFormatError",
    "build_digraph",
    "edge_svg_id",
    "node_svg_id",
    "render_chart",
    "render_pdf",
    "render_png",
    "render_svg",
    "select",
    "svg_size",
    "to_dot",
    "to_graphviz",
    "to_mermaid",
    "top_level_divisions",
    "verify_format",
    "write_chart",
]
