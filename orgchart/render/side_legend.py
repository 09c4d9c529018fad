"""The caption of a change chart: its title, what it compares, and a legend of change states.

A change chart colours its boxes by what changed, not by kind, so its legend shows the change
states (each swatch with its marker and border, "unchanged" white with a grey border so it
shows on paper) and the connectors, never the kinds.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from orgchart.changes.changeset import ChangeSet
from orgchart.render.change_marks import STATE_MARKS, Mark
from orgchart.render.labels import TITLE_CHARS, shorten

CONNECTOR_LABELS: Final[dict[str, str]] = {
    "moved": "moved: from its place on the left to its place on the right",
    "merged": "merged / split",
    "split": "merged / split",
    "same": "the same entity, placed differently (no change reported)",
}


def _text(text: str) -> str:
    return html.escape(text, quote=True).replace("\\", "\\\\")


def _swatch(mark: Mark, text: str) -> str:
    """A legend cell drawn like the boxes: fill, border colour and dash, with the marker."""
    dash = "dashed" if "dashed" in mark.style else ("dotted" if "dotted" in mark.style else "rounded")
    border = "3" if mark.peripheries > 1 else ("2" if mark.penwidth >= 2 else "1")
    return (
        f'<TD BGCOLOR="{mark.fill}" COLOR="{mark.border}" BORDER="{border}" STYLE="{dash}" CELLPADDING="3">'
        f'<FONT POINT-SIZE="9"><B>{_text(mark.marker) or "&#160;"}</B> {_text(text)}</FONT></TD>'
    )


def _line_sample(color: str, style: str, text: str) -> str:
    return (
        f'<TD WIDTH="34" HEIGHT="10" FIXEDSIZE="TRUE" SIDES="B" BORDER="2" COLOR="{color}" STYLE="{style}"></TD>'
        f'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{_text(text)}</FONT></TD>'
    )


def state_legend(states: Iterable[str], connectors: Mapping[str, tuple[str, str]] = {}) -> str:
    """A legend table of the change states drawn (in `STATE_MARKS` order, "unchanged" always)
    and of the connectors (kind -> (colour, Graphviz style))."""
    shown = set(states) | {"unchanged"}
    cells = [_swatch(mark, mark.label) for state, mark in STATE_MARKS.items() if state in shown]
    rows = [f"<TR>{''.join(cells[i : i + 5])}</TR>" for i in range(0, len(cells), 5)]
    samples = []
    seen = set()
    for kind, (color, style) in connectors.items():
        label = CONNECTOR_LABELS.get(kind, kind)
        if label not in seen:
            seen.add(label)
            samples.append(_line_sample(color, style, label))
    parts = [f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="3">{"".join(rows)}</TABLE></TD></TR>']
    if samples:
        parts.append(
            f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="3"><TR>{"".join(samples)}</TR></TABLE></TD></TR>'
        )
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(parts)}</TABLE>'


def change_caption(
    changes: ChangeSet, lines: Sequence[str], states: Iterable[str], connectors: Mapping[str, tuple[str, str]] = {}
) -> tuple[str, str]:
    """The caption of a change chart as (title, HTML-like label): title, `lines` after the eras
    compared, then the legend of `states` and `connectors`."""
    before, after = changes.before, changes.after
    title = f"Changes from {before.label} to {after.label}"
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>{_text(shorten(title, TITLE_CHARS))}</B></FONT></TD></TR>']
    texts = [
        f"era {before.id} ({before.date.label}) → era {after.id} ({after.date.label})",
        "Not mentioned is not abolished: a document that omits an entity says nothing of its end.",
        *lines,
    ]
    rows += [
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="#444444">{_text(shorten(t, TITLE_CHARS))}</FONT></TD></TR>'
        for t in texts
    ]
    rows.append(f'<TR><TD ALIGN="LEFT">{state_legend(states, connectors)}</TD></TR>')
    return title, f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>>'
