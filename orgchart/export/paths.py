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


def root_prefix(paths: Sequence[str], separator: str) -> str:
    """The prefix every root path shares, up to and with its last separator (`/ROOT/` for
    `/ROOT/A (1)` and `/ROOT/B/C (2)`): what is left of a root's path is its own segment, even
    when its name holds the separator. Empty for a single root (nothing to compare)."""
    if len(paths) < 2:
        return ""
    first, last = min(paths), max(paths)
    common = 0
    while common < min(len(first), len(last)) and first[common] == last[common]:
        common += 1
    cut = first.rfind(separator, 0, common)
    return first[: cut + len(separator)] if cut >= 0 else ""


def path_rows(paths: Sequence[str], separator: str, names: Sequence[str | None], where: Sequence[str]) -> list[PathRow]:
    """Each row's parent and own segment (see the module docstring).

    `names` (the name column, when there is one) decide the segment of a root: the path from the
    last place its name starts (`/ROOT/DEFENSE POW/MIA AGENCY (7)` -> `DEFENSE POW/MIA AGENCY (7)`),
    else the path after the prefix all roots share (`root_prefix`), else after its last separator.

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
    found_parents: list[int | None] = []
    cuts: list[int] = []
    for path in paths:
        parent: int | None = None
        cut = path.rfind(separator)
        while cut > 0:
            parent = index.get(path[:cut])
            if parent is not None:
                break
            cut = path.rfind(separator, 0, cut)
        found_parents.append(parent)
        cuts.append(cut)
    shared = root_prefix([p for p, parent in zip(paths, found_parents, strict=True) if parent is None], separator)
    rows: list[PathRow] = []
    for row, path in enumerate(paths):
        if found_parents[row] is not None:
            segment = path[cuts[row] + len(separator) :]
        else:
            name = names[row]
            start = path.rfind(name) if name else -1
            if start >= 0:
                segment = path[start:]
            elif shared and len(path) > len(shared):
                segment = path[len(shared) :]
            else:
                segment = path[path.rfind(separator) + len(separator) :]
        rows.append(PathRow(path, found_parents[row], segment))
    return rows
