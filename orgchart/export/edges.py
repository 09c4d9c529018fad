"""Which way another tool's edges point, and where a node's own name starts in a path-like id.

This package's edges point from superior to subordinate, as org charts draw them. Some tools
write the other way (child -> parent, as a "reports to" or "part of" link). Read the wrong way, a
tree turns upside down without any error: the root "has" a hundred parents and leaves have
children. So when `--edges` is not given, the importer looks: if some node has three or more
parents and, read the other way round, the parent edges would form (nearly) a tree, the edges
look reversed and the import stops, naming the option that says which way they point.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from orgchart.errors import DataError, Problem
from orgchart.export.shape import ImportShape

RawEdge = tuple[str, str, str | None, dict[str, Any]]
"""(superior, subordinate, kind or None, attributes) as the file gives them."""


def _is_parent(kind: str | None) -> bool:
    return (kind or "parent") == "parent"


def reversed_evidence(edges: Sequence[RawEdge]) -> str | None:
    """Why the parent edges look reversed, in words, or None when they look right.

    Reversed when some node has at least 3 parents and, read the other way, at most a tenth as
    many nodes would have more than one parent (a document's second parents stay rare).
    """
    pairs = [(sup, sub) for sup, sub, kind, _ in edges if _is_parent(kind)]
    parents = Counter(sub for _, sub in pairs)
    several = [node for node, count in parents.items() if count > 1]
    if not several:
        return None
    top, most = max(parents.items(), key=lambda item: (item[1], item[0]))
    if most < 3:
        return None
    other_way = sum(1 for count in Counter(sup for sup, _ in pairs).values() if count > 1)
    if other_way * 10 > len(several):
        return None
    leaves_with_children = sum(1 for node in {sup for sup, _ in pairs} if node not in parents)
    return (
        f"{len(several):,} node(s) have several parents ({top!r} is placed under {most:,}), and "
        f"{leaves_with_children:,} node(s) with children have no parent; read child to parent, "
        f"{other_way:,} node(s) would have more than one"
    )


def orient_edges(edges: Sequence[RawEdge], shape: ImportShape, where: str) -> tuple[list[RawEdge], list[str]]:
    """The edges pointing superior -> subordinate, and a note when they were turned round.

    Parent edges are reversed with `shape.edges == "child-to-parent"` (other kinds, such as
    oversight, keep the direction the file gives). Without `shape.edges`, edges that look
    reversed stop the import.

    Raises:
        DataError: the edges look reversed and `shape.edges` is not given.
    """
    if shape.edges == "child-to-parent":
        turned = [
            (sub, sup, kind, attrs) if _is_parent(kind) else (sup, sub, kind, attrs) for sup, sub, kind, attrs in edges
        ]
        count = sum(1 for _, _, kind, _ in edges if _is_parent(kind))
        return turned, [f"{count:,} parent edge(s) read child to parent (--edges child-to-parent)"]
    if shape.edges is None and (evidence := reversed_evidence(edges)) is not None:
        raise DataError(
            [
                Problem(
                    where,
                    0,
                    0,
                    f"the edges look reversed (pointing from child to parent): {evidence}",
                    "pass --edges child-to-parent to read them that way, or --edges parent-to-child "
                    "to import them as they are",
                )
            ],
            "the import stopped: the edges look reversed",
        )
    return list(edges), []


def own_segment(node_id: str, parent_id: str | None, separator: str, roots_share: str = "") -> str:
    """The part of a path-like id that is the node's own: after its parent's id and the
    separator when the id starts with them (`/A/B (2)` under `/A` -> `B (2)`), else after the
    prefix the roots share (`roots_share`, see `orgchart.export.paths.root_prefix`), else after
    the last separator of an id that starts with one, else the whole id."""
    if parent_id is not None and node_id.startswith(parent_id + separator):
        return node_id[len(parent_id) + len(separator) :]
    if roots_share and node_id.startswith(roots_share) and len(node_id) > len(roots_share):
        return node_id[len(roots_share) :]
    if node_id.startswith(separator):
        return node_id[node_id.rfind(separator) + len(separator) :]
    return node_id
