"""Start-up: `orgchart --version` and `orgchart --help` against `python -c pass` in the same
environment. Target: each within 5 times the bare interpreter's start.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from benchmarks.framework import Bench, Row

RUNS = 7


def run(bench: Bench) -> Iterator[Row]:
    bare = bench.median_command([sys.executable, "-c", "pass"], repeat=RUNS)
    yield Row("python -c pass", None, bare.seconds, wall=bare.wall)
    for flag in ("--version", "--help"):
        measure = bench.median_command(["orgchart", flag], repeat=RUNS)
        yield Row(
            f"orgchart {flag}",
            None,
            measure.seconds,
            target=5 * bare.seconds,
            peak_mib=measure.peak_mib,
            note=f"{measure.seconds / bare.seconds:.1f}x python -c pass",
            wall=measure.wall,
        )
