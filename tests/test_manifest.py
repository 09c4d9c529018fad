"""The build's manifest: a build removes the outputs an earlier build wrote and it no longer
writes, and nothing else."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import orgchart
from orgchart.build import build_report
from orgchart.cli import app
from orgchart.manifest import MANIFEST, prune_and_record, read_manifest
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, era_yaml, source_for


def three_eras(make_dataset: DatasetMaker) -> Path:
    texts = {f"{name}.yaml": era_yaml(f"era-{name}", BASE_NODES, BASE_EDGES) for name in ("a", "b", "c")}
    return make_dataset(era_yaml=texts, source_text=source_for(*texts.values()))


def test_a_build_removes_what_it_no_longer_writes_and_nothing_else(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    root = three_eras(make_dataset)
    out = tmp_path / "renders"
    first = build_report(orgchart.load(root), out)
    assert not first.removed
    stale = [out / "changes" / "era-b..era-c.md", out / "json" / "era-c.json", out / "charts" / "era-c.svg"]
    assert all(path.is_file() for path in stale)
    mine = out / "notes.txt"
    mine.write_text("a curator's notes, not written by the build\n", encoding="utf-8")
    (out / "site" / "screenshot.png").write_bytes(b"\x89PNG")
    listed = {str(path) for path in read_manifest(out)}
    assert "json/era-c.json" in listed and "notes.txt" not in listed

    (root / "eras" / "c.yaml").unlink()
    second = build_report(orgchart.load(root), out)
    assert set(stale) <= set(second.removed)
    assert all(not path.exists() for path in second.removed)
    assert mine.is_file() and (out / "site" / "screenshot.png").is_file()
    assert all(path.is_file() for path in second.written)
    assert not (out / "export" / "era-c").exists()  # its CSV folder, emptied, is gone too
    assert "json/era-c.json" not in {str(path) for path in read_manifest(out)}
    # The same data again: nothing to remove, the same manifest byte for byte.
    before = (out / MANIFEST).read_bytes()
    assert not build_report(orgchart.load(root), out).removed
    assert (out / MANIFEST).read_bytes() == before


def test_the_manifest_cannot_reach_outside_its_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    kept = out / "kept.txt"
    kept.write_text("x", encoding="utf-8")
    (out / MANIFEST).write_text(f"../precious.txt\n{outside}\nkept.txt\nmissing.txt\n", encoding="utf-8")
    removed = prune_and_record(out, [])
    assert removed == [kept]
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert read_manifest(out) == []


def test_the_build_command_says_what_it_removed(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    root = three_eras(make_dataset)
    out = tmp_path / "renders"
    runner = CliRunner()
    assert runner.invoke(app, ["build", "--out", str(out), "--data", str(root)]).exit_code == 0
    (root / "eras" / "c.yaml").unlink()
    result = runner.invoke(app, ["build", "--out", str(out), "--data", str(root)])
    assert result.exit_code == 0, result.output
    assert "removed" in result.stderr and "era-c.json" in result.stderr
