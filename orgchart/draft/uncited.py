"""What an era's documents say that the era does not cite yet: every sentence and bullet no quote
of the era touches, in document order, and the names of other eras' entities that the text
uses but the era does not record. This is how a curator sees what is left to read.

Named apart from `orgchart.changes.coverage` (how much of one era another mentions, for the diff).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgchart.changes.forms import same_name
from orgchart.dataset.citations import fold_white_space
from orgchart.dataset.model import Citation, Source
from orgchart.draft.mentions import known_names
from orgchart.draft.segment import Document, Span
from orgchart.draft.variants import known_forms
from orgchart.graph import Dataset, OrgChart

MIN_OVERLAP = 12
"""Characters a quote must share with a sentence to cite it (a shared space or word is not enough)."""


@dataclass(frozen=True)
class Passage:
    """A sentence or bullet of a document: where it is and its text (white space folded)."""

    source: str
    kind: str
    line: int
    text: str

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"source": self.source, "kind": self.kind, "line": self.line, "text": self.text}


@dataclass(frozen=True)
class MissingName:
    """A name the text uses that another era records and this era does not."""

    name: str
    era: str
    id: str
    passage: Passage

    def as_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"name": self.name, "era": self.era, "id": self.id, **{"in": self.passage.as_dict()}}


@dataclass(frozen=True)
class SourceCoverage:
    """One document of the era: how many passages it has, which are uncited, and whether its
    archived text is complete."""

    source: Source
    passages: int
    uncited: tuple[Passage, ...]

    @property
    def cited(self) -> int:
        """Passages some quote of the era touches."""
        return self.passages - len(self.uncited)


@dataclass(frozen=True)
class Uncited:
    """`orgchart coverage ERA`: each document's uncited passages and the names of other eras'
    entities absent from this one."""

    era: OrgChart
    sources: tuple[SourceCoverage, ...]
    missing_names: tuple[MissingName, ...]

    def as_dict(self) -> dict[str, object]:
        """The JSON form (document order)."""
        return {
            "era": self.era.id,
            "sources": [
                {
                    "id": s.source.id,
                    "complete": s.source.complete,
                    "breaks_off": s.source.breaks_off,
                    "passages": s.passages,
                    "cited": s.cited,
                    "uncited": [p.as_dict() for p in s.uncited],
                }
                for s in self.sources
            ],
            "names_from_other_eras": [m.as_dict() for m in self.missing_names],
        }


def _citations(chart: OrgChart) -> Iterable[Citation]:
    for group in (chart.nodes, chart.edges, chart.claims, chart.findings):
        for item in group:
            yield from item.citations


def _intervals(folded: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Every place a quote occurs in the folded text."""
    found = []
    for quote in {fold_white_space(q) for q in quotes}:
        start = folded.find(quote)
        while quote and start >= 0:
            found.append((start, start + len(quote)))
            start = folded.find(quote, start + 1)
    return sorted(found)


def uncited(dataset: Dataset, era_id: str) -> Uncited:
    """The passages of `era_id`'s documents that no quote of the era touches, and the names of
    entities of other eras that the documents use and the era does not record."""
    chart = dataset.era(era_id)
    others = [node for other in reversed(dataset.eras) if other is not chart for node in other.nodes]
    origin = {id(node): other.id for other in dataset.eras if other is not chart for node in other.nodes}
    forms = known_forms(others)
    by_name = {node.name: node for node in others}
    results = []
    missing: dict[str, MissingName] = {}
    citations = list(_citations(chart))
    for source in chart.sources:
        text = (dataset.root / source.file).read_text(encoding="utf-8")
        document = Document(text)
        folded = fold_white_space(text)
        cited = _intervals(folded, (c.quote for c in citations if c.source == source.id))
        passages, left = 0, []
        cursor = 0
        for block, span in document.all_sentences():
            if block.kind == "heading":
                continue
            piece = fold_white_space(text[span.start : span.end])
            at = folded.find(piece, cursor)
            if at < 0:
                at = folded.find(piece)
            cursor = max(cursor, at + 1) if at >= 0 else cursor
            passages += 1
            passage = Passage(source.id, "bullet" if block.kind == "bullet" else "sentence", _line(text, span), piece)
            if not any(
                min(end, at + len(piece)) - max(start, at) >= min(MIN_OVERLAP, end - start) for start, end in cited
            ):
                left.append(passage)
            for mention in known_names(text[span.start : span.end], span.start, forms):
                node = by_name.get(mention.known or mention.name)
                if node is None or node.id in chart or any(same_name(node, mine) for mine in chart.nodes):
                    continue
                missing.setdefault(
                    node.id,
                    MissingName(text[mention.span.start : mention.span.end], origin[id(node)], node.id, passage),
                )
        results.append(SourceCoverage(source, passages, tuple(left)))
    order = sorted(missing.values(), key=lambda m: (m.passage.source, m.passage.line, m.name))
    return Uncited(chart, tuple(results), tuple(order))


def _line(text: str, span: Span) -> int:
    return text.count("\n", 0, span.start) + 1
