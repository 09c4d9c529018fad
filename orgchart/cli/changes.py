"""`orgchart diff`, `orgchart history` and `orgchart timeline`: what changed between eras.

Registered on the main app by `orgchart.cli`; the diff engine and the report templates are
imported inside each command so that `orgchart --help` does not load them.
"""

import json
import sys
from typing import Annotated

import typer

from orgchart.cli.shared import (
    DataOption,
    OutputOption,
    QuietOption,
    emit,
    escape,
    fail,
    open_dataset,
    out_console,
    quiet_progress,
    resolve_era,
)
from orgchart.errors import OrgChartError

changes_app = typer.Typer(rich_markup_mode=None)


ReportFormatOption = Annotated[str, typer.Option("--format", "-f", help="Report format: md, html or json.")]
FragmentOption = Annotated[
    bool,
    typer.Option(
        "--fragment", help="HTML only: a <section> to include in another page (no <html>/<head>, scoped CSS)."
    ),
]


def _report_format(fmt: str) -> str:
    from orgchart.report import REPORT_FORMATS

    if fmt not in REPORT_FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; valid formats: {', '.join(REPORT_FORMATS)}", param_hint="--format"
        )
    return fmt


@changes_app.command("diff")
def diff_command(
    era_a: Annotated[str, typer.Argument(help="The earlier era id (see `orgchart eras`).")],
    era_b: Annotated[str, typer.Argument(help="The later era id.")],
    format: ReportFormatOption = "md",
    output: OutputOption = None,
    data: DataOption = None,
    fragment: FragmentOption = False,
    chart: Annotated[
        str | None, typer.Option(help="HTML only: the URL of the change chart to show and link in the report.")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Report what changed between two eras: renames, moves, merges, splits, additions, omissions,
    oversight, figures and findings, each with the quotes of both documents."""
    quiet_progress(quiet)
    fmt = _report_format(format)
    dataset = open_dataset(data)
    before, after = resolve_era(dataset, era_a), resolve_era(dataset, era_b)
    from orgchart.changes.diff import diff
    from orgchart.dataset.gcpause import paused_gc
    from orgchart.report import render_diff

    # The report asks the eras for their branches, subtree sizes and coverage after the diff:
    # a few hundred thousand short-lived tuples and dicts at 100,000 entities, which with the
    # collector on start full collections over everything the diff made (0.5 s of a 4.9 s
    # command, timed per phase). One comparison and one report: nothing waits long for it.
    with paused_gc():
        report = render_diff(diff(before, after, lineage=dataset.lineage), fmt, fragment=fragment, chart=chart)
    emit(report, output, dataset)


@changes_app.command()
def history(
    format: ReportFormatOption = "md",
    output: OutputOption = None,
    data: DataOption = None,
    fragment: FragmentOption = False,
) -> None:
    """Report the changes of every consecutive pair of eras, and a grid of every entity's name
    in each era (blank where a document does not mention it)."""
    fmt = _report_format(format)
    dataset = open_dataset(data)
    from orgchart.changes.history import history as build_history
    from orgchart.report import render_history

    emit(render_history(build_history(dataset), fmt, fragment=fragment), output, dataset)


@changes_app.command()
def timeline(
    ref: Annotated[str, typer.Argument(help="An entity's id, name, acronym or alias in any era.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    data: DataOption = None,
) -> None:
    """Follow one entity through every era: its name, kind and parent as each document states
    them, or that the document does not mention it."""
    dataset = open_dataset(data)
    from orgchart.changes.history import entity_timeline

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
    console = out_console()
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
