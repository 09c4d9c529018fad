"""Stable placement and the side-by-side change chart.

1. Sibling-order stability of the era charts: for every pair of eras, the share of sibling
   pairs (same ids, same parent in both eras) drawn in the same left-to-right order, read from
   the rendered SVGs (`orgchart.render.stability`). Target: 100% on the bundled eras and on
   generated reorganizations (siblings listed in another order, renamed, moved, dropped and
   added) of 200 and 1,000 entities. Recorded in benchmarks/results.json at any size.
2. `orgchart render --diff A B` (the side-by-side chart, a summary when large) on the generated
   two-era datasets up to 10,000 entities, timed as a user runs it, within 2,500 px wide.

    python benchmarks/bench_stability.py     # prints the stability tables; exit 1 on a miss
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orgchart
from benchmarks.framework import Bench, Row
from orgchart.changes.order import stable_order
from orgchart.render import render_svg
from orgchart.render.stability import Stability, chart_stability, stability_markdown, stability_of

TARGET = 1.0
"""Every sibling pair must keep its order."""
RECORDED_AT_ANY_SIZE = True
"""The stability shares do not depend on the benchmark's sizes."""
CHART_UP_TO = 10_000
"""The largest generated dataset whose change chart is drawn (Graphviz lays out every box)."""
CHART_WIDTH = 2500
"""The widest a change chart may be, in pixels."""


def generated(seed: int, size: int, root: Path) -> Stability:
    """The stability of three generated eras (reordered, renamed, moved, dropped, added)."""
    from tests.conftest import write_dataset
    from tests.generated_orgs import generated_dataset, generated_tree, next_era

    counter = iter(range(1000))
    first = generated_tree(seed, size)
    second = next_era(seed + 1, first, changes=size // 20)
    orgs = [first, second, next_era(seed + 2, second, changes=size // 20)]
    dataset = generated_dataset(lambda *a, **k: write_dataset(root / f"d{next(counter)}", *a, **k), orgs)
    order = stable_order(dataset)
    eras = [order.apply(era) for era in dataset.eras]
    return stability_of(eras, {era.id: render_svg(era) for era in eras})


def measured() -> dict[str, Any]:
    """The stability of the bundled eras and of generated reorganizations, as JSON-ready values."""
    results = {"bundled eras": chart_stability(orgchart.load())}
    with tempfile.TemporaryDirectory() as tmp:
        for seed, size in ((1, 200), (2, 200), (3, 1000)):
            results[f"generated, {size:,} entities, seed {seed}"] = generated(seed, size, Path(tmp))
    return {
        name: {"pairs": len(result.pairs), "same order": result.stable, "share": result.share}
        for name, result in results.items()
    } | {"bundled table": stability_markdown(results["bundled eras"])}


def misses(record: dict[str, Any]) -> list[str]:
    """Every dataset whose share is below the target, in words."""
    return [
        f"{name}: {value['same order']} of {value['pairs']} sibling pairs keep their order"
        for name, value in record.items()
        if isinstance(value, dict) and value["share"] < TARGET
    ]


def markdown(record: dict[str, Any]) -> str:
    """The bundled table, then one line per dataset."""
    lines = [record["bundled table"], "| data | sibling pairs | drawn in the same order |", "| --- | ---: | ---: |"]
    for name, value in record.items():
        if isinstance(value, dict):
            lines.append(f"| {name} | {value['pairs']:,} | {value['same order']:,} ({value['share']:.1%}) |")
    return "\n".join(lines) + "\n"


def run(bench: Bench) -> Iterator[Row]:
    """The framework's entry (`benchmarks/run.py`): stability (recorded; a share under 100%
    fails the module) and the change chart's time on the generated datasets."""
    start = time.perf_counter()
    record = measured()
    yield Row("render every era and read sibling order (bundled, 200 x2, 1,000)", None, time.perf_counter() - start)
    bench.record("bench_stability", record)
    sys.stdout.write(markdown(record))
    from orgchart.render.svg import svg_size

    for size in bench.sizes:
        if size > CHART_UP_TO:
            continue
        generated_set = bench.dataset(size)
        out = bench.scratch(f"change-chart-{size}") / "chart.svg"
        args = ["orgchart", "render", "--diff", generated_set.before, generated_set.after, "-o", out]
        measure = bench.command([*args, "--data", generated_set.root])
        width, height = svg_size(out.read_bytes())
        yield Row(
            "render --diff (side by side, summary when large)",
            size,
            measure.seconds,
            peak_mib=measure.peak_mib,
            note=f"{width:,.0f} x {height:,.0f} px",
            wall=measure.wall,
        )
        if width > CHART_WIDTH:
            raise AssertionError(f"the change chart at {size:,} is {width:,.0f} px wide (> {CHART_WIDTH:,})")
    missed = misses(record)
    if missed:
        raise AssertionError("sibling-order stability under 100%:\n" + "\n".join(missed))


def main() -> int:
    record = measured()
    sys.stdout.write(markdown(record))
    for line in misses(record):
        sys.stderr.write(f"target missed: {line}\n")
    return 1 if misses(record) else 0


if __name__ == "__main__":
    sys.exit(main())
