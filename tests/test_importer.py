"""`orgchart import`, end to end: the new dataset validates, renders, exports; errors write nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from orgchart.export.importer import parse_date
from tests.interchange_data import HARD_NAME, write_hard_dataset

runner = CliRunner()

TABLE = (
    "id,name,parent,kind,acronym\n"
    'hq,"Ministry of ""Things"", Inc. <&>",,agency,MoT\n'
    "ops,Département des opérations,hq,division,\n"
    "it,情報技術課,ops,unit,IT\n"
)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_a_table_becomes_a_dataset_with_uncited_facts(tmp_path: Path) -> None:
    (tmp_path / "chart.csv").write_text(TABLE, encoding="utf-8")
    data = tmp_path / "data"
    code, output = run("import", str(tmp_path / "chart.csv"), "--era", "mine", "--date", "2024-05", "-o", str(data))
    assert code == 0, output
    assert "5 uncited fact(s)" in output and "placeholder source import-mine" in output
    code, output = run("validate", "--data", str(data))
    assert code == 0 and output.count("warning: mine: uncited") == 5 and "uncited: 5 (mine 5)" in output
    code, output = run("validate", "--strict", "--data", str(data))
    assert code == 1 and "node 'hq' has no citation" in output and "mine.yaml" in output
    code, output = run("show", "mine", "--data", str(data))
    assert code == 0 and "情報技術課" in output and 'Ministry of "Things", Inc. <&>' in output
    exported = json.loads(runner.invoke(app, ["export", "--data", str(data)]).stdout)
    assert [n["name"] for n in exported["nodes"]][1] == "Département des opérations"


def test_the_placeholder_source_says_what_it_is(tmp_path: Path) -> None:
    (tmp_path / "chart.csv").write_text(TABLE, encoding="utf-8")
    data = tmp_path / "data"
    run("import", str(tmp_path / "chart.csv"), "--era", "mine", "--date", "2024-05", "-o", str(data))
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    assert [s["id"] for s in sources] == ["import-mine"]
    placeholder = sources[0]
    assert "placeholder" in placeholder["publisher"] and "Placeholder" in placeholder["title"]
    assert placeholder["date"]["precision"] == "month" and str(placeholder["date"]["end"]) == "2024-05-31"
    document = (data / placeholder["file"]).read_bytes()
    assert hashlib.sha256(document).hexdigest() == placeholder["sha256"]
    assert document.startswith(b"PLACEHOLDER SOURCE") and b"chart.csv" in document


def test_the_same_input_gives_the_same_files(tmp_path: Path) -> None:
    (tmp_path / "chart.csv").write_text(TABLE, encoding="utf-8")
    outputs = []
    for name in ("one", "two"):
        run("import", str(tmp_path / "chart.csv"), "--era", "mine", "--date", "2024", "-o", str(tmp_path / name))
        outputs.append(
            [(tmp_path / name / f).read_bytes() for f in ("eras/mine.yaml", "sources.yaml", "sources/import-mine.txt")]
        )
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("format", ["json", "graphml", "csv"])
def test_export_then_import_keeps_the_era(tmp_path: Path, format: str) -> None:
    root = write_hard_dataset(tmp_path / "data")
    exported = tmp_path / ("tables" if format == "csv" else f"era.{format}")
    code, output = run("export", "--era", "era-a", "--format", format, "-o", str(exported), "--data", str(root))
    assert code == 0, output
    target = tmp_path / "copy"
    code, output = run("import", str(exported), "--era", "era-a", "-o", str(target), "--documents", str(root))
    assert code == 0, output
    original, copy = orgchart.load(root).era("era-a"), orgchart.load(target).era("era-a")
    assert copy.era == original.era and copy.sources == original.sources
    assert copy.node("min").name == HARD_NAME
    assert [f.kind for f in copy.findings] == [f.kind for f in original.findings]
    assert (target / "sources" / "doc-one.txt").read_bytes() == (root / "sources" / "doc-one.txt").read_bytes()


def test_a_second_era_joins_an_existing_dataset(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    (tmp_path / "chart.csv").write_text(TABLE, encoding="utf-8")
    code, output = run("import", str(tmp_path / "chart.csv"), "--era", "mine", "--date", "2024", "-o", str(root))
    assert code == 0, output
    dataset = orgchart.load(root)
    assert [era.id for era in dataset.eras] == ["era-a", "era-b", "mine"]
    assert set(dataset.sources) == {"doc-one", "import-mine"}


def test_errors_write_nothing(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    run("export", "--era", "era-a", "--format", "json", "-o", str(tmp_path / "era.json"), "--data", str(root))
    code, output = run("import", str(tmp_path / "era.json"), "--era", "era-a", "-o", str(tmp_path / "copy"))
    assert code == 1 and "was not found" in output and "--documents" in output
    assert not (tmp_path / "copy").exists()
    code, output = run(
        "import", str(tmp_path / "era.json"), "--era", "era-a", "-o", str(root), "--documents", str(root)
    )
    assert code == 1 and "exists" in output
    data = json.loads((tmp_path / "era.json").read_text(encoding="utf-8"))
    data["nodes"][0]["citations"][0]["quote"] = "words the document never says"
    (tmp_path / "era.json").write_text(json.dumps(data), encoding="utf-8")
    code, output = run(
        "import", str(tmp_path / "era.json"), "--era", "x", "-o", str(tmp_path / "c2"), "--documents", str(root)
    )
    assert code == 1 and "quote not found" in output and "nothing was written" in output
    assert not (tmp_path / "c2").exists()


def test_a_list_field_holding_a_number_is_a_located_error(tmp_path: Path) -> None:
    """A mutated export whose edge gives `citations: 14` (found by the fuzz test: a bare
    TypeError) is refused naming the file and the field, and writes nothing."""
    root = write_hard_dataset(tmp_path / "data")
    run("export", "--era", "era-a", "--format", "json", "-o", str(tmp_path / "era.json"), "--data", str(root))
    data = json.loads((tmp_path / "era.json").read_text(encoding="utf-8"))
    edges = "links" if "links" in data else "edges"
    data[edges][0]["citations"] = 14
    (tmp_path / "era.json").write_text(json.dumps(data), encoding="utf-8")
    code, output = run(
        "import", str(tmp_path / "era.json"), "--era", "x", "-o", str(tmp_path / "copy"), "--documents", str(root)
    )
    assert code == 1 and "era.json" in output and "citations" in output and "Traceback" not in output
    assert not (tmp_path / "copy").exists()


def test_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "chart.txt").write_text(TABLE, encoding="utf-8")
    code, output = run("import", str(tmp_path / "chart.txt"), "--era", "x", "-o", str(tmp_path / "d"))
    assert code == 2 and "valid formats: csv, json, graphml" in output
    code, output = run("import", str(tmp_path / "chart.txt"), "-f", "csv", "--era", "x", "--date", "May", "-o", "d")
    assert code == 2 and "--date" in output
    code, output = run(
        "import", str(tmp_path / "chart.txt"), "-f", "csv", "--era", "x", "--default-kind", "planet", "-o", "d"
    )
    assert code == 2 and "valid kinds" in output


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2023-01-18", "2023-01-18", "2023-01-18", "day"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2019", "2019-01-01", "2019-12-31", "year"),
        ("2008-01-01..2010-12-31", "2008-01-01", "2010-12-31", "range"),
    ],
)
def test_parse_date(text: str, start: str, end: str, precision: str) -> None:
    date = parse_date(text, "why")
    assert (date.start.isoformat(), date.end.isoformat(), date.precision) == (start, end, precision)
