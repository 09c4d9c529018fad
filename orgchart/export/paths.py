"""Parents from a path column: `/ROOT/Department X (1)/Agency Y (2)` is under the row whose path
is `/ROOT/Department X (1)`.

A path cannot be split on its separator, because names hold it too ("DEFENSE POW/MIA
ACCOUNTING AGENCY"). A row's parent is therefore the **longest proper prefix of its path, ending
just before a separator, that is itself a row's path**; its own segment is what follows that
prefix. A prefix that is no row (`/ROOT`, or the first half of a name with `/`) is passed over.
Each row costs one dictionary lookup per separator in its path, so a table of n rows takes
O(n * depth), not O(n²).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgchart.errors import DataError, Problem


@dataclass(frozen=True)
class PathRow:
    """Where one row sits: its path, the index of its parent row (None: a root), and its own
    segment (the path after the parent's path and the separator)."""

    path: str
    parent: int | None
    segment: str


def normal_path(text: str, separator: str) -> str:
    """A path without surrounding white space or a trailing separator."""
    text = text.strip()
    while text.endswith(separator) and len(text) > len(separator):
        text = text[: -len(separator)]
    return text


def path_rows(paths: Sequence[str], separator: str, names: Sequence[str | None], where: Sequence[str]) -> list[PathRow]:
    """Each row's parent and own segment (see the module docstring).

    `names` (the name column, when there is one) decide the segment of a root: the path from the
    last place its name starts (`/ROOT/DEFENSE POW/MIA AGENCY (7)` -> `DEFENSE POW/MIA AGENCY (7)`),
    else the text after the last separator.

    Raises:
        DataError: an empty path, or two rows with the same path (both named).
    """
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for row, path in enumerate(paths):
        if not path:
            problems.append(Problem(where[row], 0, 0, "empty path", "give every row its path from the root"))
        elif path in index:
            problems.append(
                Problem(
                    where[row],
                    0,
                    0,
                    f"path {path!r} is also the path of {where[index[path]]}",
                    "give each unit its own path (two rows for one unit?)",
                )
            )
        else:
            index[path] = row
    if problems:
        raise DataError(problems[:20])
    rows: list[PathRow] = []
    for row, path in enumerate(paths):
        parent: int | None = None
        cut = path.rfind(separator)
        while cut > 0:
            found = index.get(path[:cut])
            if found is not None:
                parent = found
                break
            cut = path.rfind(separator, 0, cut)
        if parent is not None:
            segment = path[cut + len(separator) :]
        else:
            name = names[row]
            start = path.rfind(name) if name else -1
            segment = path[start:] if start >= 0 else path[path.rfind(separator) + len(separator) :]
        rows.append(PathRow(path, parent, segment))
    return rows
