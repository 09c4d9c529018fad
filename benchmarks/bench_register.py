"""The real-shaped register (benchmarks/byo_hierarchy.py: about 2,700 units in two snapshots,
imported from path tables as bench_byo does, once per run: `Bench.register`): `orgchart diff`, `orgchart build` and `orgchart
site` on it, as a user runs them after the import (the validated data cached).

Targets (issue 17): diff within 3 s, build within 60 s, site within 15 s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from benchmarks.framework import REGISTER_UNITS as SIZE
from benchmarks.framework import Bench, Row


class WrongResult(AssertionError):
    """The diff of the snapshots disagrees with the generator's truth."""


def run(bench: Bench) -> Iterator[Row]:
    data, snapshots = bench.register()
    folder = bench.scratch("register-outputs")
    bench.command(["orgchart", "validate", "--data", data])  # what a user has run once before
    measure = bench.median_command(["orgchart", "diff", "register-a", "register-b", "--format", "json", "--data", data])
    moved = {c["id"] for c in json.loads(measure.stdout)["changes"] if c["kind"] == "moved"}
    if moved != snapshots.truth.moved:
        raise WrongResult(f"false or missed moves: {sorted(moved ^ snapshots.truth.moved)[:5]}")
    yield Row(
        f"diff two {SIZE:,}-unit register snapshots",
        None,
        measure.seconds,
        3.0,
        measure.peak_mib,
        note="with loading; moves as the generator made them",
        wall=measure.wall,
    )
    measure = bench.command(["orgchart", "build", "--out", folder / "renders", "--data", data])
    yield Row(f"build, {SIZE:,}-unit register", None, measure.seconds, 60.0, measure.peak_mib, wall=measure.wall)
    measure = bench.command(["orgchart", "site", "-o", folder / "site", "--data", data])
    yield Row(f"site, {SIZE:,}-unit register", None, measure.seconds, 15.0, measure.peak_mib, wall=measure.wall)
