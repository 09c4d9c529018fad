"""`orgchart validate` on the generated organization (two eras): cold, then warm (cache).

Targets at 100,000 entities per era: 10 s cold, 2 s warm (the content-hash cache), 1 GiB peak
memory; time growing no faster than N^1.15 from 10,000 to 100,000.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

from benchmarks.framework import Bench, Row, repeats


def run(bench: Bench) -> Iterator[Row]:
    for size in bench.sizes:
        generated = bench.dataset(size)
        large = size >= 100_000
        cold_runs = []
        for _ in range(repeats(size)):
            shutil.rmtree(bench.workdir / "cache", ignore_errors=True)
            cold_runs.append(bench.command(["orgchart", "validate", "--data", generated.root]))
        cold = sorted(cold_runs, key=lambda m: m.seconds)[len(cold_runs) // 2]
        yield Row(
            "validate, cold (2 eras)",
            size,
            cold.seconds,
            target=10.0 if large else None,
            peak_mib=cold.peak_mib,
            memory_target=1024.0 if large else None,
            growth_limit=1.15,
            wall=cold.wall,
        )
        warm = bench.median_command(["orgchart", "validate", "--data", generated.root], repeat=3)
        yield Row(
            "validate, warm (2 eras)",
            size,
            warm.seconds,
            target=2.0 if large else None,
            peak_mib=warm.peak_mib,
            memory_target=1024.0 if large else None,
            wall=warm.wall,
        )
