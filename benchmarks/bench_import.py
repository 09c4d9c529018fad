"""`orgchart import` of a spreadsheet's org chart: a CSV table (id, name, parent, kind, acronym)
of the generated organization's first era, one row per entity, into a new dataset.

Target: a 100,000-row table within 10 s.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator

from benchmarks.framework import Bench, Row, repeats
from benchmarks.synthetic import organization


def run(bench: Bench) -> Iterator[Row]:
    for size in bench.sizes:
        folder = bench.scratch(f"import-{size}")
        table = folder / "units.csv"
        with table.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "name", "parent", "kind", "acronym"])
            for unit in organization(size, random.Random(size)):
                writer.writerow([unit.id, unit.name, unit.parent or "", unit.kind, unit.acronym or ""])
        runs = []
        for attempt in range(repeats(size)):
            target = folder / f"dataset-{attempt}"
            runs.append(bench.command(["orgchart", "import", table, "--era", "units", "--date", "2024", "-o", target]))
        measure = sorted(runs, key=lambda m: m.seconds)[len(runs) // 2]
        yield Row(
            "import a CSV table",
            size,
            measure.seconds,
            target=10.0 if size >= 100_000 else None,
            peak_mib=measure.peak_mib,
            wall=measure.wall,
        )
