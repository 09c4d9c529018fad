"""orgchart.report: Markdown, HTML and JSON change reports, through the library and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.changes.history import history
from orgchart.cli import app
from orgchart.report import REPORT_FORMATS, render_diff, render_history
from orgchart.report.environment import md
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node

runner = CliRunner()
NASTY = "R&D | <b>Ops</b> *star* _under_ {brace} \\back"


def nasty_pair(make_dataset: DatasetMaker) -> orgchart.Dataset:
    nodes = replace_node(BASE_NODES, "field", ("field", NASTY, "division"))
    nodes = replace_node(nodes, "patrol", ("canine", "Équipe canine 犬", "team"))
    edges = replace_edges(
        BASE_EDGES,
        drop=[("parent", "field", "patrol"), ("parent", "ops", "support")],
        add=[("parent", "field", "canine"), ("parent", "ea", "support")],
    )
    return make_pair(make_dataset, nodes, edges, [("ea-field-offices", "ea", "field offices", 14)])


def test_markdown_escaping() -> None:
    assert md("a|b <c> *d* _e_\nf") == r"a&#124;b &lt;c&gt; \*d\* \_e\_ f"
    assert md("R&D $4") == "R&amp;D &#36;4"  # Python-Markdown does not unescape \& or \$


def test_markdown_report(make_dataset: DatasetMaker) -> None:
    ds = nasty_pair(make_dataset)
    text = render_diff(orgchart.diff(*ds.eras), "md")
    assert text.startswith("# Changes from ")
    assert text.index("## Summary") < text.index("## Renamed (1)") < text.index("## Moved (1)")
    assert r"R&amp;D &#124; &lt;b&gt;Ops&lt;/b&gt; \*star\* \_under\_ \{brace\} \\back" in text
    assert "<b>" not in text and "| <" not in text
    assert "Équipe canine 犬" in text
    assert "12 → 14" in text
    # both quotes of the rename
    assert "“Field Division” (doc-one)" in text
    assert text.count("\n\n\n") == 0 and text.endswith("\n")


def test_html_report_is_escaped(make_dataset: DatasetMaker) -> None:
    ds = nasty_pair(make_dataset)
    page = render_diff(orgchart.diff(*ds.eras), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "R&amp;D | &lt;b&gt;Ops&lt;/b&gt;" in page
    assert "<b>Ops" not in page
    assert "Équipe canine 犬" in page


def test_json_report_contract(make_dataset: DatasetMaker) -> None:
    ds = nasty_pair(make_dataset)
    data = json.loads(render_diff(orgchart.diff(*ds.eras), "json"))
    assert (data["from"], data["to"]) == ("era-a", "era-b")
    kinds = [(c["kind"], c["id"]) for c in data["changes"]]
    assert kinds == [
        ("renamed", "field"),
        ("moved", "support"),
        ("added", "canine"),
        ("removed", "patrol"),
        ("claim_changed", "ea-field-offices"),
    ]
    for change in data["changes"]:
        assert {"kind", "id", "before", "after", "match", "citations"} <= set(change)
    renamed = data["changes"][0]
    assert renamed["before"] == {
        "id": "field",
        "name": "Field Division",
        "acronym": None,
        "kind": "division",
        "parent": "ops",
    }
    assert renamed["after"]["name"] == NASTY
    assert renamed["match"]["reason"] == "id" and renamed["match"]["confidence"] == 1.0
    assert {c["era"] for c in renamed["citations"]} == {"era-a", "era-b"}
    removed = data["changes"][3]
    assert removed["evidence"] == "not_mentioned" and removed["after"] is None


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_reports_are_deterministic(fmt: str) -> None:
    ds = orgchart.load()
    first = render_history(history(ds), fmt)
    assert first == render_history(history(orgchart.load()), fmt)


def test_bundled_reports_name_real_changes() -> None:
    ds = orgchart.load()
    dro = render_diff(orgchart.diff(ds.era("dro-2008"), ds.era("ero-2020"), lineage=ds.lineage), "md")
    assert "Office of Detention and Removal (DRO) renamed ERO" in dro
    assert "Matched by lineage" in dro
    text = render_history(history(ds), "md")
    assert "Criminal Alien Division (CAD) renamed Criminal Apprehension Division (CAD)" in text
    assert "field offices: 24 → 25" in text


def test_cli_diff_formats_and_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", "dro-2008", "ero-2020", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["to"] == "ero-2020"
    target = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["diff", "dro-2008", "ero-2020", "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_diff_errors() -> None:
    assert runner.invoke(app, ["diff", "dro-2008", "ero-2020", "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["diff", "dro-2008", "no-such-era"])
    assert result.exit_code == 1
    assert "no era 'no-such-era'" in result.stderr


def test_cli_history(tmp_path: Path) -> None:
    result = runner.invoke(app, ["history", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["eras"]] == [e.id for e in orgchart.load().eras]
    assert len(data["pairs"]) == len(data["eras"]) - 1
    result = runner.invoke(app, ["history", "-o", str(tmp_path / "h.md")])
    assert result.exit_code == 0 and (tmp_path / "h.md").read_text(encoding="utf-8").startswith("# History")
