"""Terminal tables that keep names readable whatever the ids.

Ids can be long (an imported register's paths, a curator's descriptive ids up to 128
characters) and names are what a reader reads. So in every table of nodes the id columns give
way first: they fold (wrap inside the id) within the width left once the name has at least
`NAME_MIN_WIDTH` characters, and never take more than `ID_MAX_WIDTH`; the name column takes the
rest and wraps at its spaces. Levels indent names by two spaces each, up to `MAX_INDENT` levels,
so a deep path does not push its names off the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from rich import box
from rich.table import Table

NAME_MIN_WIDTH: Final[int] = 20
"""The fewest characters a name column is given on any terminal."""

ID_MAX_WIDTH: Final[int] = 40
"""The most characters an id column takes before it folds."""

ID_MIN_WIDTH: Final[int] = 8

GAP: Final[int] = 3
"""What each column costs beside its text: a space of padding on either side and the box's
one-space separator (the table's outer edges have neither, hence one GAP less in all)."""

MAX_INDENT: Final[int] = 6
"""Levels beyond this are indented as this one."""


def id_widths(console_width: int, fixed: int, longest: Sequence[int]) -> list[int]:
    """The width of each id column (`longest`: the longest id each holds): what is left of
    `console_width` after the `fixed` columns (with their GAPs) and a name of at least
    NAME_MIN_WIDTH, shared among them so that a column of short ids keeps what it needs and
    the others split the rest; each at most ID_MAX_WIDTH and its longest id, at least
    ID_MIN_WIDTH (when its ids are that long)."""
    budget = console_width - fixed - (NAME_MIN_WIDTH + GAP) - GAP * len(longest) + GAP
    widths = [0] * len(longest)
    left = list(range(len(longest)))
    for index in sorted(left, key=lambda i: longest[i]):
        share = budget // len(left)
        widths[index] = min(longest[index], max(ID_MIN_WIDTH, min(ID_MAX_WIDTH, share)))
        budget -= widths[index]
        left.remove(index)
    return widths


def indent(level: int) -> str:
    """Two spaces per level, up to MAX_INDENT levels."""
    return "  " * min(level, MAX_INDENT)


def node_table(console_width: int, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]]) -> Table:
    """A table with `columns` as (header, role) and `rows` of plain cells, every column's width
    fixed here: role "kind" and "text" (an era id) as wide as their longest line, "id" (folds)
    sized by `id_widths`, and "name" the rest, at least NAME_MIN_WIDTH (wraps at spaces)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)

    def longest(index: int) -> int:
        cells = [len(line) for row in rows for line in str(row[index]).splitlines()]
        return max([len(columns[index][0]), *cells])

    widths = {i: longest(i) for i, (_, role) in enumerate(columns) if role in ("kind", "text")}
    fixed = sum(width + GAP for width in widths.values())
    id_columns = [i for i, (_, role) in enumerate(columns) if role == "id"]
    widths |= dict(zip(id_columns, id_widths(console_width, fixed, [longest(i) for i in id_columns]), strict=True))
    used = sum(width + GAP for width in widths.values())
    names = sum(1 for _, role in columns if role == "name")
    for index, (header, role) in enumerate(columns):
        if role == "name":
            width = max(NAME_MIN_WIDTH, (console_width - used + GAP) // max(names, 1) - GAP)
        else:
            width = widths[index]
        style = "cyan" if header == "id" or role == "text" else None
        table.add_column(
            header, style=style, overflow="fold", no_wrap=role in ("kind", "text"), min_width=width, max_width=width
        )
    return table
