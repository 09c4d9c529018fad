"""The shapes real registers come in: path tables, GraphML and JSON whose edges point child to
parent, other keys for names and kinds, long ids. Each is read right or stopped with a message
that names the option, and the notes say what was read and what was ignored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

import orgchart
from benchmarks.byo_hierarchy import KIND_MAP, Unit, generate, paths
from orgchart.cli import app
from orgchart.export.ids import MAX_ID_LENGTH
from orgchart.export.importer import read_interchange
from orgchart.export.shape import ImportShape, parse_kind_map

runner = CliRunner()

SLASHED_TABLE = (
    "path,name,type\n"
    '"/ROOT/DEFENSE DEPARTMENT (100)/DEFENSE POW/MIA ACCOUNTING AGENCY (200)",DEFENSE POW/MIA ACCOUNTING AGENCY,Sub-Tier\n'
    '"/ROOT/DEFENSE DEPARTMENT (100)/DEFENSE POW/MIA ACCOUNTING AGENCY (200)/A/E SERVICES (300)",A/E SERVICES,Office\n'
    '"/ROOT/DEFENSE DEPARTMENT (100)",DEFENSE DEPARTMENT,Department/Ind. Agency\n'
    '"/ROOT/DEFENSE DEPARTMENT (100)/DEFENSE POW (400)",DEFENSE POW,Office\n'
    '"/ROOT/R&D <BOARD> (500)/DIRECTOR (600)",DIRECTOR,Office\n'
    '"/ROOT/R&D <BOARD> (500)",R&D <BOARD>,Department/Ind. Agency\n'
)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def parents_of(chart: orgchart.OrgChart) -> dict[str, str | None]:
    return {node.id: (parent.id if (parent := chart.parent(node)) else None) for node in chart.nodes}


SHAPE = ["--path-column", "path", "--kind-key", "type", "--kind-map", KIND_MAP]


def test_a_path_table_with_slashes_in_names(tmp_path: Path) -> None:
    """Parents are the longest path prefix that is a row, whatever order the rows come in; ids
    are the codes that end each segment; one note per way, not one per row."""
    (tmp_path / "register.csv").write_text(SLASHED_TABLE, encoding="utf-8")
    code, output = run(
        "import", str(tmp_path / "register.csv"), "--era", "r", "--date", "2024", *SHAPE, "-o", str(tmp_path / "d")
    )
    assert code == 0, output
    chart = orgchart.load(tmp_path / "d").era("r")
    assert parents_of(chart) == {"100": None, "200": "100", "300": "200", "400": "100", "500": None, "600": "500"}
    assert chart.node("200").name == "DEFENSE POW/MIA ACCOUNTING AGENCY" and chart.node("200").kind == "division"
    assert chart.node("500").name == "R&D <BOARD>" and chart.node("100").kind == "agency"
    assert "ids of 6 node(s) from the code that ends their name or path" in output
    assert "4 row(s) from 'path'" in output and "2 row(s) have none and are roots" in output
    assert "pass --label" in output  # the era's title defaults to its id


def test_id_from_takes_the_id_from_the_last_segment(tmp_path: Path) -> None:
    table = SLASHED_TABLE.replace("(", "[code ").replace(")", "]")
    (tmp_path / "register.csv").write_text(table, encoding="utf-8")
    args = ["import", str(tmp_path / "register.csv"), "--era", "r", "--date", "2024", *SHAPE]
    code, output = run(*args, "--id-from", r"\[code (\d+)\]$", "-o", str(tmp_path / "d"))
    assert code == 0, output
    assert set(parents_of(orgchart.load(tmp_path / "d").era("r"))) == {"100", "200", "300", "400", "500", "600"}
    code, output = run(*args, "--id-from", r"\((\d+)\)$", "-o", str(tmp_path / "e"))
    assert code == 1 and "does not match" in output and "register.csv:2" in output and "--id-from" in output
    assert not (tmp_path / "e").exists()


def test_rows_without_codes_get_short_stable_ids(tmp_path: Path) -> None:
    """No id and no code: a slug of the name capped in length, with a hash of the path, the
    same on every import; repeated names stay apart."""
    long_name = "Office of the Deputy Assistant Secretary for Very Long Names and Other Matters"
    table = "path,name\n/Agency,Agency\n" + "".join(
        f'"/Agency/{unit}",{unit.split("/")[-1]}\n' for unit in (f"Bureau {i}/{long_name}" for i in range(3))
    )
    table += "/Agency/Bureau 0,Bureau 0\n/Agency/Bureau 1,Bureau 1\n/Agency/Bureau 2,Bureau 2\n"
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    shape = ImportShape(path_column="path", default_kind="unit")
    first = read_interchange(tmp_path / "t.csv", "csv", shape=shape)
    again = read_interchange(tmp_path / "t.csv", "csv", shape=shape)
    ids = [node.id for node in first.nodes]
    assert ids == [node.id for node in again.nodes] and len(set(ids)) == len(ids) == 7
    assert all(len(i) <= MAX_ID_LENGTH for i in ids)
    assert sum(i.startswith("office-of-the-deputy-assistant-secretary") for i in ids) == 3
    assert sum("made from the name" in note for note in first.notes) == 1


def test_a_duplicate_path_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("path,name\n/A,A\n/A/B,B\n/A/B,B again\n", encoding="utf-8")
    with pytest.raises(orgchart.DataError, match=r"t\.csv:4.*also the path of .*t\.csv:3"):
        read_interchange(tmp_path / "t.csv", "csv", shape=ImportShape(path_column="path", default_kind="unit"))


def test_unmapped_kinds_are_one_error_listing_them(tmp_path: Path) -> None:
    (tmp_path / "register.csv").write_text(SLASHED_TABLE, encoding="utf-8")
    code, output = run(
        "import", str(tmp_path / "register.csv"), "--era", "r", "--path-column", "path", "--kind-key", "type",
        "-o", str(tmp_path / "d"),
    )  # fmt: skip
    assert code == 1 and output.count("kind value(s) are not kinds") == 1
    assert "2 kind value(s)" in output and "'Department/Ind. Agency', 'Sub-Tier'" in output and "--kind-map" in output
    code, output = run("import", "x.csv", "--era", "r", "--kind-map", "Office=planet", "-o", "d")
    assert code == 2 and "--kind-map" in output
    assert parse_kind_map("Department/Ind. Agency=agency, Sub-Tier=division") == {
        "Department/Ind. Agency": "agency",
        "Sub-Tier": "division",
    }


def register_graph(units: dict[str, Unit], *, reversed_edges: bool, extra_keys: int) -> nx.MultiDiGraph:
    """A register as another tool writes it: node ids are whole paths, no name key, the kind
    under `type`, many attribute keys nobody asked for, and edges child -> parent if asked."""
    by_code = paths(units)
    graph = nx.MultiDiGraph()
    for code, unit in sorted(units.items()):
        extras = {f"field_{i:03d}": f"{code}-{i}" for i in range(extra_keys)}
        graph.add_node(by_code[code], type=unit.type, **extras)
    for code, unit in sorted(units.items()):
        if unit.parent is not None:
            parent, child = by_code[unit.parent], by_code[code]
            graph.add_edge(*((child, parent) if reversed_edges else (parent, child)))
    return graph


@pytest.fixture(scope="module")
def register() -> dict[str, Unit]:
    return generate(300, seed=3).before


@pytest.mark.parametrize("suffix", ["graphml", "json"])
def test_child_to_parent_edges_stop_the_import_then_read_right_with_the_option(
    tmp_path: Path, register: dict[str, Unit], suffix: str
) -> None:
    graph = register_graph(register, reversed_edges=True, extra_keys=40)
    path = tmp_path / f"register.{suffix}"
    if suffix == "graphml":
        nx.write_graphml(graph, path)
    else:
        path.write_text(json.dumps(nx.node_link_data(graph, edges="edges")), encoding="utf-8")
    args = ["import", str(path), "--era", "r", "--date", "2024", "--kind-key", "type", "--kind-map", KIND_MAP]
    code, output = run(*args, "-o", str(tmp_path / "wrong"))
    assert code == 1 and "look reversed" in output and "--edges child-to-parent" in output
    assert re.search(r"is placed under \d+", output) and not (tmp_path / "wrong").exists()
    code, output = run(*args, "--edges", "child-to-parent", "-o", str(tmp_path / "d"))
    assert code == 0, output
    chart = orgchart.load(tmp_path / "d").era("r")
    assert parents_of(chart) == {code: unit.parent for code, unit in register.items()}
    assert {node.id: node.name for node in chart.nodes} == {code: unit.name for code, unit in register.items()}
    assert "ignored 40 node attribute key(s): 'field_000', 'field_001'" in output and "and 35 more" in output
    assert "no 'name' or 'label' key" in output and "--name-key" in output
    assert "parent edge(s) read child to parent" in output


def test_edges_that_point_down_import_without_the_option(tmp_path: Path, register: dict[str, Unit]) -> None:
    graph = register_graph(register, reversed_edges=False, extra_keys=0)
    for node, attrs in graph.nodes(data=True):
        attrs["title"] = node.rsplit("/", 1)[-1]
    nx.write_graphml(graph, tmp_path / "r.graphml")
    shape = ImportShape(kind_key="type", kind_map=parse_kind_map(KIND_MAP), name_key="title")
    era = read_interchange(tmp_path / "r.graphml", "graphml", shape=shape)
    assert {edge.subordinate: edge.superior for edge in era.edges} == {
        c: u.parent for c, u in register.items() if u.parent
    }
    assert "names from 'title' (--name-key)" in era.notes
    assert all(len(node.id) <= MAX_ID_LENGTH for node in era.nodes)


def test_edges_option_is_for_graphs(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,name,kind\na,A,unit\n", encoding="utf-8")
    code, output = run("import", str(tmp_path / "t.csv"), "--era", "r", "--edges", "child-to-parent", "-o", "d")
    assert code == 2 and "--edges applies to GraphML and JSON" in output
    code, output = run("import", str(tmp_path / "t.csv"), "--era", "r", "--edges", "sideways", "-o", "d")
    assert code == 2 and "parent-to-child" in output
