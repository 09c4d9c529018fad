"""Finishing Graphviz's SVG: accessible titles, a dark-mode style, and byte-stable output.

Graphviz titles each node and edge with its DOT name (`ero`, `ero->cad`) and writes its own
version in a comment. This module gives the document a `<title>` and `<desc>` for screen
readers and a dark-mode style (`orgchart.render.dark`), replaces node and edge titles with
names a person reads, adds a titled stand-in group for each edge that a stack's box draws for
(see `orgchart.render.stack`), and drops the comments. With an id prefix
(`orgchart.render.ids`) it works on the ElementTree; without one, which is every chart file,
on the text.

Why text substitution: Graphviz writes each group as `<g id="..." class="...">` followed by
its `<title>` on the next line, always; rewriting those titles in one pass over the bytes takes
a few milliseconds, where re-serialising the tree with ElementTree took 0.19 s for a
1,258-unit chart, half of Graphviz's own layout time, and even parsing it (for the dark style,
now read from the text: `orgchart.render.dark.dark_css_of_svg`) cost as much as the rest.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

from orgchart.render.dark import dark_css, dark_css_of_svg
from orgchart.render.ids import ROOT_ID, prefix_ids

SVG_NS: Final[str] = "http://www.w3.org/2000/svg"
XLINK_NS: Final[str] = "http://www.w3.org/1999/xlink"
HEADER: Final[str] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
    ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
)
_HEADER_BYTES: Final[bytes] = HEADER.encode("utf-8")
_COMMENT: Final[re.Pattern[bytes]] = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
"""Graphviz's comments inside the drawing: each element's DOT name again, with `-` written
`&#45;` so that a name holding `--` stays a valid comment. Dropped, so `-` can be written plainly
everywhere else (`id="node-ero"`, as a reader searching the file expects)."""
_GROUP_TITLE: Final[re.Pattern[bytes]] = re.compile(rb'(<g id="([^"]*)" class="[^"]*">\n<title>)([^<]*)(</title>)')


_MARKUP: Final[re.Pattern[str]] = re.compile(r"[&<>]")
_ATTRIBUTE_MARKUP: Final[re.Pattern[str]] = re.compile(r"[&<>\"']")


def _text(text: str) -> str:
    """`text` as SVG character data: `html.escape(text, quote=False)`, without its three
    replacements when there is nothing to escape (most names)."""
    return html.escape(text, quote=False) if _MARKUP.search(text) else text


def _attribute(text: str) -> str:
    """`text` as an SVG attribute value: `html.escape(text)`, when there is something to escape."""
    return html.escape(text) if _ATTRIBUTE_MARKUP.search(text) else text


class EdgeTitle(NamedTuple):
    """What an edge's `<title>` says: `superior → subordinate (kind)`. (A named tuple, not a
    frozen dataclass: a chart makes one per edge, and a tuple is made several times faster.)"""

    superior: str
    subordinate: str
    kind: str

    def __str__(self) -> str:
        return f"{self.superior} → {self.subordinate} ({self.kind})"


class StandIn(NamedTuple):
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
    *,
    stand_ins: Sequence[StandIn] = (),
    id_prefix: str | None = None,
) -> bytes:
    """`raw` Graphviz SVG with a document title and description, element titles replaced by
    `node_titles` / `edge_titles` (keyed by SVG id), `stand_ins` added at the end of the
    drawing, no comment, and a dark-mode style (`orgchart.render.dark`). With `id_prefix`,
    every id starts with it (`orgchart.render.ids`) and the style is scoped to this chart, so
    it can be inlined next to others."""
    if id_prefix:
        ET.register_namespace("", SVG_NS)
        ET.register_namespace("xlink", XLINK_NS)
        root = ET.fromstring(raw)
        return _finish_tree(root, title, description, node_titles, edge_titles, stand_ins, id_prefix)

    def retitle(match: re.Match[bytes]) -> bytes:
        svg_id = match[2].decode("utf-8")
        svg_id = html.unescape(svg_id) if "&" in svg_id else svg_id
        wanted = node_titles.get(svg_id) or edge_titles.get(svg_id)
        if wanted is None:
            return match[0]
        return match[1] + _text(str(wanted)).encode("utf-8") + match[4]

    # On bytes, in passes that each run in C but for one call per titled group: decoding, one
    # alternation of both patterns, or a call per comment (most are of invisible edges) cost
    # more. `&#45;` is written `-` before the titles are found, so most ids need no unescaping.
    # Slices are views (`memoryview`): each copy of a 1,000-unit chart's 1.4 MB is a
    # millisecond, in our time and in the system's (fresh pages).
    start = raw.index(b"<svg")
    text = _COMMENT.sub(b"", memoryview(raw)[start:]).replace(b"&#45;", b"-")
    text = _GROUP_TITLE.sub(retitle, text)
    opened = text.index(b">")
    head = (
        f' role="img" aria-labelledby="chart-title chart-desc">\n'
        f'<title id="chart-title">{html.escape(title, quote=False)}</title>\n'
        f'<desc id="chart-desc">{html.escape(description, quote=False)}</desc>\n'
        f"<style>{html.escape(dark_css_of_svg(raw, 'svg:root'), quote=False)}</style>"
    )
    closing = text.rindex(b"</g>")
    groups = "".join(
        f'<g id="{_attribute(item.svg_id)}" class="{_attribute(item.classes)}">'
        f"<title>{_text(str(item.title))}</title></g>\n"
        for item in stand_ins
    )
    view = memoryview(text)
    parts: list[bytes | memoryview] = [_HEADER_BYTES, view[:opened], head.encode("utf-8"), view[opened + 1 : closing]]
    return b"".join([*parts, groups.encode("utf-8"), text[closing:].rstrip(b"\n"), b"\n"])


def _finish_tree(
    root: ET.Element,
    title: str,
    description: str,
    node_titles: Mapping[str, str],
    edge_titles: Mapping[str, EdgeTitle],
    stand_ins: Sequence[StandIn],
    id_prefix: str,
) -> bytes:
    """`finish_svg` on the tree, for a chart whose ids take a prefix."""
    titles = {**node_titles, **{key: str(value) for key, value in edge_titles.items()}}
    for group in root.iter(f"{{{SVG_NS}}}g"):
        wanted = titles.get(group.get("id", ""))
        heading = group.find(f"{{{SVG_NS}}}title")
        if wanted is not None and heading is not None:
            heading.text = wanted
    drawing = root.find(f"{{{SVG_NS}}}g")
    for item in stand_ins:
        group = ET.SubElement(drawing if drawing is not None else root, f"{{{SVG_NS}}}g")
        group.set("id", item.svg_id)
        group.set("class", item.classes)
        ET.SubElement(group, f"{{{SVG_NS}}}title").text = str(item.title)
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": "chart-desc"})
    desc.text = description
    head = ET.Element(f"{{{SVG_NS}}}title", {"id": "chart-title"})
    head.text = title
    root.insert(0, desc)
    root.insert(0, head)
    root.set("role", "img")
    root.set("aria-labelledby", "chart-title chart-desc")
    prefix_ids(root, id_prefix)
    style = ET.Element(f"{{{SVG_NS}}}style")
    style.text = dark_css(root, f"#{id_prefix}{ROOT_ID}")
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
