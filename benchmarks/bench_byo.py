"""Bring your own organization, at the size of a real register: two snapshots of a generated
hierarchy of about 2,700 units (benchmarks/byo_hierarchy.py), imported from path-shaped tables,
validated, compared and reported, timed, and checked against the generator's truth.

Run alone with `python -m benchmarks.bench_byo` (prints a Markdown table; exit 1 when a target is
missed or a result disagrees with the truth).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Final

import orgchart
from benchmarks.byo_hierarchy import ID_FROM, KIND_MAP, write_snapshots
from orgchart.export.importer import import_era, parse_date, read_interchange
from orgchart.export.shape import ImportShape, parse_kind_map
from orgchart.report import render_diff

SIZE: Final[int] = 2700

TARGETS: Final[dict[str, float]] = {
    "import a 2,700-unit path table": 10.0,
    "diff two 2,700-unit snapshots": 30.0,
}
"""Seconds on the project's 2-core machine."""

ENTITY_KINDS: Final[tuple[str, ...]] = ("added", "removed", "renamed", "moved")


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """The wall-clock seconds of one run of `action`, and what it returned."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def import_table(table: Path, data: Path, era: str, date: str, shape: ImportShape) -> object:
    """Read one snapshot's table and add it to the dataset in `data` as era `era`."""
    return import_era(
        read_interchange(table, "csv", shape=shape),
        data,
        era_id=era,
        label=f"Register, {era}",
        date=parse_date(date, "benchmark"),
        origin=table.name,
    )


def run(size: int = SIZE) -> tuple[list[tuple[str, float]], list[str]]:
    """Time each step at `size`; return the rows and the disagreements with the truth."""
    rows: list[tuple[str, float]] = []
    problems: list[str] = []
    shape = ImportShape(path_column="path", id_from=ID_FROM, kind_key="type", kind_map=parse_kind_map(KIND_MAP))
    with tempfile.TemporaryDirectory() as tmp:
        seconds, (first, second, snapshots) = timed(lambda: write_snapshots(Path(tmp) / "tables", size))
        rows.append((f"generate two {size:,}-unit snapshots", seconds))
        data = Path(tmp) / "data"
        for era, table, date in (("register-a", first, "2023-06"), ("register-b", second, "2024-06")):
            seconds, _ = timed(partial(import_table, table, data, era, date, shape))
            rows.append((f"import a {size:,}-unit path table", seconds))
        seconds, dataset = timed(lambda: orgchart.load(data))
        rows.append((f"load + validate two {size:,}-unit eras", seconds))
        seconds, changes = timed(lambda: orgchart.diff(dataset.era("register-a"), dataset.era("register-b")))
        rows.append((f"diff two {size:,}-unit snapshots", seconds))
        seconds, _ = timed(lambda: render_diff(changes, "md"))
        rows.append((f"Markdown report of the {size:,}-unit diff", seconds))
    counts = {kind: n for kind, n in changes.counts().items() if kind in ENTITY_KINDS}
    if counts != snapshots.truth.counts():
        problems.append(f"diff counts {counts} differ from the truth {snapshots.truth.counts()}")
    false_moves = {c.id for c in changes.by_kind("moved")} - snapshots.truth.moved
    if false_moves:
        problems.append(f"{len(false_moves)} false move(s): {sorted(false_moves)[:5]}")
    return rows, problems


def main() -> int:
    rows, problems = run()
    print("| operation | seconds | target |")
    print("| --- | ---: | ---: |")
    failed = bool(problems)
    for name, seconds in rows:
        target = TARGETS.get(name.replace(f"{SIZE:,}", "2,700"))
        mark = f"< {target:g}" if target else ""
        if target and seconds > target:
            mark += " (missed)"
            failed = True
        print(f"| {name} | {seconds:.3f} | {mark} |")
    for problem in problems:
        print(f"wrong: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
