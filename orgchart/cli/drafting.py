"""`orgchart draft` and `orgchart coverage`: adding a document as an era, and seeing what the
era's documents say that it does not cite yet.

Registered on the main app by `orgchart.cli`; the drafting rules (and pysbd) are imported inside
each command so that `orgchart --help` does not load them.
"""

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgchart.cli.shared import DataOption, err_console, escape, fail, open_dataset, out_console, resolve_era
from orgchart.errors import DataError, OrgChartError, Problem, display_path

if TYPE_CHECKING:  # the graph (networkx, pydantic) is imported when a command runs
    from orgchart.dataset.model import Source
    from orgchart.graph import Dataset

drafting_app = typer.Typer(rich_markup_mode=None)


def _source(dataset: "Dataset", ref: str) -> "Source":
    """The source named by id, or whose file is `ref`; an unregistered file is an error whose fix
    is the sources.yaml entry to add."""
    import hashlib  # only for an unregistered file's digest; kept out of every command's start-up

    if ref in dataset.sources:
        return dataset.sources[ref]
    path = Path(ref)
    for source in dataset.sources.values():
        if path.exists() and (dataset.root / source.file).resolve() == path.resolve():
            return source
    if not path.is_file():
        raise DataError(
            [
                Problem(
                    ref,
                    0,
                    0,
                    "no such source id or file",
                    f"use a file, or one of: {', '.join(sorted(dataset.sources))}",
                )
            ]
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = (
        f"copy it into {display_path(dataset.root / 'sources')}/ and add to sources.yaml: "
        f"- id: {path.stem.lower()}, file: sources/{path.name}, title: ..., publisher: ..., url: null, "
        f"date: {{start: ..., end: ..., precision: ..., reason: ...}}, sha256: {digest}"
    )
    raise DataError([Problem(display_path(path), 0, 0, "the document is not a source of the dataset yet", entry)])


@drafting_app.command()
def draft(
    source: Annotated[str, typer.Argument(help="The document: a file under the dataset's sources/, or its source id.")],
    era: Annotated[str, typer.Option("--era", help="Id of the new era (lowercase letters, digits, . _ -).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the era file here (never over an existing file).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="The era's short title; default: the source's title.")] = None,
    data: DataOption = None,
) -> None:
    """Propose an era file from a document: entities, containment, oversight and figures read from
    the text, every quote verbatim, ids reused from the other eras, `# review:` notes on guesses.

    Review it, then run `orgchart coverage ERA` and `orgchart validate` (see data/CURATING.md).
    """
    from orgchart.atomic import write_text_atomic
    from orgchart.draft import draft_era

    dataset = open_dataset(data)
    try:
        found = _source(dataset, source)
        if era in {chart.id for chart in dataset.eras}:
            raise DataError(
                [
                    Problem(
                        era, 0, 0, f"era {era!r} already exists", "drafting never replaces an era: choose another --era"
                    )
                ]
            )
        if output is not None and output.exists():
            raise DataError(
                [
                    Problem(
                        display_path(output),
                        0,
                        0,
                        "the file exists",
                        "the draft never overwrites a file: give a new -o",
                    )
                ]
            )
        text = (dataset.root / found.file).read_text(encoding="utf-8")
        result = draft_era(text, found, era, dataset.eras, label or "")
    except OrgChartError as error:
        raise fail(error) from None
    except ValueError as error:  # an era id the model refuses
        raise typer.BadParameter(str(error).splitlines()[0], param_hint="--era") from None
    yaml_text = result.to_yaml(found.file)
    if output is None:
        sys.stdout.write(yaml_text)
    else:
        try:
            write_text_atomic(output, yaml_text)
        except OrgChartError as error:
            raise fail(error) from None
    reviews = sum(len(notes) for notes in result.reviews.values())
    chart = result.era
    err_console().print(
        f"drafted era {escape(era)} from {escape(found.id)}: {len(chart.nodes)} entities, {len(chart.edges)} relations, "
        f"{len(chart.claims)} figures; {reviews} review note(s)" + (f"; wrote {escape(str(output))}" if output else "")
    )


@drafting_app.command()
def coverage(
    era: Annotated[str | None, typer.Argument(help="Era id (see `orgchart eras`); default: the default era.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    data: DataOption = None,
) -> None:
    """List the sentences and bullets of an era's documents that nothing in the era cites, in
    document order, and the names of other eras' entities the text uses but the era lacks."""
    from orgchart.draft.uncited import uncited

    dataset = open_dataset(data)
    chart = resolve_era(dataset, era)
    try:
        report = uncited(dataset, chart.id)
    except OrgChartError as error:
        raise fail(error) from None
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return
    console = out_console()
    for item in report.sources:
        share = f"{item.cited * 100 // item.passages}%" if item.passages else "-"
        console.print(
            f"[bold]{escape(chart.id)}[/]: {item.cited} of {item.passages} sentences and bullets of "
            f"{escape(item.source.id)} are cited ({share})"
        )
        if not item.source.complete:
            console.print(f"  its archived text breaks off at “{escape(item.source.breaks_off or '')}”")
        for passage in item.uncited:
            console.print(f"  line {passage.line:>4} {passage.kind:<8} {escape(passage.text)}", soft_wrap=True)
    if report.missing_names:
        console.print("[bold]Names of other eras' entities in the text, not in this era[/]")
        for name in report.missing_names:
            console.print(
                f"  line {name.passage.line:>4} {escape(name.name)} ({escape(name.id)} in {escape(name.era)})",
                soft_wrap=True,
            )
