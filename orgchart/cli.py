"""The command line: parse arguments, call the library, print. No logic of its own.

Library errors (`OrgChartError`) become a red message on stderr and exit code 1; usage mistakes
are Click's usage errors (exit 2). Heavy libraries are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from orgchart import __version__
from orgchart.cli_query import query_app
from orgchart.cli_shared import DataOption, OutputOption, emit, fail, open_dataset, resolve_era
from orgchart.cli_shared import err_console as _err
from orgchart.cli_shared import out_console as _out
from orgchart.errors import OrgChartError
from orgchart.graph import OrgChart
from orgchart.model import NODE_KINDS

app = typer.Typer(
    name="orgchart",
    help="Model an organization era by era from cited source documents; validate, show, export.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(query_app, name="query")


def _version(value: bool) -> None:
    if value:
        print(f"orgchart {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """orgchart: a cited, era-by-era model of an organization."""


@app.command()
def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option(help="Treat uncited facts as errors.")] = False,
) -> None:
    """Check the dataset: schema, ids, references, parent forest, quotes, checksums.

    Exit 0 when valid (findings are printed as warnings), 1 with every error listed otherwise.
    """
    dataset = open_dataset(data, strict=strict)
    console = _err()
    total = 0
    for chart in dataset.eras:
        for finding in chart.findings:
            total += 1
            console.print(f"[yellow]warning:[/] {chart.id}: {finding.kind}: {escape(finding.message)}")
    nodes = sum(len(chart) for chart in dataset.eras)
    _out().print(
        f"ok: {len(dataset.eras)} eras, {len(dataset.sources)} sources, {nodes} nodes; "
        f"every quote found; {total} finding(s)"
    )


@app.command()
def eras(
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown table (as in the README).")] = False,
) -> None:
    """List the eras in chronological order, with date, reason and sources."""
    from orgchart.summary import era_summaries, eras_markdown

    dataset = open_dataset(data)
    if markdown:
        sys.stdout.write(eras_markdown(dataset))
        return
    rows = era_summaries(dataset)
    if as_json:
        sys.stdout.write(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Eras, oldest first", title_justify="left")
    for column in ("era", "date", "sources", "nodes", "edges", "claims", "findings"):
        table.add_column(
            column, overflow="fold", justify="right" if column in ("nodes", "edges", "claims", "findings") else "left"
        )
    for row in rows:
        table.add_row(
            row.id,
            f"{row.date} ({row.precision})",
            "\n".join(row.sources),
            str(row.nodes),
            str(row.edges),
            str(row.claims),
            str(row.findings),
        )
    console = _out()
    console.print(table)
    console.print("\n[bold]Why these dates[/]")
    for row in rows:
        console.print(f"  [bold]{row.id}[/]: {escape(row.reason)}")


@app.command()
def show(
    era: Annotated[str, typer.Argument(help="Era id (see `orgchart eras`).")],
    root: Annotated[str | None, typer.Option(help="Start at this node (id, name or acronym).")] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the root to show.")] = None,
    data: DataOption = None,
) -> None:
    """Print an era's tree with each node's kind; oversight and other relations follow."""
    chart = resolve_era(open_dataset(data), era)
    try:
        starts = (chart.get(root),) if root else chart.roots()
    except OrgChartError as error:
        raise fail(error) from None
    title = f"[bold]{escape(chart.label)}[/] ({chart.date.label})"
    tree = Tree(title)
    for start in starts:
        _grow(tree, chart, start.id, depth)
    console = _out()
    console.print(tree)
    others = [e for e in chart.edges if e.kind != "parent" or chart.is_second_parent(e)]
    if others and not root:
        console.print("\n[bold]Other relations[/]")
        for edge in others:
            label = "second parent" if edge.kind == "parent" else edge.kind
            console.print(f"  {escape(edge.superior)} --{label}--> {escape(edge.subordinate)}")


def _grow(branch: Tree, chart: OrgChart, node_id: str, depth: int | None) -> None:
    node = chart.node(node_id)
    acronym = f" ({escape(node.acronym)})" if node.acronym else ""
    child = branch.add(f"{escape(node.name)}{acronym} [dim]{node.kind} · {escape(node.id)}[/]")
    if depth == 0:
        return
    for sub in chart.children(node_id):
        _grow(child, chart, sub.id, None if depth is None else depth - 1)


@app.command()
def export(
    era: Annotated[str | None, typer.Option(help="Era id; default: the latest era (sqlite: every era).")] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: json, graphml, csv, sqlite, rdf (Turtle).")
    ] = "json",
    all_eras: Annotated[
        bool, typer.Option("--all-eras", help="Every era in one file (sqlite, rdf); sqlite always does without --era.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (csv: a directory; needed for csv and sqlite)."),
    ] = None,
    base: Annotated[str | None, typer.Option(help="rdf: the IRI the resources' IRIs start with.")] = None,
    data: DataOption = None,
) -> None:
    """Export eras in an interchange format: node-link JSON, GraphML, CSV tables, SQLite, RDF Turtle."""
    from orgchart.export.records import EXPORT_FORMATS, MULTI_ERA_FORMATS, verify_format

    try:
        name = verify_format(format, EXPORT_FORMATS)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--format") from None
    if all_eras and name not in MULTI_ERA_FORMATS:
        raise typer.BadParameter(
            f"{name} holds one era; --all-eras works with {', '.join(MULTI_ERA_FORMATS)}", param_hint="--all-eras"
        )
    if all_eras and era:
        raise typer.BadParameter("give --era or --all-eras, not both", param_hint="--all-eras")
    if name in ("csv", "sqlite") and output is None:
        raise typer.BadParameter(f"{name} needs -o ({'a directory' if name == 'csv' else 'a file'})", param_hint="-o")
    dataset = open_dataset(data)
    chart = resolve_era(dataset, era)
    try:
        if name == "json":
            from orgchart.export.json import to_json

            emit(to_json(chart), output)
        elif name == "graphml":
            from orgchart.export.graphml import to_graphml

            emit(to_graphml(chart), output)
        elif name == "csv":
            from orgchart.export.csv import write_csv

            assert output is not None
            written = write_csv(chart, output)
            _err().print(f"wrote {len(written)} tables into {escape(str(output))}")
        elif name == "sqlite":
            from orgchart.export.sqlite import write_sqlite

            assert output is not None
            write_sqlite(dataset, output, None if era is None else [chart])
            _err().print(f"wrote {escape(str(output))}")
        else:
            from orgchart.export.rdf import DEFAULT_BASE, to_turtle

            emit(to_turtle(dataset, None if all_eras else [chart], base=base or DEFAULT_BASE), output)
    except OrgChartError as error:
        raise fail(error) from None


@app.command("import")
def import_(
    src: Annotated[Path, typer.Argument(help="A CSV table or exported CSV directory, node-link JSON, or GraphML.")],
    era: Annotated[str, typer.Option(help="Id of the new era (lowercase letters, digits, . _ -).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Dataset directory to write into (created).")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="csv, json or graphml; default: from SRC's extension.")
    ] = None,
    label: Annotated[str | None, typer.Option(help="The era's short title.")] = None,
    date: Annotated[
        str | None,
        typer.Option(help="When the chart holds, for an era without sources: 2023-01-18, 2023-01, 2023 or A..B."),
    ] = None,
    documents: Annotated[
        list[Path] | None,
        typer.Option("--documents", help="Where the source documents named in SRC are (default: SRC's directory)."),
    ] = None,
    default_kind: Annotated[
        str | None, typer.Option("--default-kind", help="Node kind for rows or nodes that give none (e.g. unit).")
    ] = None,
) -> None:
    """Import an organization (a table with id, name, parent, kind, acronym; or JSON/GraphML) as a new era.

    Facts without a source are uncited: `orgchart validate` lists them and `--strict` refuses them.
    """
    from orgchart.importer import import_era, parse_date, read_interchange

    if format is None:
        format = "csv" if src.is_dir() else src.suffix.lstrip(".").lower() or "csv"
    if default_kind is not None and default_kind not in NODE_KINDS:
        raise typer.BadParameter(f"valid kinds: {', '.join(NODE_KINDS)}", param_hint="--default-kind")
    try:
        when = parse_date(date, "Given to `orgchart import --date`.") if date else None
    except ValueError as error:
        raise typer.BadParameter(
            f"{error}; write 2023-01-18, 2023-01, 2023 or START..END", param_hint="--date"
        ) from None
    try:
        imported = read_interchange(src, format, default_kind=default_kind)
    except ValueError as error:
        if isinstance(error, OrgChartError):
            raise fail(error) from None
        raise typer.BadParameter(str(error), param_hint="--format") from None
    except OrgChartError as error:
        raise fail(error) from None
    folder = src if src.is_dir() else src.parent
    try:
        result = import_era(
            imported,
            output,
            era_id=era,
            label=label,
            date=when,
            documents=documents or [folder, folder.parent],
            origin=src.name,
        )
    except OrgChartError as error:
        exit_ = fail(error)
        _err().print("import stopped: nothing was written")
        raise exit_ from None
    console = _err()
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    chart = result.era
    _out().print(
        f"imported era {chart.id}: {len(chart.nodes)} nodes, {len(chart.edges)} edges, {len(chart.claims)} claims "
        f"into {escape(str(output))}; {result.uncited} uncited fact(s)"
        + (f" (placeholder source {result.placeholder.id})" if result.placeholder else ""),
        soft_wrap=True,
    )


@app.command()
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
    chart = resolve_era(open_dataset(data), era)
    from orgchart.render.graphviz import render_chart, write_chart

    try:
        if output is None:
            sys.stdout.write(render_chart(chart, wanted, root, depth).decode("utf-8"))
            return
        write_chart(chart, output, wanted, root, depth)
    except OrgChartError as error:
        raise fail(error) from None
    _err().print(f"wrote {escape(str(output))}")


def _render_diff(eras_: tuple[str, str], wanted: str, output: Path | None, data: Path | None) -> None:
    from orgchart.render.changes import CHART_FORMATS

    if wanted not in CHART_FORMATS:
        raise typer.BadParameter(
            f"the change chart has no {wanted} form; use {', '.join(CHART_FORMATS)}", param_hint="--format"
        )
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, eras_[0]), resolve_era(dataset, eras_[1])
    from orgchart.diff import diff
    from orgchart.render.changes import render_change_chart, write_change_chart

    changes = diff(before, after, lineage=dataset.lineage)
    try:
        if output is None:
            sys.stdout.write(render_change_chart(changes, wanted).decode("utf-8"))
            return
        write_change_chart(changes, output, wanted)
    except OrgChartError as error:
        raise fail(error) from None
    _err().print(f"wrote {escape(str(output))}")


@app.command()
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
        _err().print(f"wrote {escape(str(path))}")


@app.command()
def build(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write into.")] = Path("renders"),
    data: DataOption = None,
) -> None:
    """Write every chart, report and export of the dataset into a directory (what `make` runs)."""
    from orgchart.build import build_all

    dataset = open_dataset(data)
    try:
        written = build_all(dataset, out)
    except OrgChartError as error:
        raise fail(error) from None
    _out().print(f"wrote {len(written)} files into {escape(str(out))}")


ReportFormatOption = Annotated[str, typer.Option("--format", "-f", help="Report format: md, html or json.")]


def _report_format(fmt: str) -> str:
    from orgchart.report import REPORT_FORMATS

    if fmt not in REPORT_FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; valid formats: {', '.join(REPORT_FORMATS)}", param_hint="--format"
        )
    return fmt


@app.command("diff")
def diff_command(
    era_a: Annotated[str, typer.Argument(help="The earlier era id (see `orgchart eras`).")],
    era_b: Annotated[str, typer.Argument(help="The later era id.")],
    format: ReportFormatOption = "md",
    output: OutputOption = None,
    data: DataOption = None,
) -> None:
    """Report what changed between two eras: renames, moves, merges, splits, additions, omissions,
    oversight, figures and findings, each with the quotes of both documents."""
    fmt = _report_format(format)
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, era_a), resolve_era(dataset, era_b)
    from orgchart.diff import diff
    from orgchart.report import render_diff

    emit(render_diff(diff(before, after, lineage=dataset.lineage), fmt), output)


@app.command()
def history(
    format: ReportFormatOption = "md",
    output: OutputOption = None,
    data: DataOption = None,
) -> None:
    """Report the changes of every consecutive pair of eras, and a grid of every entity's name
    in each era (blank where a document does not mention it)."""
    fmt = _report_format(format)
    dataset = open_dataset(data)
    from orgchart.history import history as build_history
    from orgchart.report import render_history

    emit(render_history(build_history(dataset), fmt), output)


@app.command()
def timeline(
    ref: Annotated[str, typer.Argument(help="An entity's id, name, acronym or alias in any era.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    data: DataOption = None,
) -> None:
    """Follow one entity through every era: its name, kind and parent as each document states
    them, or that the document does not mention it."""
    dataset = open_dataset(data)
    from orgchart.history import entity_timeline

    try:
        eras_, row = entity_timeline(dataset, ref)
    except OrgChartError as error:
        raise fail(error) from None
    entries = []
    for chart, cell in zip(eras_, row.cells, strict=True):
        parent = chart.parent(cell) if cell is not None else None
        entries.append(
            {
                "era": chart.id,
                "date": chart.date.label,
                "id": cell.id if cell else None,
                "name": cell.name if cell else None,
                "acronym": cell.acronym if cell else None,
                "kind": cell.kind if cell else None,
                "parent": parent.id if parent else None,
                "parent_name": parent.name if parent else None,
                "quote": cell.citations[0].quote if cell and cell.citations else None,
            }
        )
    if as_json:
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
        return
    console = _out()
    console.print(f"[bold]{escape(row.latest.name)}[/] through the eras")
    for entry in entries:
        where = f"  [bold]{entry['era']}[/] ({escape(str(entry['date']))}): "
        if entry["id"] is None:
            console.print(where + "[dim]not mentioned[/]")
            continue
        name = str(entry["name"]) + (f" ({entry['acronym']})" if entry["acronym"] else "")
        under = f" under {entry['parent_name']}" if entry["parent_name"] else ""
        console.print(where + escape(f"{name}, {entry['kind']}{under} [{entry['id']}]"))
        if entry["quote"]:
            console.print(f"      [dim]“{escape(str(entry['quote']))}”[/]")
