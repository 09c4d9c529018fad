"""The overview form of an era and the chart options (legend, caption, links, relations)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.render.figure import figure_scope, figure_svg
from orgchart.render.options import ChartOptionError, ChartOptions, parse_relations
from orgchart.render.overview import OVERVIEW_BOXES, overview
from orgchart.render.svg import svg_size
from tests.conftest import DatasetMaker
from tests.render_data import edge, era_yaml, node, wide_dataset

SVG = "{http://www.w3.org/2000/svg}"
OVERVIEW = ChartOptions(overview=True)
COLUMN_PX = 760
"""A documentation column (MkDocs' default theme gives about 760 px)."""

# Every bundled era by id, with the most its overview may measure (the issue: about 1,300 px).
BUNDLED_ERAS = ("dro-2008", "ero-2020", "ero-excerpt", "ice-overview", "ero-2023")


def drawn_texts(svg: bytes) -> list[str]:
    """The text the drawing shows (not the accessible <title>/<desc>)."""
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("era_id", BUNDLED_ERAS)
def test_every_bundled_overview_fits_a_page(era_id: str) -> None:
    chart = orgchart.load().era(era_id)
    svg = figure_svg(chart, options=OVERVIEW)
    width, _height = svg_size(svg)
    assert width <= 1300, f"{era_id}: overview is {width:.0f} px wide"
    # Shrunk into a 760 px column, the smallest label (8 pt small type) stays at least 5 px tall
    # and names (10.5 pt) at least 8 px.
    scale = min(1.0, COLUMN_PX / width)
    assert 10.5 * 4 / 3 * scale >= 8
    full_width = svg_size(orgchart.render_svg(chart))[0]
    assert width <= full_width


def test_overview_counts_what_each_cut_branch_holds() -> None:
    chart = orgchart.load().era("ero-2023")
    result = overview(chart)
    drawn = {node.id for node in result.scope.nodes}
    assert {"ice", "ero", "enforcement-division"} <= drawn
    assert "cad" not in drawn  # two levels under ERO
    # Enforcement holds CAD, Targeting Operations, Fugitive Operations and the Training
    # Division; CAD oversees CAP and 287(g); Fugitive Operations oversees NFOP, which holds the
    # Fugitive Operations Teams. Counted independently from the era's edges:
    below: dict[str, set[str]] = {}
    for e in chart.edges:
        if e.kind in ("parent", "oversight"):
            below.setdefault(e.superior, set()).add(e.subordinate)
    seen, todo = set(), ["enforcement-division"]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    assert result.hidden_below["enforcement-division"] == len(seen - drawn)
    assert "ero" not in result.hidden_below  # every child of ERO is drawn
    svg = figure_svg(chart, options=OVERVIEW).decode()
    assert f"+{len(seen - drawn)} below" in svg
    # Working relations to outside bodies are off unless asked for.
    assert all(e.kind in ("parent", "oversight") for e in result.scope.edges)
    assert not any(n.kind == "external body" for n in result.scope.nodes)


def test_overview_of_a_subtree_and_depth() -> None:
    chart = orgchart.load().era("ero-2023")
    result = overview(chart, "Enforcement", depth=1)
    assert result.scope.nodes[0].id == "enforcement-division"
    assert result.hidden_below["cad"] == 2  # CAP and 287(g)
    assert result.levels == 1


def big_organization(make_dataset: DatasetMaker, divisions: int = 40, units: int = 30) -> Path:
    """A generated agency: one directorate, `divisions` divisions of `units` units each, every
    unit with two teams, all with the same generic names ("Operations Unit")."""
    nodes = [node("agency", "Agency", "agency"), node("main", "Main Directorate", "directorate")]
    edges = [edge("parent", "agency", "main")]
    for d in range(divisions):
        division = f"d{d:03d}"
        nodes.append(node(division, "Operations Division", "division"))
        edges.append(edge("parent", "main", division))
        for u in range(units):
            unit = f"{division}-u{u:03d}"
            nodes.append(node(unit, "Operations Unit", "unit"))
            edges.append(edge("parent", division, unit))
            for t in range(2):
                team = f"{unit}-t{t}"
                nodes.append(node(team, "Team", "team"))
                edges.append(edge("parent", unit, team))
    return make_dataset(era_yaml=era_yaml("big", nodes, edges), source_text="Alpha Agency comprises many offices.\n")


def test_overview_of_a_large_generated_organization(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(big_organization(make_dataset)).era("big")
    result = overview(chart)
    assert len(chart.nodes) == 2 + 40 * (1 + 30 * 3)
    assert len(result.scope.nodes) <= max(OVERVIEW_BOXES, 2 + 40)
    # Every entity is either drawn or counted under exactly one cut division.
    assert sum(result.hidden_below.values()) + len(result.scope.nodes) == len(chart.nodes)
    assert set(result.hidden_below.values()) == {90}
    width, _ = svg_size(figure_svg(chart, options=OVERVIEW))
    assert width <= 1300


def test_no_legend_and_no_caption_keep_the_accessible_title() -> None:
    chart = orgchart.load().era("ero-2023")
    plain = figure_svg(chart, options=ChartOptions(overview=True, legend=False, caption=False))
    texts = drawn_texts(plain)
    assert "parent (part of)" not in texts and "ERO web page, January 2023" not in texts
    root = ET.fromstring(plain)
    assert root.find(f"{SVG}title").text == "ERO web page, January 2023"  # type: ignore[union-attr]
    legend_only = drawn_texts(figure_svg(chart, options=ChartOptions(overview=True, caption=False)))
    assert "parent (part of)" in legend_only and "ERO web page, January 2023" not in legend_only


def test_nodes_link_through_the_template() -> None:
    chart = orgchart.load().era("ero-2023")
    svg = figure_svg(chart, "Enforcement", 1, ChartOptions(link="https://example.org/{era}/units/{id}")).decode()
    assert 'xlink:href="https://example.org/ero-2023/units/cad"' in svg
    assert 'target="_top"' in svg
    with pytest.raises(ChartOptionError, match=r"\{id\} and \{era\}"):
        ChartOptions(link="https://example.org/{name}")


def test_relations_choose_the_edge_kinds(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    everything = figure_scope(chart)
    assert {e.kind for e in everything.scope.edges} == {"parent", "oversight", "partnership", "coordination", "support"}
    hierarchy = figure_scope(chart, options=ChartOptions(relations=parse_relations("parent, oversight")))
    assert {e.kind for e in hierarchy.scope.edges} == {"parent", "oversight"}
    assert "partner" not in {n.id for n in hierarchy.scope.nodes}  # joined only by working relations
    with pytest.raises(ChartOptionError, match="valid kinds: parent, oversight"):
        parse_relations("parent,reports-to")


def test_render_cli_takes_the_options(tmp_path: Path) -> None:
    out = tmp_path / "overview.svg"
    result = CliRunner().invoke(
        app,
        ["render", "--era", "ero-2023", "--overview", "--no-legend", "--link", "https://x.test/{id}",
         "--id-prefix", "ov-", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert 'id="ov-node-ero"' in svg and "https://x.test/ero" in svg and "+" in svg
    bad = CliRunner().invoke(app, ["render", "--relations", "parent,bogus"])
    assert bad.exit_code == 2 and "valid kinds" in bad.output
    mermaid = CliRunner().invoke(app, ["render", "--era", "ero-2023", "--overview", "-f", "mermaid", "--fenced"])
    assert mermaid.exit_code == 0 and mermaid.output.startswith("```mermaid\n---\n")
    assert re.search(r"\+\d+ below", mermaid.output)


def test_readme_prints_the_measured_widths() -> None:
    from orgchart.render.fit import readme_widths_block

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- chart-widths:start[^\n]*-->\n(.*?)<!-- chart-widths:end -->", text, re.DOTALL)
    assert match, "README.md lost its chart-widths block"
    assert match.group(1) == readme_widths_block(orgchart.load()), "run `make readme`"
