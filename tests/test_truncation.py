"""Truncation as data: what a document whose archived text breaks off does not mention lies
beyond its end, and the diff says so instead of reporting changes."""

from __future__ import annotations

import json
from pathlib import Path

import orgchart
from orgchart.report import render_diff
from tests.dated_data import Document, write_dated_dataset
from tests.eras import BASE_CLAIMS, BASE_EDGES, BASE_NODES

WHOLE_TEXT = "\n".join(spec[1] for spec in BASE_NODES) + "\n12 field offices\n"
CUT_NODES = BASE_NODES[:3]  # agency, directorate, Field Division: the page stops there
CUT_EDGES = [("parent", "ea", "ops"), ("parent", "ops", "field")]
CUT_TEXT = "Example Agency\nOperations Directorate\nField Division\nThe Field Div"


def truncated_pair(tmp_path: Path, *, truncated: str = "later") -> orgchart.Dataset:
    whole = Document("whole", "2019-01-01", "2019-01-01", WHOLE_TEXT, BASE_NODES, BASE_EDGES)
    cut = Document("cut", "2021-01-01", "2021-01-01", CUT_TEXT, CUT_NODES, CUT_EDGES, breaks_off="The Field Div")
    if truncated == "earlier":
        whole = Document("whole", "2023-01-01", "2023-01-01", WHOLE_TEXT, BASE_NODES, BASE_EDGES)
    root = write_dated_dataset(tmp_path / "data", [whole, cut])
    claims = "\n".join(
        [
            "claims:",
            *(
                f"  - {{id: {cid}, subject: {subject}, attribute: {attr}, value: {value}, "
                f"citations: [{{source: doc-whole, quote: '{value} {attr}'}}]}}"
                for cid, subject, attr, value in BASE_CLAIMS
            ),
        ]
    )
    path = root / "eras" / "whole.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("claims: []", claims), encoding="utf-8")
    return orgchart.load(root)


def test_absences_from_a_truncated_later_document_are_not_changes(tmp_path: Path) -> None:
    ds = truncated_pair(tmp_path)
    changes = orgchart.diff(ds.era("whole"), ds.era("cut"))
    assert changes.incomplete == (ds.era("cut"),)
    assert not changes.by_kind("removed") and not changes.by_kind("claim_removed")
    assert not changes.by_kind("oversight_removed")
    beyond = {(c.kind, c.id) for c in changes.beyond_text}
    assert ("removed", "support") in beyond and ("claim_removed", "ea-field-offices") in beyond
    assert any(c.kind == "oversight_removed" for c in changes.beyond_text)
    assert {c.evidence for c in changes.beyond_text} == {"beyond_archived_text"}
    assert "removed" not in changes.counts()


def test_the_reports_say_where_the_text_breaks_off(tmp_path: Path) -> None:
    ds = truncated_pair(tmp_path)
    changes = orgchart.diff(ds.era("whole"), ds.era("cut"))
    text = render_diff(changes, "md")
    summary = text.split("## Summary", 1)[1].split("## What each document covers", 1)[0]
    assert "breaks off at “The Field Div”" in summary
    assert "6 entities, 1 figure, 1 oversight relation" in summary and "not counted as changes" in summary
    covers = text.split("## What each document covers", 1)[1].split("\n## ", 1)[0]
    assert "may lie beyond its end" in covers
    assert "## Beyond the archived text (" in text and "## Not mentioned in the later document" not in text
    page = render_diff(changes, "html")
    assert "Beyond the archived text" in page and "breaks off at" in page
    data = json.loads(render_diff(changes, "json"))
    assert data["incomplete"] == [{"era": "cut", "source": "doc-cut", "breaks_off": "The Field Div"}]
    assert {c["evidence"] for c in data["beyond_archived_text"]} == {"beyond_archived_text"}
    assert "removed" not in data["counts"]


def test_an_earlier_truncated_document_does_not_make_additions(tmp_path: Path) -> None:
    ds = truncated_pair(tmp_path, truncated="earlier")
    changes = orgchart.diff(ds.era("cut"), ds.era("whole"))
    assert not changes.by_kind("added") and not changes.by_kind("claim_added")
    assert ("added", "support") in {(c.kind, c.id) for c in changes.beyond_text}


def test_complete_documents_have_nothing_beyond_their_text() -> None:
    ds = orgchart.load()
    changes = orgchart.diff(ds.era("ero-2020"), ds.era("ero-2023"), lineage=ds.lineage)
    assert changes.beyond_text == () and changes.incomplete == ()
    assert "Beyond the archived text" not in render_diff(changes, "md")


def test_the_bundled_excerpt_is_marked_incomplete_and_its_silence_is_not_change() -> None:
    """The ERO page excerpt names one of Enforcement's "four Divisions" and ends on a fragment:
    what the 2023 page states and the excerpt does not lies beyond its archived text."""
    ds = orgchart.load()
    source = ds.sources["ero-page-excerpt"]
    assert source.complete is False and source.breaks_off
    changes = orgchart.diff(ds.era("ero-excerpt"), ds.era("ero-2023"), lineage=ds.lineage)
    assert changes.incomplete and changes.beyond_text
    assert not changes.by_kind("added")  # nothing is "first mentioned" after a document that stops short
    assert {c.id for c in changes.by_kind("renamed")} >= {"cad"}  # what both state still compares
    assert "Beyond the archived text" in render_diff(changes, "md")
