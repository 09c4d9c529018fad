"""Generated organizations, for tests that must hold on data nobody wrote by hand.

`generated_tree` grows a random hierarchy (an agency, directorates, divisions, units, offices,
programs and field offices; generic names that repeat, such as "Field Office 3" and "Support
Unit"); `next_era` derives a later era from it the way a reorganization does: siblings listed in
another order, entities renamed, subtrees moved, some entities dropped and some added. Eras are
compact specs for `tests.eras.era_yaml`, so they go through the real loader and validation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import orgchart
from tests.conftest import DatasetMaker
from tests.eras import EdgeSpec, NodeSpec, era_yaml, source_for

LEVEL_KINDS: tuple[tuple[str, ...], ...] = (
    ("agency",),
    ("directorate",),
    ("division", "office"),
    ("sub-division", "unit", "program"),
    ("unit", "field office", "team"),
    ("field office", "unit"),
)
GENERIC: tuple[str, ...] = ("Support", "Operations", "Field", "Records", "Planning", "Intake", "Training")


@dataclass
class Org:
    """One era of a generated organization: nodes in file order, each node's parent."""

    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def children(self, node_id: str) -> list[str]:
        return [n for n in self.order if self.parents.get(n) == node_id]

    def below(self, node_id: str) -> set[str]:
        """`node_id` and every entity below it: the ones whose chain of parents reaches it."""
        found = {node_id}
        for node in self.order:
            chain, step = [], node
            while step is not None and step not in found and len(chain) < len(self.order):
                chain.append(step)
                step = self.parents.get(step)
            if step is not None and step in found:
                found.update(chain)
        return found

    def leaves(self) -> list[str]:
        """Entities with a parent and nothing below them, in file order."""
        inner = set(self.parents.values())
        return [n for n in self.order if n in self.parents and n not in inner]

    def specs(self) -> tuple[list[NodeSpec], list[EdgeSpec]]:
        nodes: list[NodeSpec] = [(n, self.names[n], self.kinds[n]) for n in self.order]
        edges: list[EdgeSpec] = [("parent", self.parents[n], n) for n in self.order if n in self.parents]
        return nodes, edges

    def copy(self) -> Org:
        return Org(dict(self.names), dict(self.kinds), dict(self.parents), list(self.order))


def _name(rng: random.Random, kind: str, number: int) -> str:
    if kind == "field office":
        return f"Field Office {number}"
    return f"{rng.choice(GENERIC)} {kind.title()} {number}"


def generated_tree(seed: int, size: int) -> Org:
    """A random hierarchy of about `size` entities; leaf siblings often share a kind (stacks)."""
    rng = random.Random(seed)
    org = Org()
    org.names["n0"], org.kinds["n0"] = "Generated Agency", "agency"
    org.order.append("n0")
    frontier = [("n0", 0)]
    count = 1
    while frontier and count < size:
        parent, level = frontier.pop(0)
        kinds = LEVEL_KINDS[min(level + 1, len(LEVEL_KINDS) - 1)]
        for _ in range(rng.randint(2, 7) if level < 4 else rng.randint(0, 4)):
            if count >= size:
                break
            node_id, kind = f"n{count}", rng.choice(kinds)
            org.names[node_id], org.kinds[node_id], org.parents[node_id] = _name(rng, kind, count), kind, parent
            org.order.append(node_id)
            frontier.append((node_id, level + 1))
            count += 1
    return org


def next_era(seed: int, org: Org, *, changes: int = 6) -> Org:
    """A later era of `org`: siblings reordered, `changes` renames, moves, removals and additions."""
    rng = random.Random(seed)
    later = org.copy()
    rng.shuffle(later.order)  # the document lists siblings in another order
    inner = [n for n in later.order if n in later.parents]
    for node_id in rng.sample(inner, min(changes, len(inner))):
        later.names[node_id] = later.names[node_id].replace(" ", " New ", 1)
    for node_id in rng.sample(inner, min(changes, len(inner))):
        if node_id not in later.parents:
            continue
        inside = later.below(node_id)
        targets = [n for n in later.order if n not in inside and later.kinds[n] != "field office"]
        later.parents[node_id] = rng.choice(targets)
    leaves = later.leaves()
    for node_id in rng.sample(leaves, min(changes, len(leaves))):
        later.order.remove(node_id)
        del later.parents[node_id], later.names[node_id], later.kinds[node_id]
    start = max(int(n[1:]) for n in org.names) + 1 + seed * 1000
    for number in range(start, start + changes):
        parent = rng.choice(later.order)
        node_id = f"n{number}"
        later.names[node_id], later.kinds[node_id], later.parents[node_id] = f"Added Unit {number}", "unit", parent
        later.order.insert(rng.randrange(len(later.order) + 1), node_id)
    return later


def generated_dataset(make_dataset: DatasetMaker, orgs: list[Org]) -> orgchart.Dataset:
    """A dataset of the given eras (`gen-1`, `gen-2`, ... in that order)."""
    texts = {f"gen-{index}.yaml": era_yaml(f"gen-{index}", *org.specs()) for index, org in enumerate(orgs, start=1)}
    root = make_dataset(era_yaml=texts, source_text=source_for(*texts.values()))
    return orgchart.load(root)


def generated_charts(orgs: list[Org]) -> list[orgchart.OrgChart]:
    """The eras as `OrgChart`s built in memory from the model (no files, no quote check): for
    tests of thousands of entities that are about drawing, not loading."""
    import datetime as dt

    from orgchart.dataset.model import Citation, Edge, Era, Node, Source, SourceDate

    charts = []
    for index, org in enumerate(orgs, start=1):
        source = Source(
            id=f"gen-{index}-doc",
            file=f"sources/gen-{index}.txt",
            title=f"Generated document {index}",
            publisher="tests",
            date=SourceDate(
                start=dt.date(2000 + index, 1, 1), end=dt.date(2000 + index, 1, 1), precision="day", reason="generated"
            ),
            sha256="0" * 64,
        )
        cite = (Citation(source=source.id, quote="generated"),)
        nodes, edges = org.specs()
        era = Era(
            id=f"gen-{index}",
            label=f"Generated, era {index}",
            sources=(source.id,),
            nodes=tuple(Node(id=n[0], name=n[1], kind=n[2], citations=cite) for n in nodes),
            edges=tuple(Edge(kind=e[0], superior=e[1], subordinate=e[2], citations=cite) for e in edges),
        )
        charts.append(orgchart.OrgChart(era, (source,), ()))
    return charts
