"""The command line: parse arguments, call the library, print. No logic of its own.

Library errors (`OrgChartError`) become a red message on stderr and exit code 1; usage mistakes
are Click's usage errors (exit 2). Heavy libraries are imported inside the commands that need them.

The commands live by family, each module small: here `validate`, `eras` and `show`;
`orgchart.cli.interchange` (export, import), `.charts` (render, site, build), `.changes` (diff,
history, timeline) and `.query` (the `query` group), all on this module's `app`.
"""

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from orgchart import __version__
from orgchart.cli.changes import changes_app
from orgchart.cli.charts import charts_app
from orgchart.cli.drafting import drafting_app
from orgchart.cli.interchange import interchange_app
from orgchart.cli.progress import terminal_progress
from orgchart.cli.query import query_app
from orgchart.cli.shared import (
    DataOption,
    QuietOption,
    check_dataset,
    escape,
    fail,
    open_dataset,
    quiet_progress,
    resolve_era,
)
from orgchart.cli.shared import err_console as _err
from orgchart.cli.shared import out_console as _out
from orgchart.errors import OrgChartError

if TYPE_CHECKING:
    from rich.tree import Tree

    from orgchart.graph import OrgChart

app = typer.Typer(
    name="orgchart",
    help="Model an organization era by era from cited source documents; validate, show, export.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
# Commands of each family live in their own module; added without a name, their commands sit
# beside validate, eras and show (in this order in `orgchart --help`), then the `query` group.
app.add_typer(interchange_app)
app.add_typer(charts_app)
app.add_typer(changes_app)
app.add_typer(drafting_app)
app.add_typer(query_app, name="query")


def _version(value: bool) -> None:
    if value:
        print(f"orgchart {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """orgchart: a cited, era-by-era model of an organization."""
    # Long work shows its progress on standard error when that is a terminal (see cli/progress.py).
    ctx.with_resource(terminal_progress(quiet))


FINDINGS_SHOWN = 10
"""How many findings `orgchart validate` prints without --verbose."""


@app.command()
def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option(help="Treat uncited facts as errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=f"Print every finding, not the first {FINDINGS_SHOWN}.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Check the dataset: schema, ids, references, parent forest, quotes, checksums.

    Exit 0 when valid, 1 with every error listed otherwise. Findings are printed as warnings:
    the first 10 (findings about the organization before `uncited` ones) and a count by kind;
    all of them with --verbose.
    """
    quiet_progress(quiet)
    dataset = check_dataset(data, strict=strict)  # what a Dataset would say, from the cache if unchanged
    console = _err()
    found = [(chart.id, finding) for chart in dataset.eras for finding in chart.findings]
    # What the documents say that does not add up comes before facts that cite nothing yet.
    found.sort(key=lambda item: item[1].kind == "uncited")
    shown = found if verbose else found[:FINDINGS_SHOWN]
    for era_id, finding in shown:
        console.print(f"[yellow]warning:[/] {era_id}: {finding.kind}: {escape(finding.message)}", soft_wrap=True)
    if len(shown) < len(found):
        console.print(f"... and {len(found) - len(shown):,} more finding(s); --verbose lists them all")
    if found:
        by_kind: dict[str, dict[str, int]] = {}
        for era_id, finding in found:
            per_era = by_kind.setdefault(finding.kind, {})
            per_era[era_id] = per_era.get(era_id, 0) + 1
        console.print("findings by kind:")
        for kind, per_era in sorted(by_kind.items(), key=lambda item: (-sum(item[1].values()), item[0])):
            eras_text = ", ".join(f"{era} {n:,}" for era, n in per_era.items())
            console.print(f"  {kind}: {sum(per_era.values()):,} ({escape(eras_text)})", soft_wrap=True)
    nodes = sum(len(chart) for chart in dataset.eras)
    _out().print(
        f"ok: {len(dataset.eras)} eras, {len(dataset.sources)} sources, {nodes:,} nodes; "
        f"every quote found; {len(found):,} finding(s)"
    )


@app.command()
def eras(
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown table (as in the README).")] = False,
) -> None:
    """List the eras in chronological order, with date, reason and sources."""
    from rich.table import Table

    from orgchart.report.summary import era_summaries, eras_markdown

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
    from rich.tree import Tree

    chart = resolve_era(open_dataset(data), era)
    try:
        starts = (chart.get(root),) if root else chart.roots()
    except OrgChartError as error:
        raise fail(error) from None
    title = f"[bold]{escape(chart.label)}[/] ({chart.date.label})"
    tree = Tree(title)
    console = _out()
    for start in starts:
        _grow(tree, chart, start.id, depth, console.width)
    console.print(tree)
    others = [e for e in chart.edges if e.kind != "parent" or chart.is_second_parent(e)]
    if others and not root:
        console.print("\n[bold]Other relations[/]")
        for edge in others:
            label = "second parent" if edge.kind == "parent" else edge.kind
            console.print(f"  {escape(edge.superior)} --{label}--> {escape(edge.subordinate)}")


def _grow(tree: "Tree", chart: "OrgChart", start: str, depth: int | None, width: int = 80) -> None:
    """Add `start` and its subtree to `tree`, level by level with an explicit stack (a chain
    thousands deep must not exhaust Python's stack). Past the level where the tree's guides
    (4 columns a level) would leave fewer than 40 of `width` columns for names, a branch ends
    in a line saying how to go on (`--root`)."""
    levels = max(8, (width - 40) // 4)
    stack: list[tuple[Tree, str, int]] = [(tree, start, 0)]
    while stack:
        branch, node_id, level = stack.pop()
        node = chart.node(node_id)
        acronym = f" ({escape(node.acronym)})" if node.acronym else ""
        child = branch.add(f"{escape(node.name)}{acronym} [dim]{node.kind} · {escape(node.id)}[/]")
        below = chart.children(node_id)
        if not below or (depth is not None and level >= depth):
            continue
        if level >= levels:
            deepest = max(chart.level(n) for n in chart.subtree(node_id).nodes) - chart.level(node_id)
            child.add(f"[dim]… {deepest:,} more levels: --root {escape(below[0].id)}[/]")
            continue
        stack.extend((child, sub.id, level + 1) for sub in reversed(below))
