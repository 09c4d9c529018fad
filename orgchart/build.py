"""`orgchart build`: every chart, report and export of a dataset, written into one directory.

This is what `make` runs. Each output family adds its files here; every file is written
atomically and deterministically, so a diff of `renders/` in git is a change in the data.
"""

from __future__ import annotations

from pathlib import Path

from orgchart.atomic import write_text_atomic
from orgchart.export.csv import write_csv
from orgchart.export.graphml import write_graphml
from orgchart.export.json import write_json
from orgchart.export.rdf import write_turtle
from orgchart.export.sqlite import write_sqlite
from orgchart.graph import Dataset
from orgchart.summary import eras_markdown


def build_all(dataset: Dataset, out_dir: str | Path) -> list[Path]:
    """Write every output of `dataset` under `out_dir`; return the paths written, sorted.

    Raises:
        OutputError: a file cannot be written (files already written stay complete).
    """
    out = Path(out_dir)
    written = [write_text_atomic(out / "eras.md", eras_markdown(dataset))]
    exports = out / "export"
    for chart in dataset.eras:
        written.append(write_json(chart, out / "json" / f"{chart.id}.json"))
        written.append(write_graphml(chart, exports / f"{chart.id}.graphml"))
        written.extend(write_csv(chart, exports / chart.id))
    written.append(write_sqlite(dataset, exports / "orgchart.sqlite"))
    written.append(write_turtle(dataset, exports / "orgchart.ttl"))
    return sorted(written)
