"""The draft on documents of other organizations that its rules were not written on (each with
an era written by hand before the draft first ran on it), and the README's draft table is what
the benchmark recorded and what the draft scores now."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from benchmarks.bench_draft import held_out_scores
from benchmarks.draft_unseen import FLOORS, unseen_documents, unseen_scores
from benchmarks.report import RESULTS, draft_markdown, draft_misses
from orgchart.dataset.citations import fold_white_space
from orgchart.draft import draft_era
from orgchart.draft.score import score_draft


@pytest.fixture(scope="module")
def recorded() -> dict[str, object]:
    assert RESULTS.exists(), "run `python benchmarks/run.py --only draft`"
    record: dict[str, object] = json.loads(RESULTS.read_text(encoding="utf-8"))["records"]["bench_draft"]
    return record


@pytest.mark.parametrize("document", unseen_documents(), ids=lambda d: d.name)
def test_each_unseen_document_keeps_its_floor(document) -> None:  # type: ignore[no-untyped-def]
    draft = draft_era(document.text, document.source, document.name)
    score = score_draft(draft.era, document.expected, fold_white_space(document.text))
    measured = {
        "entity F1": score.entities.f1,
        "parent-edge F1": score.parent_edges.f1,
        "claim recall": score.claims.recall,
    }
    assert all(measured[name] >= floor for name, floor in FLOORS.items()), (document.name, measured)
    assert score.verbatim == score.quotes  # every quote is in the document


def test_the_recorded_scores_are_the_current_ones(recorded: dict[str, object]) -> None:
    assert recorded["unseen"] == [asdict(score) for score in unseen_scores()], (
        "run `python benchmarks/run.py --only draft`"
    )
    assert recorded["bundled"] == held_out_scores(validate=False), "run `python benchmarks/run.py --only draft`"


def test_the_recorded_scores_meet_every_target(recorded: dict[str, object]) -> None:
    assert draft_misses(recorded) == []  # type: ignore[arg-type]
    assert "Every target and floor is met." in draft_markdown(recorded)  # type: ignore[arg-type]


def test_a_missed_floor_is_said_in_the_table() -> None:
    record = {
        "bundled": [],
        "unseen": [asdict(score) for score in unseen_scores()],
        "targets": {},
        "floors": {"entity F1": 1.01},
    }
    assert draft_misses(record) and draft_markdown(record).splitlines()[-1].startswith("Missed: ")
