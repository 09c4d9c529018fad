"""Documents of other organizations that the draft's rules were not written on, each with the
era a curator would record, written by hand before the draft was first run on it (in
benchmarks/draft_documents/: NAME.txt and NAME.yaml). They guard the rules against fitting the
five bundled documents: a rule that only reads the bundled wording scores nothing here.

They stopped being unseen once measured: the rules were then improved where they failed (with
general rules, never these documents' words), so their scores now are not a measure of new
documents any more. Their first measurements, as written (entity F1 / parent-edge F1):
ministry-web-page 0.88 / 0.61, annual-report-section 0.70 / 0.12, slide-deck-swapped-markers
0.96 / 0.11 (written first); city-organization-page 0.78 / 0.57, network-who-we-are 0.44 / 0.00
(written after the rules had been improved on the first three). A new document of an unseen
shape should be expected to score nearer those first numbers: add it here, measured as written.

NAME.yaml holds `entities` ([id, name]), `parent` and `oversight` ([superior, subordinate]) and
`claims` ([subject, value, a verbatim piece of the sentence that states it]). The draft is made
with no other era (a new organization), validated against the document as written, and scored
by `orgchart.draft.score`, as the bundled documents are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from orgchart.dataset.citations import fold_white_space
from orgchart.dataset.model import Citation, Claim, Edge, Era, Node, Source, SourceDate
from orgchart.draft import draft_era
from orgchart.draft.score import DraftScore, score_draft

DOCUMENTS = Path(__file__).resolve().parent / "draft_documents"

FLOORS = {"entity F1": 0.75, "parent-edge F1": 0.6, "claim recall": 0.6}
"""What the draft must keep scoring on every unseen document (`tests/test_draft_unseen.py`)."""


@dataclass(frozen=True)
class Unseen:
    """One hand-annotated document: its name, title, text and curated era."""

    name: str
    title: str
    text: str
    expected: Era
    source: Source


def _source(name: str, text: str) -> Source:
    day = dt.date(2024, 1, 1)
    return Source(
        id=name,
        file=f"{name}.txt",
        title=name,
        publisher="written for the benchmark",
        date=SourceDate(start=day, end=day, precision="day", reason="written for the benchmark"),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _expected(name: str, data: dict[str, Any]) -> Era:
    def cite(quote: str) -> tuple[Citation, ...]:
        return (Citation(source=name, quote=quote),)

    nodes = tuple(Node(id=i, name=n, kind="unit", citations=cite(n)) for i, n in data["entities"])
    edges = tuple(
        Edge(kind=kind, superior=a, subordinate=b, citations=cite(a))  # type: ignore[arg-type]
        for kind in ("parent", "oversight")
        for a, b in data.get(kind) or []
    )
    claims = tuple(
        Claim(id=f"claim-{n}", subject=s, attribute="figure", value=v, citations=cite(q))
        for n, (s, v, q) in enumerate(data.get("claims") or [])
    )
    return Era(id=name, label=data["title"], sources=(name,), nodes=nodes, edges=edges, claims=claims)


def unseen_documents(directory: Path = DOCUMENTS) -> list[Unseen]:
    """Every hand-annotated document, by name."""
    found = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        found.append(Unseen(path.stem, data["title"], text, _expected(path.stem, data), _source(path.stem, text)))
    return found


def unseen_scores(directory: Path = DOCUMENTS) -> list[DraftScore]:
    """The draft of each document (no other era) scored against its hand-written era."""
    scores = []
    for document in unseen_documents(directory):
        draft = draft_era(document.text, document.source, document.name)
        scores.append(score_draft(draft.era, document.expected, fold_white_space(document.text)))
    return scores
