"""How each node kind and edge kind looks, in one place, for Graphviz and Mermaid alike.

The palette is a set of soft fills with darker borders so a chart reads in colour, and every
edge kind also differs in line style or arrowheads so it still reads in grayscale print.
Fixed vocabularies (output formats, node and edge kinds) are checked here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from orgchart.errors import OrgChartError


@dataclass(frozen=True)
class NodeStyle:
    """The look of one node kind: Graphviz shape and style, fill and border colour."""

    fill: str
    border: str
    shape: str = "box"
    style: str = "rounded,filled"
    penwidth: float = 1.2
    margin: str | None = None
    """Graphviz's label margin (inches, "x,y") where the shape needs more than the default."""


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one edge kind. `style` is Graphviz's (solid, dashed, dotted, bold);
    `mermaid` is the Mermaid link operator and `dasharray` the SVG dash pattern Mermaid's
    `linkStyle` gets, so both renderers agree as far as Mermaid allows."""

    label: str
    color: str
    style: str
    mermaid: str
    arrowhead: str = "normal"
    arrowtail: str = "none"
    direction: str = "forward"
    penwidth: float = 1.3
    dasharray: str | None = None


FONT: Final[str] = "Helvetica,Arial,sans-serif"
"""Font family for every text; Graphviz maps Helvetica to a metric-compatible font (Liberation
Sans on Debian), and browsers to whatever sans-serif they have."""

NODE_STYLES: Final[Mapping[str, NodeStyle]] = MappingProxyType(
    {
        "agency": NodeStyle("#1f3b5c", "#0d1f33", penwidth=1.6),
        "directorate": NodeStyle("#2f5d8a", "#1a3a5c", penwidth=1.6),
        "division": NodeStyle("#cfe0f3", "#2f5d8a", penwidth=1.4),
        "sub-division": NodeStyle("#e6eff9", "#4f7cac"),
        "office": NodeStyle("#e3f1e6", "#3f7d4e"),
        "sub-office": NodeStyle("#f0f7f1", "#5f9a6d"),
        "field office": NodeStyle("#e3f1e6", "#3f7d4e", shape="box", style="filled"),
        "unit": NodeStyle("#f4f4f4", "#6b6b6b"),
        "team": NodeStyle("#f4f4f4", "#6b6b6b", style="rounded,filled,dashed"),
        "task force": NodeStyle("#fbeee0", "#a4652a", style="rounded,filled,dashed"),
        "program": NodeStyle("#fdf3d6", "#a88a2a", shape="box", style="filled"),
        "center": NodeStyle("#ece4f6", "#6a4c93"),
        "facility": NodeStyle("#f7e6e6", "#9a4a4a", shape="box", style="filled"),
        # A 3-D box draws its front face below the shape's top; with the default margin the
        # first line of the name ran into the face's top border.
        "facility type": NodeStyle("#f7e6e6", "#9a4a4a", shape="box3d", style="filled", margin="0.12,0.12"),
        "system": NodeStyle("#e4f3f3", "#3a7f7f", shape="cylinder", style="filled"),
        "external body": NodeStyle("#ffffff", "#555555", shape="hexagon", style="filled,dashed"),
    }
)
"""One style per node kind (every kind in `orgchart.dataset.model.NODE_KINDS`)."""

DARK_FILLS: Final[frozenset[str]] = frozenset({"agency", "directorate"})
"""Kinds whose fill is dark, so their text is white."""

EDGE_STYLES: Final[Mapping[str, EdgeStyle]] = MappingProxyType(
    {
        "parent": EdgeStyle("parent (part of)", "#3c3c3c", "solid", "-->", penwidth=1.4),
        "oversight": EdgeStyle("oversight", "#2f5d8a", "dashed", "-.->", dasharray="6 3"),
        "partnership": EdgeStyle(
            "partnership", "#a4652a", "bold", "<==>", arrowhead="odiamond", arrowtail="odiamond", direction="both"
        ),
        "coordination": EdgeStyle(
            "coordination",
            "#6a4c93",
            "dashed",
            "<-.->",
            arrowhead="odot",
            arrowtail="odot",
            direction="both",
            dasharray="2 2 8 2",
        ),
        "support": EdgeStyle("support", "#3f7d4e", "solid", "--o", arrowhead="empty", penwidth=1.1),
    }
)
"""One style per edge kind (every kind in `orgchart.dataset.model.EDGE_KINDS`)."""

SECOND_PARENT: Final[EdgeStyle] = EdgeStyle(
    "second parent (a finding)", "#b03a2e", "dotted", "-.->", penwidth=2.0, dasharray="1 4"
)
"""A parent edge other than the node's main parent: dotted, red and labelled, never dropped."""

FORMATS: Final[tuple[str, ...]] = ("svg", "png", "pdf", "dot", "mermaid")
"""Output formats of `orgchart render`."""

FORMAT_SUFFIXES: Final[Mapping[str, str]] = MappingProxyType(
    {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd"}
)


class UnknownFormatError(OrgChartError, ValueError):
    """An output format outside `FORMATS`; the message lists the valid ones."""


def verify_format(format: str) -> str:
    """Return `format` lower-cased if it is a known output format.

    Raises:
        UnknownFormatError: the format is not one of `FORMATS`.
    """
    wanted = format.lower()
    if wanted not in FORMATS:
        raise UnknownFormatError(f"unknown format {format!r}; valid formats: {', '.join(FORMATS)}")
    return wanted


def format_for_path(path: str) -> str:
    """The output format a file name implies (`chart.svg` -> svg, `chart.mmd` -> mermaid).

    Raises:
        UnknownFormatError: the suffix names no known format.
    """
    for format, suffix in FORMAT_SUFFIXES.items():
        if path.lower().endswith(suffix) or (format == "mermaid" and path.lower().endswith(".mermaid")):
            return format
    raise UnknownFormatError(f"cannot tell the format of {path!r}; use --format ({', '.join(FORMATS)})")


def edge_style(kind: str, *, second_parent: bool = False) -> EdgeStyle:
    """The style of an edge of `kind`; a second parent has its own."""
    return SECOND_PARENT if second_parent else EDGE_STYLES[kind]
