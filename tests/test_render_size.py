"""Charts of large organizations: stacks laid out without hidden edges, and PNGs that Graphviz
would shrink refused with a reason, on generated organizations."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from benchmarks.synthetic import write_dataset
from orgchart.changes.branches import dataset_divisions
from orgchart.cli import app
from orgchart.render import EDGE_STYLES, ChartTooLargeError, edge_svg_id, render_png, render_svg, to_dot
from orgchart.render.bitmap import PNG_LIMIT, png_size
from orgchart.render.charts import branch_charts, write_era_charts
from orgchart.render.graphviz import layout
from orgchart.render.legible import LEGIBLE_BOXES, branches, too_large
from orgchart.render.scope import select
from orgchart.render.siblings import slot_id
from orgchart.render.stack import find_stacks
from tests.conftest import DatasetMaker
from tests.render_data import SOURCE, edge, era_yaml, node

SVG = "{http://www.w3.org/2000/svg}"
runner = CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> orgchart.OrgChart:
    """A generated agency of 400 units (fan-out 2 to 30, depth up to 8, repeated names)."""
    return orgchart.load(write_dataset(tmp_path_factory.mktemp("gen400"), 400).root).latest


def test_stacks_are_laid_out_without_hidden_edges(generated: orgchart.OrgChart) -> None:
    dot = to_dot(generated)
    assert "transparent" not in dot
    stacks = find_stacks(generated.nodes, generated.edges, ())
    assert len(stacks) > 20
    drawn = re.findall(r'^\t+"?([^"\s]+)"? -> "?([^"\s]+)"? \[(.*)\]$', dot, flags=re.MULTILINE)
    for stack in stacks:
        # No edge from the superior to a member; one visible edge into the stack (to its box,
        # from the slot that holds its place among the superior's children).
        assert not [head for tail, head, _ in drawn if tail == stack.superior and head in stack.members]
        ends = (stack.superior, slot_id(stack))
        into = [(t, h) for t, h, attrs in drawn if t in ends and h in stack.members and "style=invis" not in attrs]
        assert into == [(slot_id(stack), stack.members[0])], stack.key
        assert f'lhead="cluster_stack_{stack.key}"' in dot


def test_every_edge_keeps_its_id_and_title(generated: orgchart.OrgChart) -> None:
    root = ET.fromstring(render_svg(generated))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    names = {n.id: n.name for n in generated.nodes}
    stacked = 0
    for item in generated.edges:
        group = groups[edge_svg_id(item)]
        title = group.find(f"{SVG}title")
        assert (
            title is not None
            and title.text == f"{names[item.superior]} → {names[item.subordinate]} ({EDGE_STYLES[item.kind].label})"
        )
        stacked += "stacked" in (group.get("class") or "").split()
    assert stacked > 100  # the stand-ins of the edges a stack's box draws for
    assert {g.get("id") for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()} == {
        f"node-{n.id}" for n in generated.nodes
    }


def test_a_branch_renders_with_the_same_rules(generated: orgchart.OrgChart) -> None:
    top = generated.roots()[0]
    branch = max(generated.children(top.id), key=lambda n: len(select(generated, n).nodes))
    svg = render_svg(generated, branch)
    assert f'id="node-{top.id}"'.encode() not in svg and f'id="node-{branch.id}"'.encode() in svg


def _row_of_divisions(count: int) -> str:
    """An agency with `count` divisions in one row (each has a unit below it, so none stack)."""
    nodes = [node("agency", "Agency", "agency")]
    edges = []
    for index in range(count):
        nodes += [node(f"d{index}", f"Division {index} of Records", "division"), node(f"u{index}", "Unit", "unit")]
        edges += [edge("parent", "agency", f"d{index}"), edge("parent", f"d{index}", f"u{index}")]
    return era_yaml("row", nodes, edges)


def test_png_graphviz_would_shrink_is_refused(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    data = make_dataset(era_yaml=_row_of_divisions(300), source_text=SOURCE)
    # One division draws as a PNG at full size; the whole row (asked for in full: it is over
    # 400 boxes) would be shrunk: the CLI says so, exits 1 and writes nothing.
    out = tmp_path / "row.png"
    result = runner.invoke(app, ["render", "--root", "d7", "-o", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert max(png_size(out.read_bytes())) < PNG_LIMIT - 1
    out.unlink()
    result = runner.invoke(app, ["render", "--full", "-o", str(out), "--data", str(data)])
    message = " ".join(result.output.split())
    assert result.exit_code == 1 and not out.exists(), message
    width = float(re.search(r"would be ([\d,]+) x", message).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert width > PNG_LIMIT and "32,767 px" in message and "SVG or PDF" in message and "--root" in message


def test_shrunk_png_is_an_error_of_its_own() -> None:
    # Graphviz shrinks a 600-box row to fit; the library raises instead of returning it.
    row = "digraph { node [shape=box] " + " ".join(f"n{i}" for i in range(600)) + " }"
    with pytest.raises(ChartTooLargeError, match="would be"):
        layout(row, "png")


def test_png_within_the_limit_is_drawn_at_full_size() -> None:
    chart = orgchart.load().era("ero-2023")
    width, height = png_size(render_png(chart))
    assert 1000 < width < PNG_LIMIT and 500 < height < PNG_LIMIT


@pytest.fixture(scope="module")
def thousand(generated_thousand: Path) -> Path:
    """A generated organization of 1,000 entities per era: too large for one picture."""
    return generated_thousand


def drawn_nodes(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {
        (g.get("id") or "").removeprefix("node-")
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }


def test_render_draws_an_overview_of_a_large_era_and_says_so(thousand: Path, tmp_path: Path) -> None:
    chart = orgchart.load(thousand).latest
    assert too_large(chart)
    out = tmp_path / "era.svg"
    result = runner.invoke(app, ["render", "-o", str(out), "--data", str(thousand)])
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    listed = branches(chart)
    assert f"era {chart.id} has {len(chart.nodes):,} entities, too many to read as one picture" in said
    assert f"--root: {listed[0].node.id} ({listed[0].size:,})" in said and "--full" in said
    drawn = drawn_nodes(out.read_bytes())
    assert len(drawn) <= LEGIBLE_BOXES and listed[0].node.id in drawn
    assert b"Overview: " in out.read_bytes()  # the chart says so too
    # A branch small enough is drawn whole, without a note; --full draws everything.
    small = next(branch for branch in listed if branch.size <= LEGIBLE_BOXES)
    result = runner.invoke(app, ["render", "--root", small.node.id, "-o", str(out), "--data", str(thousand)])
    assert result.exit_code == 0 and "note:" not in result.output
    assert drawn_nodes(out.read_bytes()) == {n.id for n in select(chart, small.node).nodes}
    result = runner.invoke(app, ["render", "--full", "-f", "dot", "--data", str(thousand)])
    assert result.exit_code == 0 and all(f"\t{n.id} [" in result.output for n in chart.nodes)
    result = runner.invoke(app, ["render", "--full", "--overview", "--data", str(thousand)])
    assert result.exit_code == 2


def test_build_charts_cover_a_large_era_in_overviews_and_branch_charts(thousand: Path, tmp_path: Path) -> None:
    dataset = orgchart.load(thousand)
    written = write_era_charts(dataset, tmp_path)
    for chart in dataset.eras:
        folder = tmp_path / "charts" / chart.id
        paths = [tmp_path / "charts" / f"{chart.id}.svg", *sorted(folder.glob("*.svg"))]
        assert set(paths) <= set(written)
        covered: set[str] = set()
        for path in paths:
            drawn = drawn_nodes(path.read_bytes())
            assert len(drawn) <= LEGIBLE_BOXES, path
            covered |= drawn
        assert covered == {n.id for n in chart.nodes}  # every entity is in some chart
        charted = branch_charts(chart, dataset_divisions(dataset)[chart.id])
        assert {p.stem for p in folder.glob("*.svg")} == {n.id for n in charted}
