"""Start-up: `orgchart --version` and `orgchart --help` against `python -c pass` in the same
environment. Target: each within 5 times the bare interpreter's start.

The package's bytecode is compiled first, as `pip install` does for a wheel: the development
install is editable, and with PYTHONDONTWRITEBYTECODE set (as on this machine) every start
would otherwise compile orgchart's own modules from source, about 18 ms that no installed copy
pays (measured with cProfile: 18 `source_to_code` calls in an `orgchart --help` of 90 ms).
"""

from __future__ import annotations

import compileall
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.framework import Bench, Row
from orgchart import __file__ as PACKAGE_INIT

RUNS = 7


def run(bench: Bench) -> Iterator[Row]:
    compileall.compile_dir(Path(PACKAGE_INIT).parent, quiet=1)
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
