"""Bring your own organization, at the size of a real register: two snapshots of a generated
hierarchy of about 2,700 units (benchmarks/byo_hierarchy.py), imported from path-shaped tables
with `orgchart import`, validated and compared with `orgchart diff`, each timed as a user runs it,
and the diff checked against the generator's truth (the module fails when it disagrees).

Targets (CPU seconds, as the framework checks them): each import and validate within 5 s, the diff
within 10 s (measured 1.3 s, 1.0 s and 3.6 s when written).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Final

from benchmarks.byo_hierarchy import SNAPSHOT_ERAS, import_args, write_snapshots
from benchmarks.framework import REGISTER_UNITS, Bench, Row

SIZE: Final[int] = REGISTER_UNITS
ENTITY_KINDS: Final[tuple[str, ...]] = ("added", "removed", "renamed", "moved")


class WrongResult(AssertionError):
    """The diff of the generated snapshots disagrees with the truth the generator recorded."""


def run(bench: Bench) -> Iterator[Row]:
    folder = bench.scratch("byo-register")
    first, second, snapshots = write_snapshots(folder / "tables", SIZE)
    data = folder / "data"
    for (era, date), table in zip(SNAPSHOT_ERAS, (first, second), strict=True):
        measure = bench.command(import_args(table, era, date, data))
        yield Row(
            f"import a {SIZE:,}-unit path table ({era})",
            None,
            measure.seconds,
            5.0,
            measure.peak_mib,
            wall=measure.wall,
        )
    measure = bench.command(["orgchart", "validate", "--data", data])
    yield Row(
        f"validate two {SIZE:,}-unit imported eras", None, measure.seconds, 5.0, measure.peak_mib, wall=measure.wall
    )
    if len(measure.stderr.decode().splitlines()) + len(measure.stdout.decode().splitlines()) > 20:
        raise WrongResult("validate printed more than 20 lines on the imported register")
    measure = bench.command(["orgchart", "diff", "register-a", "register-b", "--format", "json", "--data", data])
    yield Row(f"diff two {SIZE:,}-unit snapshots", None, measure.seconds, 10.0, measure.peak_mib, wall=measure.wall)
    report = json.loads(measure.stdout)
    counts = {kind: n for kind, n in report["counts"].items() if kind in ENTITY_KINDS}
    if counts != snapshots.truth.counts():
        raise WrongResult(f"diff counts {counts} differ from the truth {snapshots.truth.counts()}")
    moved = {change["id"] for change in report["changes"] if change["kind"] == "moved"}
    if moved != snapshots.truth.moved:
        raise WrongResult(f"false moves {sorted(moved - snapshots.truth.moved)[:5]}")
    if any(kind.startswith("finding") for kind in report["counts"]):
        raise WrongResult("placeholder findings reported as changes")
