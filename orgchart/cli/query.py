"""`orgchart query ...`: the query API on the command line, one subcommand per question.

Each subcommand takes `--era` (default: the latest), `--data` and `--json`. Text output is a
table or outline sized for an 80-column terminal; JSON output has sorted keys and the library's
order (the era file's, or chronological), so the same data gives the same bytes.
"""

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from orgchart.cli.shared import AsOfOption, DataOption, fail, open_dataset, resolve_era
from orgchart.cli.tables import indent, node_table
from orgchart.dataset.vocabulary import EdgeKind, NodeKind
from orgchart.errors import OrgChartError

if TYPE_CHECKING:  # the graph (networkx, pydantic) and rich are imported when a command runs
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from orgchart.dataset.model import Citation, Node
    from orgchart.graph import OrgChart

ResultT = TypeVar("ResultT")

query_app = typer.Typer(
    help="Ask questions of one era (path, children, subtree, oversight, search, quotes) or of all eras (timeline).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

NodeArgument = Annotated[str, typer.Argument(help="Node id, name, acronym or alias (case-insensitive).")]
EraOption = Annotated[
    str | None, typer.Option("--era", help="Era id (see `orgchart eras`); default: the dataset's default era.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (sorted keys, stable order) instead of text.")]


def _console() -> "Console":
    # No soft wrap: tables fold long names to fit the terminal (80 columns when not a terminal).
    from rich.console import Console

    return Console(highlight=False)


def _print_json(data: dict[str, Any]) -> None:
    from orgchart.query import json_text  # json.dumps recurses per level; a deep subtree nests deep

    sys.stdout.write(json_text(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _display_name(node: "Node") -> str:
    """The name with its acronym, unless the name is the acronym."""
    if node.acronym and node.acronym.casefold() != node.name.casefold():
        return f"{node.name} ({node.acronym})"
    return node.name


def _label(node: "Node") -> str:
    return f"{node.name} ({node.id})"


def _title(text: str, chart: "OrgChart") -> "Text":
    # The era first: a long name then wraps at its own spaces, never in the middle of the era.
    from rich.text import Text

    return Text.assemble((f"{chart.id} ({chart.date.label})", "dim"), "  ", (text, "bold"))


def _node_table(rows: "list[tuple[int, Node, str]]", console: "Console") -> "Table":
    """Nodes as id, name (acronym), kind; a row's level indents its name, its note follows it.

    Names keep at least 20 characters and wrap at spaces; long ids fold first (see
    `orgchart.cli.tables`).
    """
    from rich.text import Text

    cells = [(node.id, node.name, node.kind) for _, node, _ in rows]
    table = node_table(console.width, [("id", "id"), ("name", "name"), ("kind", "kind")], cells)
    for level, node, note in rows:
        name = Text(indent(level) + _display_name(node))
        if note:
            name.append(f" {note}", style="dim")
        table.add_row(Text(node.id), name, Text(node.kind))
    return table


def _node_list(
    node: str,
    era: str | None,
    as_of: str | None,
    data: Path | None,
    as_json: bool,
    key: str,
    question: "Callable[[OrgChart, Node], Sequence[Node]]",
    title: str,
) -> None:
    """Answer a one-node question whose answer is a list of nodes, as JSON under `key` or as a
    table titled `title` (with `{}` standing for the node)."""
    from orgchart.query import node_dict

    chart = resolve_era(open_dataset(data), era, as_of)
    found = _run(lambda: chart.get(node))
    result = question(chart, found)
    if as_json:
        _print_json({"era": chart.id, "node": node_dict(found), key: [node_dict(n) for n in result]})
        return
    _show_nodes(_title(title.format(_label(found)), chart), result)


def _show_nodes(title: "Text", nodes: "Iterable[Node]", *, levels: bool = False) -> None:
    from rich.text import Text

    rows = [(level if levels else 0, node, "") for level, node in enumerate(nodes)]
    console = _console()
    console.print(title)
    console.print(_node_table(rows, console) if rows else Text("  (none)", style="dim"))


def _run(ask: Callable[[], ResultT]) -> ResultT:
    """Call the library; turn its errors into a printed message and exit 1."""
    try:
        return ask()
    except OrgChartError as error:
        raise fail(error) from None


@query_app.command("get")
def get(
    node: NodeArgument,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one node: its names, kind, main parent, children count and quotes."""
    from rich.table import Table
    from rich.text import Text

    from orgchart.query import citation_dict, node_dict

    chart = resolve_era(open_dataset(data), era, as_of)
    found = _run(lambda: chart.get(node))
    parent = chart.parent(found)
    children = chart.children(found)
    if as_json:
        result = node_dict(found) | {
            "era": chart.id,
            "parents": [p.id for p in chart.parents(found)],
            "children": [c.id for c in children],
            "citations": [citation_dict(c) for c in found.citations],
        }
        _print_json(result)
        return
    console = _console()
    console.print(_title(_label(found), chart))
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    fields.add_row("kind", Text(found.kind))
    fields.add_row("acronym", Text(found.acronym or "-"))
    fields.add_row("aliases", Text(", ".join(found.aliases) or "-"))
    fields.add_row("parent", Text(_label(parent) if parent else "- (a root)"))
    others = [p for p in chart.parents(found) if parent is None or p.id != parent.id]
    if others:
        fields.add_row("also under", Text(", ".join(_label(p) for p in others) + " (second parent)"))
    fields.add_row("children", Text(str(len(children))))
    console.print(fields)
    _print_citations(console, found.citations)


@query_app.command("path")
def path(
    node: NodeArgument,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the chain from a root down to the node: main parents, and for an entity that no
    unit contains, the unit that oversees it (marked "through oversight")."""
    from rich.text import Text

    from orgchart.query import node_dict

    chart = resolve_era(open_dataset(data), era, as_of)
    steps = _run(lambda: chart.path_steps(node))
    if as_json:
        _print_json({"era": chart.id, "node": node_dict(steps[-1].node), "path": [s.as_dict() for s in steps]})
        return
    rows = [
        (level, step.node, "(through oversight)" if step.via == "oversight" else "") for level, step in enumerate(steps)
    ]
    console = _console()
    console.print(_title(f"Path to {_label(steps[-1].node)}", chart))
    console.print(_node_table(rows, console))
    if len(steps) == 1:
        console.print(Text("No unit of this era's documents contains or oversees it: it is a root.", style="dim"))


@query_app.command("children")
def children(
    node: NodeArgument,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the nodes whose main parent is the node."""
    _node_list(node, era, as_of, data, as_json, "children", lambda chart, node: chart.children(node), "Children of {}")


@query_app.command("subtree")
def subtree(
    node: NodeArgument,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the node; default: all.")] = None,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the node and everything below it (main parent edges), indented by level."""
    chart = resolve_era(open_dataset(data), era, as_of)
    tree = _run(lambda: chart.subtree(node, depth))
    if as_json:
        _print_json({"era": chart.id, "depth": depth, "subtree": tree.as_dict()})
        return
    rows = [(level, branch.node, "(more below)" if branch.truncated else "") for level, branch in tree.walk()]
    console = _console()
    console.print(_title(f"Subtree of {_label(tree.node)}", chart))
    console.print(_node_table(rows, console))


@query_app.command("oversees")
def oversees(
    node: NodeArgument,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List what the node oversees directly (its `oversight` edges)."""
    _node_list(
        node, era, as_of, data, as_json, "oversees", lambda chart, node: chart.oversees(node), "What {} oversees"
    )


@query_app.command("overseen-by")
def overseen_by(
    node: NodeArgument,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List who oversees the node directly (`oversight` edges into it)."""
    _node_list(
        node, era, as_of, data, as_json, "overseen_by", lambda chart, node: chart.overseen_by(node), "Who oversees {}"
    )


@query_app.command("find")
def find(
    text: Annotated[
        str | None, typer.Argument(help="Text in the id, name, acronym or an alias; case and accents ignored.")
    ] = None,
    kind: Annotated[NodeKind | None, typer.Option(help="Only nodes of this kind.")] = None,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search an era's nodes by text and/or kind."""
    from orgchart.query import node_dict

    chart = resolve_era(open_dataset(data), era, as_of)
    found = _run(lambda: chart.find(text, kind=kind))
    if as_json:
        _print_json({"era": chart.id, "text": text, "kind": kind, "nodes": [node_dict(n) for n in found]})
        return
    wanted = " ".join(part for part in (kind and f"kind {kind!r}", text and f"text {text!r}") if part)
    _show_nodes(_title(f"Nodes matching {wanted or 'anything'}", chart), found)


@query_app.command("timeline")
def timeline(
    node: Annotated[str, typer.Argument(help="Entity id, or a name, acronym or alias known in some era.")],
    era: Annotated[
        str | None, typer.Option("--era", help="Resolve the name in this era only; default: in every era.")
    ] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the entity in every era, oldest first: its name, kind and main parent, or absent."""
    from rich.text import Text

    dataset = open_dataset(data)
    within = resolve_era(dataset, era, as_of).id if era or as_of else None
    result = _run(lambda: dataset.timeline(node, era=within))
    if as_json:
        _print_json(result.as_dict())
        return
    console = _console()
    columns = [("era", "text"), ("id", "id"), ("name", "name"), ("kind", "kind"), ("parent", "id")]
    cells: list[tuple[Text, Text, Text, Text, Text]] = []
    for entry in result:
        era_cell = Text.assemble(entry.era, "\n", (entry.date, "dim"))
        if entry.node is None:
            cells.append((era_cell, Text("-"), Text("(absent)", style="dim"), Text(""), Text("")))
            continue
        lineage = " (lineage)" if entry.via == "lineage" else ""
        cells.append(
            (
                era_cell,
                Text(entry.node.id + lineage),
                Text(_display_name(entry.node)),
                Text(entry.node.kind),
                Text(entry.parent.id if entry.parent else "-"),
            )
        )
    table = node_table(console.width, columns, [[cell.plain for cell in row] for row in cells])
    for row in cells:
        table.add_row(*row)
    console.print(Text.assemble(("Timeline of ", "bold"), (node, "bold"), f" (ids: {', '.join(result.ids)})"))
    console.print(table)
    for link in result.links:
        console.print(Text(f"lineage: {', '.join(link.before)} {link.kind} -> {', '.join(link.after)}: {link.reason}"))


@query_app.command("cite")
def cite(
    node: NodeArgument,
    other: Annotated[
        str | None, typer.Argument(help="A second node: quote the relations between the two instead.")
    ] = None,
    kind: Annotated[EdgeKind | None, typer.Option(help="Only relations of this kind.")] = None,
    era: EraOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print the quotes behind a node, or behind the relations between two nodes."""
    from orgchart.query import citation_dict, edge_dict, node_dict

    chart = resolve_era(open_dataset(data), era, as_of)
    if kind is not None and other is None:
        raise typer.BadParameter("--kind selects a relation: give a second node", param_hint="--kind")
    found = _run(lambda: chart.get(node))
    console = _console()
    if other is None:
        if as_json:
            _print_json(
                {"era": chart.id, "node": node_dict(found), "citations": [citation_dict(c) for c in found.citations]}
            )
            return
        console.print(_title(f"Quotes behind {_label(found)}", chart))
        _print_citations(console, found.citations)
        return
    _run(lambda: chart.citations(found, other, kind=kind))  # raises when no relation joins the two
    edges = chart.relations(found, other, kind=kind)
    if as_json:
        _print_json({"era": chart.id, "relations": [edge_dict(e) for e in edges]})
        return
    for edge in edges:
        console.print(_title(f"{edge.superior} --{edge.kind}--> {edge.subordinate}", chart))
        _print_citations(console, edge.citations)


def _print_citations(console: "Console", citations: "tuple[Citation, ...]") -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not citations:
        console.print(Text("  (no quotes)", style="dim"))
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("source", overflow="fold", style="cyan")
    table.add_column("quote", overflow="fold", ratio=1)
    for citation in citations:
        table.add_row(Text(citation.source), Text(citation.quote))
    console.print(table)
