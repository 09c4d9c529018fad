"""`make bench`: run every bench module, check every target, write the results for the README.

    python benchmarks/run.py                      # sizes 1k, 10k, 100k; writes benchmarks/results.json
    python benchmarks/run.py --sizes 1000,10000   # quick (or BENCH_SIZES=1000,10000 make bench)
    python benchmarks/run.py --only validate      # modules whose name contains "validate"
    python benchmarks/run.py --list               # the modules found

Bench modules are the files `benchmarks/bench_*.py` (see `benchmarks/framework.py` for what one
returns); adding a file registers it. Growth exponents are fitted between each operation's
measurements at 10,000 and 100,000 entities (k in time ~ N^k, from the two points) and checked
against the row's `growth_limit`. Exit status 1 when a target is missed or a module fails.

A full run (every module, the default sizes) writes `benchmarks/results.json`, which `make
readme` turns into the README's performance table; any other run writes
`benchmarks/results-partial.json` (not committed), so a quick run never replaces the record,
except the records of modules that do not depend on sizes (`RECORDED_AT_ANY_SIZE`: the draft's
quality scores), which any run that includes them refreshes in `benchmarks/results.json`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import platform
import shutil
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.framework import CLOCK, DEFAULT_SIZES, GROWTH_FROM, GROWTH_TO, Bench, Row, scratch_root

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
PARTIAL_RESULTS = HERE / "results-partial.json"


def module_names() -> list[str]:
    """Every bench module, by file name (`bench_*.py`), sorted."""
    return sorted(path.stem for path in HERE.glob("bench_*.py"))


def growth(rows: Sequence[Row]) -> list[dict[str, object]]:
    """The fitted exponent of every operation measured at two or more sizes: between GROWTH_FROM
    and GROWTH_TO when both were measured (checked), else between its two largest (reported)."""
    by_operation: dict[str, dict[int, Row]] = {}
    for row in rows:
        if row.size is not None:
            by_operation.setdefault(row.operation, {})[row.size] = row
    fitted = []
    for operation, sized in by_operation.items():
        if len(sized) < 2:
            continue
        if GROWTH_FROM in sized and GROWTH_TO in sized:
            small, large, checked = GROWTH_FROM, GROWTH_TO, True
        else:
            small, large = sorted(sized)[-2:]
            checked = False
        low, high = sized[small].seconds, sized[large].seconds
        exponent = math.log(max(high, 1e-6) / max(low, 1e-6)) / math.log(large / small)
        limit = sized[large].growth_limit
        fitted.append(
            {
                "operation": operation,
                "from": small,
                "to": large,
                "exponent": round(exponent, 2),
                "limit": limit,
                "checked": checked,
                "ok": not (checked and limit is not None and exponent > limit),
            }
        )
    return fitted


def refresh_size_free_records(modules: Sequence[str], records: dict[str, object], path: Path = RESULTS) -> None:
    """Records of modules that do not depend on sizes (`RECORDED_AT_ANY_SIZE`, e.g. the draft's
    quality scores) are the same in a quick run: write them into the full results too, keeping
    everything else there (an empty record of timings if none was written yet)."""
    free = {
        name
        for name in modules
        if getattr(importlib.import_module(f"benchmarks.{name}"), "RECORDED_AT_ANY_SIZE", False)
    }
    keys = {key for key in records if key in free}
    if not keys:
        return
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {
        "machine": {}, "clock": CLOCK, "sizes": [], "modules": [], "rows": [], "growth": [], "missed": [], "errors": []
    }  # fmt: skip
    current.setdefault("records", {}).update({key: records[key] for key in sorted(keys)})
    path.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": platform.system(),
    }


def print_rows(rows: Sequence[Row]) -> None:
    """Each measurement as a line, as it comes."""
    for row in rows:
        size = "" if row.size is None else f" @ {row.size:,}"
        peak = "" if row.peak_mib is None else f", peak {row.peak_mib:.0f} MiB"
        target = "" if row.target is None else f" (target {row.target:.3g} s)"
        miss = "  MISSED" if row.missed() else ""
        print(f"  {row.operation}{size}: {row.seconds:.3f} s{peak}{target}{miss}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ""), help="comma-separated entity counts")
    parser.add_argument("--only", action="append", default=[], help="run only modules whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the bench modules and exit")
    parser.add_argument("--out", type=Path, help="write the results here instead")
    args = parser.parse_args(argv)
    names = module_names()
    if args.list:
        print("\n".join(names))
        return 0
    sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()) or DEFAULT_SIZES
    chosen = [n for n in names if not args.only or any(part in n for part in args.only)]
    full = sizes == DEFAULT_SIZES and chosen == names
    workdir = scratch_root()
    bench = Bench(sizes=sizes, workdir=workdir, quick=not full)
    rows: list[Row] = []
    errors: list[str] = []
    started = time.perf_counter()
    try:
        for name in chosen:
            print(f"{name}:", flush=True)
            try:
                module = importlib.import_module(f"benchmarks.{name}")
                for row in module.run(bench):
                    row = Row(**{**row.__dict__, "module": name})
                    print_rows([row])
                    rows.append(row)
            except Exception:
                errors.append(f"{name} failed:\n{traceback.format_exc()}")
                print(errors[-1], file=sys.stderr, flush=True)
    finally:
        if not os.environ.get("BENCH_WORKDIR"):
            shutil.rmtree(workdir, ignore_errors=True)
    fitted = growth(rows)
    misses = [miss for row in rows for miss in row.missed()]
    misses += [
        f"{g['operation']}: time grows as N^{g['exponent']} from {g['from']:,} to {g['to']:,} (limit N^{g['limit']})"
        for g in fitted
        if not g["ok"]
    ]
    print("\ngrowth (k in time ~ N^k):")
    for g in fitted:
        limit = f" (limit {g['limit']})" if g["limit"] is not None and g["checked"] else ""
        print(f"  {g['operation']}: {g['exponent']} from {g['from']:,} to {g['to']:,}{limit}")
    result = {
        "machine": machine(),
        "clock": CLOCK,
        "sizes": list(sizes),
        "modules": chosen,
        "rows": [row.as_dict() for row in rows],
        "growth": fitted,
        "missed": misses,
        "errors": [error.splitlines()[0] for error in errors],
        "records": bench.records,
    }
    out = args.out or (RESULTS if full else PARTIAL_RESULTS)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if out != RESULTS and not args.out:
        refresh_size_free_records(chosen, bench.records)
    print(f"\n{len(rows)} measurements in {time.perf_counter() - started:.0f} s; results in {out}")
    for miss in misses:
        print(f"MISSED: {miss}")
    for error in errors:
        print(f"ERROR: {error.splitlines()[0]}")
    return 1 if misses or errors else 0


if __name__ == "__main__":
    sys.exit(main())
