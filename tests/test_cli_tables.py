"""Terminal tables at 80 columns with long ids: ids fold first, names keep at least 20
characters and come out whole (orgchart.cli.tables)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgchart.cli import app
from orgchart.cli.tables import NAME_MIN_WIDTH, id_widths
from tests.conftest import DatasetMaker
from tests.eras import era_yaml, source_for

runner = CliRunner()

DEPTH = 9


def long_id(level: int) -> str:
    return f"department-of-very-long-identifiers-level-{level}-" * 2 + "x" * 20


def name_of(level: int) -> str:
    return f"Office of the Deputy Assistant Secretary for Level {level} Matters"


@pytest.fixture
def deep(make_dataset: DatasetMaker) -> Path:
    nodes = [(long_id(i), name_of(i), "office") for i in range(DEPTH)]
    edges = [("parent", long_id(i - 1), long_id(i)) for i in range(1, DEPTH)]
    text = era_yaml("deep", nodes, edges)
    return make_dataset(era_yaml={"deep.yaml": text}, source_text=source_for(text))


def name_column(output: str) -> tuple[int, list[str]]:
    """The width of the table's name column and its text, cell by cell (a row starts on the
    line that shows its kind; the lines below continue its cells)."""
    lines = output.splitlines()
    top = next(i for i, line in enumerate(lines) if " name " in line and " kind " in line)
    head = lines[top]
    start, end = head.index(" name ") + 1, head.index(" kind ") + 1
    stop = head.index(" parent") + 1 if " parent" in head else None
    cells: list[str] = []
    for line in lines[top + 2 :]:
        if not line.strip():
            break
        text = line[start:end].strip()
        if line[end:stop].strip():
            cells.append(text)
        else:
            cells[-1] = f"{cells[-1]} {text}".strip()
    return end - start, cells


@pytest.mark.parametrize("args", [["find", "level"], ["path", long_id(DEPTH - 1)], ["children", long_id(0)]])
def test_names_stay_readable_with_long_ids(deep: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["query", *args, "--data", str(deep)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    width, cells = name_column(result.stdout)
    assert width >= NAME_MIN_WIDTH
    names = {" ".join(cell.split()) for cell in cells}
    expected = {name_of(i) for i in range(DEPTH)} if args[0] != "children" else {name_of(1)}
    assert names == expected
    assert "…" not in result.stdout and "..." not in result.stdout


def test_the_timeline_keeps_the_name_column(deep: Path) -> None:
    result = runner.invoke(app, ["query", "timeline", name_of(4), "--data", str(deep)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    width, cells = name_column(result.stdout)
    assert width >= NAME_MIN_WIDTH and " ".join(cells[0].split()) == name_of(4)


def test_id_columns_share_what_the_name_leaves() -> None:
    assert id_widths(80, 15, [100]) == [40] and id_widths(80, 15, [12]) == [12]
    assert id_widths(60, 15, [100]) == [22] and id_widths(40, 15, [50, 50]) == [8, 8]
    # a column of short ids keeps what it needs; the other takes the rest
    assert id_widths(80, 20, [12, 100]) == [12, 22]
