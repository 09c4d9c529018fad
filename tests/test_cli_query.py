"""`orgchart query ...`: the query API on the command line, run as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgchart.cli import app
from tests.conftest import DatasetMaker
from tests.test_cli import all_commands
from tests.test_query import FIRST, LINEAGE, SECOND, SOURCE

runner = CliRunner()

SUBCOMMANDS = ("get", "path", "children", "subtree", "oversees", "overseen-by", "find", "timeline", "cite")


@pytest.fixture
def handmade(make_dataset: DatasetMaker) -> Path:
    root = make_dataset(era_yaml={"a.yaml": FIRST, "b.yaml": SECOND}, source_text=SOURCE)
    (root / "lineage.yaml").write_text(LINEAGE, encoding="utf-8")
    return root


def run(*args: str) -> str:
    # Rich sizes text to $COLUMNS when output is not a terminal; pin it to a classic terminal.
    result = runner.invoke(app, ["query", *args], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_subcommand_is_listed_with_help() -> None:
    commands = all_commands()
    assert {f"query {name}" for name in SUBCOMMANDS} <= set(commands)


@pytest.mark.parametrize("name", [n for n in SUBCOMMANDS if n != "timeline"])
def test_every_era_subcommand_takes_era_json_and_data(name: str) -> None:
    help_text = runner.invoke(app, ["query", name, "--help"]).output
    assert "--era" in help_text and "--json" in help_text and "--data" in help_text


def test_oversees_on_the_bundled_data() -> None:
    text = run("oversees", "CAD", "--era", "ero-2023")
    assert "cap" in text and "program-287g" in text and "287(g) Program" in text
    data = json.loads(run("oversees", "CAD", "--era", "ero-2023", "--json"))
    assert data["era"] == "ero-2023" and data["node"]["id"] == "cad"
    assert {"cap", "program-287g"} <= {n["id"] for n in data["oversees"]}


def test_text_output_fits_80_columns() -> None:
    for args in (
        ("path", "CAD"),
        ("subtree", "ERO", "--depth", "2"),
        ("find", "--kind", "center"),
        ("timeline", "CAP"),
        ("cite", "ERO"),
        ("get", "IHSC"),
    ):
        lines = run(*args).splitlines()
        assert lines and max(len(line) for line in lines) <= 80, args


def test_default_era_is_the_latest(handmade: Path) -> None:
    data = json.loads(run("children", "agency", "--json", "--data", str(handmade)))
    assert data["era"] == "b-second"
    assert [n["id"] for n in data["children"]] == ["immigration", "zurich"]
    older = json.loads(run("children", "agency", "--era", "a-first", "--json", "--data", str(handmade)))
    assert [n["id"] for n in older["children"]] == ["records", "zurich"]


def test_json_is_stable_and_sorted(handmade: Path) -> None:
    first = run("subtree", "agency", "--json", "--data", str(handmade))
    assert first == run("subtree", "agency", "--json", "--data", str(handmade))
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert list(data["subtree"]) == sorted(data["subtree"])
    assert data["subtree"]["name"] == "Главное агентство"  # not \u-escaped
    assert "Главное агентство" in first


def test_path_and_subtree_text(handmade: Path) -> None:
    text = run("path", "Patrol Unit", "--data", str(handmade))
    rows = text.split("─\n", 1)[1].splitlines()
    assert [row.split()[0] for row in rows] == ["agency", "zurich", "patrol"]
    assert "Zürich Office" in text and "b-second (2020-05-01)" in text
    shallow = run("subtree", "agency", "--depth", "1", "--data", str(handmade))
    assert "(more below)" in shallow and "patrol" not in shallow


def test_find_and_cite(handmade: Path) -> None:
    found = json.loads(run("find", "desk", "--kind", "team", "--json", "--data", str(handmade)))
    assert [n["id"] for n in found["nodes"]] == ["ops-desk", "night-desk"]
    assert "(none)" in run("find", "nothing-like-this", "--data", str(handmade))
    quotes = run("cite", "zurich", "patrol", "--data", str(handmade))
    assert "zurich --parent--> patrol" in quotes and "zurich --oversight--> patrol" in quotes
    assert "The Zürich Office oversees the Patrol Unit" in quotes
    data = json.loads(run("cite", "zurich", "patrol", "--kind", "oversight", "--json", "--data", str(handmade)))
    assert [r["kind"] for r in data["relations"]] == ["oversight"]
    node = json.loads(run("cite", "ГА", "--json", "--data", str(handmade)))
    assert node["citations"] == [{"source": "doc-one", "quote": "Главное агентство (ГА)"}]


def test_timeline_text_and_json(handmade: Path) -> None:
    text = run("timeline", "Archive Office", "--data", str(handmade))
    assert "records (lineage)" in text and "Records Office" in text and "renamed" in text
    data = json.loads(run("timeline", "patrol", "--json", "--data", str(handmade)))
    assert [(e["era"], e["present"]) for e in data["entries"]] == [("a-first", False), ("b-second", True)]
    assert data["entries"][1]["parent"] == {"id": "zurich", "name": "Zürich Office"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("path", "Zurich Ofice"), "did you mean 'Zürich Office'"),
        (("path", "ops"), "night-desk, ops-desk"),
        (("path", "patrol", "--era", "a-first"), "no node in era 'a-first'"),
        (("timeline", "Ops"), "ambiguous"),
        (("cite", "agency", "patrol"), "no relation in era 'b-second' between 'agency' and"),
        (("children", "agency", "--era", "c-third"), "no era 'c-third'"),
    ],
)
def test_lookup_errors_exit_1_with_a_message(handmade: Path, args: tuple[str, ...], message: str) -> None:
    result = runner.invoke(app, ["query", *args, "--data", str(handmade)])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


@pytest.mark.parametrize(
    "args",
    [
        ("find", "--kind", "teams"),
        ("subtree", "agency", "--depth", "-1"),
        ("cite", "agency", "--kind", "parent"),
        ("cite", "agency", "zurich", "--kind", "contains"),
    ],
)
def test_usage_errors_exit_2(handmade: Path, args: tuple[str, ...]) -> None:
    result = runner.invoke(app, ["query", *args, "--data", str(handmade)])
    assert result.exit_code == 2, result.output


def test_markup_in_names_is_printed_as_text(make_dataset: DatasetMaker) -> None:
    source = 'The <Bureau> & "Office" of 移民 [bold]x[/bold] comprises the Unit.\n'
    era = (
        "id: odd\nlabel: Odd names\nsources: [doc-one]\nnodes:\n"
        "  - id: bureau\n    name: 'The <Bureau> & \"Office\" of 移民 [bold]x[/bold]'\n    kind: agency\n"
        "    citations:\n      - source: doc-one\n        quote: '[bold]x[/bold]'\n"
    )
    root = make_dataset(era_yaml=era, source_text=source)
    text = run("find", "bureau", "--data", str(root))
    assert "[bold]x[/bold]" in text and "<Bureau> &" in text
    assert "[bold]x[/bold]" in run("cite", "bureau", "--data", str(root))


def test_get_shows_a_second_parent() -> None:
    text = " ".join(run("get", "alternatives-to-detention", "--era", "ero-2023").split())
    assert "also under" in text and "(second parent)" in text
    data = json.loads(run("get", "alternatives-to-detention", "--era", "ero-2023", "--json"))
    assert len(data["parents"]) == 2 and data["parents"][0] != data["parents"][1]
