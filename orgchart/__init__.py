"""orgchart: an organization's structure, era by era, where every fact is a cited quote.

>>> import orgchart
>>> ds = orgchart.load()             # the bundled ICE ERO / DRO data, or load("path/to/data")
>>> era = ds.latest                  # or ds.era("ero-2023"); ds.eras is chronological
>>> era.get("ERO").kind
'directorate'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from orgchart.dataset import display as _display

__version__ = "0.1.0"

# The public API, imported on first use (PEP 562): `import orgchart` and `orgchart --version`
# stay light, and `orgchart.load` still works as a plain attribute. Each name maps to the
# module that defines it; add a name here, in the TYPE_CHECKING block and in __all__.
_EXPORTS: Final[dict[str, str]] = {
    "AmbiguousError": "orgchart.errors",
    "Caption": "orgchart.render",
    "ChartTooLargeError": "orgchart.render",
    "Change": "orgchart.changes.changeset",
    "ChangeSet": "orgchart.changes.changeset",
    "Citation": "orgchart.dataset.model",
    "Claim": "orgchart.dataset.model",
    "DataError": "orgchart.errors",
    "Dataset": "orgchart.graph",
    "Decorations": "orgchart.render",
    "EDGE_KINDS": "orgchart.dataset.model",
    "Edge": "orgchart.dataset.model",
    "Era": "orgchart.dataset.model",
    "EraDate": "orgchart.graph",
    "Finding": "orgchart.dataset.model",
    "History": "orgchart.changes.history",
    "ImportResult": "orgchart.export.importer",
    "ImportShape": "orgchart.export.shape",
    "ImportedEra": "orgchart.export.records",
    "LineageLink": "orgchart.dataset.model",
    "Match": "orgchart.changes.match",
    "Ordering": "orgchart.changes.order",
    "NODE_KINDS": "orgchart.dataset.model",
    "Node": "orgchart.dataset.model",
    "NotFoundError": "orgchart.errors",
    "OrgChart": "orgchart.graph",
    "OrgChartError": "orgchart.errors",
    "OutputError": "orgchart.errors",
    "Problem": "orgchart.errors",
    "RenderError": "orgchart.render",
    "Source": "orgchart.dataset.model",
    "Stability": "orgchart.render.stability",
    "SourceDate": "orgchart.dataset.model",
    "Subtree": "orgchart.query",
    "Timeline": "orgchart.timeline",
    "TimelineEntry": "orgchart.timeline",
    "build_digraph": "orgchart.render",
    "chart_stability": "orgchart.render.stability",
    "diff": "orgchart.changes.diff",
    "fold_white_space": "orgchart.dataset.citations",
    "import_era": "orgchart.export.importer",
    "load": "orgchart.graph",
    "quote_is_found": "orgchart.dataset.citations",
    "read_csv": "orgchart.export.csv",
    "read_graphml": "orgchart.export.graphml",
    "read_interchange": "orgchart.export.importer",
    "read_json": "orgchart.export.json",
    "render_chart": "orgchart.render",
    "render_pdf": "orgchart.render",
    "render_png": "orgchart.render",
    "render_svg": "orgchart.render",
    "site_html": "orgchart.site",
    "stable_order": "orgchart.changes.order",
    "to_csv": "orgchart.export.csv",
    "to_dot": "orgchart.render",
    "to_graphml": "orgchart.export.graphml",
    "to_graphviz": "orgchart.render",
    "to_json": "orgchart.export.json",
    "to_mermaid": "orgchart.render",
    "to_sqlite": "orgchart.export.sqlite",
    "to_turtle": "orgchart.export.rdf",
    "write_chart": "orgchart.render",
    "write_csv": "orgchart.export.csv",
    "write_graphml": "orgchart.export.graphml",
    "write_json": "orgchart.export.json",
    "write_site": "orgchart.site",
    "write_sqlite": "orgchart.export.sqlite",
    "write_turtle": "orgchart.export.rdf",
}

if TYPE_CHECKING:
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


def _register_displays() -> None:
    from orgchart.embed.jupyter import register_displays

    register_displays()


# Eras, subtrees, change sets and timelines display themselves in Jupyter; the renderers that
# draw them are imported the first time one is displayed, not by `import orgchart`.
_display.on_first_use(_register_displays)


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'orgchart' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


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
