"""orgchart: an organization's structure, era by era, where every fact is a cited quote.

>>> import orgchart
>>> ds = orgchart.load()             # the bundled ICE ERO / DRO data, or load("path/to/data")
>>> era = ds.latest                  # or ds.era("ero-2023"); ds.eras is chronological
>>> era.get("ERO").kind
'directorate'
"""

from orgchart.changes.changeset import Change, ChangeSet
from orgchart.changes.diff import diff
from orgchart.changes.history import History
from orgchart.changes.match import Match
from orgchart.changes.order import Ordering, stable_order
from orgchart.dataset.citations import fold_white_space, quote_is_found
from orgchart.dataset.model import (
    EDGE_KINDS,
    NODE_KINDS,
    Citation,
    Claim,
    Edge,
    Era,
    Finding,
    LineageLink,
    Node,
    Source,
    SourceDate,
)
from orgchart.embed.jupyter import register_displays
from orgchart.errors import AmbiguousError, DataError, NotFoundError, OrgChartError, OutputError, Problem
from orgchart.export.csv import read_csv, to_csv, write_csv
from orgchart.export.graphml import read_graphml, to_graphml, write_graphml
from orgchart.export.importer import ImportResult, import_era, read_interchange
from orgchart.export.json import read_json, to_json, write_json
from orgchart.export.rdf import to_turtle, write_turtle
from orgchart.export.records import ImportedEra
from orgchart.export.shape import ImportShape
from orgchart.export.sqlite import to_sqlite, write_sqlite
from orgchart.graph import Dataset, EraDate, OrgChart, load
from orgchart.query import Subtree
from orgchart.render import (
    Caption,
    ChartTooLargeError,
    Decorations,
    RenderError,
    build_digraph,
    render_chart,
    render_pdf,
    render_png,
    render_svg,
    to_dot,
    to_graphviz,
    to_mermaid,
    write_chart,
)
from orgchart.render.stability import Stability, chart_stability
from orgchart.site import site_html, write_site
from orgchart.timeline import Timeline, TimelineEntry

register_displays()  # eras, subtrees, change sets and timelines display themselves in Jupyter

__version__ = "0.1.0"

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "AmbiguousError",
    "Caption",
    "Change",
    "ChangeSet",
    "ChartTooLargeError",
    "Citation",
    "Claim",
    "DataError",
    "Dataset",
    "Decorations",
    "Edge",
    "Era",
    "EraDate",
    "Finding",
    "History",
    "ImportResult",
    "ImportShape",
    "ImportedEra",
    "LineageLink",
    "Match",
    "Node",
    "NotFoundError",
    "Ordering",
    "OrgChart",
    "OrgChartError",
    "OutputError",
    "Problem",
    "RenderError",
    "Source",
    "SourceDate",
    "Stability",
    "Subtree",
    "Timeline",
    "TimelineEntry",
    "__version__",
    "build_digraph",
    "chart_stability",
    "diff",
    "fold_white_space",
    "import_era",
    "load",
    "quote_is_found",
    "read_csv",
    "read_graphml",
    "read_interchange",
    "read_json",
    "render_chart",
    "render_pdf",
    "render_png",
    "render_svg",
    "site_html",
    "stable_order",
    "to_csv",
    "to_dot",
    "to_graphml",
    "to_graphviz",
    "to_json",
    "to_mermaid",
    "to_sqlite",
    "to_turtle",
    "write_chart",
    "write_csv",
    "write_graphml",
    "write_json",
    "write_site",
    "write_sqlite",
    "write_turtle",
]
