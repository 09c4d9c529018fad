"""Chart defects seen at 100 % (issue 16), each measured on the drawing: the 3-D box's first
line, the "2nd parent" label, the legend's line samples, floating programs; and `query path`
through oversight, prefixed ids and the dark-mode style."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.render.dark import DARK_BACKGROUND, MIN_CONTRAST, contrast
from orgchart.render.figure import figure_svg
from orgchart.render.ids import svg_ids
from orgchart.render.labels import legend
from orgchart.render.options import ChartOptions
from tests.conftest import DatasetMaker
from tests.render_data import wide_dataset
from tests.svg_geometry import SVG, group, path_points, polygon_box, text_box


@pytest.mark.parametrize("era_id", ["dro-2008", "ero-2020", "ero-2023"])
def test_first_line_of_a_3d_box_stays_below_its_top_border(era_id: str) -> None:
    chart = orgchart.load().era(era_id)
    svg = orgchart.render_svg(chart)
    boxes = [n for n in chart.nodes if n.kind == "facility type"]
    assert boxes, f"{era_id} has no facility type"
    for node in boxes:
        drawn = group(svg, f"node-{node.id}")
        face_top = polygon_box(next(drawn.iter(f"{SVG}polyline")).get("points", "")).top
        first_line = next(drawn.iter(f"{SVG}text"))
        assert text_box(first_line).top >= face_top + 1.5, f"{node.id}: name runs into the border"


def _label_crossings(svg: bytes, edge_id: str) -> int:
    drawn = group(svg, edge_id)
    labels = [t for t in drawn.iter(f"{SVG}text") if t.text == "2nd parent"]
    assert labels, "the second parent is labelled"
    line = path_points(next(drawn.iter(f"{SVG}path")).get("d", ""))
    return sum(1 for label in labels for x, y in line if text_box(label).contains(x, y))


def test_second_parent_label_is_not_crossed_by_its_own_line(make_dataset: DatasetMaker) -> None:
    bundled = orgchart.render_svg(orgchart.load().era("ero-2023"))
    assert _label_crossings(bundled, "edge-custody-management-division-PARENT-alternatives-to-detention") == 0
    wide = orgchart.render_svg(orgchart.load(wide_dataset(make_dataset)).era("wide"))
    assert _label_crossings(wide, "edge-support-PARENT-training") == 0


def test_legend_line_samples_show_their_end_markers() -> None:
    table = legend([], ["parent", "oversight", "partnership", "coordination", "support", "second parent"])

    samples = re.findall(
        r'<TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>(.*?)</TR></TABLE></TD>'
        r'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">([^<]*)</FONT>',
        table,
    )
    markers = {label: "".join(re.findall(r"[▶▷◇○]", cells)) for cells, label in samples}

    def sample(label: str) -> str:
        return markers[label]

    assert sample("oversight") == "▶"
    assert sample("coordination") == "○○"  # ends, not colour alone, set it apart from oversight
    assert sample("partnership") == "◇◇"
    assert sample("support") == "▷"
    assert sample("parent (part of)") == "▶"
    assert 'STYLE="dotted"' in table and 'STYLE="dashed"' in table


def test_captions_say_why_a_program_floats() -> None:
    ds = orgchart.load()
    latest = ET.fromstring(orgchart.render_svg(ds.era("ero-2023")))
    desc = latest.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert re.search(r"Under their overseer, by a dashed line \(no unit contains them\): [^.]*CAP", desc)
    older = ET.fromstring(orgchart.render_svg(ds.era("ero-2020"))).find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert re.search(r"At the top: no parent or overseer in the document: CAP, 287\(g\) Program, NFOP", older)


def test_query_path_goes_through_oversight() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["query", "path", "CAP", "--era", "ero-2023", "--json"])
    assert result.exit_code == 0, result.output
    steps = [(step["id"], step["via"]) for step in json.loads(result.output)["path"]]
    assert steps == [
        ("ice", None),
        ("ero", "parent"),
        ("enforcement-division", "parent"),
        ("cad", "parent"),
        ("cap", "oversight"),
    ]
    text = runner.invoke(app, ["query", "path", "CAP", "--era", "ero-2023"]).output
    assert "through oversight" in text and text.index("cad ") < text.index("cap ")
    alone = runner.invoke(app, ["query", "path", "CAP", "--era", "ero-2020"]).output
    assert "contains or oversees it" in alone
    era = orgchart.load().era("ero-2023")
    assert [n.id for n in era.path("CAP")] == ["ice", "ero", "enforcement-division", "cad", "cap"]


def test_two_charts_share_no_id_and_label_themselves() -> None:
    era = orgchart.load().era("ero-2023")
    first = figure_svg(era, options=ChartOptions(overview=True))
    second = figure_svg(era, "Enforcement", 2, ChartOptions(overview=True))
    ids_first, ids_second = svg_ids(first), svg_ids(second)
    assert len(set(ids_first)) == len(ids_first) and not set(ids_first) & set(ids_second)
    for svg, ids in ((first, ids_first), (second, ids_second)):
        root = ET.fromstring(svg)
        prefix = root.get("id", "").removesuffix("chart")
        assert prefix and all(i.startswith(prefix) for i in ids)
        labelled = (root.get("aria-labelledby") or "").split()
        assert labelled == [f"{prefix}chart-title", f"{prefix}chart-desc"] and set(labelled) <= set(ids)
    assert figure_svg(era, options=ChartOptions(overview=True)) == first  # the same prefix every build
    chosen = figure_svg(era, "CAD", options=ChartOptions(id_prefix="mine-"))
    assert 'id="mine-node-cad"' in chosen.decode()


def test_dark_mode_colours_read_on_the_dark_background() -> None:
    svg = figure_svg(orgchart.load().era("ero-2020"), options=ChartOptions(overview=True)).decode()
    style = re.search(r"<style>(.*?)</style>", svg, re.DOTALL)
    assert style and "@media (prefers-color-scheme: dark)" in style.group(1)
    scope = re.search(r'id="([^"]+chart)"', svg)
    assert scope
    rules = re.findall(r"([^{}]+)\{ (fill|stroke): (#[0-9a-f]{6}); \}", style.group(1))
    assert rules
    for selectors, _, color in rules:
        assert all(s.strip().startswith(f"#{scope.group(1)} ") for s in selectors.replace("&gt;", ">").split(","))
        if color not in ("#16181d", "#262a33"):
            assert contrast(color, DARK_BACKGROUND) >= MIN_CONTRAST, color
