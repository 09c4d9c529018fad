"""The interactive page as files: embedded data, escaping, SVG preparation, the CLI.

What the page does in a browser is tested in test_site_browser.py.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.build import build_all
from orgchart.cli import app
from orgchart.render import edge_svg_id, render_svg
from orgchart.site import page_svg, script_json, site_html, site_payload, tree_parents, write_site
from orgchart.site.page import csp_hash
from tests.conftest import DatasetMaker
from tests.site_data import IMG_NAME, SCRIPT_ALIAS, SCRIPT_NAME, site_dataset

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


def embedded(html: str, block_id: str) -> object:
    """The JSON of `<script type="application/json" id=block_id>` in the page."""
    match = re.search(rf'<script type="application/json" id="{re.escape(block_id)}">(.*?)</script>', html, re.S)
    assert match, block_id
    return json.loads(match.group(1))


@pytest.fixture
def dataset(make_dataset: DatasetMaker) -> orgchart.Dataset:
    return orgchart.load(site_dataset(make_dataset))


@pytest.mark.parametrize("text", [IMG_NAME, SCRIPT_NAME, SCRIPT_ALIAS, "a & b", "<!-- x", "line\u2028sep"])
def test_script_json_cannot_close_its_block_and_reads_back(text: str) -> None:
    encoded = script_json({"name": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"name": text}


def test_tree_parents_follow_parent_then_oversight(dataset: orgchart.Dataset) -> None:
    parents = tree_parents(dataset.era("one"))
    assert parents["ops"] == "alpha"
    assert parents["training"] == "support"
    assert parents["program-x"] == "support"  # placed by oversight alone
    assert "alpha" not in parents


def test_payload_has_every_node_edge_and_source(dataset: orgchart.Dataset) -> None:
    index, eras = site_payload(dataset)
    assert [era["id"] for era in index["eras"]] == ["one", "two"]
    assert index["latest"] == "two"
    assert index["sources"]["doc-one"]["title"] == "Example overview"
    two = eras[1]
    chart = dataset.era("two")
    assert [node["id"] for node in two["nodes"]] == [node.id for node in chart.nodes]
    assert [edge["svg_id"] for edge in two["edges"]] == [edge_svg_id(edge) for edge in chart.edges]
    alpha = next(node for node in two["nodes"] if node["id"] == "alpha")
    assert alpha["aliases"] == ["The Alpha Service"]
    assert alpha["citations"] == [{"source": "doc-one", "quote": "Alpha Agency comprises many offices."}]


def test_change_marks_come_from_the_diff(dataset: orgchart.Dataset) -> None:
    _, eras = site_payload(dataset)
    assert eras[0]["changes"] is None  # the first era has nothing before it
    changes = eras[1]["changes"]
    assert changes["previous"] == "one"
    assert changes["marks"] == {
        "harbor": ["added"],
        "img": ["added"],
        "ops": ["renamed"],
        "script": ["added"],
        "training": ["moved"],
    }
    assert changes["counts"] == {"added": 3, "renamed": 1, "moved": 1}
    assert changes["notes"]["ops"][0]["text"] == "Called Operations Division in one."
    assert "Support Division" in changes["notes"]["training"][0]["text"]


def test_page_svg_is_ready_for_the_page(dataset: orgchart.Dataset) -> None:
    chart = dataset.era("two")
    text = page_svg(render_svg(chart), chart)
    assert not text.startswith("<?xml") and "<!DOCTYPE" not in text and "<!--" not in text
    root = ET.fromstring(text)
    assert root.get("width") is None and root.get("height") is None and root.get("viewBox")
    nodes = {g.get("data-node"): g for g in root.iter(f"{SVG}g") if g.get("data-node")}
    assert set(nodes) == {node.id for node in chart.nodes}
    assert nodes["img"].get("role") == "button"
    assert nodes["img"].get("aria-label") == f"{IMG_NAME}, office"
    assert nodes["script"].get("aria-label") == f"{SCRIPT_NAME} (<A&B>), office"
    stacks = {g.get("id"): g.get("data-superior") for g in root.iter(f"{SVG}g") if g.get("data-superior")}
    boxes = {
        "stack-ops-parent-field-office": "ops",
        "stack-ops-parent-unit": "ops",
        "stack-alpha-parent-office": "alpha",
    }
    # each stack's box and the line from its superior to it (hidden with the superior's subtree)
    assert stacks == {**boxes, **{f"{key}-link": superior for key, superior in boxes.items()}}


def test_page_is_one_self_contained_file(dataset: orgchart.Dataset) -> None:
    html = site_html(dataset)
    # Nothing to fetch: no external script, style, font, image or frame.
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", html)
    assert "@import" not in html and "url(" not in html
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert policy
    assert "default-src 'none'" in unescape(policy.group(1))
    assert "<title>Era two &lt;&amp;&gt;</title>" in html  # the latest era's label, escaped
    script = html.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    assert f"script-src {csp_hash(script)};" in unescape(policy.group(1))
    assert embedded(html, "site-index")["latest"] == "two"  # type: ignore[index]
    era_two = embedded(html, "era-data-two")
    assert {node["name"] for node in era_two["nodes"]} >= {IMG_NAME, SCRIPT_NAME}  # type: ignore[index]
    for template in ("svg-one", "svg-two"):
        assert f'<template id="{template}"><svg ' in html


def test_markup_in_names_is_never_markup_in_the_page(dataset: orgchart.Dataset) -> None:
    html = site_html(dataset)
    for name in (IMG_NAME, SCRIPT_NAME, SCRIPT_ALIAS):
        assert name not in html
    assert html.count("<script") == 4  # the index, two eras, the page's own script
    assert "<img" not in html


def test_page_is_deterministic(dataset: orgchart.Dataset) -> None:
    assert site_html(dataset) == site_html(dataset)


def test_bundled_page_has_every_era_and_opens_on_the_latest() -> None:
    dataset = orgchart.load()
    html = site_html(dataset)
    for chart in dataset.eras:
        assert f'id="era-data-{chart.id}"' in html and f'id="svg-{chart.id}"' in html
    assert embedded(html, "site-index")["latest"] == dataset.latest.id  # type: ignore[index]
    era = embedded(html, "era-data-ero-2023")
    cad = next(node for node in era["nodes"] if node["id"] == "cad")  # type: ignore[index]
    assert cad["acronym"] == "CAD"
    assert {"kind": "oversight", "superior": "cad", "subordinate": "cap"}.items() <= next(
        edge
        for edge in era["edges"]
        if edge["superior"] == "cad" and edge["subordinate"] == "cap"  # type: ignore[index]
    ).items()


def test_overlay_follows_entities_across_a_document_that_skips_them() -> None:
    """The undated overview between the excerpt and the 2023 page mentions neither CAD nor CAP:
    the 2023 overlay still marks their renames (against the excerpt) and does not call them new."""
    _, eras = site_payload(orgchart.load())
    overlay = next(era for era in eras if era["id"] == "ero-2023")["changes"]
    assert overlay["previous"] == "ice-overview"
    assert overlay["marks"]["cad"] == ["renamed"] and overlay["marks"]["cap"] == ["renamed"]
    assert overlay["marks"]["alternatives-to-detention"] == ["moved"]
    texts = [note["text"] for note in overlay["notes"]["cad"]]
    assert "Called Criminal Alien Division (CAD) in ero-excerpt." in texts
    assert any("Last mentioned in ero-excerpt, so not new to the record." in text for text in texts)
    assert "ero-training-division" in overlay["marks"]  # first mentioned by the 2023 page


def test_cli_site_writes_index(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", "-o", str(out), "--data", str(dataset.root), "--title", "Alpha & co"])
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Alpha &amp; co</title>" in html
    assert "<h1>Alpha &amp; co</h1>" in html  # a title given stays; the default follows the era
    assert "<h1 data-follows-era>" in site_html(dataset)


def test_cli_site_reports_unwritable_output(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    result = runner.invoke(app, ["site", "-o", str(blocker / "site"), "--data", str(dataset.root)])
    assert result.exit_code == 1
    assert "cannot write" in result.output


def test_write_site_and_build_write_index(dataset: orgchart.Dataset, tmp_path: Path) -> None:
    assert write_site(dataset, tmp_path / "a") == [tmp_path / "a" / "index.html"]
    written = build_all(dataset, tmp_path / "renders")
    assert tmp_path / "renders" / "site" / "index.html" in written
    assert (tmp_path / "a" / "index.html").read_bytes() == (tmp_path / "renders" / "site" / "index.html").read_bytes()
