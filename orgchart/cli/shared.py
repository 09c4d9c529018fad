"""What every command shares: the `--data` option, loading a dataset or exiting, printing errors.

Kept apart from `cli/main.py` so that the commands in their own modules (`query.py`,
`interchange.py`, `charts.py`, `changes.py`) use the same helpers without importing
the main app (which imports them).
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgchart.errors import DataError, OrgChartError

if TYPE_CHECKING:  # the graph (networkx, pydantic) and rich are imported when a command runs
    from rich.console import Console

    from orgchart.graph import Dataset, OrgChart, Verdict

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Dataset directory (sources.yaml, sources/, eras/). Default: the bundled ICE ERO data.",
        envvar="ORGCHART_DATA",
        show_default=False,
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Show no progress display (shown on a terminal's standard error).")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]


def escape(text: str) -> str:
    """`text` with Rich markup escaped (rich imported on first use, so `--help` stays fast)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def out_console() -> "Console":
    """A console on standard output, without syntax highlighting; wide output wraps to the terminal."""
    from rich.console import Console

    return Console(highlight=False)


def err_console() -> "Console":
    """A console on standard error, for messages and errors."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(error: OrgChartError) -> typer.Exit:
    """Print a library error for a person and return the exit to raise."""
    console = err_console()
    if isinstance(error, DataError):
        console.print(f"[bold red]error:[/] {len(error.problems)} problem(s) in the data")
        for problem in error.problems:
            console.print(f"  [red]{escape(str(problem))}[/]")
    else:
        console.print(f"[bold red]error:[/] {escape(str(error))}")
    return typer.Exit(1)


def open_dataset(data: Path | None, *, strict: bool = False) -> "Dataset":
    """Load the dataset or exit with the error printed."""
    from orgchart.graph import load

    try:
        return load(data, strict=strict)
    except OrgChartError as error:
        raise fail(error) from None


def check_dataset(data: Path | None, *, strict: bool = False) -> "Verdict":
    """Validate the dataset (see `orgchart.graph.check`) or exit with the error printed."""
    from orgchart.graph import check

    try:
        return check(data, strict=strict)
    except OrgChartError as error:
        raise fail(error) from None


def resolve_era(dataset: "Dataset", era: str | None) -> "OrgChart":
    """The named era, or the latest when none is named."""
    try:
        return dataset.era(era) if era else dataset.latest
    except OrgChartError as error:
        raise fail(error) from None


def emit(text: str, output: Path | None) -> None:
    """Print `text`, or write it atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    from orgchart.atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OrgChartError as error:
        raise fail(error) from None
    err_console().print(f"wrote {escape(str(output))}")


def quiet_progress(quiet: bool) -> None:
    """With `--quiet`, show no progress display for the rest of the command."""
    if quiet:
        from orgchart import progress

        progress.silence()
