"""Finishing Graphviz's SVG: accessible titles, and byte-stable output.

Graphviz titles each node and edge with its DOT name (`ero`, `ero->cad`) and writes its own
version in a comment. This module drops the comments, gives the document a `<title>` and `<desc>` for screen
readers, replaces node and edge titles with names a person reads, adds a titled stand-in group
for each edge that a stack's box draws for (see `orgchart.render.stack`), and drops the
comments before the root (the version).

Why text substitution and not an XML tree: Graphviz writes each group as
`<g id="..." class="...">` followed by its `<title>` on the next line, always; rewriting those
titles in one pass over the text takes a few milliseconds, where parsing and re-serialising the
tree with ElementTree took 0.26 s for a 1,258-unit chart, half of Graphviz's own layout time.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

SVG_NS: Final[str] = "http://www.w3.org/2000/svg"
XLINK_NS: Final[str] = "http://www.w3.org/1999/xlink"
HEADER: Final[str] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)
_COMMENT: Final[re.Pattern[bytes]] = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
"""Graphviz's comments inside the drawing: each element's DOT name again, with `-` written
`&#45;` so that a name holding `--` stays a valid comment. Dropped, so `-` can be written plainly
everywhere else (`id="node-ero"`, as a reader searching the file expects)."""
_GROUP_TITLE: Final[re.Pattern[bytes]] = re.compile(rb'(<g id="([^"]*)" class="[^"]*">\n<title>)([^<]*)(</title>)')


@dataclass(frozen=True)
class EdgeTitle:
    """What an edge's `<title>` says: `superior → subordinate (kind)`."""

    superior: str
    subordinate: str
    kind: str

    def __str__(self) -> str:
        return f"{self.superior} → {self.subordinate} ({self.kind})"


@dataclass(frozen=True)
class StandIn:
    """An edge not laid out (a stack's box stands for it), kept in the SVG as an empty group
    with its id, classes and title, so ids stay complete and screen readers still hear it."""

    svg_id: str
    classes: str
    title: EdgeTitle


def finish_svg(
    raw: bytes,
    title: str,
    description: str,
    node_titles: Mapping[str, str],
    edge_titles: Mapping[str, EdgeTitle],
    stand_ins: Sequence[StandIn] = (),
) -> bytes:
    """`raw` Graphviz SVG with a document title and description, element titles replaced by
    `node_titles` / `edge_titles` (keyed by SVG id), `stand_ins` added at the end of the
    drawing, and nothing before the `<svg>` element but the XML header."""
    titles = {**node_titles, **{key: str(value) for key, value in edge_titles.items()}}

    def retitle(match: re.Match[bytes]) -> bytes:
        wanted = titles.get(html.unescape(match.group(2).decode("utf-8")))
        if wanted is None:
            return match.group(0)
        return match.group(1) + html.escape(wanted, quote=False).encode("utf-8") + match.group(4)

    # On bytes, in two passes: decoding, one alternation of both patterns, or ElementTree each
    # cost more than the rest together.
    text = _GROUP_TITLE.sub(retitle, _COMMENT.sub(b"", raw[raw.index(b"<svg") :])).replace(b"&#45;", b"-")
    opened = text.index(b">")
    head = (
        f' role="img" aria-labelledby="chart-title chart-desc">\n'
        f'<title id="chart-title">{html.escape(title, quote=False)}</title>\n'
        f'<desc id="chart-desc">{html.escape(description, quote=False)}</desc>'
    )
    closing = text.rindex(b"</g>")
    groups = "".join(
        f'<g id="{html.escape(item.svg_id)}" class="{html.escape(item.classes)}">'
        f"<title>{html.escape(str(item.title), quote=False)}</title></g>\n"
        for item in stand_ins
    )
    return b"".join(
        [
            HEADER.encode("utf-8"),
            text[:opened],
            head.encode("utf-8"),
            text[opened + 1 : closing],
            groups.encode("utf-8"),
            text[closing:].rstrip(b"\n"),
            b"\n",
        ]
    )


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height of an SVG in CSS pixels (Graphviz writes points; 1pt = 4/3 px)."""
    root = ET.fromstring(svg)
    return (_pixels(root.get("width", "0")), _pixels(root.get("height", "0")))


def _pixels(value: str) -> float:
    if value.endswith("pt"):
        return float(value[:-2]) * 4 / 3
    return float(value.removesuffix("px"))
