"""Sibling-order stability of the era charts: for every pair of eras, the share of sibling pairs
(same ids, same parent in both eras) drawn in the same left-to-right order, read from the
rendered SVGs. Target: 100% on the bundled eras and on generated reorganizations.

Run alone (`python benchmarks/bench_stability.py`) or from `make bench`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import orgchart
from orgchart.changes.order import stable_order
from orgchart.render import render_svg
from orgchart.render.stability import Stability, chart_stability, stability_markdown, stability_of

TARGET = 1.0
"""Every sibling pair must keep its order."""


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


def main() -> int:
    bundled = chart_stability(orgchart.load())
    print("Sibling-order stability, bundled eras:\n")
    print(stability_markdown(bundled))
    results = [("bundled eras", bundled)]
    with tempfile.TemporaryDirectory() as tmp:
        for seed, size in ((1, 200), (2, 200), (3, 1000)):
            stability = generated(seed, size, Path(tmp))
            results.append((f"generated, {size} entities, seed {seed}", stability))
    print("| data | sibling pairs | drawn in the same order |\n| --- | ---: | ---: |")
    for name, stability in results:
        print(f"| {name} | {len(stability.pairs)} | {stability.stable} ({stability.share:.1%}) |")
    missed = [name for name, stability in results if stability.share < TARGET]
    if missed:
        print(f"\nmissed the 100% target: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
