"""How well `orgchart draft` drafts each bundled document, scored against its curated era.

For each bundled era, the era is held out: the draft sees only the other eras (their names and
ids), as a user adding a new document would. The draft is written into a copy of the dataset
without that era and must validate as written; then it is scored (orgchart.draft.score).

Targets (each document): entity F1 >= 0.85, parent-edge F1 >= 0.75, claim recall >= 0.7, and
every quote verbatim. Prints a Markdown table (the README's); exits 1 when a target is missed.

    python benchmarks/bench_draft.py [--markdown]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orgchart
from benchmarks.framework import Bench, Row
from orgchart.dataset.citations import fold_white_space
from orgchart.draft import draft_era
from orgchart.draft.score import DraftScore, score_draft

TARGETS = {"entity F1": 0.85, "parent-edge F1": 0.75, "claim recall": 0.7, "quotes verbatim": 1.0}


def held_out_scores(data: Path | None = None) -> list[DraftScore]:
    """Draft every era's document with that era held out, validate the draft, score it."""
    dataset = orgchart.load(data)
    scores = []
    for era in dataset.eras:
        source = era.sources[0]
        others = [other for other in dataset.eras if other.id != era.id]
        text = (dataset.root / source.file).read_text(encoding="utf-8")
        draft = draft_era(text, source, era.id, others)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "data"
            shutil.copytree(dataset.root, copy)
            (copy / "eras" / f"{era.id}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
            (copy / "lineage.yaml").unlink(missing_ok=True)  # its links name the curated era's ids
            orgchart.load(copy)  # raises DataError if the draft does not validate as written
        scores.append(score_draft(draft.era, era.era, fold_white_space(text)))
    return scores


def table(scores: list[DraftScore]) -> str:
    """The scores as a Markdown table."""
    lines = [
        "| era | entities P / R / F1 | parent edges P / R / F1 | oversight P / R | claims P / R | quotes verbatim |",
        "| --- | --- | --- | --- | --- | ---: |",
    ]
    for s in scores:
        lines.append(
            f"| `{s.era}` | {s.entities.precision:.2f} / {s.entities.recall:.2f} / **{s.entities.f1:.2f}** "
            f"| {s.parent_edges.precision:.2f} / {s.parent_edges.recall:.2f} / **{s.parent_edges.f1:.2f}** "
            f"| {s.oversight_edges.precision:.2f} / {s.oversight_edges.recall:.2f} "
            f"| {s.claims.precision:.2f} / **{s.claims.recall:.2f}** | {s.verbatim}/{s.quotes} |"
        )
    return "\n".join(lines) + "\n"


def misses(scores: list[DraftScore]) -> list[str]:
    """Every target a document misses, in words."""
    missed = []
    for s in scores:
        measured = {
            "entity F1": s.entities.f1,
            "parent-edge F1": s.parent_edges.f1,
            "claim recall": s.claims.recall,
            "quotes verbatim": s.verbatim / s.quotes if s.quotes else 1.0,
        }
        missed += [
            f"{s.era}: {name} {value:.2f} < {TARGETS[name]}"
            for name, value in measured.items()
            if value < TARGETS[name]
        ]
    return missed


def run(bench: Bench) -> Iterator[Row]:
    """The framework's entry (`benchmarks/run.py`): the time to draft every bundled document, then
    the quality table; a missed quality target fails the module, so `make bench` fails."""
    start = time.perf_counter()
    scores = held_out_scores()
    yield Row("draft + validate + score every bundled document, era held out", None, time.perf_counter() - start)
    sys.stdout.write(table(scores))
    missed = misses(scores)
    if missed:
        raise AssertionError("draft quality targets missed:\n" + "\n".join(missed))


def main() -> int:
    scores = held_out_scores()
    sys.stdout.write(table(scores))
    missed = misses(scores)
    for line in missed:
        sys.stderr.write(f"target missed: {line}\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
