"""`orgchart render`, `orgchart site` and `orgchart build`: charts, the interactive page, everything.

Registered on the main app by `orgchart.cli`; Graphviz, Jinja2 and the renderers are imported
inside each command so that `orgchart --help` does not load them.
"""

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from orgchart.cli.shared import (
    AsOfOption,
    DataOption,
    OutputOption,
    QuietOption,
    err_console,
    escape,
    fail,
    guard_output,
    open_dataset,
    out_console,
    quiet_progress,
    resolve_era,
)
from orgchart.dataset.limits import LEGIBLE_BOXES
from orgchart.errors import OrgChartError

charts_app = typer.Typer(rich_markup_mode=None)


@charts_app.command()
def render(
    era: Annotated[str | None, typer.Option(help="Era id; default: the dataset's default era.")] = None,
    as_of: AsOfOption = None,
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
    overview: Annotated[
        bool,
        typer.Option(
            "--overview", help="Draw the top levels only, with counts on cut branches: fits a documentation page."
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help=f"Draw every entity even when there are more than {LEGIBLE_BOXES} (by default such a chart is drawn "
            "as its overview, and render says which branches to draw with --root).",
        ),
    ] = False,
    no_legend: Annotated[bool, typer.Option("--no-legend", help="Leave the legend out.")] = False,
    no_caption: Annotated[
        bool, typer.Option("--no-caption", help="Leave the title, date and sources out of the drawing.")
    ] = False,
    link: Annotated[
        str | None,
        typer.Option(help="Link every box: a URL template with {id} and {era}, e.g. 'https://example.org/units/{id}'."),
    ] = None,
    relations: Annotated[
        str | None,
        typer.Option(help="Edge kinds to draw, e.g. parent,oversight. Default: all (--overview: parent,oversight)."),
    ] = None,
    id_prefix: Annotated[
        str | None, typer.Option(help="Put this before every id in the SVG, so several charts share one page.")
    ] = None,
    fenced: Annotated[
        bool, typer.Option("--fenced", help="Mermaid only: wrap the text in a ```mermaid block.")
    ] = False,
    layout: Annotated[
        str,
        typer.Option(
            help="With --diff: side-by-side (the two eras' trees next to each other), union (one tree of "
            "both), or auto (side-by-side unless the union is narrower)."
        ),
    ] = "auto",
    form: Annotated[
        str,
        typer.Option(
            help="With --diff, side by side: full (every entity), summary (changed entities, their "
            "ancestors, the rest folded with counts), or auto (summary when full is over 2,000 px)."
        ),
    ] = "auto",
) -> None:
    """Draw an era, or one subtree of it, as an organizational chart (Graphviz or Mermaid).

    With --diff A B, draw the change chart instead: era A's tree and era B's side by side (or
    their union with --layout union), entities first mentioned, not mentioned later, renamed,
    moved or changed in kind marked by colour, marker and line style, moves drawn as one line
    between the trees; --root draws one subtree and its counterpart (svg, png, pdf, dot;
    mermaid draws the union). Without -o, text formats (svg, dot, mermaid) go to standard
    output; png and pdf need -o.
    An era or subtree too large to read as one picture (see --full) is drawn as its overview unless --full asks for
    every entity; a PNG that Graphviz would shrink to fit 32,767 pixels is refused.
    """
    from orgchart.render.style import format_for_path, verify_format

    try:
        wanted = verify_format(format) if format else (format_for_path(str(output)) if output else "svg")
    except OrgChartError as error:
        raise typer.BadParameter(str(error), param_hint="--format") from None
    if output is None and wanted in ("png", "pdf"):
        raise typer.BadParameter(f"{wanted} is binary; give a file with -o", param_hint="--output")
    if full and overview:
        raise typer.BadParameter("--full and --overview ask for opposite charts; give one", param_hint="--full")
    if diff_eras is not None:
        if depth is not None:
            raise typer.BadParameter("--depth does not apply to --diff; use --root", param_hint="--depth")
        _render_diff(diff_eras, wanted, output, data, fenced=fenced, layout=layout, form=form, root=root)
        return
    from orgchart.render.options import ChartOptions, parse_relations

    try:
        options = ChartOptions(
            overview=overview,
            legend=not no_legend,
            caption=not no_caption,
            link=link,
            relations=parse_relations(relations) if relations is not None else None,
            id_prefix=id_prefix,
        )
    except OrgChartError as error:
        raise typer.BadParameter(str(error)) from None
    dataset = open_dataset(data)
    from orgchart.changes.order import stable_order

    chart = stable_order(dataset).apply(resolve_era(dataset, era, as_of))
    guard_output(output, dataset)
    from orgchart.atomic import write_bytes_atomic
    from orgchart.render.draw import draw_chart
    from orgchart.render.legible import overview_note, too_large

    try:
        note = None
        if not overview and not full and too_large(chart, root, depth):
            note = overview_note(chart, root, depth)
            options = replace(options, overview=True)
        drawn = draw_chart(chart, wanted, root, depth, options)
        if fenced and wanted == "mermaid":
            drawn = b"```mermaid\n" + drawn + b"```\n"
        if output is None:
            sys.stdout.write(drawn.decode("utf-8"))
            return
        write_bytes_atomic(output, drawn)
    except OrgChartError as error:
        raise fail(error) from None
    finally:
        if note is not None:
            err_console().print(f"note: {escape(note)}")
    err_console().print(f"wrote {escape(str(output))}")


def _render_diff(
    eras_: tuple[str, str],
    wanted: str,
    output: Path | None,
    data: Path | None,
    *,
    fenced: bool = False,
    layout: str = "auto",
    form: str = "auto",
    root: str | None = None,
) -> None:
    from orgchart.render.change_layout import CHART_FORMATS, FORMS, LAYOUTS

    if layout not in LAYOUTS:
        raise typer.BadParameter(f"valid layouts: {', '.join(LAYOUTS)}", param_hint="--layout")
    if form not in FORMS:
        raise typer.BadParameter(f"valid forms: {', '.join(FORMS)}", param_hint="--form")
    if wanted == "mermaid":
        _render_diff_mermaid(eras_, output, data, fenced=fenced)
        return
    if wanted not in CHART_FORMATS:
        raise typer.BadParameter(
            f"the change chart has no {wanted} form; use {', '.join(CHART_FORMATS)}", param_hint="--format"
        )
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, eras_[0]), resolve_era(dataset, eras_[1])
    guard_output(output, dataset)
    from orgchart.changes.diff import diff
    from orgchart.changes.order import stable_order
    from orgchart.render.change_layout import draw_change_chart

    changes = diff(before, after, lineage=dataset.lineage)
    try:
        drawn = draw_change_chart(changes, wanted, layout=layout, form=form, root=root, order=stable_order(dataset))
        if output is None:
            sys.stdout.write(drawn.data.decode("utf-8"))
            return
        from orgchart.atomic import write_bytes_atomic

        write_bytes_atomic(output, drawn.data)
    except OrgChartError as error:
        raise fail(error) from None
    shape = f"{drawn.layout}{', summary' if drawn.summary else ''}, {drawn.width:,.0f} x {drawn.height:,.0f} px"
    err_console().print(f"wrote {escape(str(output))} ({shape})")


def _render_diff_mermaid(eras_: tuple[str, str], output: Path | None, data: Path | None, *, fenced: bool) -> None:
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, eras_[0]), resolve_era(dataset, eras_[1])
    guard_output(output, dataset)
    from orgchart.atomic import write_text_atomic
    from orgchart.changes.diff import diff
    from orgchart.render.mermaid_changes import changes_mermaid

    text = changes_mermaid(diff(before, after, lineage=dataset.lineage), fenced=fenced)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_text_atomic(output, text)
    except OrgChartError as error:
        raise fail(error) from None
    err_console().print(f"wrote {escape(str(output))}")


@charts_app.command()
def site(
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write index.html into.")] = Path(
        "renders/site"
    ),
    title: Annotated[str | None, typer.Option(help="The page's heading. Default: the label of the era shown.")] = None,
    data: DataOption = None,
    embed: Annotated[
        bool,
        typer.Option(
            "--embed", help="Open in embed mode (as index.html?embed=1 does): the chart fills the frame, controls wait."
        ),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Write the interactive chart: one self-contained HTML page with every era.

    Open DIR/index.html from disk or any static host: it needs no network. Switch era, pan and
    zoom, search, read each entity's citations, collapse subtrees and show the changes since the
    previous era.
    """
    quiet_progress(quiet)
    from orgchart.site import write_site

    dataset = open_dataset(data)
    try:
        written = write_site(dataset, output, title=title, embed=embed)
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
    quiet: QuietOption = False,
) -> None:
    """Write every chart, report and export of the dataset into a directory (what `make` runs).

    The files written are listed in DIR/manifest.txt; files an earlier build listed there and this
    build does not write (reports of eras no longer in the data) are removed, and nothing else.
    """
    quiet_progress(quiet)
    from orgchart.build import build_report

    dataset = open_dataset(data)
    try:
        report = build_report(dataset, out, force=force)
    except OrgChartError as error:
        raise fail(error) from None
    for path in report.removed:
        err_console().print(f"removed {escape(str(path))} (an earlier build wrote it; this one does not)")
    for path, why in report.skipped:
        err_console().print(f"note: not written: {escape(str(path))}: {escape(why)}")
    out_console().print(f"wrote {len(report.written)} files into {escape(str(out))}")
