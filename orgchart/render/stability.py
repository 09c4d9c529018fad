"""How stable the era charts are: do siblings keep their left-to-right order from era to era?

Read from the rendered SVG, not from the ordering fed to Graphviz, so it measures what a reader
sees. For every pair of eras, every pair of siblings with the same ids and the same main parent
in both eras is compared: the pair is *stable* when the two are drawn in the same order in both
charts. Order on a chart: a stack's members (a grid of leaf siblings in one box, see
`orgchart.render.stack`) sit where their box sits, and within one box they read row by row, left
to right; any other sibling by the centre of its box.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from orgchart.graph import Dataset, OrgChart

SVG_NS: Final[str] = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class Box:
    """A rectangle on the chart, in SVG units (y grows downwards)."""

    left: float
    right: float
    top: float
    bottom: float

    @property
    def centre_x(self) -> float:
        """The horizontal centre."""
        return (self.left + self.right) / 2

    def holds(self, other: Box) -> bool:
        """Whether `other` lies inside this box."""
        return (
            self.left <= other.left
            and other.right <= self.right
            and self.top <= other.top
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class Placement:
    """Where a chart draws each node: its box, and the stack box holding it, if any."""

    boxes: Mapping[str, Box]
    stacks: Mapping[str, Box]

    def before(self, first: str, second: str) -> bool:
        """Whether `first` reads before `second` (left of it, or earlier in the same box)."""
        unit_first = self.stacks.get(first, self.boxes[first])
        unit_second = self.stacks.get(second, self.boxes[second])
        if unit_first == unit_second and first in self.stacks:
            a, b = self.boxes[first], self.boxes[second]
            same_row = a.top < b.bottom and b.top < a.bottom
            return a.centre_x < b.centre_x if same_row else a.top < b.top
        return unit_first.centre_x < unit_second.centre_x


@dataclass(frozen=True)
class SiblingPair:
    """Two siblings under one parent in two eras, and whether both charts agree on their order."""

    earlier: str
    later: str
    parent: str
    first: str
    second: str
    same_order: bool


@dataclass(frozen=True)
class Stability:
    """Every sibling pair compared; `share` is the stable fraction (1.0 when there is none)."""

    pairs: tuple[SiblingPair, ...]

    @property
    def stable(self) -> int:
        """How many pairs keep their order."""
        return sum(pair.same_order for pair in self.pairs)

    @property
    def share(self) -> float:
        """The stable fraction of pairs, 1.0 when no pair can be compared."""
        return self.stable / len(self.pairs) if self.pairs else 1.0

    @property
    def unstable(self) -> tuple[SiblingPair, ...]:
        """The pairs drawn in different orders."""
        return tuple(pair for pair in self.pairs if not pair.same_order)

    def __str__(self) -> str:
        return f"{self.share:.0%} ({self.stable} of {len(self.pairs)} sibling pairs)"


def _box(group: ET.Element) -> Box | None:
    xs: list[float] = []
    ys: list[float] = []
    for element in group.iter():
        if element.tag in (f"{SVG_NS}text", f"{SVG_NS}title"):
            continue
        for attribute in ("d", "points"):
            value = element.get(attribute)
            if value:
                numbers = [float(n) for n in _NUMBER.findall(value)]
                xs += numbers[0::2]
                ys += numbers[1::2]
    if not xs or not ys:
        return None
    return Box(min(xs), max(xs), min(ys), max(ys))


def placement(svg: bytes, node_prefix: str = "node-") -> Placement:
    """Where an era chart's SVG draws each node (by id) and which stack box holds it."""
    root = ET.fromstring(svg)
    boxes: dict[str, Box] = {}
    clusters: list[Box] = []
    for group in root.iter(f"{SVG_NS}g"):
        svg_id = group.get("id", "")
        kind = group.get("class", "").split()
        box = _box(group)
        if box is None:
            continue
        if "node" in kind and svg_id.startswith(node_prefix):
            boxes[svg_id[len(node_prefix) :]] = box
        elif "cluster" in kind and svg_id.startswith("stack-"):
            clusters.append(box)
    stacks = {node: cluster for node, box in boxes.items() for cluster in clusters if cluster.holds(box)}
    return Placement(boxes, stacks)


def sibling_pairs(earlier: OrgChart, later: OrgChart, placements: Mapping[str, Placement]) -> Iterable[SiblingPair]:
    """The sibling pairs of two eras: same ids, same main parent in both, both drawn in both."""
    drawn_earlier, drawn_later = placements[earlier.id], placements[later.id]
    for parent in earlier.nodes:
        children = [
            child.id
            for child in earlier.children(parent)
            if child.id in later
            and (later_parent := later.parent(child.id)) is not None
            and later_parent.id == parent.id
            and child.id in drawn_earlier.boxes
            and child.id in drawn_later.boxes
        ]
        for first, second in itertools.combinations(children, 2):
            same = drawn_earlier.before(first, second) == drawn_later.before(first, second)
            yield SiblingPair(earlier.id, later.id, parent.id, first, second, same)


def stability_of(eras: Sequence[OrgChart], svgs: Mapping[str, bytes]) -> Stability:
    """The sibling-order stability of `eras`, every pair of eras, read from their SVGs
    (`svgs`: era id -> the era's whole chart)."""
    placements = {era.id: placement(svgs[era.id]) for era in eras}
    pairs = [pair for a, b in itertools.combinations(eras, 2) for pair in sibling_pairs(a, b, placements)]
    return Stability(tuple(pairs))


def chart_stability(dataset: Dataset) -> Stability:
    """The sibling-order stability of the dataset's era charts as `orgchart render` draws them
    (in the dataset's stable order).

    Example:
        >>> str(chart_stability(orgchart.load()))  # doctest: +SKIP
        '100% (24 of 24 sibling pairs)'
    """
    from orgchart.changes.order import stable_order
    from orgchart.render.graphviz import render_svg

    eras = [stable_order(dataset).apply(era) for era in dataset.eras]
    return stability_of(eras, {era.id: render_svg(era) for era in eras})


def stability_markdown(stability: Stability) -> str:
    """A Markdown table of `stability` per pair of eras (pairs sharing no siblings left out),
    then the total: what the benchmark prints and the README shows."""
    lines = ["| eras | sibling pairs | drawn in the same order |", "| --- | ---: | ---: |"]
    groups: dict[tuple[str, str], list[SiblingPair]] = {}
    for pair in stability.pairs:
        groups.setdefault((pair.earlier, pair.later), []).append(pair)
    for (earlier, later), pairs in groups.items():
        same = sum(pair.same_order for pair in pairs)
        lines.append(f"| `{earlier}` → `{later}` | {len(pairs)} | {same} ({same / len(pairs):.0%}) |")
    lines.append(f"| every pair of eras | {len(stability.pairs)} | {stability.stable} ({stability.share:.0%}) |")
    return "\n".join(lines) + "\n"
