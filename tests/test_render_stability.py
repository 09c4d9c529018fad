"""Sibling-order stability read from rendered charts: bundled eras, generated eras, the CLI."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.changes.order import stable_order
from orgchart.cli import app
from orgchart.render import render_svg
from orgchart.render.stability import placement, stability_markdown, stability_of
from tests.conftest import DatasetMaker
from tests.generated_orgs import generated_dataset, generated_tree, next_era

runner = CliRunner()


def test_every_pair_of_bundled_eras_keeps_its_siblings_in_order_as_the_cli_draws_them() -> None:
    ds = orgchart.load()
    svgs = {}
    for era in ds.eras:
        result = runner.invoke(app, ["render", "--era", era.id, "--format", "svg"])
        assert result.exit_code == 0, result.output
        svgs[era.id] = result.stdout.encode("utf-8")
    stability = stability_of(ds.eras, svgs)
    assert len(stability.pairs) >= 24 and not stability.unstable, stability.unstable
    assert stability.share == 1.0 and str(stability).startswith("100% (")
    # Drawn each in its own file's order, the same eras disagree: the measure can fail.
    alone = stability_of(ds.eras, {era.id: render_svg(era) for era in ds.eras})
    assert alone.share < 0.95
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- stability:start[^\n]*-->\n(.*?)<!-- stability:end -->", readme, re.DOTALL)
    assert block and block.group(1) == stability_markdown(stability), "run `make readme`"


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_reorganizations_keep_sibling_order(make_dataset: DatasetMaker, seed: int) -> None:
    first = generated_tree(seed, 140)
    second = next_era(seed + 1, first, changes=8)
    ds = generated_dataset(make_dataset, [first, second, next_era(seed + 2, second, changes=8)])
    order = stable_order(ds)
    eras = [order.apply(era) for era in ds.eras]
    stability = stability_of(eras, {era.id: render_svg(era) for era in eras})
    assert len(stability.pairs) > 300 and stability.share == 1.0, stability.unstable[:5]
    assert stability_of(ds.eras, {era.id: render_svg(era) for era in ds.eras}).share < 0.8


def test_a_stack_reads_row_by_row_and_sits_where_its_box_is() -> None:
    chart = stable_order(orgchart.load()).apply(orgchart.load().era("dro-2008"))
    drawn = placement(render_svg(chart))
    spcs = [n.id for n in chart.children("service-processing-centers")]  # eight facilities, one box
    assert len(spcs) == 8 and all(spc in drawn.stacks for spc in spcs)
    assert all(drawn.before(a, b) for a, b in itertools.pairwise(spcs))
    assert not drawn.before(spcs[-1], spcs[0])
