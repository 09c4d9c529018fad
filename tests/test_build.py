"""`orgchart build` writes every interchange format for every era, byte for byte the same each time."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgchart
from orgchart.build import build_all, build_changes
from orgchart.render.graphviz import ChartTooLargeError
from tests.conftest import DatasetMaker
from tests.eras import era_yaml, source_for
from tests.interchange_data import write_hard_dataset


def test_build_writes_every_export_deterministically(tmp_path: Path) -> None:
    dataset = orgchart.load(write_hard_dataset(tmp_path / "data"))
    first = build_all(dataset, tmp_path / "one")
    second = build_all(orgchart.load(dataset.root), tmp_path / "two")
    exports = tmp_path / "one" / "export"
    for era in ("era-a", "era-b"):
        assert (exports / f"{era}.graphml").is_file()
        for table in ("nodes.csv", "edges.csv", "claims.csv"):
            assert (exports / era / table).is_file()
    assert (exports / "orgchart.sqlite").is_file() and (exports / "orgchart.ttl").is_file()
    assert [p.relative_to(tmp_path / "one") for p in first] == [p.relative_to(tmp_path / "two") for p in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_a_change_chart_too_large_for_a_png_is_left_out_and_said(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    """A register of 500 offices in which every office's unit is renamed: the change chart's
    summary keeps each renamed unit on a row of its own, far taller than the 32,767 px Graphviz
    draws a PNG at. The build's change step writes the SVG and the reports, leaves the PNG out
    and says why (the CLI prints it as a note); nothing is raised."""
    offices = [(f"o{n}", f"Regional Records Office Number {n}", "office") for n in range(500)]
    edges = [("parent", f"o{n}", f"u{n}") for n in range(500)]
    units = [(f"u{n}", f"Intake Unit of Region {n}", "unit") for n in range(500)]
    renamed = [(f"u{n}", f"Archives Unit of Region {n}", "unit") for n in range(500)]
    texts = {
        "gen-1.yaml": era_yaml("gen-1", offices + units, edges),
        "gen-2.yaml": era_yaml("gen-2", offices + renamed, edges),
    }
    dataset = orgchart.load(make_dataset(era_yaml=texts, source_text=source_for(*texts.values())))
    skipped: list[tuple[Path, str]] = []
    written = build_changes(dataset, tmp_path, skipped)
    assert [path for path, _ in skipped] == [tmp_path / "gen-1..gen-2.png"]
    assert "32,767 px" in skipped[0][1] and "its SVG is gen-1..gen-2.svg" in skipped[0][1]
    assert not (tmp_path / "gen-1..gen-2.png").exists() and tmp_path / "gen-1..gen-2.png" not in written
    svg = (tmp_path / "gen-1..gen-2.svg").read_text(encoding="utf-8")
    assert svg.count("Archives Unit of Region") >= 500  # every renamed unit drawn
    assert (tmp_path / "gen-1..gen-2.md").is_file() and (tmp_path / "history.md").is_file()
    with pytest.raises(ChartTooLargeError):  # called without a list to note it in, it raises
        build_changes(dataset, tmp_path / "again")


def test_graphviz_reads_quoted_strings_longer_than_its_scanner_takes(tmp_path: Path) -> None:
    """A side-by-side group of 1,400 added offices carries every id in its class and every name
    in its tooltip: tens of thousands of characters, which Graphviz's scanner refuses in one
    quoted string. The DOT splits them with `+`, and the drawn SVG holds them whole."""
    from orgchart.render.dot import readable_by_graphviz
    from orgchart.render.graphviz import layout

    ids = " ".join(f"entity-o{n}" for n in range(2000))
    names = "\\n".join(f'Office \\"{n}\\" 東京 &amp; co' for n in range(1500))
    source = f'digraph {{ a [class="{ids}" tooltip="{names}" label=<<B>x</B>>] b [label="short"] a -> b }}'
    readable = readable_by_graphviz(source)
    assert readable != source and '" + "' in readable
    assert readable_by_graphviz("digraph { a -> b }") == "digraph { a -> b }"
    svg = layout(source, "svg").decode("utf-8")
    assert ids.replace("-", "&#45;") in svg
    assert svg.count("東京") == 1500 and "Office &quot;1499&quot; 東京" in svg
