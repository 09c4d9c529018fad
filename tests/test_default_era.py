"""The default era (dataset.yaml, else the latest complete era), `Dataset.at` and `--as-of`, and
lookups that fail saying which era they searched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.graph import parse_as_of
from tests.dated_data import Document, write_dated_dataset

NODES = [("ea", "Example Agency", "agency", "EA"), ("field", "Field Division", "division")]
EDGES = [("parent", "ea", "field")]
TEXT = "Example Agency\nField Division\n"


def documents(*, truncated_last: bool = True) -> list[Document]:
    return [
        Document("early", "2010-01-01", "2010-12-31", TEXT, NODES, EDGES),
        Document("middle", "2015-06-01", "2015-06-01", TEXT, NODES, EDGES),
        Document(
            "late",
            "2020-03-01",
            "2020-03-31",
            TEXT + "Intake Unit\n",
            [*NODES, ("intake", "Intake Unit", "unit")],
            [*EDGES, ("parent", "field", "intake")],
            "Intake Unit" if truncated_last else None,
        ),
    ]


def test_the_latest_complete_era_is_the_default(tmp_path: Path) -> None:
    ds = orgchart.load(write_dated_dataset(tmp_path / "d", documents()))
    assert ds.latest.id == "late" and not ds.latest.complete
    assert [s.id for s in ds.latest.incomplete_sources] == ["doc-late"]
    assert ds.default.id == "middle"
    assert "complete" in ds.default_reason
    whole = orgchart.load(write_dated_dataset(tmp_path / "w", documents(truncated_last=False)))
    assert whole.default.id == "late"


def test_dataset_yaml_names_the_default(tmp_path: Path) -> None:
    ds = orgchart.load(write_dated_dataset(tmp_path / "d", documents(), default_era="early"))
    assert ds.default.id == "early" and "dataset.yaml" in ds.default_reason


def test_an_unknown_default_era_is_an_error_with_the_fix(tmp_path: Path) -> None:
    root = write_dated_dataset(tmp_path / "d", documents(), default_era="midle")
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    [problem] = caught.value.problems
    assert problem.file.endswith("dataset.yaml") and problem.line == 1
    assert "'midle'" in problem.message and "middle" in problem.fix


def test_breaks_off_must_be_in_the_text(tmp_path: Path) -> None:
    docs = documents()
    docs[-1] = Document("late", "2020-03-01", "2020-03-31", TEXT, NODES, EDGES, "Intake Unit")
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(write_dated_dataset(tmp_path / "d", docs))
    [problem] = caught.value.problems
    assert "breaks_off" in problem.message and problem.file.endswith("sources.yaml")


def test_the_era_in_force_at_a_date(tmp_path: Path) -> None:
    ds = orgchart.load(write_dated_dataset(tmp_path / "d", documents()))
    assert ds.at("2016").id == "middle"
    assert ds.at(dt.date(2015, 6, 1)).id == "middle"
    assert ds.at("2015-05").id == "early"
    assert ds.era_at("2016-01-01").uncertain == ""
    # the date falls inside the early document's range: it may be later than the date
    assert "may be after 2010-06-30" in ds.era_at("2010-06").uncertain
    with pytest.raises(orgchart.NotFoundError, match="earliest era, early"):
        ds.at("2009")


@pytest.mark.parametrize(
    ("text", "day"), [("2020", "2020-12-31"), ("2020-02", "2020-02-29"), ("2020-12-05", "2020-12-05")]
)
def test_as_of_dates(text: str, day: str) -> None:
    assert parse_as_of(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("text", ["2020-13", "yesterday", "20-1-1"])
def test_bad_as_of_dates(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_as_of(text)


def test_every_command_with_era_takes_as_of(tmp_path: Path) -> None:
    root = write_dated_dataset(tmp_path / "d", documents())
    runner = CliRunner()
    for command in (
        ["query", "get", "Field Division"],
        ["query", "path", "field"],
        ["query", "children", "ea"],
        ["query", "subtree", "ea"],
        ["query", "oversees", "ea"],
        ["query", "overseen-by", "ea"],
        ["query", "find", "field"],
        ["query", "cite", "ea"],
        ["query", "timeline", "field"],
        ["render", "--format", "dot"],
        ["export", "--format", "json"],
    ):
        extra = ["--json"] if command[0] == "query" else []
        result = runner.invoke(app, [*command, *extra, "--as-of", "2016", "--data", str(root)])
        assert result.exit_code == 0, (command, result.output)
        assert "middle" in result.stdout or "Field Division" in result.stdout, command


def test_a_failed_lookup_says_which_era_and_how_to_choose_another(tmp_path: Path) -> None:
    root = write_dated_dataset(tmp_path / "d", documents())
    result = CliRunner().invoke(app, ["query", "path", "Intake Unit", "--data", str(root)])
    assert result.exit_code == 1
    assert "no node in era 'middle'" in result.stderr
    assert "looked in era middle (the default era: the latest era whose archived text is complete)" in result.stderr
    assert "--era ERA or --as-of DATE" in result.stderr
    result = CliRunner().invoke(app, ["query", "path", "Intake Unit", "--as-of", "2012", "--data", str(root)])
    assert "looked in era early (in force at 2012)" in result.stderr
    found = CliRunner().invoke(app, ["query", "path", "Intake Unit", "--era", "late", "--data", str(root)])
    assert found.exit_code == 0 and "intake" in found.stdout
