"""How well `orgchart draft` drafts a document, scored against the era a curator recorded.

1. Each bundled document, its era held out: the draft sees only the other eras (their names,
   ids and structure), as a user adding a new version of a page would. The draft is written
   into a copy of the dataset without that era and must validate as written; then it is scored
   (`orgchart.draft.score`). The parent edges the draft took from another era's structure
   (review note "placed as era ...") are counted apart, so the table says how much of a score
   is read from the text.
2. Documents of other organizations (benchmarks/draft_documents/, `benchmarks.draft_unseen`),
   drafted with no other era, scored against eras written by hand before the draft first ran.

Targets (each bundled document): entity F1 >= 0.85, parent-edge F1 >= 0.75, claim recall >= 0.7,
every quote verbatim; floors for the other documents in `draft_unseen.FLOORS`. Prints the
README's tables; `make bench` fails when a target or a floor is missed, and records the scores
in benchmarks/results.json (any run that includes this module: the scores do not depend on
sizes), which `make readme` turns into the README's table.

    python benchmarks/bench_draft.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orgchart
from benchmarks.draft_unseen import FLOORS, unseen_scores
from benchmarks.framework import Bench, Row
from benchmarks.report import draft_markdown, draft_misses
from orgchart.dataset.citations import fold_white_space
from orgchart.draft import draft_era
from orgchart.draft.score import score_draft

TARGETS = {"entity F1": 0.85, "parent-edge F1": 0.75, "claim recall": 0.7, "quotes verbatim": 1.0}
RECORDED_AT_ANY_SIZE = True
"""The scores do not depend on the benchmark's sizes: any run that includes this module records them."""


def held_out_scores(data: Path | None = None, *, validate: bool = True) -> list[dict[str, Any]]:
    """Draft every era's document with that era held out, validate the draft (unless told not
    to: a test that only compares scores), score it."""
    dataset = orgchart.load(data)
    scores = []
    for era in dataset.eras:
        source = era.sources[0]
        others = [other for other in dataset.eras if other.id != era.id]
        text = (dataset.root / source.file).read_text(encoding="utf-8")
        draft = draft_era(text, source, era.id, others)
        if validate:
            _validate(dataset.root, era.id, draft.to_yaml())
        score = score_draft(draft.era, era.era, fold_white_space(text))
        carried = [
            (edge.superior, edge.subordinate)
            for edge in draft.era.edges
            if edge.kind == "parent"
            and any(
                n.startswith("placed as era")
                for n in draft.reviews.get(f"edge:parent:{edge.superior}:{edge.subordinate}", ())
            )
        ]
        curated = {(e.superior, e.subordinate) for e in era.edges if e.kind == "parent"}
        scores.append(
            {**asdict(score), "from_other_eras": len(carried), "from_other_eras_right": len(set(carried) & curated)}
        )
    return scores


def _validate(root: Path, era_id: str, draft_yaml: str) -> None:
    """Load a copy of the dataset with the draft in place of the era: raises DataError if the
    draft does not validate as written."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy)
        (copy / "eras" / f"{era_id}.yaml").write_text(draft_yaml, encoding="utf-8")
        (copy / "lineage.yaml").unlink(missing_ok=True)  # its links name the curated era's ids
        (copy / "dataset.yaml").unlink(missing_ok=True)  # it may name the held-out era
        orgchart.load(copy)


def measured() -> dict[str, Any]:
    """Every score of this benchmark, as recorded in the results."""
    return {
        "bundled": held_out_scores(),
        "unseen": [asdict(score) for score in unseen_scores()],
        "targets": TARGETS,
        "floors": FLOORS,
    }


def run(bench: Bench) -> Iterator[Row]:
    """The framework's entry (`benchmarks/run.py`): the time to draft and score every document,
    the scores recorded; a missed target or floor fails the module, so `make bench` fails."""
    start = time.perf_counter()
    record = measured()
    yield Row("draft + validate + score every bundled and unseen document", None, time.perf_counter() - start)
    bench.record("bench_draft", record)
    sys.stdout.write(draft_markdown(record))
    missed = draft_misses(record)
    if missed:
        raise AssertionError("draft quality targets missed:\n" + "\n".join(missed))


def main() -> int:
    record = measured()
    sys.stdout.write(draft_markdown(record))
    missed = draft_misses(record)
    for line in missed:
        sys.stderr.write(f"target missed: {line}\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
