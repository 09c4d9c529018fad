"""orgchart.render.changes: the union change chart, with real Graphviz."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import graphviz
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.render.change_layout import write_change_chart
from orgchart.render.change_marks import STATE_MARKS
from orgchart.render.changes import change_chart, change_chart_dot, render_change_chart
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


def pair(make_dataset: DatasetMaker) -> orgchart.ChangeSet:
    nodes = replace_node(BASE_NODES, "field", ("field", 'Field "<Ops>" \\ {x}', "division"))
    nodes = replace_node(nodes, "patrol", ("canine", "Canine Team", "team"))
    edges = replace_edges(
        BASE_EDGES,
        drop=[("parent", "field", "patrol"), ("parent", "ops", "support")],
        add=[("parent", "field", "canine"), ("parent", "ea", "support")],
    )
    return orgchart.diff(*make_pair(make_dataset, nodes, edges).eras)


def test_every_change_is_marked_twice(make_dataset: DatasetMaker) -> None:
    source = change_chart_dot(pair(make_dataset))
    # Labels wrap (`<BR/>`) wherever a name grows long; read them as one line of text.
    lines = {line.split(" [")[0].strip(): line.replace("<BR/>", " ") for line in source.splitlines() if " [" in line}
    assert "peripheries=2" in lines["canine"] and "+ Canine Team" in lines["canine"]
    assert "dashed" in lines["patrol"] and f"{STATE_MARKS['removed'].marker} Patrol Unit" in lines["patrol"]
    assert "bold" in lines["field"] and "✎" in lines["field"] and "was Field Division" in lines["field"]
    assert "→ Support Division" in lines["support"] and "was under Operations Directorate" in lines["support"]
    assert 'label="was under"' in source  # the moved entity's dotted edge from its former parent


def test_an_entity_not_mentioned_later_has_no_edge_and_says_where_it_was(make_dataset: DatasetMaker) -> None:
    changes = pair(make_dataset)
    source = change_chart_dot(changes)
    assert not any("-> patrol" in line for line in source.splitlines())  # no former-parent edge
    assert "was under Field Division" in source and 'id="not-mentioned"' in source


def test_the_legend_shows_change_states_every_swatch_visible_not_kinds(make_dataset: DatasetMaker) -> None:
    label = change_chart_dot(pair(make_dataset)).rsplit("\tlabel=", 1)[1]  # the caption, set last
    for state in ("added", "removed", "renamed", "moved", "unchanged"):
        mark = STATE_MARKS[state]
        assert f'COLOR="{mark.border}"' in label and mark.label in label
    # "unchanged" is white: its swatch has a grey border, so it shows on white paper and in grayscale.
    assert STATE_MARKS["unchanged"].fill == "#ffffff" and STATE_MARKS["unchanged"].border != "#ffffff"
    assert "directorate</FONT>" not in label and ">division<" not in label  # no kind swatches


def test_names_survive_dot_and_svg(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    changes = pair(make_dataset)
    write_change_chart(changes, tmp_path / "c.svg", layout="union")
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "Field &quot;&lt;Ops&gt;&quot; \\ {x}" in svg
    assert graphviz.Source(change_chart(changes).source).pipe(format="svg")


def test_bundled_union_chart_has_no_edge_into_an_entity_not_mentioned_later() -> None:
    ds = orgchart.load()
    changes = orgchart.diff(ds.era("ero-2020"), ds.era("ero-2023"), lineage=ds.lineage)
    root = ET.fromstring(render_change_chart(changes, "svg"))
    removed = {g.get("id") for g in root.iter(f"{SVG}g") if "change-removed" in (g.get("class") or "")}
    assert len(removed) == len(changes.by_kind("removed"))
    heads = {
        title.text.split("->")[-1]
        for g in root.iter(f"{SVG}g")
        if "edge" in (g.get("class") or "").split()
        for title in g.iter(f"{SVG}title")
        if title.text
    }
    assert not {f"node-{head}" for head in heads} & removed


def test_cli_render_diff(tmp_path: Path) -> None:
    target = tmp_path / "change.svg"
    result = runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "<svg" in target.read_text(encoding="utf-8") and "side-by-side" in result.output
    result = runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--layout", "union", "--format", "dot"])
    assert result.exit_code == 0 and result.stdout.startswith("digraph")
    assert runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--format", "png"]).exit_code == 2
    assert runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--layout", "sideways"]).exit_code == 2
    assert runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--depth", "1"]).exit_code == 2


def test_build_writes_every_pair(tmp_path: Path) -> None:
    ds = orgchart.load()
    from orgchart.build import build_all

    written = {p.relative_to(tmp_path).as_posix() for p in build_all(ds, tmp_path)}
    for before, after in zip(ds.eras, ds.eras[1:], strict=False):
        for suffix in ("md", "html", "json", "svg", "png", "union.svg"):
            assert f"changes/{before.id}..{after.id}.{suffix}" in written
    assert {"changes/history.md", "changes/history.html", "changes/history.json"} <= written
