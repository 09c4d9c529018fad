"""Which change chart to draw: side by side or union, full or summary, whole or one subtree.

`draw_change_chart` is what `orgchart render --diff` and `orgchart build` call. Layouts:

- `side-by-side` (`orgchart.render.side_by_side`): the two trees next to each other;
- `union` (`orgchart.render.changes`): one tree of both eras, the later era's structure;
- `auto` (the default): the side-by-side chart, unless the union chart is narrower (compared
  only for charts of at most `UNION_AUTO_LIMIT` entities: a larger union is always wider).

Forms of the side-by-side chart: `full` (every entity), `summary` (changed entities and their
ancestors, the rest folded, see `orgchart.render.outline`), `auto`: the summary when the full
chart would be more than `SUMMARY_PX` pixels wide or tall.

`root` limits both eras to one subtree: the entity's subtree in the era that names it (the
later era first) and its counterpart's subtree in the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from orgchart.atomic import write_bytes_atomic
from orgchart.changes.changeset import ChangeSet
from orgchart.changes.order import Ordering, drawn_parents
from orgchart.errors import NotFoundError, OrgChartError
from orgchart.graph import OrgChart

LAYOUTS: Final[tuple[str, ...]] = ("auto", "side-by-side", "union")
FORMS: Final[tuple[str, ...]] = ("auto", "full", "summary")
CHART_FORMATS: Final[tuple[str, ...]] = ("svg", "png", "pdf", "dot")
UNION_AUTO_LIMIT: Final[int] = 200
"""Past this many entities the union chart (one tree, as wide as both eras' levels) is always
wider than the side-by-side chart (two columns), so `auto` does not lay it out to compare."""
SUMMARY_PX: Final[float] = 2000.0
"""A full side-by-side chart larger than this (pixels, either way) is drawn as a summary."""


class ChangeChartError(OrgChartError, ValueError):
    """An unknown layout, form or format; the message lists the valid ones."""


@dataclass(frozen=True)
class DrawnChange:
    """A change chart drawn: its bytes, layout, form and size in pixels."""

    data: bytes
    layout: str
    summary: bool
    width: float
    height: float


def _check(value: str, valid: tuple[str, ...], what: str) -> str:
    if value not in valid:
        raise ChangeChartError(f"unknown change chart {what} {value!r}; valid: {', '.join(valid)}")
    return value


def _below(chart: OrgChart, root: str) -> set[str]:
    """`root` and every entity below it in the drawn tree."""
    children: dict[str, list[str]] = {}
    for child, parent in drawn_parents(chart).items():
        children.setdefault(parent, []).append(child)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def subtree_scope(changes: ChangeSet, root: str) -> tuple[set[str], set[str]]:
    """The entity ids each era draws for `root` (id, name, acronym or alias): its subtree in
    the later era (or the earlier, when only that one names it) and its counterpart's subtree
    in the other era (empty when it has none).

    Raises:
        NotFoundError, AmbiguousError: neither era names `root`, or one names several.
    """
    before, after, matching = changes.before, changes.after, changes.matching
    try:
        node = after.get(root)
    except NotFoundError:
        try:
            node = before.get(root)
        except NotFoundError:
            names = [n.id for n in after.nodes] + [n.name for n in after.nodes] + [n.name for n in before.nodes]
            raise NotFoundError(f"node in era {after.id!r} or {before.id!r} named", root, names) from None
        match = matching.forward(node.id)
        return _below(before, node.id), (_below(after, match.after) if match else set())
    match = matching.backward(node.id)
    return (_below(before, match.before) if match else set()), _below(after, node.id)


def draw_change_chart(
    changes: ChangeSet,
    fmt: str = "svg",
    *,
    layout: str = "auto",
    form: str = "auto",
    root: str | None = None,
    order: Ordering | None = None,
    id_prefix: str | None = None,
) -> DrawnChange:
    """The change chart of `changes` in `fmt` (svg, png, pdf or dot), see the module docstring.

    Args:
        changes: the two eras and what changed.
        fmt: the output format.
        layout: "auto", "side-by-side" or "union".
        form: "auto", "full" or "summary" (the side-by-side chart's form).
        root: draw only this entity's subtree and its counterpart's.
        order: the siblings' order (the dataset's `stable_order`); by default the pair's own.
        id_prefix: put this before every SVG id, so several charts share one page.

    Raises:
        ChangeChartError: an unknown layout, form or format. NotFoundError, AmbiguousError:
        `root` names no entity, or several. RenderError: Graphviz is missing or fails.
    """
    from orgchart.render.changes import render_change_chart
    from orgchart.render.side_by_side import render_side_by_side, side_by_side, side_by_side_svg
    from orgchart.render.svg import finish_svg, svg_size

    _check(layout, LAYOUTS, "layout")
    _check(form, FORMS, "form")
    _check(fmt, CHART_FORMATS, "format")
    scope = subtree_scope(changes, root) if root is not None else (None, None)
    drawn = None
    if layout != "union":
        drawn = side_by_side(changes, order=order, summary=None if form == "auto" else form == "summary", scope=scope)
        svg = side_by_side_svg(drawn, id_prefix)
        if form == "auto" and not drawn.outline.summary and max(svg_size(svg)) > SUMMARY_PX:
            drawn = side_by_side(changes, order=order, summary=True, scope=scope)
            svg = side_by_side_svg(drawn, id_prefix)
        width, height = svg_size(svg)
        data = svg if fmt == "svg" else render_side_by_side(drawn, fmt)
        if layout == "side-by-side":
            return DrawnChange(data, layout, drawn.outline.summary, width, height)
    if drawn is not None and len(changes.after.nodes) + len(changes.by_kind("removed")) > UNION_AUTO_LIMIT:
        return DrawnChange(data, "side-by-side", drawn.outline.summary, width, height)  # the union is wider
    title = f"Changes from {changes.before.label} to {changes.after.label}"
    description = (
        f"Union change chart: the entities of eras {changes.before.id} and {changes.after.id} in one tree, "
        "each in its change state (first mentioned, not mentioned later, renamed, moved, kind changed)."
    )
    union_svg = finish_svg(
        render_change_chart(changes, "svg", scope=scope), title, description, {}, {}, id_prefix=id_prefix
    )
    union_width, union_height = svg_size(union_svg)
    if drawn is not None and width <= union_width:
        return DrawnChange(data, "side-by-side", drawn.outline.summary, width, height)
    union = union_svg if fmt == "svg" else render_change_chart(changes, fmt, scope=scope)
    return DrawnChange(union, "union", False, union_width, union_height)


def write_change_chart(
    changes: ChangeSet,
    path: str | Path,
    fmt: str = "svg",
    *,
    layout: str = "auto",
    form: str = "auto",
    root: str | None = None,
    order: Ordering | None = None,
) -> DrawnChange:
    """Draw the change chart (see `draw_change_chart`) into `path` atomically; return what
    was drawn.

    Raises:
        see `draw_change_chart`; OutputError: the file cannot be written.
    """
    drawn = draw_change_chart(changes, fmt, layout=layout, form=form, root=root, order=order)
    write_bytes_atomic(path, drawn.data)
    return drawn
