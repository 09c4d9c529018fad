"""`orgchart export` and `orgchart import`: eras to and from other tools' formats.

Registered on the main app by `orgchart.cli`; the format modules are imported inside each command
so that `orgchart --help` does not load them.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from orgchart.cli.shared import (
    AsOfOption,
    DataOption,
    QuietOption,
    emit,
    err_console,
    escape,
    fail,
    guard_output,
    open_dataset,
    out_console,
    quiet_progress,
    resolve_era,
)
from orgchart.errors import OrgChartError

interchange_app = typer.Typer(rich_markup_mode=None)


@interchange_app.command()
def export(
    era: Annotated[
        str | None, typer.Option(help="Era id; default: the dataset's default era (sqlite: every era).")
    ] = None,
    as_of: AsOfOption = None,
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
    keep_formulas: Annotated[
        bool,
        typer.Option(
            "--keep-formulas",
            help="csv: write cells starting with = + - @ as they are (default: a leading ' keeps "
            "spreadsheets from running them as formulas).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Write even over a file the dataset is read from.")] = False,
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
    if all_eras and (era or as_of):
        raise typer.BadParameter("give --era (or --as-of) or --all-eras, not both", param_hint="--all-eras")
    if name in ("csv", "sqlite") and output is None:
        raise typer.BadParameter(f"{name} needs -o ({'a directory' if name == 'csv' else 'a file'})", param_hint="-o")
    if name == "rdf" and base is not None:
        from orgchart.export.rdf import verify_base

        try:
            verify_base(base)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--base") from None
    dataset = open_dataset(data)
    chart = resolve_era(dataset, era, as_of)
    guard_output(output, dataset, force=force)
    try:
        if name == "json":
            from orgchart.export.json import to_json

            emit(to_json(chart), output, dataset, force=force)
        elif name == "graphml":
            from orgchart.export.graphml import to_graphml

            emit(to_graphml(chart), output, dataset, force=force)
        elif name == "csv":
            from orgchart.export.csv import write_csv

            assert output is not None
            written = write_csv(chart, output, keep_formulas=keep_formulas)
            err_console().print(f"wrote {len(written)} tables into {escape(str(output))}")
        elif name == "sqlite":
            from orgchart.export.sqlite import write_sqlite

            assert output is not None
            write_sqlite(dataset, output, None if era is None and as_of is None else [chart])
            err_console().print(f"wrote {escape(str(output))}")
        else:
            # Written as it is made: two eras of 100,000 entities are 200 MB of Turtle.
            from orgchart.export.rdf import DEFAULT_BASE, stream_turtle, write_turtle

            eras = None if all_eras else [chart]
            if output is None:
                stream_turtle(dataset, sys.stdout.write, eras, base=base or DEFAULT_BASE)
            else:
                write_turtle(dataset, output, eras, base=base or DEFAULT_BASE)
                err_console().print(f"wrote {escape(str(output))}")
    except OrgChartError as error:
        raise fail(error) from None


@interchange_app.command("import")
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
    path_column: Annotated[
        str | None,
        typer.Option(
            "--path-column", help="csv: the column with each row's path from the root; parents come from the paths."
        ),
    ] = None,
    path_separator: Annotated[str, typer.Option("--path-separator", help="What separates path segments.")] = "/",
    id_from: Annotated[
        str | None,
        typer.Option(
            "--id-from", help=r"A regex whose first group in the path's last segment is the id: '\((\d+)\)$'."
        ),
    ] = None,
    id_key: Annotated[str | None, typer.Option("--id-key", help="The column or attribute that gives ids.")] = None,
    name_key: Annotated[
        str | None, typer.Option("--name-key", help="The column or attribute that gives names (default: name, label).")
    ] = None,
    kind_key: Annotated[
        str | None, typer.Option("--kind-key", help="The column or attribute that gives kinds (default: kind).")
    ] = None,
    kind_map: Annotated[
        str | None, typer.Option("--kind-map", help="The file's kinds as ours: 'Sub-Tier=division,Office=office'.")
    ] = None,
    edges: Annotated[
        str | None,
        typer.Option(
            "--edges", help="graphml/json: parent-to-child or child-to-parent (default: stop when they look reversed)."
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Import an organization (a table with id, name, parent, kind, acronym; a table of paths; or JSON/GraphML) as a new era.

    Facts without a source are uncited: `orgchart validate` lists them and `--strict` refuses them.
    """
    quiet_progress(quiet)
    from orgchart.dataset.model import NODE_KINDS
    from orgchart.export.importer import import_era, parse_date, read_interchange
    from orgchart.export.shape import EDGE_DIRECTIONS, ImportShape, parse_kind_map

    if format is None:
        format = "csv" if src.is_dir() else src.suffix.lstrip(".").lower() or "csv"
    if default_kind is not None and default_kind not in NODE_KINDS:
        raise typer.BadParameter(f"valid kinds: {', '.join(NODE_KINDS)}", param_hint="--default-kind")
    if edges is not None and edges not in EDGE_DIRECTIONS:
        raise typer.BadParameter(f"valid directions: {', '.join(EDGE_DIRECTIONS)}", param_hint="--edges")
    try:
        mapping = parse_kind_map(kind_map) if kind_map else {}
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--kind-map") from None
    try:
        shape = ImportShape(
            default_kind=default_kind,
            name_key=name_key,
            kind_key=kind_key,
            kind_map=mapping,
            id_key=id_key,
            id_from=id_from,
            path_column=path_column,
            path_separator=path_separator,
            edges=edges,  # type: ignore[arg-type]
        )
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--id-from" if id_from else "--path-separator") from None
    try:
        when = parse_date(date, "Given to `orgchart import --date`.") if date else None
    except ValueError as error:
        raise typer.BadParameter(
            f"{error}; write 2023-01-18, 2023-01, 2023 or START..END", param_hint="--date"
        ) from None
    try:
        imported = read_interchange(src, format, shape=shape)
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
        err_console().print("import stopped: nothing was written")
        raise exit_ from None
    console = err_console()
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    if label is None and not imported.label:
        console.print(
            f"[yellow]note:[/] the era is titled {escape(repr(result.era.label))}; pass --label 'TITLE' to give "
            "charts, the page and reports a title of your own",
            soft_wrap=True,
        )
    chart = result.era
    out_console().print(
        f"imported era {chart.id}: {len(chart.nodes)} nodes, {len(chart.edges)} edges, {len(chart.claims)} claims "
        f"into {escape(str(output))}; {result.uncited} uncited fact(s)"
        + (f" (placeholder source {result.placeholder.id})" if result.placeholder else ""),
        soft_wrap=True,
    )
