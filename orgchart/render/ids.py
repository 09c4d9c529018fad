"""Prefixed SVG ids, so that any number of charts share one page.

Graphviz and `finish_svg` name things alike in every chart (`graph0`, `chart-title`,
`node-cad`): two charts inlined on one page would collide, and the second chart's
`aria-labelledby` would name the first chart's title. `prefix_ids` puts one prefix before every
id of a chart and rewrites every reference to those ids (`aria-labelledby`, `href="#..."`,
`url(#...)`), so each chart points only into itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from orgchart.dataset.model import Edge

XLINK_HREF: Final[str] = "{http://www.w3.org/1999/xlink}href"
_URL_REF = re.compile(r"url\(#([^)]+)\)")
ROOT_ID: Final[str] = "chart"
"""The id of a chart's own `<svg>` element after its prefix (`oc-ero-2023-all-1a2b3c-chart`)."""


def node_svg_id(node_id: str) -> str:
    """The SVG id of a node: `node-<id>`."""
    return f"node-{node_id}"


def edge_svg_id(edge: Edge) -> str:
    """The SVG id of an edge: `edge-<superior>-<KIND>-<subordinate>`."""
    return f"edge-{edge.superior}-{edge.kind.upper()}-{edge.subordinate}"


def prefix_ids(root: ET.Element, prefix: str) -> None:
    """Put `prefix` before every id under `root` (and give `root` the id `prefix + "chart"`),
    rewriting every reference to them, in place."""
    known = {element.get("id") for element in root.iter() if element.get("id")}
    root.set("id", ROOT_ID)
    known.add(ROOT_ID)
    for element in root.iter():
        own = element.get("id")
        if own:
            element.set("id", prefix + own)
        for name in ("aria-labelledby", "aria-describedby"):
            value = element.get(name)
            if value:
                element.set(name, " ".join(prefix + ref if ref in known else ref for ref in value.split()))
        for name in ("href", XLINK_HREF):
            value = element.get(name)
            if value and value.startswith("#") and value[1:] in known:
                element.set(name, "#" + prefix + value[1:])
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(
                    name,
                    _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})" if m.group(1) in known else m.group(0), value),
                )


def svg_ids(svg: bytes | str) -> list[str]:
    """Every id in an SVG document, in document order (duplicates kept, so tests can count)."""
    root = ET.fromstring(svg)
    return [element.get("id", "") for element in root.iter() if element.get("id")]
