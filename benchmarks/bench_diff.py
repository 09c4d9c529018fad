"""`orgchart diff A B --format json` on the generated organization, checked against the changes
the generator made; the library's `orgchart.diff` against `deepdiff.DeepDiff` on the same two
eras' node-link JSON.

Targets: the command within 5 s at 100,000 entities (loading included, from the warm cache),
every injected change found and no false rename or move; its time growing no faster than
N^1.15 from 10,000 to 100,000; `orgchart.diff` at least 20 times faster than DeepDiff at 10,000.

The library's comparison alone (eras loaded) is reported with its fitted growth but not held to
the N^1.15 limit, which the issue sets on the command. Profiled function by function at 10,000
and at 100,000 (cProfile), nearly every step is called ten times as often and costs 12 to 22
times as much: two eras' objects fit in the processor's caches at 10,000 and not at 100,000, so
each dict probe and each name compared waits on memory. One step does grow faster than the
entities: the near-miss pass compares every entity left unmatched with every one of its kind
left in the other era (rapidfuzz's C loops; 1 ms at 10,000, 0.06 s at 100,000 with 2% changed).
The comparison measured N^1.10 to N^1.17 from run to run on this machine (0.07 to 0.14 s at
10,000, 1.0 to 1.8 s at 100,000); the command's growth, loading included, is checked.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from functools import partial

from benchmarks.framework import Bench, Row, timed
from benchmarks.synthetic import report_problems

DEEPDIFF_UP_TO = 10_000
"""DeepDiff is measured up to this size (it takes minutes beyond)."""


class WrongChanges(AssertionError):
    """The diff missed an injected change or claimed one that was not made."""


def run(bench: Bench) -> Iterator[Row]:
    import orgchart
    from orgchart.export.json import node_link_data

    for size in bench.sizes:
        generated = bench.dataset(size)
        data = ["--data", generated.root]
        bench.command(["orgchart", "validate", *data])  # warm the cache: diff is timed as a user reruns it
        args = ["orgchart", "diff", generated.before, generated.after, "--format", "json", *data]
        # The median of three at every size: one run at 100,000 on this shared machine measured
        # anywhere from 4.9 to 6.5 s CPU for the same work.
        measure = bench.median_command(args, repeat=3)
        problems = report_problems(json.loads(measure.stdout), generated.truth)
        if problems:
            raise WrongChanges(f"diff at {size:,}: " + "; ".join(problems))
        changed = sum(len(v) for v in generated.truth.as_dict().values())
        yield Row(
            "diff --format json (with loading)",
            size,
            measure.seconds,
            target=5.0 if size >= 100_000 else None,
            peak_mib=measure.peak_mib,
            growth_limit=1.15,
            note=f"{changed:,} injected changes, all found, none false",
            wall=measure.wall,
        )
        # Each run on a freshly loaded dataset: what an era derives once (its branches, names)
        # is part of the cost of a first comparison. The collector's debt of loading (a million
        # objects made while it was paused) is paid before the clock starts, as the caller's next
        # statement would pay it: it fell on the diff's first allocation after its own pause,
        # 0.5 s at 100,000 and nothing at 10,000, which read as the diff growing as N^1.23.
        # Nine runs below 100,000: a tenth of a second measured three times moved the fitted
        # exponent by up to 0.08 either way on this shared machine.
        runs = []
        for _ in range(3 if size >= 100_000 else 9):
            dataset = orgchart.load(generated.root)
            before, after = dataset.era(generated.before), dataset.era(generated.after)
            gc.collect()
            runs.append(timed(partial(orgchart.diff, before, after, lineage=dataset.lineage)))
        library = sorted(runs)[len(runs) // 2]
        if size > DEEPDIFF_UP_TO:
            yield Row("orgchart.diff (library, loaded eras)", size, library)
            continue
        from deepdiff import DeepDiff

        left, right = node_link_data(before), node_link_data(after)
        naive = timed(partial(DeepDiff, left, right), repeat=1)
        yield Row("deepdiff.DeepDiff (node-link JSON)", size, naive)
        yield Row(
            "orgchart.diff (library, loaded eras)",
            size,
            library,
            target=naive / 20 if size == DEEPDIFF_UP_TO else None,
            note=f"{naive / library:.0f}x faster than DeepDiff" if library else "",
        )
