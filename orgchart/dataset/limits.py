"""Sizes past which orgchart draws something differently, in one place: the charts
(`orgchart.render.legible`), the page (`orgchart.site`) and the command line's help read them.
It sits in the lowest package, which every layer may import, and imports nothing, so
`orgchart --help` can name them without loading anything heavy."""

from __future__ import annotations

from typing import Final

LEGIBLE_BOXES: Final[int] = 400
"""Most boxes one picture shows legibly. A larger era or branch is drawn by `orgchart render` as
an overview with counts plus a chart per branch, and laid out by the page itself (only what is
in view) instead of embedded as a Graphviz chart."""
