"""Bitmap limits: Graphviz draws a PNG at most 32,767 pixels on a side and silently shrinks a
larger chart to fit, text and all, until nobody can read it. `orgchart` refuses such a PNG
instead and says why and what to draw instead (SVG or PDF have no such limit; one branch with
`--root` is smaller).

How a shrink is seen: Graphviz writes the shrunk PNG with its longer side at the limit (32,766
or 32,767 px), so the PNG's own header tells; only then is the chart measured (as SVG) to say
how large it would have been.
"""

from __future__ import annotations

import struct
from typing import Final

PNG_LIMIT: Final[int] = 32767
"""Graphviz's largest PNG side in pixels (cairo's limit)."""

PNG_SIGNATURE: Final[bytes] = b"\x89PNG\r\n\x1a\n"
NAME_POINTS: Final[float] = 10.5
"""The point size of a box's name on a chart (`orgchart.render.labels.node_label`)."""


def png_size(png: bytes) -> tuple[int, int]:
    """The width and height in pixels from a PNG's header (its IHDR chunk).

    Raises:
        ValueError: `png` is not a PNG.
    """
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def was_shrunk(png: bytes) -> bool:
    """Whether Graphviz shrank this PNG to fit its limit (its longer side is at the limit)."""
    return max(png_size(png)) >= PNG_LIMIT - 1


def too_large_message(width: float, height: float) -> str:
    """Why a chart of `width` x `height` CSS pixels gets no PNG, and what to draw instead."""
    scale = PNG_LIMIT / max(width, height)
    name_px = NAME_POINTS * 4 / 3 * scale
    return (
        f"a PNG of this chart would be {width:,.0f} x {height:,.0f} px, more than the {PNG_LIMIT:,} px "
        f"Graphviz draws on a side, so it would shrink the whole chart to {scale:.0%} (names about "
        f"{name_px:.0f} px high). Draw it as SVG or PDF (no size limit), or one branch at a time "
        "with --root (or fewer levels with --depth)"
    )
