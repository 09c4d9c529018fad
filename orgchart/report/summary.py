"""The eras table: one row per era with its date, sources and how much it states.

The README embeds this table between markers; a test checks that it matches the data, so the
table is produced by `orgchart eras --format markdown`, never typed by hand.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from orgchart.graph import Dataset
from orgchart.report.escape import md


@dataclass(frozen=True)
class EraSummary:
    """What one era holds, for tables and `orgchart eras --json`."""

    id: str
    label: str
    date: str
    start: str
    end: str
    precision: str
    reason: str
    sources: tuple[str, ...]
    nodes: int
    edges: int
    relations: dict[str, int]
    claims: int
    findings: int

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["sources"] = list(self.sources)
        return data


def era_summaries(dataset: Dataset) -> list[EraSummary]:
    """One summary per era, oldest first."""
    rows = []
    for chart in dataset.eras:
        relations: dict[str, int] = {}
        for edge in chart.edges:
            relations[edge.kind] = relations.get(edge.kind, 0) + 1
        rows.append(
            EraSummary(
                id=chart.id,
                label=chart.label,
                date=chart.date.label,
                start=chart.date.start.isoformat(),
                end=chart.date.end.isoformat(),
                precision=chart.date.precision,
                reason=chart.date.reason,
                sources=tuple(s.id for s in chart.sources),
                nodes=len(chart.nodes),
                edges=len(chart.edges),
                relations=dict(sorted(relations.items())),
                claims=len(chart.claims),
                findings=len(chart.findings),
            )
        )
    return rows


def _cell(text: str) -> str:
    return md(text)


def eras_markdown(dataset: Dataset) -> str:
    """The eras as a Markdown table (oldest first), ending with a newline."""
    lines = [
        "| era | date | precision | source | entities | relations | claims | findings |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in era_summaries(dataset):
        lines.append(
            f"| `{row.id}` | {_cell(row.date)} | {row.precision} | {_cell(', '.join(row.sources))} "
            f"| {row.nodes} | {row.edges} | {row.claims} | {row.findings} |"
        )
    return "\n".join(lines) + "\n"


def findings_markdown(dataset: Dataset) -> str:
    """Every era's findings as a Markdown list, oldest era first, each with its quotes.

    Findings are what a reader must know about the documents themselves: a count that differs
    from what is listed, a unit under two parents, figures that disagree, damaged text.
    """
    lines: list[str] = []
    for chart in dataset.eras:
        if not chart.findings:
            continue
        lines.append(f"- **`{chart.id}`** ({_cell(chart.date.label)})")
        for finding in chart.findings:
            subject = f" `{finding.subject}`" if finding.subject else ""
            # Four spaces a level: Python-Markdown (MkDocs) nests only at four, CommonMark at two.
            lines.append(f"    - *{finding.kind.replace('_', ' ')}*{subject}: {_inline(finding.message)}")
            if finding.citations:
                lines.append("")  # Python-Markdown starts a quote inside a list item only after a blank line
            for citation in finding.citations[:2]:
                lines.append(f"        > “{_inline(citation.quote)}” ({citation.source})")
            if finding.citations:
                lines.append("")  # and ends it only at a blank line in CommonMark
    return "\n".join(lines).rstrip("\n") + "\n" if lines else "No findings.\n"


def _inline(text: str) -> str:
    """User text safe inside a Markdown list item: no HTML, no line breaks, no stray emphasis
    (see `orgchart.report.escape.md`)."""
    return md(text)
