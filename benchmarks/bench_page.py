"""Page and chart targets at size (issue 17): `python -m benchmarks.bench_page [SIZES...]`.

- The page (`orgchart site`) of a generated era: bytes per entity per era (at most 150), first
  paint in Chromium (at most 3 s: from navigation to the chart drawn), and how long a search
  keystroke, a zoom step and a pan step take (at most 100 ms each: "responsive").
- Charts: `render_svg` within 1.2x of bare `dot` on the same DOT (CPU seconds of this process
  and its children, the median of several runs, so that other work on the machine counts less),
  and no transparent layout edge in the DOT.

Prints one Markdown table and exits 1 when a target is missed.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import orgchart
from benchmarks.generated_org import write_generated_dataset
from orgchart.render.graphviz import render_svg, to_dot
from orgchart.site import write_site

PAGE_SIZES = (1_000, 10_000, 100_000)
RENDER_SIZES = (400, 1_258)
BYTES_PER_ENTITY = 150.0
FIRST_PAINT_S = 3.0
STEP_MS = 100.0
RENDER_RATIO = 1.2


@dataclass(frozen=True)
class Row:
    """One measured figure, its unit and its target (None: reported only)."""

    name: str
    value: float
    unit: str
    target: float | None = None

    @property
    def missed(self) -> bool:
        return self.target is not None and self.value > self.target


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cpu_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    """The median CPU seconds (this process and its children) of `repeat` runs."""
    samples = []
    for _ in range(repeat):
        start = _cpu()
        action()
        samples.append(_cpu() - start)
    return statistics.median(samples)


def render_rows(size: int, root: Path) -> list[Row]:
    """`render_svg` against bare `dot` on a generated agency of `size` units."""
    chart = orgchart.load(write_generated_dataset(root / f"render-{size}", size)).latest
    dot_file = root / f"render-{size}.dot"
    dot_file.write_text(to_dot(chart), encoding="utf-8")
    bare = cpu_seconds(lambda: subprocess.run(["dot", "-Tsvg", str(dot_file)], capture_output=True, check=True))
    ours = cpu_seconds(lambda: render_svg(chart))
    hidden = dot_file.read_text(encoding="utf-8").count("transparent")
    return [
        Row(f"render / bare dot, {size:,} units ({ours:.2f} s / {bare:.2f} s CPU)", ours / bare, "x", RENDER_RATIO),
        Row(f"transparent layout edges, {size:,} units", hidden, "edges", 0),
    ]


def page_rows(size: int, root: Path) -> list[Row]:
    """Bytes, first paint and interaction steps of the page of one generated era of `size`."""
    from playwright.sync_api import sync_playwright

    from scripts.browser import guard_network, launch_chromium

    dataset = orgchart.load(write_generated_dataset(root / f"page-{size}", size))
    started = time.perf_counter()
    (page_file,) = write_site(dataset, root / f"site-{size}")
    built = time.perf_counter() - started
    entities = sum(len(chart.nodes) for chart in dataset.eras)
    rows = [
        Row(f"page bytes per entity per era, {size:,}", page_file.stat().st_size / entities, "B", BYTES_PER_ENTITY),
        Row(f"orgchart site (page only), {size:,}", built, "s"),
    ]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            guard_network(context)
            page = context.new_page()
            page.goto(page_file.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            painted = page.evaluate("new Promise((done) => requestAnimationFrame(() => done(performance.now())))")
            rows.append(Row(f"page first paint, {size:,}", painted / 1000, "s", FIRST_PAINT_S))
            name = dataset.latest.nodes[len(dataset.latest.nodes) // 2].name.split()[0]
            steps = {
                "search keystroke": f"() => {{ const s = document.getElementById('search'); s.value = {name[:4]!r};"
                " s.dispatchEvent(new Event('input')); }",
                "zoom step": "() => document.getElementById('zoom-out').click()",
                "pan step": "() => document.getElementById('viewport').dispatchEvent("
                "new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true}))",
            }
            for label, step in steps.items():
                took = page.evaluate(
                    f"() => {{ const step = {step}; const samples = []; for (let i = 0; i < 5; i++) {{"
                    " const t = performance.now(); step(); samples.push(performance.now() - t); }"
                    " samples.sort((a, b) => a - b); return samples[2]; }"
                )
                rows.append(Row(f"page {label}, {size:,}", took, "ms", STEP_MS))
        finally:
            browser.close()
    return rows


def run(page_sizes: Sequence[int] = PAGE_SIZES, render_sizes: Sequence[int] = RENDER_SIZES) -> list[Row]:
    """Every page and chart figure at the given sizes."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in render_sizes:
            rows += render_rows(size, root)
        for size in page_sizes:
            rows += page_rows(size, root)
    return rows


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| figure | value | target |", "| --- | ---: | ---: |"]
    for row in rows:
        target = f"<= {row.target:g} {row.unit}" if row.target is not None else ""
        lines.append(f"| {row.name} | {row.value:,.2f} {row.unit} | {target}{' (missed)' if row.missed else ''} |")
    return "\n".join(lines)


def main(argv: Sequence[str] = ()) -> int:
    sizes = tuple(int(arg) for arg in argv) or PAGE_SIZES
    rows = run(sizes)
    print(table(rows))
    return 1 if any(row.missed for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
