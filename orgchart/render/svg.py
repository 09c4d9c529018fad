"""Finishing Graphviz's SVG: accessible titles, and byte-stable output.

Graphviz titles each node and edge with its DOT name (`ero`, `ero->cad`) and writes its own
version in a comment. This module parses the SVG (standard-library ElementTree), gives the
document a `<title>` and `<desc>` for screen readers, replaces node and edge titles with
names a person reads, drops the comments before the root (the version), and writes it back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from orgchart.render.dark import dark_css
from orgchart.render.ids import ROOT_ID, prefix_ids

SVG_NS: Final[str] = "http://www.w3.org/2000/svg"
XLINK_NS: Final[str] = "http://www.w3.org/1999/xlink"
HEADER: Final[str] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)


@dataclass(frozen=True)
class EdgeTitle:
    """What an edge's `<title>` says: `superior → subordinate (kind)`."""

    superior: str
    subordinate: str
    kind: str

    def __str__(self) -> str:
        return f"{self.superior} → {self.subordinate} ({self.kind})"


def finish_svg(
    raw: bytes,
    title: str,
    description: str,
    node_titles: Mapping[str, str],
    edge_titles: Mapping[str, EdgeTitle],
    *,
    id_prefix: str | None = None,
) -> bytes:
    """`raw` Graphviz SVG with a document title and description, element titles replaced by
    `node_titles` / `edge_titles` (keyed by SVG id), no version comment, and a dark-mode style
    (`orgchart.render.dark`). With `id_prefix`, every id starts with it (`orgchart.render.ids`)
    and the style is scoped to this chart, so it can be inlined next to others."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    root = ET.fromstring(raw, parser=parser)
    titles = {**node_titles, **{key: str(value) for key, value in edge_titles.items()}}
    for group in root.iter(f"{{{SVG_NS}}}g"):
        wanted = titles.get(group.get("id", ""))
        heading = group.find(f"{{{SVG_NS}}}title")
        if wanted is not None and heading is not None:
            heading.text = wanted
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": "chart-desc"})
    desc.text = description
    head = ET.Element(f"{{{SVG_NS}}}title", {"id": "chart-title"})
    head.text = title
    root.insert(0, desc)
    root.insert(0, head)
    root.set("role", "img")
    root.set("aria-labelledby", "chart-title chart-desc")
    if id_prefix:
        prefix_ids(root, id_prefix)
        scope = f"#{id_prefix}{ROOT_ID}"
    else:
        scope = "svg:root"  # matches only when the SVG is a document of its own (a file, an <img>)
    style = ET.Element(f"{{{SVG_NS}}}style")
    style.text = dark_css(root, scope)
    root.insert(2, style)
    body = ET.tostring(root, encoding="unicode")
    return (HEADER + body + "\n").encode("utf-8")


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height of an SVG in CSS pixels (Graphviz writes points; 1pt = 4/3 px)."""
    root = ET.fromstring(svg)
    return (_pixels(root.get("width", "0")), _pixels(root.get("height", "0")))


def _pixels(value: str) -> float:
    if value.endswith("pt"):
        return float(value[:-2]) * 4 / 3
    return float(value.removesuffix("px"))
