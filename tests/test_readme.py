"""The README's generated parts match the data, so they cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import orgchart
from orgchart.summary import eras_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_eras_table_matches_the_data() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- eras:start[^\n]*-->\n(.*?)<!-- eras:end -->", text, re.DOTALL)
    assert match, "README.md lost its eras block"
    assert match.group(1) == eras_markdown(orgchart.load()), "run `make readme`"


def test_quick_start_has_exactly_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.DOTALL)
    assert block
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make", "make test"]


def test_chart_block_shows_the_newest_era_and_the_measured_size() -> None:
    from orgchart.render.charts import readme_chart_block

    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- chart:start[^\n]*-->\n(.*?)<!-- chart:end -->", text, re.DOTALL)
    assert match, "README.md lost its chart block"
    dataset = orgchart.load()
    assert f"](renders/charts/{dataset.latest.id}.svg)" in match.group(1)
    assert match.group(1) == readme_chart_block(dataset), "run `make readme`"
    assert (README.parent / "renders" / "charts" / f"{dataset.latest.id}.svg").is_file(), "run `make`"
