"""`orgchart render`, `orgchart site` and `orgchart build`: charts, the interactive page, everything.

Registered on the main app by `orgchart.cli`; Graphviz, Jinja2 and the renderers are imported
inside each command so that `orgchart --help` does not load them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from orgchart.cli.shared import (
    DataOption,
    OutputOption,
    err_console,
    fail,
    guard_output,
    open_dataset,
    out_console,
    resolve_era,
)
from orgchart.errors import OrgChartError

charts_app = typer.Typer(rich_markup_mode=None)


@charts_app.command()
def render(
    era: Annotated[str | None, typer.Option(help="Era id; default: the latest era.")] = None,
    diff_eras: Annotated[
        tuple[str, str] | None,
        typer.Option("--diff", help="Draw the change chart from era A to era B instead: --diff A B."),
    ] = None,
    root: Annotated[
        str | None, typer.Option(help="Draw only the subtree under this node (id, name or acronym).")
    ] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the root to draw.")] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="svg, png, pdf, dot or mermaid. Default: from the -o suffix, else svg."),
    ] = None,
    output: OutputOption = None,
    data: DataOption = None,
) -> None:
    """Draw an era, or one subtree of it, as an organizational chart (Graphviz or Mermaid).

    With --diff A B, draw the union of both eras instead, with first-mentioned, not-mentioned,
    renamed and moved entities marked by colour, marker and line style (svg, png, pdf, dot).
    Without -o, text formats (svg, dot, mermaid) go to standard output; png and pdf need -o.
    """
    from orgchart.render.style import format_for_path, verify_format

    try:
        wanted = verify_format(format) if format else (format_for_path(str(output)) if output else "svg")
    except OrgChartError as error:
        raise typer.BadParameter(str(error), param_hint="--format") from None
    if output is None and wanted in ("png", "pdf"):
        raise typer.BadParameter(f"{wanted} is binary; give a file with -o", param_hint="--output")
    if diff_eras is not None:
        _render_diff(diff_eras, wanted, output, data)
        return
    dataset = open_dataset(data)
    chart = resolve_era(dataset, era)
    guard_output(output, dataset)
    from orgchart.render.graphviz import render_chart, write_chart

    try:
        if output is None:
            sys.stdout.write(render_chart(chart, wanted, root, depth).decode("utf-8"))
            return
        write_chart(chart, output, wanted, root, depth)
    except OrgChartError as error:
        raise fail(error) from None
    err_console().print(f"wrote {escape(str(output))}")


def _render_diff(eras_: tuple[str, str], wanted: str, output: Path | None, data: Path | None) -> None:
    from orgchart.render.changes import CHART_FORMATS

    if wanted not in CHART_FORMATS:
        raise typer.BadParameter(
            f"the change chart has no {wanted} form; use {', '.join(CHART_FORMATS)}", param_hint="--format"
        )
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, eras_[0]), resolve_era(dataset, eras_[1])
    guard_output(output, dataset)
    from orgchart.changes.diff import diff
    from orgchart.render.changes import render_change_chart, write_change_chart

    changes = diff(before, after, lineage=dataset.lineage)
    try:
        if output is None:
            sys.stdout.write(render_change_chart(changes, wanted).decode("utf-8"))
            return
        write_change_chart(changes, output, wanted)
    except OrgChartError as error:
        raise fail(error) from None
    err_console().print(f"wrote {escape(str(output))}")


@charts_app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write index.html into.")] = Path(
        "renders/site"
    ),
    title: Annotated[str | None, typer.Option(help="The page's heading. Default: from the latest era's root.")] = None,
    data: DataOption = None,
) -> None:
    """Write the interactive chart: one self-contained HTML page with every era.

    Open DIR/index.html from disk or any static host: it needs no network. Switch era, pan and
    zoom, search, read each entity's citations, collapse subtrees and show the changes since the
    previous era.
    """
    from orgchart.site import write_site

    dataset = open_dataset(data)
    try:
        written = write_site(dataset, output, title=title)
    except OrgChartError as error:
        raise fail(error) from None
    for path in written:
        err_console().print(f"wrote {escape(str(path))}")


@charts_app.command()
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")] = Path("renders"),
    force: Annotated[
        bool, typer.Option("--force", help="Build even into a directory that holds another dataset's build.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Write every chart, report and export of the dataset into a directory (what `make` runs)."""
    from orgchart.build import build_all

    dataset = open_dataset(data)
    guard_output(out, None)
    try:
        written = build_all(dataset, out, force=force)
    except OrgChartError as error:
        raise fail(error) from None
    out_console().print(f"wrote {len(written)} files into {escape(str(out))}")
