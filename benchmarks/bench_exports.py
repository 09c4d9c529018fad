"""`orgchart export` in every format on the generated organization's latest era (and RDF of
both eras), each run as a user runs it: a fresh process, loading from the warm cache.

Targets at 100,000 entities: each within 10 s; time growing no faster than N^1.15 from 10,000
to 100,000.
"""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.framework import Bench, Row, repeats

EXPORTS = (
    ("json", "era.json", ()),
    ("graphml", "era.graphml", ()),
    ("csv", "csv", ()),
    ("sqlite", "all.sqlite", ()),
    ("rdf", "era.ttl", ()),
    ("rdf", "all.ttl", ("--all-eras",)),
)


def run(bench: Bench) -> Iterator[Row]:
    for size in bench.sizes:
        generated = bench.dataset(size)
        data = ["--data", generated.root]
        bench.command(["orgchart", "validate", *data])  # warm the cache
        out = bench.scratch(f"exports-{size}")
        for fmt, name, extra in EXPORTS:
            args = ["orgchart", "export", "--format", fmt, *extra, "-o", out / name, *data]
            measure = bench.median_command(args, repeat=repeats(size))
            what = "sqlite (both eras)" if fmt == "sqlite" else f"{fmt}{' --all-eras' if extra else ''}"
            yield Row(
                f"export {what} (with loading)",
                size,
                measure.seconds,
                target=10.0 if size >= 100_000 else None,
                peak_mib=measure.peak_mib,
                growth_limit=1.15,
                wall=measure.wall,
            )
