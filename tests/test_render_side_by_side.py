"""The side-by-side change chart: every change marked, level rows, moves, summary, --root."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.changes.order import stable_order
from orgchart.cli import app
from orgchart.render.change_layout import draw_change_chart
from orgchart.render.side_by_side import side_by_side, side_by_side_svg
from orgchart.render.svg import svg_size
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node
from tests.generated_orgs import generated_charts, generated_tree, next_era

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = orgchart.load()
PAIRS = [(a.id, b.id) for a, b in pairwise(BUNDLED.eras)]


def boxes(svg: bytes) -> dict[str, set[str]]:
    """SVG id -> class names of every box."""
    root = ET.fromstring(svg)
    return {
        g.get("id", ""): set((g.get("class") or "").split())
        for g in root.iter(f"{SVG}g")
        if "node" in (g.get("class") or "").split()
    }


def words(svg: bytes) -> str:
    """The chart's visible text, line by line joined with spaces (labels wrap)."""
    root = ET.fromstring(svg)
    return " ".join(" ".join((t.text or "").split()) for t in root.iter(f"{SVG}text"))


def marked(drawn: dict[str, set[str]], side: str, entity: str, kind: str) -> bool:
    """Whether a box on `side` shows `entity` with a mark of `kind`."""
    return any(
        key.startswith(f"{side}-") and f"entity-{entity}" in classes and f"change-{kind}" in classes
        for key, classes in drawn.items()
    )


def expected_marks(change: dict[str, object]) -> list[tuple[str, str]]:
    """(side, entity id) of every box a change of the JSON report must mark."""
    kind = str(change["kind"])
    before, after = change.get("before"), change.get("after")
    if kind == "added":
        return [("after", str(change["id"]))]
    if kind == "removed":
        return [("before", str(change["id"]))]
    if kind in ("merged", "split"):
        olds = before if isinstance(before, list) else [before]
        news = after if isinstance(after, list) else [after]
        return [("before", str(s["id"])) for s in olds] + [("after", str(s["id"])) for s in news]  # type: ignore[index]
    if kind in ("renamed", "moved", "kind_changed", "reworded"):
        return [("before", str(before["id"])), ("after", str(after["id"]))]  # type: ignore[index]
    if kind.startswith("oversight"):
        side, state = ("after", after) if kind == "oversight_added" else ("before", before)
        return [(side, str(state["subordinate"]))]  # type: ignore[index]
    if kind.startswith("claim"):
        side, state = ("before", before) if kind == "claim_removed" else ("after", after)
        return [(side, str(state["subject"]))]  # type: ignore[index]
    side, state = ("after", after) if kind == "finding_added" else ("before", before)
    subject = state.get("subject") if isinstance(state, dict) else None
    return [(side, str(subject))] if subject else []


@pytest.mark.parametrize(("earlier", "later"), PAIRS)
def test_every_change_of_the_json_report_has_its_mark(earlier: str, later: str) -> None:
    report = runner.invoke(app, ["diff", earlier, later, "--format", "json"])
    chart = runner.invoke(app, ["render", "--diff", earlier, later, "--layout", "side-by-side", "--format", "svg"])
    assert report.exit_code == 0 and chart.exit_code == 0, chart.output
    svg = chart.stdout.encode("utf-8")
    drawn = boxes(svg)
    changes = json.loads(report.stdout)["changes"]
    assert changes
    for change in changes:
        for side, entity in expected_marks(change):
            assert marked(drawn, side, entity, str(change["kind"])), (change["kind"], side, entity)
    document = [c for c in changes if c["kind"].startswith("finding") and not expected_marks(c)]
    if document:  # findings about a whole document are counted in the caption
        assert re.search(r"\d+ finding\(s\) about a whole document", chart.stdout)
    width, _ = svg_size(svg)
    assert width <= 2500, width


def edit(make_dataset: DatasetMaker) -> orgchart.Dataset:
    """A rename (field), a move (support from ops to ea), an addition (canine), a removal
    (patrol), a kind change (records: unit -> office); intake and training unchanged."""
    nodes = replace_node(BASE_NODES, "field", ("field", "Field Operations Division", "division"))
    nodes = replace_node(nodes, "patrol", ("canine", "Canine Team", "team"))
    nodes = replace_node(nodes, "records", ("records", "Records Unit", "office"))
    edges = replace_edges(
        BASE_EDGES,
        drop=[("parent", "field", "patrol"), ("parent", "ops", "support")],
        add=[("parent", "field", "canine"), ("parent", "ea", "support")],
    )
    return make_pair(make_dataset, nodes, edges)


def test_level_rows_marks_and_one_connector_per_move(make_dataset: DatasetMaker) -> None:
    ds = edit(make_dataset)
    changes = orgchart.diff(*ds.eras)
    drawn = side_by_side(changes)
    level = [row for row in drawn.outline.rows if row.level]
    assert {(row.before.node, row.after.node) for row in level if row.before and row.after} >= {
        ("ea", "ea"), ("ops", "ops"), ("field", "field"), ("training", "training")
    }  # fmt: skip
    svg = side_by_side_svg(drawn)
    classes = boxes(svg)
    assert "state-renamed" in classes["after-node-field"] and "state-renamed" in classes["before-node-field"]
    assert "state-added" in classes["after-node-canine"] and "state-removed" in classes["before-node-patrol"]
    assert "state-kind_changed" in classes["after-node-records"]
    text = svg.decode("utf-8")
    assert text.count('class="edge connector connector-moved"') == 1 and "moved to Example Agency" in text
    assert "was Field Division" in text and "was a unit" in text
    assert side_by_side_svg(side_by_side(changes)) == svg  # deterministic


def test_summary_folds_unchanged_branches_with_counts(make_dataset: DatasetMaker) -> None:
    # One unit is renamed; Field Division's branch (patrol, the program) and Training are unchanged.
    nodes = replace_node(BASE_NODES, "intake", ("intake", "Admissions Unit", "unit"))
    ds = make_pair(make_dataset, nodes, BASE_EDGES)
    drawn = side_by_side(orgchart.diff(*ds.eras), summary=True)
    text = words(side_by_side_svg(drawn))
    assert "2 entities unchanged Field Division · Training Unit ▸ with 2 unchanged below" in text
    assert "✎ Admissions Unit" in text and "Records Unit" in text  # a lone unchanged leaf keeps its own row
    assert "Patrol Unit" not in text and drawn.outline.folded == 4
    subtree = {"ops", "field", "patrol", "program", "support", "intake", "records"}
    single = words(side_by_side_svg(side_by_side(orgchart.diff(*ds.eras), summary=True, scope=(subtree, subtree))))
    assert "Field Division division ▸ 2 unchanged below" in single  # one unchanged branch keeps its name


def test_summary_of_a_generated_reorganization_of_thousands(make_dataset: DatasetMaker) -> None:
    first = generated_tree(21, 2000)
    eras = generated_charts([first, next_era(22, first, changes=12)])
    changes = orgchart.diff(*eras)
    drawn = draw_change_chart(changes, "svg", layout="side-by-side")  # large: the summary is the default
    assert drawn.summary and drawn.width <= 2500
    classes = boxes(drawn.data)
    entities = {token for names in classes.values() for token in names if token.startswith("entity-")}
    for change in changes:
        if change.kind in ("added", "removed", "renamed", "moved"):
            assert f"entity-{change.id}" in entities, change
    assert len(classes) < len(eras[0].nodes) / 3  # far fewer boxes than entities
    folded = re.search(r"Summary: ([\d,]+) unchanged entities folded", drawn.data.decode("utf-8"))
    assert folded and int(folded.group(1).replace(",", "")) > 1200


def test_root_draws_one_subtree_and_its_counterpart() -> None:
    result = runner.invoke(
        app, ["render", "--diff", "ero-excerpt", "ero-2023", "--root", "CAD", "--layout", "side-by-side", "-f", "svg"]
    )
    assert result.exit_code == 0, result.output
    entities = {
        token
        for names in boxes(result.stdout.encode("utf-8")).values()
        for token in names
        if token.startswith("entity-")
    }
    # CAD, what it oversees, and the partner the 287(g) Program names (as a subtree chart shows it)
    assert entities == {"entity-cad", "entity-cap", "entity-program-287g", "entity-state-local-law-enforcement"}
    union = runner.invoke(
        app, ["render", "--diff", "ero-excerpt", "ero-2023", "--root", "CAD", "--layout", "union", "-f", "dot"]
    )
    assert (
        union.exit_code == 0 and "custody-management-division" not in union.stdout and '"program-287g"' in union.stdout
    )
    missing = runner.invoke(app, ["render", "--diff", "ero-excerpt", "ero-2023", "--root", "Nowhere Division"])
    assert missing.exit_code == 1 and "no node" in missing.output


def test_the_dataset_order_puts_siblings_where_the_era_charts_do() -> None:
    changes = orgchart.diff(BUNDLED.era("ero-2020"), BUNDLED.era("ero-2023"), lineage=BUNDLED.lineage)
    order = stable_order(BUNDLED)
    rows = side_by_side(changes, order=order).outline.rows
    after = [row.after.node for row in rows if row.after and row.after.node and row.after.parent == "ero"]
    expected = [n.id for n in order.sort_nodes("ero-2023", BUNDLED.era("ero-2023").children("ero"))]
    assert after == [n for n in expected if n in after]


def test_the_readme_shows_the_built_change_chart_as_png() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "(renders/changes/ero-2020..ero-2023.png)" in readme
    assert (root / "renders/changes/ero-2020..ero-2023.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "run `make`"
