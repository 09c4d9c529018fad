"""orgchart.render.changes: the change chart, with real Graphviz."""

from __future__ import annotations

from pathlib import Path

import graphviz
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.render.changes import MARKS, change_chart, change_chart_dot, write_change_chart
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node

runner = CliRunner()


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
    assert "dashed" in lines["patrol"] and f"{MARKS['removed'].marker} Patrol Unit" in lines["patrol"]
    assert "bold" in lines["field"] and "✎" in lines["field"] and "was Field Division" in lines["field"]
    assert "→ Support Division" in lines["support"]
    assert 'label="was under"' in source
    assert "not mentioned later (dashed)" in source and "first mentioned (double border)" in source


def test_names_survive_dot_and_svg(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    changes = pair(make_dataset)
    svg = write_change_chart(changes, tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "Field &quot;&lt;Ops&gt;&quot; \\ {x}" in svg
    assert graphviz.Source(change_chart(changes).source).pipe(format="svg")


def test_cli_render_diff(tmp_path: Path) -> None:
    target = tmp_path / "change.svg"
    result = runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "<svg" in target.read_text(encoding="utf-8")
    result = runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--format", "dot"])
    assert result.exit_code == 0 and result.stdout.startswith("digraph")
    assert runner.invoke(app, ["render", "--diff", "dro-2008", "ero-2020", "--format", "png"]).exit_code == 2


def test_build_writes_every_pair(tmp_path: Path) -> None:
    ds = orgchart.load()
    from orgchart.build import build_all

    written = {p.relative_to(tmp_path).as_posix() for p in build_all(ds, tmp_path)}
    for before, after in zip(ds.eras, ds.eras[1:], strict=False):
        for suffix in ("md", "html", "json", "svg"):
            assert f"changes/{before.id}..{after.id}.{suffix}" in written
    assert {"changes/history.md", "changes/history.html", "changes/history.json"} <= written
