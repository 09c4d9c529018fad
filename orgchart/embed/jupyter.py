"""Jupyter display of eras, subtrees, change sets and timelines.

`register_displays()` (called by `import orgchart`) tells `orgchart.dataset.display` how each kind
shows: an era as its overview chart, a subtree as its chart, both as SVG with the chart's
accessible `<title>` and `<desc>` and ids prefixed so that any number of outputs share one
notebook page; a change set as the report's summary and a timeline as a table, in HTML.
"""

from __future__ import annotations

import html

from orgchart.changes.changeset import ChangeSet
from orgchart.dataset.display import Bundle, register
from orgchart.graph import OrgChart
from orgchart.query import Subtree
from orgchart.render.figure import figure_svg
from orgchart.render.options import ChartOptions
from orgchart.timeline import Timeline


def inline_svg(svg: bytes) -> str:
    """An SVG document as markup to inline: from `<svg` on, without the XML prolog and DOCTYPE."""
    text = svg.decode("utf-8")
    return text[text.index("<svg") :]


def era_bundle(value: object) -> Bundle:
    """An era: its overview chart (whole eras are too wide for a notebook cell)."""
    assert isinstance(value, OrgChart)
    svg = figure_svg(value, options=ChartOptions(overview=True))
    return {"image/svg+xml": inline_svg(svg), "text/plain": repr(value)}


def subtree_bundle(value: object) -> Bundle:
    """A subtree: the chart under its node, as deep as the subtree goes."""
    assert isinstance(value, Subtree)
    if not isinstance(value.era, OrgChart):
        return {"text/plain": repr(value)}
    depth = max(level for level, _ in value.walk())
    svg = figure_svg(value.era, value.node, depth)
    return {"image/svg+xml": inline_svg(svg), "text/plain": repr(value)}


def changes_bundle(value: object) -> Bundle:
    """A change set: the report's summary (counts and headline changes)."""
    assert isinstance(value, ChangeSet)
    from orgchart.report.html import summary_html

    return {"text/html": summary_html(value), "text/plain": repr(value)}


def timeline_bundle(value: object) -> Bundle:
    """A timeline: one row per era with the entity's id, name, kind and main parent there."""
    assert isinstance(value, Timeline)
    rows = []
    for entry in value.entries:
        cells = [entry.era]
        if entry.node is None:
            cells += ["", "not mentioned", "", ""]
        else:
            via = " (lineage)" if entry.via == "lineage" else ""
            cells += [entry.node.id + via, entry.node.name, entry.node.kind, entry.parent.id if entry.parent else ""]
        rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>")
    head = "".join(f"<th>{name}</th>" for name in ("era", "id", "name", "kind", "parent"))
    caption = f"<caption>Timeline of {html.escape(value.query)}</caption>"
    table = f'<table class="orgchart-timeline">{caption}<tr>{head}</tr>{"".join(rows)}</table>'
    return {"text/html": table, "text/plain": repr(value)}


def register_displays() -> None:
    """Register every display with `orgchart.dataset.display` (idempotent)."""
    register("era", era_bundle)
    register("subtree", subtree_bundle)
    register("changes", changes_bundle)
    register("timeline", timeline_bundle)
