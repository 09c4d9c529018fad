"""Styles per kind live in one place and cover every kind; formats are checked in one place."""

from __future__ import annotations

import pytest

from orgchart.dataset.model import EDGE_KINDS, NODE_KINDS
from orgchart.render.style import (
    EDGE_STYLES,
    FORMATS,
    NODE_STYLES,
    SECOND_PARENT,
    UnknownFormatError,
    format_for_path,
    verify_format,
)


def test_every_kind_has_a_style() -> None:
    assert set(NODE_STYLES) == set(NODE_KINDS)
    assert set(EDGE_STYLES) == set(EDGE_KINDS)


def test_edge_kinds_differ_in_print() -> None:
    """Grayscale print keeps line style and arrowheads: no two kinds may share both."""
    looks = [(s.style, s.arrowhead, s.direction) for s in [*EDGE_STYLES.values(), SECOND_PARENT]]
    assert len(set(looks)) == len(looks)
    assert EDGE_STYLES["parent"].style == "solid" and EDGE_STYLES["oversight"].style == "dashed"
    assert SECOND_PARENT.style == "dotted"
    mermaid = [s.mermaid for s in EDGE_STYLES.values()]
    assert len(set(mermaid)) == len(mermaid)


def test_formats() -> None:
    assert verify_format("SVG") == "svg" and set(FORMATS) == {"svg", "png", "pdf", "dot", "mermaid"}
    with pytest.raises(UnknownFormatError, match="valid formats: svg, png, pdf, dot, mermaid"):
        verify_format("gif")
    assert format_for_path("out/chart.mmd") == "mermaid" and format_for_path("a.PDF") == "pdf"
    with pytest.raises(UnknownFormatError):
        format_for_path("chart.txt")
