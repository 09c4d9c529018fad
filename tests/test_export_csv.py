"""CSV tables, read back with the `csv` module, as a spreadsheet would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.conftest import ERA_YAML, DatasetMaker
from tests.interchange_data import HARD_NAME, NEWLINE_NOTE, write_hard_dataset

runner = CliRunner()


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    root = write_hard_dataset(tmp_path / "data")
    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--era", "era-a", "--format", "csv", "-o", str(out), "--data", str(root)])
    assert result.exit_code == 0, result.output
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_headers_are_what_a_spreadsheet_expects(tables: Path) -> None:
    for name in ("nodes.csv", "edges.csv", "claims.csv"):
        raw = (tables / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark in the first header
        with (tables / name).open(encoding="utf-8", newline="") as stream:
            header = next(csv.reader(stream))
        assert header == [h.strip().lower() for h in header] and all(header)
        assert len(set(header)) == len(header)
    with (tables / "nodes.csv").open(encoding="utf-8", newline="") as stream:
        assert next(csv.reader(stream))[:5] == ["id", "name", "parent", "kind", "acronym"]


def test_every_row_and_hard_name_survives(tables: Path) -> None:
    nodes = {row["id"]: row for row in rows(tables / "nodes.csv")}
    assert list(nodes) == ["min", "ops", "it", "patrol", "old"]
    assert nodes["min"]["name"] == HARD_NAME and nodes["it"]["name"] == "情報技術課"
    assert nodes["ops"]["note"] == NEWLINE_NOTE and nodes["ops"]["acronym"] == ""
    assert nodes["it"]["parent"] == "min"  # the first-stated (main) parent
    assert json.loads(nodes["min"]["aliases"]) == ["the ministry", 'MoT, "Things"']
    assert json.loads(nodes["patrol"]["citations"]) == [{"source": "doc-one", "quote": "oversees the Patrol Program"}]
    edges = rows(tables / "edges.csv")
    assert [(e["kind"], e["superior"], e["subordinate"], e["second_parent"]) for e in edges][:3] == [
        ("parent", "min", "ops", "false"),
        ("parent", "min", "it", "false"),
        ("parent", "ops", "it", "true"),
    ]
    assert edges[-1]["citations"] == ""  # an uncited edge has an empty cell
    claims = {c["id"]: c for c in rows(tables / "claims.csv")}
    assert claims["min-ratio"]["attribute"] == 'ratio, "odd"' and claims["min-ratio"]["value"] == "2.5"
    assert claims["min-divisions"]["value"] == "2" and claims["min-divisions"]["unit"] == ""


def test_reading_the_directory_gives_the_era_back(tables: Path, tmp_path: Path) -> None:
    chart = orgchart.load(tmp_path / "data").era("era-a")
    back = orgchart.read_csv(tables)
    assert back.nodes == chart.nodes and back.edges == chart.edges and back.claims == chart.claims
    assert back.findings == chart.era.findings and back.sources == chart.sources
    assert back.era_sources == ("doc-one",) and back.label == chart.label


def test_a_spreadsheet_table_becomes_nodes_and_parent_edges(tmp_path: Path) -> None:
    table = tmp_path / "chart.csv"
    table.write_text(
        'ID,Name,Parent,Kind,Acronym,Head\nhq,"Ministry of ""Things"", Inc.",,agency,MoT,Ann\n'
        "Ops Dept,Département <&>,hq,Division,,Bob\n\nit,情報技術課,Ops Dept,unit,IT,\n",
        encoding="utf-8",
    )
    back = orgchart.read_csv(table)
    assert [(n.id, n.name, n.kind, n.acronym) for n in back.nodes] == [
        ("hq", 'Ministry of "Things", Inc.', "agency", "MoT"),
        ("ops-dept", "Département <&>", "division", None),
        ("it", "情報技術課", "unit", "IT"),
    ]
    assert [(e.superior, e.subordinate, e.citations) for e in back.edges] == [
        ("hq", "ops-dept", ()),
        ("ops-dept", "it", ()),
    ]
    assert (
        "1 id(s) made valid ('Ops Dept' -> 'ops-dept')" in back.notes
        and "ignored 1 column(s): 'head'" in back.notes[-1]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,parent\nA,\n", "missing column(s): id"),
        ("id,name,kind\na,A,\n", "has no kind"),
        ("id,name,kind\na,A,planet\n", "kind"),
        ("id,name,kind,parent\na,A,unit,zzz\n", "unknown node 'zzz'"),
        ("id,name,kind\na,A,unit\na,B,unit\n", "duplicate node id"),
    ],
)
def test_bad_tables_are_errors_with_the_line(tmp_path: Path, text: str, message: str) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(orgchart.DataError, match=r"bad\.csv") as caught:
        orgchart.read_csv(table)
    assert message in str(caught.value)


def test_csv_needs_an_output_directory(tmp_path: Path) -> None:
    root = write_hard_dataset(tmp_path / "data")
    result = runner.invoke(app, ["export", "--format", "csv", "--data", str(root)])
    assert result.exit_code == 2 and "needs -o" in result.output


def formula_dataset(make_dataset: DatasetMaker) -> Path:
    """An era whose names and note start as spreadsheet formulas, and one node with 300 long
    aliases (a 300 KiB cell, past the csv module's default 128 KiB field limit)."""
    aliases = ", ".join(json.dumps(f"alias {i} " + "long " * 180) for i in range(300))
    era = (
        ERA_YAML.replace("name: Field Division", 'name: "=HYPERLINK(\\"http://x\\")"')
        .replace("name: Support Division", 'name: "\'=already quoted"')
        .replace("acronym: EA", f'acronym: EA\n    note: "@SUM(1+1)"\n    aliases: [{aliases}]')
    )
    return make_dataset(era_yaml=era)


def test_formula_cells_are_neutralised_and_read_back_whole(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    root = formula_dataset(make_dataset)
    chart = orgchart.load(root).era("era-one")
    written = orgchart.to_csv(chart)["nodes.csv"]
    cells = {row["id"]: row for row in csv.DictReader(io.StringIO(written))}
    assert cells["field"]["name"] == '\'=HYPERLINK("http://x")'  # OWASP: a leading ' disarms it
    assert cells["support"]["name"] == "''=already quoted"  # so that reading back is exact
    assert cells["ea"]["note"] == "'@SUM(1+1)"
    assert len(cells["ea"]["aliases"]) > 128 * 1024
    raw = orgchart.to_csv(chart, keep_formulas=True)["nodes.csv"]
    assert '"=HYPERLINK(""http://x"")"' in raw
    out = tmp_path / "tables"
    orgchart.write_csv(chart, out)
    back = orgchart.read_csv(out)
    assert {n.id: n for n in back.nodes} == {n.id: n for n in chart.nodes}


def test_keep_formulas_on_the_command_line(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    root = formula_dataset(make_dataset)
    for flag, expected in (([], "'=HYPERLINK"), (["--keep-formulas"], '"=HYPERLINK')):
        out = tmp_path / f"csv{len(flag)}"
        result = runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "--data", str(root), *flag])
        assert result.exit_code == 0, result.output
        assert expected in (out / "nodes.csv").read_text(encoding="utf-8")
