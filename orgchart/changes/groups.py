"""Merges and splits: changes with several entities on one side.

Two kinds of evidence: a lineage link (`data/lineage.yaml`) that records a merge or split, and
the structure itself, where the matched children of an entity no longer mentioned now sit under
several parents (split), or where all the matched children (two or more) of an entity no longer
mentioned now sit under one other entity (merged into it). The entities a group accounts for are
not also reported as added or removed, and the children's moves it explains are not reported as
moves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgchart.changes.changeset import Change, Quote, depth_of, entity_state, parent_edge, quotes_of
from orgchart.changes.match import Match, Matching


@dataclass(frozen=True)
class Groups:
    """The merges and splits found, and what they account for.

    `grouped_before`/`grouped_after` are the entities of each era that a merge or split explains
    (no addition or removal is reported for them); `explained_moves` the later ids of children
    whose move the group explains (no move is reported for them).
    """

    changes: tuple[Change, ...]
    grouped_before: frozenset[str]
    grouped_after: frozenset[str]
    explained_moves: frozenset[str]


def _lineage_group_changes(matching: Matching) -> list[Change]:
    """Merges and splits that a lineage link records, quoting the link and both eras' entities."""
    era_a, era_b = matching.before, matching.after
    changes: list[Change] = []
    for link in matching.lineage_groups:
        olds = tuple(entity_state(era_a, era_a.node(i)) for i in link.before if i in era_a)
        news = tuple(entity_state(era_b, era_b.node(i)) for i in link.after if i in era_b)
        quotes = quotes_of("lineage", link.citations)
        for state in olds:
            quotes += quotes_of(era_a.id, era_a.node(state.id).citations)
        for state in news:
            quotes += quotes_of(era_b.id, era_b.node(state.id).citations)
        match = Match(olds[0].id, news[0].id, "lineage", 1.0, f"lineage ({link.kind}): {link.reason}")
        if link.kind == "merged":
            change = Change("merged", news[0].id, olds, news[0], match, quotes, "lineage", link.reason)
        else:
            change = Change("split", olds[0].id, olds[0], news, match, quotes, "lineage", link.reason)
        changes.append(change)
    return changes


class _Moves:
    """The earlier and later main parents of matched children that both eras place, asked for
    the few children of unmatched parents. `moved[child]` (a later id) is the pair of parent
    ids. Indexing every matched pair of both eras for them was 0.15 s of a 1.5 s diff at
    100,000 entities; the children come from the eras' own indexes instead."""

    def __init__(self, matching: Matching) -> None:
        self.matching = matching
        self.parents_a, self.parents_b = matching.before.parent_ids, matching.after.parent_ids

    def __getitem__(self, child: str) -> tuple[str, str]:
        match = self.matching.backward(child)
        if match is None or match.before not in self.parents_a or child not in self.parents_b:
            raise KeyError(child)
        return self.parents_a[match.before], self.parents_b[child]

    def children_from(self, old_parent: str) -> list[str]:
        """The later ids of the matched children of earlier parent `old_parent` that the later
        era places, in the earlier era's order."""
        found = []
        for child in self.matching.before.children_of.get(old_parent, ()):
            match = self.matching.forward(child.id)
            if match is not None and match.after in self.parents_b:
                found.append(match.after)
        return found

    def children_to(self, new_parent: str) -> list[str]:
        """The ids of the matched children of later parent `new_parent` that the earlier era
        places, in the later era's order."""
        found = []
        for child in self.matching.after.children_of.get(new_parent, ()):
            match = self.matching.backward(child.id)
            if match is not None and match.before in self.parents_a:
                found.append(child.id)
        return found


def group_changes(matching: Matching) -> Groups:
    """Every merge and split: those the lineage records, then those the structure shows."""
    lineage_changes = _lineage_group_changes(matching)
    grouped_before = {i for link in matching.lineage_groups for i in link.before}
    grouped_after = {i for link in matching.lineage_groups for i in link.after}
    explained_moves: set[str] = set()
    era_a, era_b = matching.before, matching.after
    structural: list[Change] = []
    moved = _Moves(matching)
    # A lineage merge or split explains the moves of children between the bodies it joins.
    for link in matching.lineage_groups:
        explained_moves.update(c for old in link.before for c in moved.children_from(old) if moved[c][1] in link.after)
    # Only an earlier parent the later era does not mention can be split or absorbed, and only
    # a later entity receiving children from one can have absorbed it: both are found from
    # the unmatched entities and their children, not from every matched pair.
    unmatched_before, _ = matching.unmatched_nodes()
    from_parent = {node.id: children for node in unmatched_before if (children := moved.children_from(node.id))}
    lost = set(from_parent)
    receiving = {moved[child][1] for old in lost for child in from_parent[old]}
    # split: an unmatched earlier parent whose matched children now have several parents
    split_parents: set[str] = set()
    for node in unmatched_before:
        if node.id not in lost:
            continue
        targets = sorted({moved[child][1] for child in from_parent.get(node.id, ())})
        if len(targets) < 2:
            continue
        children = sorted(from_parent[node.id])
        explained_moves.update(children)
        grouped_before.add(node.id)
        split_parents.add(node.id)
        grouped_after.update(t for t in targets if matching.backward(t) is None)
        news = tuple(entity_state(era_b, era_b.node(t)) for t in targets)
        note = f"its {len(children)} matched children now sit under {len(targets)} parents"
        structural.append(
            Change(
                "split",
                node.id,
                entity_state(era_a, node),
                news,
                None,
                _child_quotes(matching, children, moved),
                note=note,
                related=tuple(children),
                depth=depth_of(era_a, node.id),
            )
        )
    # merged: a later parent receiving all the matched children of an earlier parent that the
    # later document no longer mentions. One child moving proves nothing about its old parent
    # (a document that is silent on a body has not merged it away), so each absorbed parent
    # must hand over at least two children and keep none elsewhere; the parents that only lost
    # a child stay out of the merge, and their children are reported as moves.
    for node in era_b.nodes if receiving else ():
        if node.id not in receiving or node.id in grouped_after:
            continue  # absorbed nothing, or a lineage merge or split already accounts for it
        children = sorted(moved.children_to(node.id))
        sources = sorted({moved[c][0] for c in children})
        absorbed = [
            s
            for s in sources
            if matching.forward(s) is None
            and s not in split_parents
            and len(from_parent[s]) >= 2
            and all(moved[c][1] == node.id for c in from_parent[s])
        ]
        predecessor = matching.backward(node.id)
        olds_ids = sorted({*absorbed, *([predecessor.before] if predecessor else [])})
        if not absorbed or len(olds_ids) < 2:
            continue
        moved_in = [c for c in children if moved[c][0] in absorbed]
        explained_moves.update(moved_in)
        grouped_before.update(absorbed)
        if predecessor is None:
            grouped_after.add(node.id)
        olds = tuple(entity_state(era_a, era_a.node(s)) for s in olds_ids)
        note = f"all matched children of {', '.join(absorbed)} (not mentioned later) now sit under it"
        structural.append(
            Change(
                "merged",
                node.id,
                olds,
                entity_state(era_b, node),
                predecessor,
                _child_quotes(matching, moved_in, moved),
                note=note,
                related=tuple(children),
                depth=depth_of(era_b, node.id),
            )
        )
    return Groups(
        (*lineage_changes, *structural),
        frozenset(grouped_before),
        frozenset(grouped_after),
        frozenset(explained_moves),
    )


def _child_quotes(matching: Matching, children: Iterable[str], moved: _Moves) -> tuple[Quote, ...]:
    """The parent-edge quotes of both eras for each moved child."""
    era_a, era_b = matching.before, matching.after
    quotes: tuple[Quote, ...] = ()
    for child in children:
        match = matching.backward(child)
        old, new = moved[child]
        if match and (edge := parent_edge(era_a, match.before, old)):
            quotes += quotes_of(era_a.id, edge.citations)
        if edge := parent_edge(era_b, child, new):
            quotes += quotes_of(era_b.id, edge.citations)
    return quotes
