"""The benchmark framework: what a bench module returns, and the tools it measures with.

A bench module is a file `benchmarks/bench_*.py` with a function `run(bench: Bench) ->
Iterable[Row]`; `benchmarks/run.py` finds it by its name, so adding one is adding the file. A
module that measures something other than time (the draft's quality) keeps it with
`bench.record(name, value)`; a module whose records do not depend on the sizes measured sets
`RECORDED_AT_ANY_SIZE = True`, and any run that includes it refreshes its records in
benchmarks/results.json.
A `Row` is one measurement: an operation at a size (entities per era, or None for a fixed
workload), its seconds, its peak memory where it was measured, and the targets it must meet
(seconds, MiB, and the growth exponent from 10,000 to 100,000 entities). `run.py` fails when
any target is missed.

Commands are measured as a user runs them: a fresh `orgchart` process, its wall-clock time,
and its peak resident memory from the kernel (`os.wait4`, in `benchmarks/measure.py`, a small
process that starts the command so that none of the benchmark's own memory is counted), so
nothing in the measured process is slowed by the measuring.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from benchmarks.byo_hierarchy import SNAPSHOT_ERAS, Snapshots, import_args, write_snapshots
from benchmarks.synthetic import Generated, write_dataset

REGISTER_UNITS = 2_700
"""Units of the real-shaped register (the issue's 2,700-unit hierarchy)."""

ROOT = Path(__file__).resolve().parent.parent
MEASURE = Path(__file__).resolve().parent / "measure.py"
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)
CLOCK = os.environ.get("BENCH_CLOCK", "cpu")
"""Which time targets are checked against: "cpu" (user + system seconds of the measured process,
the default: on an idle machine it equals wall-clock time for these single-threaded commands,
and it stays true when other work shares the cores) or "wall" (elapsed seconds)."""
GROWTH_FROM, GROWTH_TO = 10_000, 100_000
"""The two sizes between which growth exponents are checked (reported between any two)."""


@dataclass(frozen=True)
class Row:
    """One measurement, and the targets it must meet (None: no target)."""

    operation: str
    size: int | None
    seconds: float
    target: float | None = None
    peak_mib: float | None = None
    memory_target: float | None = None
    growth_limit: float | None = None
    """The largest allowed exponent k in time ~ N^k from GROWTH_FROM to GROWTH_TO entities."""
    note: str = ""
    module: str = ""
    wall: float | None = None
    """Elapsed seconds, recorded beside `seconds` when the checked clock is CPU time."""

    def missed(self) -> list[str]:
        """What this row misses, in words (empty when every target is met)."""
        misses = []
        if self.target is not None and self.seconds > self.target:
            misses.append(f"{self.operation} at {_size(self.size)}: {self.seconds:.3g} s > {self.target:.3g} s")
        if self.memory_target is not None and self.peak_mib is not None and self.peak_mib > self.memory_target:
            misses.append(
                f"{self.operation} at {_size(self.size)}: peak {self.peak_mib:.0f} MiB > {self.memory_target:.0f} MiB"
            )
        return misses

    def as_dict(self) -> dict[str, Any]:
        """The row as JSON-ready values."""
        return {
            "module": self.module,
            "operation": self.operation,
            "size": self.size,
            "seconds": round(self.seconds, 4),
            "target": self.target,
            "peak_mib": None if self.peak_mib is None else round(self.peak_mib, 1),
            "memory_target": self.memory_target,
            "growth_limit": self.growth_limit,
            "wall": None if self.wall is None else round(self.wall, 4),
            "note": self.note,
        }


def _size(size: int | None) -> str:
    return "fixed size" if size is None else f"{size:,}"


@dataclass(frozen=True)
class Measure:
    """Wall-clock seconds and peak resident memory (MiB) of one command, and what it printed."""

    seconds: float
    peak_mib: float
    stdout: bytes = b""
    stderr: bytes = b""
    wall: float = 0.0
    cpu: float = 0.0


class CommandFailed(RuntimeError):
    """A measured command exited non-zero: a benchmark of a failing command measures nothing."""


@dataclass
class Bench:
    """What a bench module is given: the sizes to measure, a scratch directory, the generated
    datasets (made once per run and size, shared by every module) and the measuring tools."""

    sizes: Sequence[int]
    workdir: Path
    quick: bool = False
    _datasets: dict[int, Generated] = field(default_factory=dict)
    _register: tuple[Path, Snapshots] | None = None
    records: dict[str, Any] = field(default_factory=dict)
    """What modules measured besides time (JSON-ready values by name, e.g. the draft's quality
    scores); `run.py` writes them under "records" in the results."""

    def record(self, name: str, value: Any) -> None:
        """Keep `value` (JSON-ready) in the results under `name`."""
        self.records[name] = value

    def dataset(self, size: int) -> Generated:
        """The generated two-era dataset of `size` entities per era (see benchmarks/synthetic.py)."""
        if size not in self._datasets:
            root = self.workdir / f"generated-{size}"
            if root.exists():
                shutil.rmtree(root)
            self._datasets[size] = write_dataset(root, size)
        return self._datasets[size]

    def register(self) -> tuple[Path, Snapshots]:
        """The real-shaped register's two snapshots (benchmarks/byo_hierarchy.py, 2,700 units)
        imported into a dataset with `orgchart import` (untimed: bench_byo times the imports),
        made once per run and shared by the modules that measure commands on it; and the
        snapshots with the generator's truth."""
        if self._register is None:
            folder = self.scratch("register")
            first, second, snapshots = write_snapshots(folder / "tables", REGISTER_UNITS)
            data = folder / "data"
            for (era, date), table in zip(SNAPSHOT_ERAS, (first, second), strict=True):
                self.command(import_args(table, era, date, data))
            self._register = (data, snapshots)
        return self._register

    def scratch(self, name: str) -> Path:
        """An empty directory under the work directory."""
        path = self.workdir / name
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    def command(
        self, args: Sequence[str | Path], *, env: Mapping[str, str] | None = None, check: bool = True
    ) -> Measure:
        """Run `args` once (a bare `orgchart` is the venv's), timing it and reading its peak memory."""
        argv = [str(BIN / "orgchart") if args[0] == "orgchart" else str(args[0]), *map(str, args[1:])]
        environment = {**os.environ, "ORGCHART_CACHE_DIR": str(self.workdir / "cache"), **(env or {})}
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "cost.json"
            subprocess.run(
                [sys.executable, str(MEASURE), str(report), *argv],
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                env=environment,
                check=True,
            )
            cost = json.loads(report.read_text(encoding="utf-8"))
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        if check and cost["returncode"] != 0:
            raise CommandFailed(f"{' '.join(argv)} exited {cost['returncode']}:\n{stderr.decode(errors='replace')}")
        seconds = cost["cpu"] if CLOCK == "cpu" else cost["wall"]
        return Measure(seconds, cost["peak_mib"], stdout, stderr, cost["wall"], cost["cpu"])

    def median_command(self, args: Sequence[str | Path], repeat: int = 3, **options: Any) -> Measure:
        """The run with the median time of `repeat` runs of `args`."""
        runs = sorted((self.command(args, **options) for _ in range(repeat)), key=lambda m: m.seconds)
        return runs[len(runs) // 2]


class Module(Protocol):
    """What a bench module provides."""

    def run(self, bench: Bench) -> Iterable[Row]: ...


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """The median seconds (CLOCK) of `repeat` runs of `action` in this process."""
    clock = time.process_time if CLOCK == "cpu" else time.perf_counter
    samples = []
    for _ in range(repeat):
        start = clock()
        action()
        samples.append(clock() - start)
    return statistics.median(samples)


def repeats(size: int | None) -> int:
    """How many runs to take the median of: three for small workloads, one at 100,000."""
    return 1 if size is not None and size >= 100_000 else 3


def scratch_root() -> Path:
    """A fresh work directory for one benchmark run (`BENCH_WORKDIR` to keep datasets around)."""
    if os.environ.get("BENCH_WORKDIR"):
        path = Path(os.environ["BENCH_WORKDIR"])
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="orgchart-bench-"))
