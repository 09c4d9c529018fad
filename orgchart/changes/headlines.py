"""The few changes a reader should see first, ranked by how much of the structure they touch.

At the size of a register, a report holds thousands of changes; its headlines must be the ones
that matter: a department that mostly vanished outranks one renamed office. Each candidate is
weighed by the entities it touches:

- a move, merge or split: the entity and everything below it (the branch changes place);
- a rename or kind change: the entity alone (its branch keeps its place; the name is news, but
  a renamed department touches less of the structure than a moved one);
- a removed (added) subtree: the entities in it that the other era does not mention, headlined
  once at its top rather than once per entity;
- a branch that both eras mention but whose entities mostly one era alone mentions (a
  department of 822 units of which 1 appears later): those entities (not for the main body and
  the levels above it, which are the whole organization: the coverage totals say that);
- a changed figure: 1.

Candidates are taken heaviest first; one inside a removal (addition) already headlined is left
out, so a vanished department is one headline, not one per office. What one era mentions and the
other does not fills at most half of the headlines while changes of structure remain, so a
rename is not drowned by what partial documents happen to cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from orgchart.changes.branches import find_branches
from orgchart.changes.changeset import Change, ChangeSet
from orgchart.graph import OrgChart

HEADLINE_LIMIT: Final[int] = 6

STRUCTURAL: Final[tuple[str, ...]] = ("renamed", "merged", "split", "moved", "kind_changed", "claim_changed")
"""Change kinds that are headlines on their own, in the order that breaks ties."""

PLACE_KINDS: Final[frozenset[str]] = frozenset({"moved", "merged", "split"})
"""Change kinds that move a whole branch: weighed by the entities in it."""

BRANCH_KINDS: Final[tuple[str, ...]] = ("branch_not_mentioned", "branch_first_mentioned")
"""Headline kinds that gather many changes of one branch (no single `Change` behind them)."""


@dataclass(frozen=True)
class Headline:
    """One headline: its kind (a change kind, or one of BRANCH_KINDS), the entity it is about
    (id and name in the era that states it), how many entities it touches (`weight`) out of how
    many in that branch or subtree (`total`), and the change behind it, if one is."""

    kind: str
    id: str
    name: str
    weight: int
    total: int
    change: Change | None

    @property
    def removal(self) -> bool:
        """Whether it is about what the later era no longer mentions (else what it adds)."""
        return self.kind in ("removed", "branch_not_mentioned")


class _Tree:
    """Main-parent links of one era, with subtree counts of a marked set of nodes."""

    def __init__(self, chart: OrgChart) -> None:
        self.chart = chart
        self.parent = {node.id: p.id for node in chart.nodes if (p := chart.parent(node)) is not None}

    def ancestors(self, node_id: str) -> Iterable[str]:
        seen = {node_id}
        current = self.parent.get(node_id)
        while current is not None and current not in seen:
            yield current
            seen.add(current)
            current = self.parent.get(current)

    def below(self, marked: set[str]) -> tuple[dict[str, int], dict[str, int]]:
        """For every node: how many nodes are below it, and how many of those are `marked`."""
        total: dict[str, int] = {}
        hits: dict[str, int] = {}
        for node in self.chart.nodes:
            for above in self.ancestors(node.id):
                total[above] = total.get(above, 0) + 1
                if node.id in marked:
                    hits[above] = hits.get(above, 0) + 1
        return total, hits

    def inside(self, node_id: str, top: str) -> bool:
        return node_id == top or top in self.ancestors(node_id)

    def depth(self, node_id: str) -> int:
        return sum(1 for _ in self.ancestors(node_id))


def _side(removal: bool, tree: _Tree, changes: dict[str, Change]) -> list[Headline]:
    """Removed (or added) subtrees and mostly-unmentioned branches of one era."""
    marked = set(changes)
    total, hits = tree.below(marked)
    out: list[Headline] = []
    for node_id, change in changes.items():
        if tree.parent.get(node_id) in marked:
            continue  # headlined at the top of its subtree
        weight = 1 + hits.get(node_id, 0)
        out.append(Headline(change.kind, node_id, tree.chart.node(node_id).name, weight, weight, change))
    kind = "branch_not_mentioned" if removal else "branch_first_mentioned"
    trunk = set(find_branches(tree.chart).trunk)  # the whole organization: the coverage totals say it
    for node_id, count in hits.items():
        if node_id in marked or node_id in trunk or count < 2 or 2 * count < total[node_id]:
            continue
        out.append(Headline(kind, node_id, tree.chart.node(node_id).name, count, total[node_id], None))
    return out


def headlines(cs: ChangeSet, limit: int = HEADLINE_LIMIT) -> tuple[Headline, ...]:
    """The `limit` headlines of `cs`, heaviest first (see the module docstring)."""
    before, after = _Tree(cs.before), _Tree(cs.after)
    sizes_after, _ = after.below(set())
    sizes_before, _ = before.below(set())
    candidates: list[Headline] = []
    for change in cs.changes:
        if change.kind not in STRUCTURAL:
            continue
        if change.kind == "claim_changed":
            candidates.append(Headline(change.kind, change.id, "", 1, 1, change))
            continue
        tree, sizes = (before, sizes_before) if change.kind == "split" else (after, sizes_after)
        if change.id not in tree.chart:
            continue
        weight = 1 + sizes.get(change.id, 0) if change.kind in PLACE_KINDS else 1
        candidates.append(Headline(change.kind, change.id, tree.chart.node(change.id).name, weight, weight, change))
    removed = {c.id: c for c in cs.changes if c.kind == "removed" and c.id in cs.before}
    added = {c.id: c for c in cs.changes if c.kind == "added" and c.id in cs.after}
    candidates += _side(True, before, removed)
    candidates += _side(False, after, added)
    order = (*STRUCTURAL, "removed", "added", *BRANCH_KINDS)

    def rank(item: Headline) -> tuple[int, bool, int, int, str]:
        # Equal weight: a change of structure before a lone addition or removal, then the
        # highest in the structure (an unplaced entity counts as deepest), then by kind.
        tree = before if item.removal or item.kind == "split" else after
        depth = item.change.depth if item.change is not None else tree.depth(item.id)
        lone = item.kind in ("removed", "added")
        return (-item.weight, lone, depth, order.index(item.kind), item.id)

    mention = ("removed", "added", *BRANCH_KINDS)
    picked: list[Headline] = []

    def take(item: Headline) -> None:
        if item.kind in mention:
            tree = before if item.removal else after
            if any(p.kind in mention and p.removal == item.removal and tree.inside(item.id, p.id) for p in picked):
                return
        picked.append(item)

    ranked = sorted(candidates, key=rank)
    # What one document mentions and the other does not may fill at most half the headlines
    # while changes of structure (renames, moves, figures) remain: partial documents differ
    # most in what they cover, and a rename must not drown under them.
    for item in ranked:
        if len(picked) < limit and (item.kind not in mention or sum(p.kind in mention for p in picked) < limit // 2):
            take(item)
    for item in ranked:
        if len(picked) < limit and item not in picked:
            take(item)
    return tuple(sorted(picked, key=rank))
