"""The two trees of a side-by-side change chart, as rows: the earlier era on the left, the later
on the right, an entity both eras place alike on one row.

Each era is an outline of its drawn tree (`orgchart.changes.order.drawn_parents`: main parent,
else overseer, else the partner that names it), siblings in one order for both eras
(`orgchart.changes.order`), then the bodies outside the organization and the entities the
document relates to nothing, each in a section of its own. A matched entity whose parents up to
the root are matched too sits on one row with its counterpart (the two outlines walked side by
side, like a side-by-side diff of two texts); anything else has a row on its own side only: an
entity first mentioned, one not mentioned later, and a moved entity with its subtree, which
appears at its old place on the left and its new place on the right.

The summary form keeps the changed entities (marked on either side, see
`orgchart.render.change_marks`) and their ancestors, and folds the rest: the unchanged children
of a parent become one row (a lone branch: "Custody Management" with "4 unchanged below";
several: "3 units unchanged: Kansas City Sub-Office, ..."), and runs of leaves first mentioned or
not mentioned later share one row too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from orgchart.changes.changeset import ChangeSet
from orgchart.changes.order import Ordering, drawn_parents
from orgchart.graph import OrgChart
from orgchart.render.change_marks import ChangeMarks, SideMark

SECTIONS: Final[dict[str, str]] = {
    "main": "",
    "outside": "Outside the organization",
    "unrelated": "Related to no other entity by the document",
}
"""The sections of each outline, in order, with their headings (the main tree has none)."""

Key = tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """One side of a row: an entity (`node`) `depth` levels down its tree under `parent`, with
    `hidden` unchanged entities folded below it, or with everything below it (`group`) first
    mentioned or not mentioned later like itself (`state`); or (`node` None) the siblings
    `group` on one line: unchanged ones (with `hidden` entities below them), or leaves all first
    mentioned or all not mentioned later."""

    node: str | None
    depth: int
    parent: str | None
    hidden: int = 0
    group: tuple[str, ...] = ()
    state: str = "unchanged"


@dataclass(frozen=True)
class Row:
    """One row: the earlier era's cell, the later era's cell, or a section heading. `level`
    rows hold one entity on both sides, drawn at one height; in the others each side goes on
    with its own tree."""

    before: Cell | None = None
    after: Cell | None = None
    section: str = ""
    level: bool = False


@dataclass(frozen=True)
class Outline:
    """The rows of a side-by-side chart and how many unchanged entities the summary folded."""

    rows: tuple[Row, ...]
    summary: bool
    folded: int


@dataclass
class _Tree:
    """One era's drawn tree, limited to the entities in scope, children in the chart's order."""

    chart: OrgChart
    parent: dict[str, str]
    children: dict[str | None, list[str]]
    section: dict[str, str]

    def walk(self, node_id: str) -> Iterator[str]:
        """`node_id` and everything below it, depth first (no recursion)."""
        todo = [node_id]
        while todo:
            current = todo.pop()
            yield current
            todo.extend(reversed(self.children.get(current, [])))


def _tree(chart: OrgChart, order: Ordering, scope: Collection[str] | None) -> _Tree:
    parents = drawn_parents(chart)
    linked = {edge.superior for edge in chart.edges} | {edge.subordinate for edge in chart.edges}
    nodes = [node for node in order.sort_nodes(chart.id, chart.nodes) if scope is None or node.id in scope]
    kept = {node.id for node in nodes}
    outside = {node.id for node in nodes if node.kind == "external body"}
    # Bodies outside the organization have a section of their own, and what sits under one of
    # them (ICE under DHS) heads the organization's tree.
    parent = {
        node.id: parents[node.id]
        for node in nodes
        if node.id not in outside and parents.get(node.id) in kept and parents[node.id] not in outside
    }
    children: dict[str | None, list[str]] = {}
    section: dict[str, str] = {}
    for node in nodes:
        children.setdefault(parent.get(node.id), []).append(node.id)
        if node.id not in parent:
            section[node.id] = "outside" if node.id in outside else ("main" if node.id in linked else "unrelated")
    return _Tree(chart, parent, children, section)


def _keys(changes: ChangeSet) -> tuple[dict[str, Key], dict[str, Key]]:
    """Row keys: an entity and its counterpart share one; an unmatched entity has its own."""
    after: dict[str, Key] = {
        node.id: ("m", node.id) if changes.matching.backward(node.id) else ("b", node.id)
        for node in changes.after.nodes
    }
    before: dict[str, Key] = {}
    for node in changes.before.nodes:
        match = changes.matching.forward(node.id)
        before[node.id] = ("m", match.after) if match else ("a", node.id)
    return before, after


def outline(
    changes: ChangeSet,
    marks: ChangeMarks,
    order: Ordering,
    *,
    summary: bool = False,
    scope: tuple[Collection[str] | None, Collection[str] | None] = (None, None),
) -> Outline:
    """The rows of the side-by-side chart of `changes` (see the module docstring).

    Args:
        changes: the two eras and what changed.
        marks: the marks of `changes` (which entities changed).
        order: the siblings' order for both eras.
        summary: fold unchanged branches and leaves.
        scope: the entity ids each side draws (None: all), for a chart of one subtree.
    """
    trees = (_tree(changes.before, order, scope[0]), _tree(changes.after, order, scope[1]))
    keys = _keys(changes)
    changed = {keys[0][n] for n in marks.before} | {keys[1][n] for n in marks.after}
    kept: set[Key] = set()
    if summary:
        for tree, key_of in zip(trees, keys, strict=True):
            seen: set[str] = set()
            for node_id in [n for n in key_of if key_of[n] in changed]:
                step: str | None = node_id if node_id in tree.section or node_id in tree.parent else None
                while step is not None and step not in seen:
                    seen.add(step)
                    kept.add(key_of[step])
                    step = tree.parent.get(step)
    groupable = (_groupable(marks.before), _groupable(marks.after))
    left, right = (
        list(_sequence(tree, key_of, kept if summary else None, group))
        for tree, key_of, group in zip(trees, keys, groupable, strict=True)
    )
    folded = len(
        {
            keys[side][node]
            for side, items in ((0, left), (1, right))
            for _, _, cell in items
            if cell.state == "unchanged" and (cell.hidden or cell.node is None)
            for top in ((cell.node,) if cell.node else cell.group)
            for node in list(trees[side].walk(top))[0 if cell.node is None else 1 :]
        }
    )
    rows = _merge(left, right, _shared(left, right, _aligned(trees, keys), keys))
    return Outline(tuple(rows), summary, folded)


Item = tuple[Key, str, Cell]
"""An outline line: its row key, its section, its cell."""


GROUPED: Final[dict[str, frozenset[str]]] = {
    "added": frozenset({"added", "oversight_added", "claim_added"}),
    "removed": frozenset({"removed", "oversight_removed", "claim_removed"}),
}
"""Entities whose marks are only these (a whole entity first mentioned or not mentioned later,
with the oversight links and figures that came or went with it) share one line with their like
in the summary form: a run of such leaves, or such an entity with everything below it."""


def _groupable(side_marks: Mapping[str, SideMark]) -> dict[str, str]:
    """The entities of one side the summary may put on one line with their like, and their state."""
    return {
        node_id: state
        for node_id, mark in side_marks.items()
        for state, allowed in GROUPED.items()
        if state in mark.kinds and set(mark.kinds) <= allowed
    }


def _sequence(
    tree: _Tree, key_of: Mapping[str, Key], kept: set[Key] | None, groupable: Mapping[str, str]
) -> Iterator[Item]:
    """The outline of one tree, depth first in the chart's order, folded where `kept` says
    (None: nothing folded, no leaves grouped)."""

    def state_of(node_id: str) -> str | None:
        return groupable.get(node_id) if kept is not None and not tree.children.get(node_id) else None

    for section in SECTIONS:
        roots = [root for root in tree.children.get(None, []) if tree.section[root] == section]
        todo: list[tuple[str | None, list[str], int]] = [(None, roots, 0)]
        while todo:
            parent, siblings, depth = todo.pop()
            if not siblings:
                continue
            first, rest = siblings[0], siblings[1:]
            state = state_of(first)
            run = 1
            while state and run < len(siblings) and state_of(siblings[run]) == state:
                run += 1
            whole = groupable.get(first) if kept is not None and tree.children.get(first) else None
            subtree = list(tree.walk(first))[1:] if whole else []
            if whole and all(groupable.get(node) == whole for node in subtree):
                todo.append((parent, rest, depth))
                yield key_of[first], section, Cell(first, depth, parent, group=tuple(subtree), state=whole)
                continue
            if state and run > 1:  # a run of one is the entity's own row
                todo.append((parent, siblings[run:], depth))
                members = tuple(siblings[:run])
                yield ("G", *members), section, Cell(None, depth, parent, group=members, state=state)
                continue
            if kept is None or key_of[first] in kept:
                todo.append((parent, rest, depth))
                yield key_of[first], section, Cell(first, depth, parent)
                todo.append((first, tree.children.get(first, []), depth + 1))
                continue
            # Every unchanged sibling folds into one line: a lone branch keeps its name and
            # counts what is below it, several are listed with their counts.
            unchanged = [n for n in siblings if key_of[n] not in kept]
            todo.append((parent, [n for n in siblings if key_of[n] in kept], depth))
            hidden = sum(sum(1 for _ in tree.walk(n)) - 1 for n in unchanged)
            if len(unchanged) == 1:
                yield key_of[first], section, Cell(first, depth, parent, hidden=hidden)
                continue
            group_key = ("g", *(part for node in unchanged for part in key_of[node]))
            yield group_key, section, Cell(None, depth, parent, hidden=hidden, group=tuple(unchanged))


def _aligned(trees: tuple[_Tree, _Tree], keys: tuple[dict[str, Key], dict[str, Key]]) -> set[Key]:
    """The keys of matched entities both eras place alike: the same section, and parents that
    are one entity placed alike, up to the root."""
    before, after = trees
    node_of_after = {key: node for node, key in keys[1].items()}
    aligned: set[Key] = set()
    for section in SECTIONS:
        for root in before.children.get(None, []):
            if before.section[root] != section:
                continue
            for node in before.walk(root):
                key = keys[0][node]
                other = node_of_after.get(key)
                if key[0] != "m" or other is None or (other not in after.parent and other not in after.section):
                    continue
                parent, other_parent = before.parent.get(node), after.parent.get(other)
                if parent is None and other_parent is None:
                    if after.section.get(other) == section:
                        aligned.add(key)
                elif (
                    parent is not None
                    and other_parent is not None
                    and keys[0][parent] == keys[1][other_parent]
                    and keys[0][parent] in aligned
                ):
                    aligned.add(key)
    return aligned


def _shared(
    left: list[Item], right: list[Item], aligned: set[Key], keys: tuple[dict[str, Key], dict[str, Key]]
) -> set[Key]:
    """The lines both outlines hold at one place: aligned entities, and folded groups of the
    same entities under one aligned parent (or both at the top of one section)."""

    def groups(items: list[Item], key_of: Mapping[str, Key]) -> set[tuple[Key, Key]]:
        return {
            (item[0], key_of[item[2].parent] if item[2].parent else ("top", item[1]))
            for item in items
            if item[0][0] == "g"
        }

    common = groups(left, keys[0]) & groups(right, keys[1])
    return aligned | {key for key, parent in common if parent[0] == "top" or parent in aligned}


def _merge(left: list[Item], right: list[Item], shared: set[Key]) -> list[Row]:
    """Walk both outlines together: shared lines share a row, the others get one of their own
    (the earlier era's first), with a heading row where a section starts."""
    shared = set(shared)
    rows: list[Row] = []
    for section, heading in SECTIONS.items():
        lines = _merge_section(
            [item for item in left if item[1] == section], [item for item in right if item[1] == section], shared
        )
        if lines and heading:
            rows.append(Row(section=section))
        rows += lines
    return rows


def _merge_section(left: list[Item], right: list[Item], shared: set[Key]) -> list[Row]:
    """`_merge` within one section."""
    rows: list[Row] = []
    i = j = 0
    while i < len(left) or j < len(right):
        a = left[i] if i < len(left) else None
        b = right[j] if j < len(right) else None
        if a is not None and b is not None and a[0] == b[0] and a[0] in shared:
            row = Row(before=a[2], after=b[2], level=True)
            i, j = i + 1, j + 1
        elif a is not None and (a[0] not in shared or b is None):
            row = Row(before=a[2])
            i += 1
        elif b is not None and (b[0] not in shared or a is None):
            row = Row(after=b[2])
            j += 1
        else:  # both shared, yet different: the orders disagree here, so the left one goes alone
            assert a is not None
            shared.discard(a[0])
            row = Row(before=a[2])
            i += 1
        rows.append(row)
    return _paired(rows)


def _paired(rows: list[Row]) -> list[Row]:
    """Between two level rows, the earlier era's lines of its own and the later era's share
    rows, each side in its order (as a side-by-side diff shows a changed block)."""
    out: list[Row] = []
    left: list[Cell] = []
    right: list[Cell] = []

    def flush() -> None:
        for index in range(max(len(left), len(right))):
            out.append(Row(left[index] if index < len(left) else None, right[index] if index < len(right) else None))
        left.clear()
        right.clear()

    for row in rows:
        if row.level:
            flush()
            out.append(row)
        elif row.before is not None:
            left.append(row.before)
        elif row.after is not None:
            right.append(row.after)
    flush()
    return out
