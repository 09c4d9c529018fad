"""The bundled dataset (ICE ERO and DRO, five eras): what a reader of the README runs first.

Target: `orgchart validate` within 1 s.
"""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.framework import Bench, Row

RUNS = 3


def run(bench: Bench) -> Iterator[Row]:
    for label, extra in (("validate bundled data", []), ("history --format json, bundled data", ["--format", "json"])):
        command = ["orgchart", "validate"] if not extra else ["orgchart", "history", *extra]
        measure = bench.median_command(command, repeat=RUNS)
        yield Row(
            label,
            None,
            measure.seconds,
            target=1.0 if command[1] == "validate" else None,
            peak_mib=measure.peak_mib,
            wall=measure.wall,
        )
