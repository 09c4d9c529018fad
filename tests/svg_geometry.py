"""Geometry read off a Graphviz SVG, for tests that check what a reader sees: where a label's
text sits, which points an edge's line passes through, where a box's border is."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in SVG user units (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
        """Whether (x, y) lies inside, shrunk by `margin` on every side."""
        return self.left + margin <= x <= self.right - margin and self.top + margin <= y <= self.bottom - margin


def text_box(text: ET.Element) -> Box:
    """The box a `<text>` covers, from its anchor, baseline and font size (Helvetica's average
    advance is about 0.55 em, its ascent about 0.75 em)."""
    size = float(text.get("font-size", "14"))
    width = len(text.text or "") * size * 0.55
    x, baseline = float(text.get("x", "0")), float(text.get("y", "0"))
    anchor = text.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Box(left, baseline - size * 0.75, left + width, baseline + size * 0.2)


def path_points(d: str, steps: int = 24) -> list[tuple[float, float]]:
    """Points along an SVG path of `M` and cubic `C` segments (what Graphviz writes for edges)."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    coords = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if not coords:
        return []
    points = [coords[0]]
    for start in range(0, len(coords) - 3, 3):
        p0, p1, p2, p3 = coords[start : start + 4]
        for step in range(1, steps + 1):
            t = step / steps
            u = 1 - t
            points.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return points


def polygon_box(points: str) -> Box:
    """The bounding box of a `points` attribute."""
    numbers = [float(n) for n in _NUMBER.findall(points)]
    xs, ys = numbers[0::2], numbers[1::2]
    return Box(min(xs), min(ys), max(xs), max(ys))


def group(svg: bytes | str, group_id: str) -> ET.Element:
    """The `<g>` with this id."""
    root = ET.fromstring(svg)
    for element in root.iter(f"{SVG}g"):
        if element.get("id") == group_id:
            return element
    raise KeyError(group_id)
