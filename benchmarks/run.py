"""Speed measurements: how long the everyday operations take, on the bundled data and on a
generated organization of a few thousand entities. Prints a Markdown table for the README.

Targets (checked here, not in unit tests): loading and validating the bundled data under 1 s;
a 5,000-node era loads, validates and exports under 10 s.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orgchart
from orgchart.export.json import to_json

TARGETS = {
    "load + validate bundled data": 1.0,
    "load + validate 5,000 nodes": 10.0,
    "query subtree of the root, 5,000 nodes": 0.5,
}


def timed(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall-clock seconds of `repeat` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def generated_dataset(root: Path, size: int) -> Path:
    """A dataset with one era of `size` nodes in a balanced tree (fan-out 8), each cited."""
    lines = [f"Unit {i} is part of unit {(i - 1) // 8}." for i in range(1, size)]
    text = "Unit 0 is the agency.\n" + "\n".join(lines) + "\n"
    (root / "sources").mkdir(parents=True)
    (root / "eras").mkdir()
    (root / "sources" / "big.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (root / "sources.yaml").write_text(
        "sources:\n  - id: big\n    file: sources/big.txt\n    title: Generated\n    publisher: Benchmarks\n"
        "    date: {start: 2024-01-01, end: 2024-01-01, precision: day, reason: generated}\n"
        f'    sha256: "{digest}"\n',
        encoding="utf-8",
    )
    era = ["id: big", "label: Generated", "sources: [big]", "nodes:"]
    era += ["  - {id: u0, name: Unit 0, kind: agency, citations: [{source: big, quote: Unit 0 is the agency.}]}"]
    for i in range(1, size):
        era.append(
            f"  - {{id: u{i}, name: Unit {i}, kind: unit, citations: [{{source: big, quote: 'Unit {i} is part'}}]}}"
        )
    era.append("edges:")
    for i in range(1, size):
        quote = f"Unit {i} is part of unit {(i - 1) // 8}."
        era.append(
            f"  - {{kind: parent, superior: u{(i - 1) // 8}, subordinate: u{i}, citations: [{{source: big, quote: '{quote}'}}]}}"
        )
    (root / "eras" / "big.yaml").write_text("\n".join(era) + "\n", encoding="utf-8")
    return root


def main() -> int:
    rows: list[tuple[str, float]] = []
    rows.append(("load + validate bundled data", timed(orgchart.load)))
    bundled = orgchart.load()
    rows.append(("export JSON, every bundled era", timed(lambda: [to_json(chart) for chart in bundled.eras])))
    rows.append(("query timeline by name, bundled data", timed(lambda: bundled.timeline("Custody Management"))))
    with tempfile.TemporaryDirectory() as tmp:
        root = generated_dataset(Path(tmp) / "big", 5000)
        rows.append(("load + validate 5,000 nodes", timed(lambda: orgchart.load(root), repeat=1)))
        big = orgchart.load(root).latest
        rows.append(("export JSON, 5,000 nodes", timed(lambda: to_json(big), repeat=1)))
        rows.append(("query subtree of the root, 5,000 nodes", timed(lambda: big.subtree("u0"))))
        rows.append(("query find by text, 5,000 nodes", timed(lambda: big.find("unit 49"))))
        dataset = orgchart.load(root)
        rows.append(("export GraphML, 5,000 nodes", timed(lambda: orgchart.to_graphml(big), repeat=1)))
        rows.append(("export CSV, 5,000 nodes", timed(lambda: orgchart.to_csv(big), repeat=1)))
        rows.append(("export SQLite, 5,000 nodes", timed(lambda: orgchart.to_sqlite(dataset), repeat=1)))
        rows.append(("export RDF Turtle, 5,000 nodes", timed(lambda: orgchart.to_turtle(dataset), repeat=1)))
        exported = orgchart.write_json(big, Path(tmp) / "big.json")
        rows.append(
            (
                "import JSON into a dataset, 5,000 nodes",
                timed(
                    lambda: orgchart.import_era(
                        orgchart.read_json(exported), Path(tempfile.mkdtemp(dir=tmp)), documents=[root]
                    ),
                    repeat=1,
                ),
            )
        )
    print("| operation | seconds | target |")
    print("| --- | ---: | ---: |")
    failed = False
    for name, seconds in rows:
        target = TARGETS.get(name)
        mark = f"< {target:g}" if target else ""
        if target and seconds > target:
            mark += " (missed)"
            failed = True
        print(f"| {name} | {seconds:.3f} | {mark} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
