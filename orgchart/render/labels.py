"""Text on a chart: node labels, tooltips, titles, the caption and the legend.

Graphviz HTML-like labels are built here and only here, every piece of data passing through
`html.escape`, so a name holding `<`, `&`, quotes or braces is shown as written and can never
change the markup. Plain-text attributes (tooltips) go through `plain_attribute`.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from orgchart.dataset.model import Citation, Node
from orgchart.render.style import DARK_FILLS, EDGE_STYLES, NODE_STYLES, SECOND_PARENT, EdgeStyle

WRAP: Final[int] = 17
"""Characters per line of a node's name before it wraps: narrow enough that a row of ten
"... Management Division" boxes fits an embedded page (22 made whole-era charts a quarter
wider), wide enough that a name rarely takes more than three lines."""


LABEL_LINES: Final[int] = 8
"""The most lines a name takes in a chart's box; a longer name ends in "…" there and is whole in
the tooltip, the title and every data output (the longest bundled name takes 6)."""

TITLE_CHARS: Final[int] = 200
"""The most characters of a chart's title or caption line; the rest is "…"."""

QUOTE_CHARS: Final[int] = 1_000
"""The most characters of a quote in a tooltip: with a name (at most 1,000 characters) and
Graphviz's escapes, a tooltip stays well under the 16,384 bytes Graphviz reads in one string."""


def shorten(text: str, limit: int) -> str:
    """`text`, or its first `limit` - 1 characters and "…" when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=8)
def _wrapper(width: int) -> textwrap.TextWrapper:
    # One wrapper per width: building a TextWrapper per label (what `textwrap.wrap` does) was
    # a third of the labelling time of a 1,258-unit chart.
    return textwrap.TextWrapper(width, break_long_words=True, break_on_hyphens=False)


_OTHER_SPACE_CHARS: Final[str] = "\t\n\x0b\x0c\r"
"""textwrap's whitespace other than the space (`textwrap._whitespace`)."""


def wrap_line(line: str, wrapper: textwrap.TextWrapper) -> list[str]:
    """`wrapper.wrap(line)`, packing the words greedily itself when that is what textwrap does:
    words separated by single spaces, none longer than the width (most names): each line then
    ends at the last space that keeps it within the width. textwrap's chunking took a third of
    the time to build a 1,000-unit chart; a test checks this against textwrap."""
    width = wrapper.width
    if _plain_words(width).fullmatch(line) is None:
        return wrapper.wrap(line)
    lines = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width + 1)
        lines.append(line[:cut])
        line = line[cut + 1 :]
    lines.append(line)
    return lines


@lru_cache(maxsize=8)
def _plain_words(width: int) -> re.Pattern[str]:
    """Words of at most `width` characters, none of them textwrap's whitespace, separated by
    single spaces: a line `wrap_line` packs itself (one match, where splitting the line and
    measuring its words took two passes and a third for the other whitespace)."""
    word = rf"[^ {_OTHER_SPACE_CHARS}]{{1,{width}}}"
    return re.compile(rf"{word}(?: {word})*")


def wrapped(text: str, width: int = WRAP, lines: int = LABEL_LINES) -> list[str]:
    """`text` broken into at most `lines` lines of about `width` characters (its own line
    breaks kept); the last line ends in "…" when text is left over. Only what can show is
    wrapped, so a long text costs no more than a short one."""
    wrapper = _wrapper(width)
    limit = width * lines * 2
    over = len(text) > limit
    given = text[:limit].splitlines() or [""]
    if len(given) == 1:  # most names
        result = wrap_line(given[0], wrapper) or [""]
    else:
        result = []
        for line in given:
            result.extend(wrap_line(line, wrapper) or [""])
            if len(result) > lines:
                break
    if over or len(result) > lines:
        result = result[:lines]
        result[-1] = result[-1][: width - 1].rstrip() + "…"
    return result


_TO_ESCAPE: Final[re.Pattern[str]] = re.compile(r"[&<>\"'\\]")


def _html(text: str) -> str:
    """Text for an HTML-like label: markup escaped, and backslashes doubled because Graphviz
    expands `\\N`, `\\G` and the like even inside HTML-like labels. (Most names hold nothing
    to escape: one search tells, cheaper than the six replacements.)"""
    if _TO_ESCAPE.search(text) is None:
        return text
    return html.escape(text, quote=True).replace("\\", "\\\\")


def node_label(node: Node, note: str | None = None) -> str:
    """The HTML-like label of a node: its name in bold, then acronym and kind in small type,
    then `note` if given (an overview's "+12 below")."""
    start, sub_font, kind = _label_fonts(node.kind)
    lines = wrapped(node.name)
    name = "<BR/>".join(lines if _TO_ESCAPE.search(node.name) is None else map(_html, lines))
    detail = f"{_html(node.acronym)} · {kind}" if node.acronym else kind
    noted = f"<BR/>{sub_font}<I>{_html(note)}</I></FONT>" if note else ""
    return f"{start}{name}</B></FONT><BR/>{sub_font}{detail}</FONT>{noted}>"


@lru_cache(maxsize=64)
def _label_fonts(kind: str) -> tuple[str, str, str]:
    """How a label of a node of `kind` starts (up to its name), the font of its small type
    and the kind as the label writes it."""
    color = "#ffffff" if kind in DARK_FILLS else "#1a1a1a"
    sub_color = "#dce6f0" if kind in DARK_FILLS else "#555555"
    return f'<<FONT COLOR="{color}" POINT-SIZE="10.5"><B>', f'<FONT COLOR="{sub_color}" POINT-SIZE="8">', _html(kind)


def first_citation(citations: Sequence[Citation]) -> str:
    """The first citation as `“quote” (source)`, or a note that there is none."""
    if not citations:
        return "(no citation)"
    citation = citations[0]
    return f"“{shorten(citation.quote, QUOTE_CHARS)}” ({citation.source})"


def node_tooltip(node: Node) -> str:
    """A node's tooltip: name, kind, acronym and first citation (quote and source)."""
    acronym = f"acronym {node.acronym}" if node.acronym else "no acronym"
    return f"{node.name}\n{node.kind}; {acronym}; id {node.id}\n{first_citation(node.citations)}"


def node_title(node: Node) -> str:
    """A node's accessible name (its SVG `<title>`): name, acronym and kind."""
    acronym = f" ({node.acronym})" if node.acronym else ""
    return f"{node.name}{acronym}, {node.kind}"


def caption(
    title: str,
    lines: Iterable[str],
    node_kinds: Iterable[str],
    edge_kinds: Iterable[str],
    *,
    show_heading: bool = True,
    show_legend: bool = True,
) -> str:
    """The chart's HTML-like caption: its title, then `lines` (date, sources), then a legend of
    the node kinds and edge kinds drawn (in vocabulary order, so the legend is stable).
    `show_heading` / `show_legend` false leave those parts out; with neither the caption is ""."""
    rows = []
    if show_heading:
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>{_html(shorten(title, TITLE_CHARS))}</B></FONT></TD></TR>'
        )
        rows += [
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="#444444">{_html(shorten(line, TITLE_CHARS))}</FONT></TD></TR>'
            for line in lines
        ]
    if show_legend:
        rows.append(f'<TR><TD ALIGN="LEFT">{legend(node_kinds, edge_kinds)}</TD></TR>')
    if not rows:
        return ""
    return f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>>'


LEGEND_COLUMNS: Final[int] = 6


def legend(node_kinds: Iterable[str], edge_kinds: Iterable[str]) -> str:
    """A legend table: a swatch per node kind, then a line sample per edge kind.

    Edge samples are a short line (a cell with only its bottom border drawn, in the edge's colour
    and dash style) between the end markers the chart draws, so the legend shows the same lines
    as the chart.
    """
    present_nodes = set(node_kinds)
    present_edges = set(edge_kinds)
    swatches = [
        f'<TD BGCOLOR="{style.fill}" COLOR="{style.border}" BORDER="1" STYLE="{"rounded" if "rounded" in style.style else "solid"}"'
        f' CELLPADDING="3"><FONT POINT-SIZE="9" COLOR="{"#ffffff" if kind in DARK_FILLS else "#1a1a1a"}">'
        f"{_html(kind)}</FONT></TD>"
        for kind, style in NODE_STYLES.items()
        if kind in present_nodes
    ]
    samples = []
    for kind, style in EDGE_STYLES.items():
        if kind in present_edges:
            samples.append(_edge_sample(style))
    if "second parent" in present_edges:
        samples.append(_edge_sample(SECOND_PARENT))
    rows = [swatches[i : i + LEGEND_COLUMNS] for i in range(0, len(swatches), LEGEND_COLUMNS)]
    lines = [samples[i : i + LEGEND_COLUMNS // 2] for i in range(0, len(samples), LEGEND_COLUMNS // 2)]
    kinds_table = "".join(f"<TR>{''.join(row)}</TR>" for row in rows)
    lines_table = "".join(f"<TR>{''.join(row)}</TR>" for row in lines)
    parts = [
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="3">{table}</TABLE></TD></TR>'
        for table in (kinds_table, lines_table)
        if table
    ]
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">{"".join(parts)}</TABLE>'


ARROW_GLYPHS: Final[dict[str, str]] = {
    "normal": "▶",
    "empty": "▷",
    "odiamond": "◇",
    "odot": "○",
    "none": "",
}
"""The end marker of each Graphviz arrow shape as a glyph, for the legend's line samples."""


def _edge_sample(style: EdgeStyle) -> str:
    """A line sample: the end markers the chart draws (as glyphs, in the edge's colour) around
    a short line in the edge's colour and dash style, then the label. Markers and dashes, not
    colour alone, tell the kinds apart (oversight ▶ once, coordination ○ at both ends)."""
    dash = {"dashed": "dashed", "dotted": "dotted"}.get(style.style, "solid")
    weight = "2" if style.style == "bold" else "1"
    tail = ARROW_GLYPHS.get(style.arrowtail, "") if style.direction == "both" else ""
    head = ARROW_GLYPHS.get(style.arrowhead, "")

    def marker(glyph: str) -> str:
        text = f'<FONT POINT-SIZE="8" COLOR="{style.color}">{glyph}</FONT>' if glyph else ""
        return f'<TD WIDTH="8" HEIGHT="12" FIXEDSIZE="TRUE">{text}</TD>'

    line = (
        f'<TD WIDTH="28" HEIGHT="12" FIXEDSIZE="TRUE"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD WIDTH="28" HEIGHT="6" FIXEDSIZE="TRUE" SIDES="B" BORDER="{weight}" COLOR="{style.color}" '
        f'STYLE="{dash}"></TD></TR><TR><TD HEIGHT="6"></TD></TR></TABLE></TD>'
    )
    # Markers and line in a table of their own, so that a wide legend cannot pull them apart.
    sample = f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{marker(tail)}{line}{marker(head)}</TR></TABLE>'
    return f'<TD>{sample}</TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{_html(style.label)}</FONT></TD>'


def plain_attribute(text: str) -> str:
    """Text for a plain Graphviz attribute (a tooltip) that comes out as written in SVG.

    Graphviz decodes HTML entities in such strings (so `&` is written `&amp;`) and, for
    tooltips, expands backslash sequences twice (once when reading, once when writing the
    link), so each backslash is written four times (what `graphviz.escape` of the doubled
    text gave). The tests check the round trip with the installed Graphviz.
    """
    return text.replace("&", "&amp;").replace("\\", "\\\\\\\\")
