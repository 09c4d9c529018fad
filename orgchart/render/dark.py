"""Dark mode for charts: colours that read on a dark background, chosen by the reader's system.

A chart's boxes are pale with dark text, and read on any background; what sits on the chart's
own background does not: the caption, the legend's words and line samples, box titles, edges
and their labels, and the white background itself. `dark_css` writes a style rule for each
colour found there, under `@media (prefers-color-scheme: dark)`, lightened until it has a
contrast of at least `MIN_CONTRAST` against `DARK_BACKGROUND`. CSS beats SVG presentation
attributes, so the rules recolour without touching the drawing; the rules are scoped to one
chart, so an SVG inlined into a page restyles nothing else.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Final

SVG_NS: Final[str] = "http://www.w3.org/2000/svg"
DARK_BACKGROUND: Final[str] = "#16181d"
"""The chart's background in dark mode: painted, not transparent, so the chart stays readable
on a light page when the system is dark."""
DARK_SURFACE: Final[str] = "#262a33"
"""Boxes around groups (the grids of stacked entities) in dark mode."""
DARK_TEXT: Final[str] = "#ececec"
"""Text that Graphviz draws black (the title, the legend's words) in dark mode."""
MIN_CONTRAST: Final[float] = 4.5
"""WCAG AA contrast for text, asked of every colour drawn on the dark background."""

_PAINTS: Final[frozenset[str]] = frozenset({"none", "transparent", ""})
BOX_TEXT: Final[frozenset[str]] = frozenset({"#1a1a1a", "#ffffff"})
"""Text colours used only on a filled box (a legend swatch): they keep their colour."""


def _channels(color: str) -> tuple[float, float, float]:
    named = {"white": "#ffffff", "black": "#000000"}
    value = named.get(color.lower(), color).lstrip("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def luminance(color: str) -> float:
    """The relative luminance of `#rrggbb` (or `#rgb`, `white`, `black`), as WCAG defines it."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@lru_cache(maxsize=256)
def lightened(color: str, background: str = DARK_BACKGROUND, target: float = MIN_CONTRAST) -> str:
    """`color` mixed with white in small steps until it reaches `target` contrast on `background`."""
    red, green, blue = _channels(color)
    for step in range(21):
        share = step / 20
        mixed = tuple(round((channel + (1 - channel) * share) * 255) for channel in (red, green, blue))
        candidate = "#{:02x}{:02x}{:02x}".format(*mixed)
        if contrast(candidate, background) >= target:
            return candidate
    return "#ffffff"


def _is_color(value: str | None) -> bool:
    if value is None or value.lower() in _PAINTS:
        return False
    return value.startswith("#") or value.lower() in ("white", "black")


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def dark_css(root: ET.Element, scope: str) -> str:
    """The dark-mode style sheet of the chart `root`, every selector under `scope` (the chart's
    own id, `#oc-...-chart`, or `svg:root` for a chart that is its own document)."""
    on_background: set[str] = set()
    surfaces: set[str] = set()
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = _classes(group)
        if "edge" in classes:
            for element in group.iter():
                for value in (element.get("stroke"), element.get("fill")):
                    if value is not None and _is_color(value):
                        on_background.add(value)
        elif "graph" in classes or "cluster" in classes:
            for element in group:
                if not isinstance(element.tag, str):
                    continue  # a comment
                tag = element.tag.rsplit("}", 1)[-1]
                _collect(tag, element.get("fill"), element.get("stroke"), "cluster" in classes, on_background, surfaces)
    return _style_sheet(on_background, surfaces, scope)


_GROUP: Final[re.Pattern[bytes]] = re.compile(rb'<g id="[^"]*" class="([^"]*)"[^>]*>')
_DRAWN_ON_BACKGROUND: Final[re.Pattern[bytes]] = re.compile(rb'<g id="[^"]*" class="((?!node\b)[^"]*)"[^>]*>')
"""A group whose class is not `node`: the graph's own, a cluster's or an edge's."""
_ELEMENT: Final[re.Pattern[bytes]] = re.compile(rb"<(text|polyline|polygon|path)\b([^>]*)>")
_PAINT: Final[re.Pattern[bytes]] = re.compile(rb' (fill|stroke)="([^"]*)"')
_PAINT_VALUE: Final[re.Pattern[bytes]] = re.compile(rb' (?:fill|stroke)="([^"]*)"')


def dark_css_of_svg(svg: bytes, scope: str) -> str:
    """`dark_css` read from Graphviz's SVG text instead of a parsed tree (a large chart's tree
    took longer to parse than the rest of finishing it). Graphviz writes the drawing flat:
    the graph's own elements (caption, legend), then one `<g id=.. class=..>` per cluster, node
    and edge, each holding its own elements (nested groups carry no class), so each group's
    elements are the text up to the next classed group. Tests check it against `dark_css`."""
    on_background: set[str] = set()
    surfaces: set[str] = set()
    edge_paints: set[bytes] = set()
    for start in _DRAWN_ON_BACKGROUND.finditer(svg):  # boxes (most groups) read on any background
        following = _GROUP.search(svg, start.end())
        end = following.start() if following else len(svg)
        classes = start[1].decode("utf-8").split()
        if "edge" in classes:
            edge_paints.update(_PAINT_VALUE.findall(svg, start.end(), end))
        elif "graph" in classes or "cluster" in classes:
            cluster = "cluster" in classes
            for tag, attributes in _ELEMENT.findall(svg, start.end(), end):
                paints = dict(_PAINT.findall(attributes))
                fill, stroke = paints.get(b"fill"), paints.get(b"stroke")
                _collect(
                    tag.decode(),
                    None if fill is None else fill.decode("utf-8"),
                    None if stroke is None else stroke.decode("utf-8"),
                    cluster,
                    on_background,
                    surfaces,
                )
    on_background.update(value for value in map(bytes.decode, edge_paints) if _is_color(value))
    return _style_sheet(on_background, surfaces, scope)


def _collect(
    tag: str, fill: str | None, stroke: str | None, cluster: bool, on_background: set[str], surfaces: set[str]
) -> None:
    """Sort one element drawn on the chart's background (or a box's) by what dark mode does to it."""
    if tag == "text" and _is_color(fill) and fill not in BOX_TEXT:
        on_background.add(fill or "")
    elif tag == "polyline" and _is_color(stroke):
        on_background.add(stroke or "")
    elif cluster and tag in ("polygon", "path") and _is_color(fill):
        surfaces.add(fill or "")


def _style_sheet(on_background: set[str], surfaces: set[str], scope: str) -> str:
    rules = [
        f'{scope} .graph > polygon[fill="white"] {{ fill: {DARK_BACKGROUND}; }}',
        f"{scope} .graph > text:not([fill]), {scope} .cluster > text:not([fill]), "
        f"{scope} .edge text:not([fill]) {{ fill: {DARK_TEXT}; }}",
    ]
    for color in sorted(surfaces):
        rules.append(
            f'{scope} .cluster > polygon[fill="{color}"], {scope} .cluster > path[fill="{color}"] '
            f"{{ fill: {DARK_SURFACE}; }}"
        )
    for color in sorted(on_background):
        light = lightened(color)
        if light == color:
            continue
        rules.append(
            f'{scope} .edge [stroke="{color}"], {scope} .graph > polyline[stroke="{color}"] {{ stroke: {light}; }}'
        )
        rules.append(
            f'{scope} .edge [fill="{color}"], {scope} .graph > text[fill="{color}"], '
            f'{scope} .cluster > text[fill="{color}"] {{ fill: {light}; }}'
        )
    body = "\n".join("  " + rule for rule in rules)
    return f"\n@media (prefers-color-scheme: dark) {{\n{body}\n}}\n"
