"""`orgchart build`: every chart, report and export of a dataset, written into one directory.

This is what `make` runs. Each output family adds its files here; every file is written
atomically and deterministically, so a diff of `renders/` in git is a change in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from orgchart.atomic import write_text_atomic
from orgchart.dataset import progress
from orgchart.errors import OutputError
from orgchart.export.csv import write_csv
from orgchart.export.graphml import write_graphml
from orgchart.export.json import write_json
from orgchart.export.rdf import write_turtle
from orgchart.export.sqlite import write_sqlite
from orgchart.graph import Dataset
from orgchart.manifest import guarded_build, prune_and_record
from orgchart.render.charts import write_era_charts
from orgchart.render.fit import write_overviews
from orgchart.report.summary import eras_markdown, findings_markdown
from orgchart.site import write_site

EXPORT_NAMES: Final = frozenset({"orgchart.sqlite", "orgchart.ttl"})
"""The files `export/` holds beside one `<era>.graphml` and one `<era>/` per era."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did: the files it wrote and the stale outputs of an earlier build it removed."""

    written: tuple[Path, ...]
    removed: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...] = ()
    """Outputs left out, each with why (a change chart's PNG Graphviz would shrink past reading:
    its SVG is written, the PNG is not)."""


def build_all(dataset: Dataset, out_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write every output of `dataset` under `out_dir`; return the paths written, sorted.

    Files an earlier build wrote and this one does not (listed in `manifest.txt`) are removed;
    see `build_report` for what was removed, and for the guards `force` lifts.

    Raises:
        OutputError: see `build_report`.
    """
    return list(build_report(dataset, out_dir, force=force).written)


def build_report(dataset: Dataset, out_dir: str | Path, *, force: bool = False) -> BuildReport:
    """Write every output of `dataset` under `out_dir`, remove the outputs of an earlier build
    that this one no longer writes (only files the manifest says a build wrote), and record the
    new manifest.

    One build at a time writes into a directory, and only builds of one dataset unless `force`
    (building another organization over a directory's outputs is refused: `orgchart build
    --data mine` must not replace the bundled renders by accident); temporary files an
    interrupted build left are removed first (see `orgchart.manifest.guarded_build`).

    Raises:
        OutputError: a file cannot be written or removed (files already written stay complete),
            another build is writing into `out_dir`, it holds another dataset's build, or an era
            id would give an output the name of another.
    """
    out = Path(out_dir)
    clashes = sorted(chart.id for chart in dataset.eras if chart.id in EXPORT_NAMES)
    if clashes:
        raise OutputError(
            f"era id {clashes[0]!r} would be the name of export/{clashes[0]}, which the build writes "
            "for every era: rename the era"
        )
    skipped: list[tuple[Path, str]] = []
    with guarded_build(out, dataset.root, force=force):
        written = _write_everything(dataset, out, skipped)
        removed = prune_and_record(out, written)
    return BuildReport(tuple(written), tuple(removed), tuple(skipped))


def _write_everything(dataset: Dataset, out: Path, skipped: list[tuple[Path, str]]) -> list[Path]:
    written = [
        write_text_atomic(out / "eras.md", eras_markdown(dataset)),
        write_text_atomic(out / "findings.md", findings_markdown(dataset)),
    ]
    exports = out / "export"
    with progress.task("building: exports, charts, changes, page", total=len(dataset.eras) + 5) as step:
        for chart in dataset.eras:
            written.append(write_json(chart, out / "json" / f"{chart.id}.json"))
            written.append(write_graphml(chart, exports / f"{chart.id}.graphml"))
            written.extend(write_csv(chart, exports / chart.id))
            step.advance()
        written.append(write_sqlite(dataset, exports / "orgchart.sqlite"))
        step.advance()
        written.append(write_turtle(dataset, exports / "orgchart.ttl"))
        step.advance()
        written += write_era_charts(dataset, out)
        written += write_overviews(dataset, out)
        step.advance()
        written += build_changes(dataset, out / "changes", skipped)
        step.advance()
        written += write_site(dataset, out / "site")
        step.advance()
    return sorted(written)


def build_changes(dataset: Dataset, out: Path, skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Change reports (Markdown, HTML, JSON) and change charts as `<a>..<b>.<suffix>`, and the
    history report as `history.<suffix>`. The change chart is the side-by-side one (a summary
    when the full chart would be over 2,000 px), as SVG and PNG, in the dataset's stable order
    so its trees read like the era charts; `<a>..<b>.union.svg` is the union chart.

    A PNG that Graphviz would shrink past reading (a summary of a hundred top-level branches is
    still hundreds of thousands of pixels wide) is not written: the SVG has no size limit. It is
    added to `skipped` with the reason, and the build goes on.

    The pairs are every consecutive pair, plus every earlier era against the latest one: an
    undated or narrow document between two detailed ones (the ICE overview between the 2021-22
    excerpt and the 2023 page) would otherwise hide what changed between them.
    """
    from orgchart.changes.diff import diff
    from orgchart.changes.history import history
    from orgchart.changes.order import stable_order
    from orgchart.render.change_layout import write_change_chart
    from orgchart.render.graphviz import ChartTooLargeError
    from orgchart.report import REPORT_FORMATS, write_diff, write_history

    hist = history(dataset)
    latest = dataset.latest
    to_latest = [diff(era, latest, lineage=dataset.lineage) for era in dataset.eras[:-2]]
    written = []
    order = stable_order(dataset)
    for changes in (*hist.pairs, *to_latest):
        stem = f"{changes.before.id}..{changes.after.id}"
        for fmt in REPORT_FORMATS:
            chart = f"{stem}.svg" if fmt == "html" else None  # the HTML report shows its change chart
            written.append(write_diff(changes, out / f"{stem}.{fmt}", fmt, chart=chart))
        for suffix, fmt in ((".svg", "svg"), (".png", "png")):
            try:
                write_change_chart(changes, out / f"{stem}{suffix}", fmt, layout="side-by-side", order=order)
            except ChartTooLargeError as too_large:
                if skipped is None:
                    raise
                skipped.append((out / f"{stem}{suffix}", f"{too_large}; its SVG is {stem}.svg"))
                continue
            written.append(out / f"{stem}{suffix}")
        write_change_chart(changes, out / f"{stem}.union.svg", layout="union", order=order)
        written.append(out / f"{stem}.union.svg")
    for fmt in REPORT_FORMATS:
        written.append(write_history(hist, out / f"history.{fmt}", fmt))
    return written
