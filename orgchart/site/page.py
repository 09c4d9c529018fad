"""`orgchart site`: one self-contained HTML page to explore every era in a browser.

The page is a single file: the charts (Graphviz SVG, one per era, from `orgchart.render`), the
data (one JSON block per era), the script and the styles are all inline, so a reader opens it
from disk or any static host and the browser makes no request at all. A Content-Security-Policy
says so too: `default-src 'none'`, and only the page's own script (by its sha256) may run.

Why inline `<template>`s for the SVGs: browsers block `fetch()` of a `file://` page's neighbours,
and a `<template>`'s content is inert (its ids do not collide with the shown chart's).

A large era (more than `LEGIBLE_BOXES` entities, more than one Graphviz picture shows legibly) has no
SVG: its data is packed in columns (`orgchart.site.compact`) and the page's script lays it out
and draws only what is in view (`assets/tree.js`); such an era costs well under 150 bytes per
entity in the page and opens in about a second at 100,000 entities.

Why hide instead of re-render to collapse a subtree in a Graphviz chart: the layout comes from Graphviz at build
time and there is no Graphviz in the page; hiding the descendants' node and edge groups keeps
every other box where the reader last saw it, and needs no second layout per collapsed state
(which would be 2^n charts). The cost: a collapsed subtree leaves empty space behind.
"""

from __future__ import annotations

import base64
import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final

from orgchart.atomic import write_text_atomic
from orgchart.changes.changeset import ChangeSet
from orgchart.changes.order import Ordering, order_eras
from orgchart.dataset.limits import LEGIBLE_BOXES
from orgchart.dataset.model import EDGE_KINDS
from orgchart.graph import Dataset, OrgChart
from orgchart.render import NODE_STYLES, node_svg_id, render_svg
from orgchart.render.changes import MARKS
from orgchart.render.dark import dark_css
from orgchart.render.style import DARK_FILLS
from orgchart.site.compact import compact_chart, pack
from orgchart.site.data import MARKED_CHANGES, era_fields, era_overlays, era_payload, site_index, tree_parents

SVG_NS: Final[str] = "http://www.w3.org/2000/svg"
ASSETS: Final[str] = "assets"
SCRIPTS: Final[tuple[str, ...]] = ("tree.js", "site.js")
"""The page's script, in this order, as one inline `<script>` (one CSP hash)."""
STYLES: Final[tuple[str, ...]] = ("site.css", "tree.css")


_JSON_ESCAPES: Final[dict[int, str]] = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON text safe inside `<script type="application/json">`: `<`, `>` and `&` written as
    `\\u003c` etc., so a name containing `</script>` or `<!--` cannot end the block early.
    Keys are sorted so the page is byte-identical for the same data."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_JSON_ESCAPES)


def _asset(name: str) -> str:
    return resources.files("orgchart.site").joinpath(ASSETS, name).read_text(encoding="utf-8")


def _node_label(chart: OrgChart, node_id: str) -> str:
    node = chart.node(node_id)
    acronym = f" ({node.acronym})" if node.acronym else ""
    return f"{node.name}{acronym}, {node.kind}"


def _stack_superior(cluster_id: str, chart: OrgChart) -> str | None:
    """The superior of a stack box (`stack-<superior>-<edge kind>-<node kind>`): the longest
    node id that, followed by an edge kind, starts the box's id."""
    found = [
        node.id for node in chart.nodes for kind in EDGE_KINDS if cluster_id.startswith(f"stack-{node.id}-{kind}-")
    ]
    return max(found, key=len) if found else None


def _page_root(svg: bytes, css_class: str) -> ET.Element:
    """A Graphviz SVG parsed for the page: no fixed width and height (the page sizes it and pans
    and zooms through the viewBox), centred in its box."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("class", css_class)
    root.set("preserveAspectRatio", "xMidYMid meet")
    return root


def page_svg(svg: bytes, chart: OrgChart) -> str:
    """The era's Graphviz SVG made ready to sit inside the page.

    No XML prolog or comments; no fixed width and height (the page sizes it and pans and zooms
    through the viewBox); each node group is a keyboard-reachable button named after the entity
    (`data-node` holds its id); each stack box records its superior (`data-superior`) so the
    page hides the box when that superior's subtree is collapsed.
    """
    root = _page_root(svg, "chart-svg")
    root.set("role", "group")
    node_ids = {node_svg_id(node.id): node.id for node in chart.nodes}
    for group in root.iter(f"{{{SVG_NS}}}g"):
        svg_id = group.get("id", "")
        if svg_id in node_ids:
            group.set("data-node", node_ids[svg_id])
            group.set("role", "button")
            group.set("aria-label", _node_label(chart, node_ids[svg_id]))
        elif svg_id.startswith("stack-"):
            superior = _stack_superior(svg_id, chart)
            if superior is not None:
                group.set("data-superior", superior)
    return ET.tostring(root, encoding="unicode")


SIDE_BYTES: Final[int] = 2_000_000
"""The largest side-by-side chart the page embeds; a larger one is left to `renders/changes/`."""


def page_side_svg(svg: bytes, chart: OrgChart) -> str:
    """A side-by-side change chart (`orgchart.render.side_by_side`) made ready for the page:
    sized by the page like the era charts, each box of the later era (`after-node-<id>`)
    marked with `data-entity` so a click shows the entity in the panel."""
    root = _page_root(svg, "chart-svg side-svg")
    for group in root.iter(f"{{{SVG_NS}}}g"):
        svg_id = group.get("id", "")
        if svg_id.startswith("after-node-") and svg_id[len("after-node-") :] in chart:
            group.set("data-entity", svg_id[len("after-node-") :])
    return ET.tostring(root, encoding="unicode")


def side_svgs(pairs: Sequence[ChangeSet], order: Ordering) -> dict[str, str]:
    """The side-by-side chart of each era against the one before it, by the later era's id
    (left out when larger than `SIDE_BYTES`)."""
    from orgchart.render.change_layout import draw_change_chart

    sides = {}
    for changes in pairs:
        drawn = draw_change_chart(changes, "svg", layout="side-by-side", order=order)
        if len(drawn.data) <= SIDE_BYTES:
            sides[changes.after.id] = page_side_svg(drawn.data, changes.after)
    return sides


CHANGE_WORDS: Final[dict[str, str]] = {"added": "new", "renamed": "renamed", "moved": "moved"}
"""The word over a marked box: colour is never the only sign."""


def change_marks() -> list[dict[str, str]]:
    """How the overlay marks each change: the change chart's marker and colours
    (`orgchart.render.changes.MARKS`), so the page and the chart read alike."""
    return [
        {
            "kind": kind,
            "marker": MARKS[kind].marker,
            "word": CHANGE_WORDS[kind],
            "border": MARKS[kind].border,
            "fill": MARKS[kind].fill,
        }
        for kind in MARKED_CHANGES
    ]


def tree_styles() -> dict[str, dict[str, Any]]:
    """How the page's own layout (large eras) draws each node kind: the chart's colours."""
    return {
        kind: {
            "fill": style.fill,
            "border": style.border,
            "rounded": "rounded" in style.style,
            "dashed": "dashed" in style.style,
            "text": "#ffffff" if kind in DARK_FILLS else "#1a1a1a",
            "subtext": "#dce6f0" if kind in DARK_FILLS else "#555555",
        }
        for kind, style in NODE_STYLES.items()
    }


def is_large(chart: OrgChart) -> bool:
    """Whether the page lays out this era itself instead of embedding a Graphviz chart."""
    return len(chart.nodes) > LEGIBLE_BOXES  # the limit of `orgchart render`'s full charts too


def csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def site_html(dataset: Dataset, *, title: str | None = None, embed: bool = False) -> str:
    """The interactive page for every era of `dataset`, as HTML text.

    Args:
        dataset: the eras to show; the page opens on the latest.
        title: the page's heading; default: the label of the era shown (what a person called
            the era, where a root entity's name may be a code or the name of an imported file),
            which changes with the era.
        embed: open in embed mode (as `index.html?embed=1` does): the chart fills the page,
            controls and panel wait until asked.

    Raises:
        RenderError: Graphviz failed (see `orgchart.render`).
    """
    import jinja2

    from orgchart.changes.history import history

    hist = history(dataset)
    index = site_index(dataset)
    marks = change_marks()
    index["marks"] = {mark["kind"]: f"{mark['marker']} {mark['word']}" for mark in marks}
    index["styles"] = tree_styles()
    charts = list(dataset.eras)
    drawn: dict[str, bytes] = {}
    svgs: dict[str, str] = {}
    sides: dict[str, str] = {}
    if not all(map(is_large, charts)):
        # The charts keep each entity's place from era to era (the history's grid matches them).
        order = order_eras(dataset.eras, dataset.lineage, hist.grid)
        drawn = {chart.id: render_svg(order.apply(chart)) for chart in charts if not is_large(chart)}
        svgs = {chart.id: page_svg(drawn[chart.id], chart) for chart in charts if not is_large(chart)}
        # A large era has no Graphviz chart, so no side-by-side chart either.
        sides = side_svgs([p for p in hist.pairs if not is_large(p.before) and not is_large(p.after)], order)
    eras = [
        _era_block(chart, changes, overlay)
        for chart, (changes, overlay) in zip(charts, era_overlays(dataset, hist), strict=True)
    ]
    script = "\n".join(_asset(name) for name in SCRIPTS)
    if "</script" in script.lower():
        raise AssertionError("the page's scripts must not contain '</script'")
    follows = title is None  # the default title is the label of the era shown
    if title is None:
        title = dataset.default.label
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("orgchart.site", ASSETS),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("index.html.j2")
    return template.render(
        title=title,
        title_follows_era=follows,
        index_json=script_json(index),
        eras=eras,
        latest=dataset.default.id,  # the era the page opens on
        marks=marks,
        svgs=svgs,
        sides=sides,
        style="".join(_asset(name) for name in STYLES),
        dark_style=page_dark_style(drawn.values()),
        embed=embed,
        script=script,
        script_hash=csp_hash(script),
    )


def _era_block(chart: OrgChart, changes: ChangeSet | None, overlay: dict[str, Any] | None) -> dict[str, str]:
    """What the page template writes for one era: its data as JSON (`era_payload`), or for a
    large era in packed columns made from the era itself (`compact_chart`)."""
    block = {"id": chart.id, "label": chart.label, "date": chart.date.label, "json": "", "packed": ""}
    if is_large(chart):
        parents = tree_parents(chart)
        block["packed"] = pack(compact_chart(chart, era_fields(chart, parents, changes, overlay), parents))
    else:
        block["json"] = script_json(era_payload(chart, changes, overlay))
    return block


def write_site(dataset: Dataset, out_dir: str | Path, *, title: str | None = None, embed: bool = False) -> list[Path]:
    """Write the page to `out_dir/index.html` atomically; return the paths written.

    Raises:
        RenderError: Graphviz failed. OutputError: the file cannot be written.
    """
    return [write_text_atomic(Path(out_dir) / "index.html", site_html(dataset, title=title, embed=embed))]


def page_dark_style(svgs: Iterable[bytes]) -> str:
    """The chart's dark-mode rules for the page: those of every era's chart, scoped to the
    page's chart (`.chart-svg`), each rule once."""
    rules: dict[str, None] = {}
    for svg in svgs:
        for line in dark_css(ET.fromstring(svg), ".viewport .chart-svg").splitlines():
            if "{" in line and "}" in line and not line.startswith("@media"):
                rules.setdefault(line.strip(), None)
    body = "\n".join("  " + rule for rule in rules)
    return f"@media (prefers-color-scheme: dark) {{\n{body}\n}}\n"
