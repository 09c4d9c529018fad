"""What every command shares: the `--data` option, loading a dataset or exiting, printing errors.

Kept apart from `cli/main.py` so that the commands in their own modules (`query.py`,
`interchange.py`, `charts.py`, `changes.py`) use the same helpers without importing
the main app (which imports them).
"""

import sys
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgchart.errors import DataError, NotFoundError, OrgChartError, OutputError

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
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Use the era in force at this date (2021-05-17, 2021-05 or 2021): the latest era dated on or before it.",
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
        if isinstance(error, NotFoundError) and error.era is not None:
            console.print(f"  {escape(_era_hint(error.era))}")
    return typer.Exit(1)


_ERA_CHOICES: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("orgchart_era_choices", default=())
"""How `resolve_era` chose each era of the running command, for the hint of a failed lookup
(a context variable: one command's choice never leaks into another's)."""


def _era_hint(era_id: str) -> str:
    """Which era a failed lookup searched, how it was chosen, and how to choose another."""
    how = dict(_ERA_CHOICES.get()).get(era_id)
    chosen = f" ({how})" if how else ""
    return (
        f"looked in era {era_id}{chosen}; to look in another, pass --era ERA or --as-of DATE "
        "(`orgchart eras` lists the eras)"
    )


def open_dataset(data: Path | None, *, strict: bool = False) -> "Dataset":
    """Load the dataset or exit with the error printed.

    The loaded dataset lives until the command ends, so its objects are moved out of the
    garbage collector's sight (`gc.freeze`): a 100,000-entity era is a million objects, and
    every full collection while a command works would walk them all again. They are frozen
    before the collector runs again (it is paused while they are made): the first collection
    after loading walked them all once, half a second at 2 x 100,000 entities.
    """
    import gc

    from orgchart.graph import load

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        dataset = load(data, strict=strict)
    except OrgChartError as error:
        raise fail(error) from None
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
    return dataset


def check_dataset(data: Path | None, *, strict: bool = False) -> "Verdict":
    """Validate the dataset (see `orgchart.graph.check`) or exit with the error printed."""
    from orgchart.graph import check

    try:
        return check(data, strict=strict)
    except OrgChartError as error:
        raise fail(error) from None


def resolve_era(dataset: "Dataset", era: str | None, as_of: str | None = None) -> "OrgChart":
    """The named era, or the one in force at `as_of`, or the dataset's default era.

    How the era was chosen is noted for error messages; a doubtful `--as-of` choice is said on
    standard error.
    """
    if era and as_of:
        raise typer.BadParameter("give --era or --as-of, not both", param_hint="--as-of")
    try:
        if era:
            chart, how = dataset.era(era), "named with --era"
        elif as_of:
            try:
                found = dataset.era_at(as_of)
            except ValueError as error:
                raise typer.BadParameter(str(error), param_hint="--as-of") from None
            chart, how = found.era, f"in force at {as_of}"
            if found.uncertain:
                err_console().print(
                    f"[yellow]note:[/] era {chart.id} chosen for {escape(as_of)}, but {escape(found.uncertain)}"
                )
        else:
            chart, how = dataset.default, f"the default era: {dataset.default_reason}"
    except OrgChartError as error:
        raise fail(error) from None
    _ERA_CHOICES.set((*_ERA_CHOICES.get(), (chart.id, how)))
    return chart


def emit(text: str, output: Path | None, dataset: "Dataset | None" = None, *, force: bool = False) -> None:
    """Print `text`, or write it atomically to `output` (never over an input of `dataset`)."""
    if output is None:
        sys.stdout.write(text)
        return
    from orgchart.atomic import write_text_atomic

    guard_output(output, dataset, force=force)
    try:
        write_text_atomic(output, text)
    except OrgChartError as error:
        raise fail(error) from None
    err_console().print(f"wrote {escape(str(output))}")


def quiet_progress(quiet: bool) -> None:
    """With `--quiet`, show no progress display for the rest of the command."""
    if quiet:
        from orgchart.dataset import progress

        progress.silence()


def guard_output(output: Path | None, dataset: "Dataset | None", *, force: bool = False) -> None:
    """Exit with a clear error when `output` is empty or would overwrite a file the dataset is
    read from (an era file, sources.yaml, the lineage file, a source document), unless `force`."""
    if output is None:
        return
    if str(output) in ("", "."):
        raise typer.BadParameter("give a file name", param_hint="--output")
    if dataset is None or force:
        return
    from orgchart.dataset.files import input_files

    target = output.resolve()
    for path in input_files(dataset.root, [source.file for source in dataset.sources.values()]):
        if path.resolve() == target:
            raise fail(
                OutputError(
                    f"{output} is an input of the dataset in {dataset.root}: writing it would destroy the data; "
                    "choose another -o (or pass --force if you mean it)"
                )
            )
