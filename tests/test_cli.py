"""The command line: a thin layer over the library, tested as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import typer
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.conftest import ERA_YAML, DatasetMaker

runner = CliRunner()


def all_commands() -> dict[str, Any]:
    """Every command and subcommand of the CLI, by its full name."""
    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            found[f"{prefix}{name}"] = command
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_has_help_text() -> None:
    commands = all_commands()
    assert {"validate", "eras", "show", "export", "build"} <= set(commands)
    for name, command in commands.items():
        assert command.help and len(command.help) > 20, name
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name


def test_version_and_python_dash_m() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.output.strip() == f"orgchart {orgchart.__version__}"
    completed = subprocess.run(
        [sys.executable, "-m", "orgchart", "--version"], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == f"orgchart {orgchart.__version__}"


def test_eras_json_is_chronological(make_dataset: DatasetMaker) -> None:
    later = ERA_YAML.replace("id: era-one", "id: era-two").replace("sources: [doc-one]", "sources: [doc-one]")
    root = make_dataset(era_yaml={"b.yaml": ERA_YAML, "a.yaml": later})
    # Both eras share one source, so they tie on date and fall back to id order.
    result = runner.invoke(app, ["eras", "--json", "--data", str(root)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == ["era-one", "era-two"]
    assert rows[0]["date"] == "2020-05-01" and rows[0]["precision"] == "day"
    assert rows[0]["sources"] == ["doc-one"] and rows[0]["nodes"] == 4


def test_show_prints_the_tree_with_kinds(dataset_dir: Path) -> None:
    result = runner.invoke(app, ["show", "era-one", "--data", str(dataset_dir)])
    assert result.exit_code == 0, result.output
    assert "Example Agency (EA)" in result.output and "agency" in result.output
    assert "Field Division" in result.output and "field --oversight--> patrol" in result.output
    shallow = runner.invoke(app, ["show", "era-one", "--root", "EA", "--depth", "0", "--data", str(dataset_dir)])
    assert "Example Agency" in shallow.output and "Field Division" not in shallow.output


def test_show_unknown_era_suggests(dataset_dir: Path) -> None:
    result = runner.invoke(app, ["show", "era-onee", "--data", str(dataset_dir)])
    assert result.exit_code == 1
    assert "did you mean 'era-one'" in result.output


def test_export_json_follows_the_contract(dataset_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "era.json"
    result = runner.invoke(
        app, ["export", "--era", "era-one", "--format", "json", "-o", str(out), "--data", str(dataset_dir)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    graph = data["graph"]
    assert graph["era"] == "era-one" and graph["label"] == "Example Agency, first era"
    assert graph["date"] == "2020-05-01"
    assert graph["sources"][0]["id"] == "doc-one" and len(graph["sources"][0]["sha256"]) == 64
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {"ea", "field", "support", "patrol"}
    assert nodes["ea"]["acronym"] == "EA" and nodes["field"]["acronym"] is None
    assert nodes["ea"]["citations"] == [{"source": "doc-one", "quote": "Example Agency (EA) overview."}]
    assert nodes["patrol"]["aliases"] == [] and nodes["patrol"]["kind"] == "program"
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert edges == {("ea", "field", "parent"), ("ea", "support", "parent"), ("field", "patrol", "oversight")}
    assert all(e["citations"] for e in data["edges"])
    graph_back = nx.node_link_graph(data, edges="edges")
    assert sorted(graph_back.successors("ea")) == ["field", "support"]


def test_export_is_deterministic(dataset_dir: Path) -> None:
    first = runner.invoke(app, ["export", "--data", str(dataset_dir)]).stdout
    second = runner.invoke(app, ["export", "--data", str(dataset_dir)]).stdout
    assert first == second and first.endswith("\n")


def test_export_unknown_format_is_a_usage_error(dataset_dir: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "xml", "--data", str(dataset_dir)])
    assert result.exit_code == 2
    assert "valid formats" in result.output


def test_names_with_markup_and_non_latin_text_survive(make_dataset: DatasetMaker) -> None:
    source = 'The <Bureau> & "Office" of 移民 [bold]x[/bold] comprises the Unit.\n'
    era = (
        "id: odd\nlabel: Odd names\nsources: [doc-one]\nnodes:\n"
        "  - id: bureau\n    name: 'The <Bureau> & \"Office\" of 移民 [bold]x[/bold]'\n    kind: agency\n"
        "    citations:\n      - source: doc-one\n        quote: 'The <Bureau> & \"Office\" of 移民'\n"
    )
    root = make_dataset(era_yaml=era, source_text=source)
    shown = runner.invoke(app, ["show", "odd", "--data", str(root)])
    assert 'The <Bureau> & "Office" of 移民 [bold]x[/bold]' in shown.output
    data = json.loads(runner.invoke(app, ["export", "--data", str(root)]).stdout)
    assert data["nodes"][0]["name"] == 'The <Bureau> & "Office" of 移民 [bold]x[/bold]'


def test_build_writes_renders(dataset_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "renders"
    result = runner.invoke(app, ["build", "--out", str(out), "--data", str(dataset_dir)])
    assert result.exit_code == 0, result.output
    assert (out / "json" / "era-one.json").is_file()
    assert "`era-one`" in (out / "eras.md").read_text(encoding="utf-8")
