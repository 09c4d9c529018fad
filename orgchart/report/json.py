"""The JSON change report: the contract other tools read.

`{"from": ERA, "to": ERA, "changes": [{"kind", "id", "before", "after", "match": {"reason",
"confidence"}, "citations"}]}`, plus `counts`, `headlines` (`kind`, `id`, `entities` touched `of`
the branch, `text`; heaviest first), `coverage` (every branch), `beyond_archived_text` (absences
an incomplete document explains, not changes), `incomplete` (which era's source breaks off
where), and per change `evidence`, `note`, `related` and `possible_rename` where they apply. Keys
are sorted, output is deterministic.
"""

from __future__ import annotations

import json
from typing import Any

from orgchart.changes.changeset import Change, ChangeSet, EntityState
from orgchart.changes.coverage import Coverage
from orgchart.changes.headlines import headlines
from orgchart.changes.history import History
from orgchart.report.text import headline_text


def _side(state: object) -> Any:
    if state is None:
        return None
    if isinstance(state, tuple):
        return [s.as_dict() for s in state if isinstance(s, EntityState)]
    as_dict = getattr(state, "as_dict", None)
    return as_dict() if as_dict else None


def change_data(change: Change) -> dict[str, Any]:
    """One change as a JSON-ready dict."""
    data: dict[str, Any] = {
        "kind": change.kind,
        "id": change.id,
        "before": _side(change.before),
        "after": _side(change.after),
        "match": None
        if change.match is None
        else {"reason": change.match.reason, "confidence": change.match.confidence, "detail": change.match.detail},
        "citations": [q.as_dict() for q in change.citations],
    }
    if change.evidence:
        data["evidence"] = change.evidence
    if change.note:
        data["note"] = change.note
    if change.related:
        data["related"] = list(change.related)
    if change.possible_rename:
        near = change.possible_rename
        data["possible_rename"] = {"before": near.before, "after": near.after, "score": near.score}
    return data


def coverage_data(cov: Coverage) -> dict[str, Any]:
    """How much of `cov.era` the other era mentions, per branch."""
    return {
        "era": cov.era,
        "mentioned_in": cov.other,
        "entities": cov.total,
        "mentioned": cov.mentioned,
        "branches": [
            {"branch": row.group, "name": row.name, "entities": row.total, "mentioned": row.mentioned}
            for row in cov.rows
        ],
    }


def diff_data(changes: ChangeSet) -> dict[str, Any]:
    """The change report as a JSON-ready dict."""
    return {
        "from": changes.before.id,
        "to": changes.after.id,
        "counts": changes.counts(),
        "headlines": [
            {"kind": h.kind, "id": h.id, "entities": h.weight, "of": h.total, "text": headline_text(h)}
            for h in headlines(changes)
        ],
        "coverage": [coverage_data(changes.coverage_before), coverage_data(changes.coverage_after)],
        "changes": [change_data(c) for c in changes],
        "beyond_archived_text": [change_data(c) for c in changes.beyond_text],
        "incomplete": [
            {"era": era.id, "source": source.id, "breaks_off": source.breaks_off}
            for era in changes.incomplete
            for source in era.incomplete_sources
        ],
    }


def diff_json(changes: ChangeSet) -> str:
    """The change report as JSON text (sorted keys, two-space indent, trailing newline)."""
    return json.dumps(diff_data(changes), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def history_data(hist: History) -> dict[str, Any]:
    """Every era, every consecutive pair's report, and the grid of every entity across eras."""
    return {
        "eras": [{"id": e.id, "label": e.label, "date": e.date.label} for e in hist.eras],
        "pairs": [
            {
                **diff_data(pair),
                "changes_since_earlier": [
                    {**change_data(g.change), "since": g.changes.before.id}
                    for g in (hist.since[index] if hist.since else ())
                ],
            }
            for index, pair in enumerate(hist.pairs)
        ],
        "grid": [
            {
                "entity": row.key,
                "eras": {
                    era.id: None if cell is None else {"id": cell.id, "name": cell.name, "acronym": cell.acronym}
                    for era, cell in zip(hist.eras, row.cells, strict=True)
                },
            }
            for row in hist.grid
        ],
    }


def history_json(hist: History) -> str:
    """The history report as JSON text."""
    return json.dumps(history_data(hist), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
