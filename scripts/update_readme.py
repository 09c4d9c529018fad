"""Refresh the generated blocks of README.md from the data (run by `make readme`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import orgchart
from orgchart.atomic import write_text_atomic
from orgchart.render.charts import readme_chart_block
from orgchart.render.fit import readme_widths_block
from orgchart.render.stability import chart_stability, stability_markdown
from orgchart.report.summary import eras_markdown, findings_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def block(name: str) -> re.Pattern[str]:
    """The pattern of a generated block `<!-- NAME:start ... --> ... <!-- NAME:end -->`."""
    return re.compile(rf"(<!-- {name}:start[^\n]*-->\n)(.*?)(<!-- {name}:end -->)", re.DOTALL)


def refreshed(text: str, table: str, name: str = "eras") -> str:
    """`text` with the block `name` replaced by `table`."""
    pattern = block(name)
    if not pattern.search(text):
        sys.exit(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> block")
    return pattern.sub(lambda m: m.group(1) + table + m.group(3), text)


def draft_block() -> str:
    """The draft's quality tables, from the scores `bench_draft.py` recorded in benchmarks/results.json."""
    sys.path.insert(0, str(README.parent))
    from benchmarks.report import draft_markdown, load_results

    return draft_markdown(load_results().get("records", {}).get("bench_draft"))


def performance_block() -> str:
    """The performance tables, from the last full `make bench` (benchmarks/results.json)."""
    sys.path.insert(0, str(README.parent))
    from benchmarks.report import load_results, performance_markdown

    return performance_markdown(load_results())


if __name__ == "__main__":
    dataset = orgchart.load()
    text = refreshed(README.read_text(encoding="utf-8"), eras_markdown(dataset))
    text = refreshed(text, readme_chart_block(dataset), "chart")
    text = refreshed(text, readme_widths_block(dataset), "chart-widths")
    text = refreshed(text, findings_markdown(dataset), "findings")
    text = refreshed(text, stability_markdown(chart_stability(dataset)), "stability")
    text = refreshed(text, performance_block(), "performance")
    text = refreshed(text, draft_block(), "draft-bench")
    write_text_atomic(README, text)
    print("README.md refreshed")
