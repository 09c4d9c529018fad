"""Matching the entities of two eras: which entity of the earlier era is which of the later.

Ids are the curators' statement of identity, so they decide first. When ids differ (data curated
separately, or a successor body), evidence is taken in order of strength:

1. the same id;
2. a lineage link (`data/lineage.yaml`) that renames or succeeds one entity into another;
3. the same acronym, then the same name, then a name of one that is an alias of the other;
4. a similar name (rapidfuzz) supported by structure: a name similarity of at least 0.88 with
   the same (matched) parent or shared matched children, or one name's distinctive words
   within the other's with both.

Steps 3 and 4 repeat until nothing new matches, because each match can give structural support
to another (a matched parent supports its children). A candidate below the threshold is not
matched: the diff reports a removal and an addition, and lists the pair as a possible rename.

A generic name never matches on its own: a name (or acronym) that more than one entity of
either era carries ("Office of the Chief Counsel" under every agency), or a bare title
("DIRECTOR", "Office of the Director"), says what a body is, not which one. Such a pair needs
structural support (the same matched parent or shared matched children) at steps 3 and 4;
without it the entities stay unmatched (a removal and an addition), never a false move.

`Match.reason` says what the match rests on: "id", "lineage", "acronym", "name" (the names
fold to the same text), "alias" (a name of one is an alias of the other, or they share an
alias) or "similar_name" (step 4); for a generic name, `detail` adds the structure it needed.

Names are folded and compared by `orgchart.changes.names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, KeysView
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import Final, Literal, NamedTuple

from orgchart.changes.names import (
    GENERIC_WORDS,
    NameIndex,
    core_name,
    core_overlap,
    entity_keys,
    is_bare_title,
    name_keys,
    name_similarity,
    normal_acronym,
    normal_name,
    repeated_among,
    similar_names,
)
from orgchart.dataset.model import LineageLink, Node
from orgchart.graph import OrgChart

__all__ = [
    "GENERIC_WORDS",
    "MATCH_REASONS",
    "THRESHOLD",
    "Match",
    "Matching",
    "NearMiss",
    "core_name",
    "is_bare_title",
    "match_entities",
    "name_keys",
    "normal_acronym",
    "normal_name",
]

MatchReason = Literal["id", "lineage", "acronym", "name", "alias", "similar_name"]

MATCH_REASONS: Final[tuple[str, ...]] = ("id", "lineage", "acronym", "name", "alias", "similar_name")
"""What a match can rest on, strongest first (see the module docstring)."""

KEY_CONFIDENCE: Final[dict[str, float]] = {"acronym": 0.95, "name": 0.9, "alias": 0.9}
"""The confidence of a shared acronym, name or alias with structural support (0.1 less without)."""

THRESHOLD: Final[float] = 0.75
"""The least confidence at which a similar name (step 4) is taken as the same entity."""

NAME_FLOOR: Final[float] = 0.88
"""The least name similarity (0..1) for step 4, whatever the structure says: below it two
names are different names ("Removal Management Division East" vs "... West" scores 0.84)."""

STRUCTURE_NAME_FLOOR: Final[float] = 0.8
"""The least `core_overlap` for step 4 when both the parent and some children match too
("Field Division" -> "Field Operations Division" under the same parent with the same units)."""

NEAR_MISS_FLOOR: Final[float] = 0.75
"""Pairs left unmatched whose names score at least this are listed as possible renames."""


@dataclass(frozen=True)
class Match:
    """An entity of the earlier era taken to be an entity of the later era, and why.

    `reason` is one of MATCH_REASONS: "id", "lineage", "acronym", "name", "alias",
    "similar_name"; `confidence` is 0..1; `detail` says the evidence in words ("same acronym
    CAD"; for a generic name, the structure that supported it).
    """

    before: str
    after: str
    reason: MatchReason
    confidence: float
    detail: str

    def __repr__(self) -> str:
        return f"<Match {self.before!r} -> {self.after!r} by {self.reason} ({self.confidence:.2f})>"


@dataclass(frozen=True)
class NearMiss:
    """A pair left unmatched whose names are alike: possibly a rename the evidence cannot prove."""

    before: str
    after: str
    score: float


@dataclass(frozen=True)
class Matching:
    """Every match between two eras, the lineage merges and splits that apply to them, and the
    near misses among the entities left unmatched."""

    before: OrgChart
    after: OrgChart
    matches: tuple[Match, ...]
    near_misses: tuple[NearMiss, ...]
    lineage_groups: tuple[LineageLink, ...]
    unmatched: tuple[tuple[Node, ...], tuple[Node, ...]] | None = field(default=None, repr=False, compare=False)
    """The entities of each era without a counterpart, in era-file order, when the maker knows
    them (`match_entities` does); see `unmatched_nodes`."""
    maps: tuple[dict[str, Match], dict[str, Match]] | None = field(default=None, repr=False, compare=False)
    """Each match by its earlier and by its later id, when the maker has them (`match_entities`
    does: two more maps of 100,000 entries were 0.08 s of a diff at that size); else made here."""
    _forward: dict[str, Match] = field(init=False, repr=False, compare=False)
    _backward: dict[str, Match] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forward, backward = self.maps or ({m.before: m for m in self.matches}, {m.after: m for m in self.matches})
        object.__setattr__(self, "_forward", forward)
        object.__setattr__(self, "_backward", backward)

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    @property
    def matched_before(self) -> KeysView[str]:
        """The earlier era's ids that have a match (a set-like view, for loops over every entity)."""
        return self._forward.keys()

    @property
    def matched_after(self) -> KeysView[str]:
        """The later era's ids that have a match."""
        return self._backward.keys()

    def __len__(self) -> int:
        return len(self.matches)

    def __repr__(self) -> str:
        return (
            f"<Matching {self.before.id} -> {self.after.id}: {len(self.matches)} matches, "
            f"{len(self.near_misses)} near misses>"
        )

    def unmatched_nodes(self) -> tuple[tuple[Node, ...], tuple[Node, ...]]:
        """The entities of the earlier and of the later era without a counterpart, in era-file
        order: the matcher's own lists, else found by a pass over both eras. Additions, removals,
        merges and splits start from these few (a pass over every entity of both eras for them
        was 0.09 s of a 1.5 s diff at 100,000 entities)."""
        if self.unmatched is not None:
            return self.unmatched
        return (
            tuple(node for node in self.before.nodes if node.id not in self._forward),
            tuple(node for node in self.after.nodes if node.id not in self._backward),
        )

    def forward(self, before_id: str) -> Match | None:
        """The match of an earlier-era id, or None when it has no counterpart."""
        return self._forward.get(before_id)

    def backward(self, after_id: str) -> Match | None:
        """The match of a later-era id, or None when it has no counterpart."""
        return self._backward.get(after_id)


class Candidate(NamedTuple):
    """A pair sharing an acronym, name or alias, with what it shares in words, and whether every
    shared key is generic (then it needs structural support)."""

    a: Node
    b: Node
    reason: MatchReason
    detail: str
    generic: bool


class _Matcher:
    """The mutable state of one matching run; `match_entities` is its only user."""

    def __init__(self, before: OrgChart, after: OrgChart) -> None:
        self.before = before
        self.after = after
        self.forward: dict[str, Match] = {}
        self.backward: dict[str, Match] = {}
        self._pool: tuple[list[Node], list[Node]] | None = None

    def add(self, match: Match) -> None:
        self.forward[match.before] = match
        self.backward[match.after] = match

    @cached_property
    def generic(self) -> frozenset[str]:
        """The keys (folded names and aliases, "acronym:" and folded acronyms) that more than
        one entity of either era carries (`repeated_among`), among those of the entities still
        unmatched when first asked, the only ones ever asked about (matches are only added).
        Counting every key of both eras was a fifth of a diff at 100,000 entities (cProfile:
        a Counter of 200,000 keys, 0.16 s, for the keys of a few hundred unmatched entities)."""
        olds, news = self.unmatched()
        wanted = {key for node in (*olds, *news) for key in entity_keys(node)}
        return repeated_among(self.before, wanted) | repeated_among(self.after, wanted)

    def unmatched(self) -> tuple[list[Node], list[Node]]:
        """The entities of each era not matched yet, in era-file order. The first call walks
        every entity; later ones filter what was unmatched before (matches are only added)."""
        olds, news = self._pool or (list(self.before.nodes), list(self.after.nodes))
        self._pool = (
            [n for n in olds if n.id not in self.forward],
            [n for n in news if n.id not in self.backward],
        )
        return self._pool

    def structure(self, a: Node, b: Node) -> tuple[float, str]:
        """Structural support for `a` being `b`, 0..1, and what it is in words: 1 for the same
        (matched) parent or shared matched children, 0.5 when neither era places either."""
        same_parent, shared = self.placement(a, b)
        if same_parent or shared:
            words = [f"same parent ({same_parent})"] if same_parent else []
            words += [f"{shared} shared child(ren)"] if shared else []
            return 1.0, " and ".join(words)
        if self.before.parent(a) is None and self.after.parent(b) is None:
            return 0.5, "both unplaced"
        return 0.0, "no structural support"

    def placement(self, a: Node, b: Node) -> tuple[str, int]:
        """The name of the parent `a` and `b` share (matched), or "", and how many matched
        children they share."""
        parent_a, parent_b = self.before.parent(a), self.after.parent(b)
        same_parent = ""
        if parent_a and parent_b:
            mapped = self.forward.get(parent_a.id)
            if mapped and mapped.after == parent_b.id:
                same_parent = parent_b.name
        mapped_children = {self.forward[c.id].after for c in self.before.children(a) if c.id in self.forward}
        shared = len(mapped_children & {c.id for c in self.after.children(b)})
        return same_parent, shared

    def is_generic(self, key: str) -> bool:
        """Whether a folded name or acronym key says what a body is rather than which one."""
        return key in self.generic or is_bare_title(key)

    def key_candidates(self, step: Literal["acronym", "name"]) -> list[Candidate]:
        """Unmatched pairs sharing an acronym (step "acronym") or a name or alias (step "name",
        reason "name" when the names fold equal, else "alias"), each marked generic when every
        key they share is generic. The later era's entities are indexed by key, so only pairs
        that share one are looked at."""
        olds, news = self.unmatched()
        by_key: dict[str, list[Node]] = {}
        for b in news:
            if step == "acronym":
                if b.acronym:
                    by_key.setdefault(normal_acronym(b.acronym), []).append(b)
            else:
                for key in name_keys(b):
                    by_key.setdefault(key, []).append(b)
        position = {b.id: index for index, b in enumerate(news)}
        pairs: list[Candidate] = []
        for a in olds:
            if step == "acronym":
                if a.acronym:
                    key = normal_acronym(a.acronym)
                    generic = "acronym:" + key in self.generic
                    for b in by_key.get(key, ()):
                        pairs.append(Candidate(a, b, "acronym", f"same acronym {b.acronym}", generic))
                continue
            found = {b.id: b for key in name_keys(a) for b in by_key.get(key, ())}
            for b in sorted(found.values(), key=lambda node: position[node.id]):
                shared = sorted(name_keys(a) & name_keys(b))
                generic = all(self.is_generic(key) for key in shared)
                if normal_name(a.name) == normal_name(b.name):
                    pairs.append(Candidate(a, b, "name", f"same name {normal_name(b.name)!r}", generic))
                else:
                    pairs.append(Candidate(a, b, "alias", f"shared name {shared[0]!r}", generic))
        return pairs

    def take_unique(self, pairs: list[Candidate]) -> int:
        """Match each pair that is the best structurally supported candidate of both its sides;
        a tie on either side is ambiguous and left for stronger evidence. A generic pair without
        a matched parent or shared matched children is no candidate (yet: a later round may
        match its parent)."""
        structure = {(c.a.id, c.b.id): self.structure(c.a, c.b) for c in pairs}
        pairs = [c for c in pairs if not c.generic or structure[c.a.id, c.b.id][0] == 1.0]
        support = {key: value[0] for key, value in structure.items()}

        def unique_best(keys: list[tuple[str, str]]) -> tuple[str, str] | None:
            ranked = sorted(keys, key=lambda key: -support[key])
            if len(ranked) > 1 and support[ranked[0]] == support[ranked[1]]:
                return None
            return ranked[0]

        by_a: dict[str, list[tuple[str, str]]] = {}
        by_b: dict[str, list[tuple[str, str]]] = {}
        for c in pairs:
            by_a.setdefault(c.a.id, []).append((c.a.id, c.b.id))
            by_b.setdefault(c.b.id, []).append((c.a.id, c.b.id))
        made = 0
        for c in sorted(pairs, key=lambda pair: (pair.a.id, pair.b.id)):
            key = (c.a.id, c.b.id)
            if unique_best(by_a[c.a.id]) != key or unique_best(by_b[c.b.id]) != key:
                continue
            if c.a.id in self.forward or c.b.id in self.backward:
                continue
            base = KEY_CONFIDENCE[c.reason]
            sure = base if support[key] else round(base - 0.1, 2)
            detail = f"{c.detail} (a generic name: {structure[key][1]})" if c.generic else c.detail
            self.add(Match(c.a.id, c.b.id, c.reason, sure, detail))
            made += 1
        return made

    def generic_names(self, node: Node) -> bool:
        """Whether every name of `node` (name and aliases) is generic."""
        return all(self.is_generic(normal_name(text)) for text in (node.name, *node.aliases))

    def structural_candidates(self, olds: list[Node], news: list[Node]) -> Iterator[tuple[Node, list[Node]]]:
        """Each unmatched earlier entity with the unmatched later entities that could give it
        structural support: under the matched counterpart of its parent, parent of a matched
        counterpart of one of its children, or, when it has no parent, any without one. A pair
        outside these has no support, and no similar name is matched without support."""
        by_parent: dict[str, list[Node]] = {}
        unplaced: list[Node] = []
        for b in news:
            parent = self.after.parent(b)
            if parent is None:
                unplaced.append(b)
            else:
                by_parent.setdefault(parent.id, []).append(b)
        unmatched = {b.id: b for b in news}
        position = {b.id: index for index, b in enumerate(news)}
        for a in olds:
            found: dict[str, Node] = {}
            parent = self.before.parent(a)
            if parent is None:
                found.update((b.id, b) for b in unplaced)
            elif (mapped := self.forward.get(parent.id)) is not None:
                found.update((b.id, b) for b in by_parent.get(mapped.after, ()))
            for child in self.before.children(a):
                if (mapped := self.forward.get(child.id)) is not None:
                    above = self.after.parent(mapped.after)
                    if above is not None and above.id in unmatched:
                        found[above.id] = unmatched[above.id]
            if found:
                yield a, sorted(found.values(), key=lambda node: position[node.id])

    def take_similar(self, threshold: float) -> int:
        """Match unmatched pairs by name similarity with structural support, best first. Only
        pairs with support are candidates (`structural_candidates`), and only those whose names
        pass the floors are scored (`similar_names`, rapidfuzz over each block)."""
        olds, news = self.unmatched()
        scored = []
        for a, block in self.structural_candidates(olds, news):
            for b in similar_names(a, block, floor=NAME_FLOOR, overlap_floor=STRUCTURE_NAME_FLOOR):
                if not same_family(a, b):
                    continue
                similarity = name_similarity(a, b)
                if similarity < NAME_FLOOR and core_overlap(a, b) < STRUCTURE_NAME_FLOOR:
                    continue
                support, why = self.structure(a, b)
                generic = self.generic_names(a) or self.generic_names(b)
                if generic and support < 1.0:
                    continue  # a generic name needs a matched parent or matched children
                kind_bonus = 0.05 if a.kind == b.kind else 0.0
                if similarity >= NAME_FLOOR:
                    confidence = round(min(1.0, 0.6 * similarity + 0.35 * support + kind_bonus), 2)
                else:
                    # a less similar name needs the whole structure: same parent and shared children
                    same_parent, shared = self.placement(a, b)
                    if not (same_parent and shared):
                        continue
                    confidence = round(min(1.0, 0.5 * similarity + 0.4 + kind_bonus), 2)
                if support > 0 and confidence >= threshold:
                    detail = f"name similarity {similarity:.2f}, {why}" + (" (a generic name)" if generic else "")
                    match = Match(a.id, b.id, "similar_name", confidence, detail)
                    scored.append((-confidence, a.id, b.id, match))
        best_a: dict[str, list[float]] = {}
        best_b: dict[str, list[float]] = {}
        for negative, a_id, b_id, _ in scored:
            best_a.setdefault(a_id, []).append(-negative)
            best_b.setdefault(b_id, []).append(-negative)

        def tied(values: list[float], value: float) -> bool:
            return value == max(values) and values.count(value) > 1

        made = 0
        for negative, a_id, b_id, match in sorted(scored, key=lambda item: item[:3]):
            if tied(best_a[a_id], -negative) or tied(best_b[b_id], -negative):
                continue  # two equally good candidates: ambiguous, leave unmatched
            if a_id not in self.forward and b_id not in self.backward:
                self.add(match)
                made += 1
        return made


KIND_FAMILIES: Final[dict[str, str]] = {
    **dict.fromkeys(("agency", "directorate", "division", "sub-division", "unit", "office", "center", "team"), "body"),
    **dict.fromkeys(("field office", "sub-office", "task force"), "body"),
    "program": "program",
    "facility": "facility",
    "facility type": "facility",
    "system": "system",
    "external body": "external",
}
"""Kinds that one entity can move between (a unit becoming a division). A similar name across
families ("Removals" the program, "Removal Division" the body) is not enough to match."""


def same_family(a: Node, b: Node) -> bool:
    """Whether two entities' kinds are in one family (see KIND_FAMILIES)."""
    return KIND_FAMILIES[a.kind] == KIND_FAMILIES[b.kind]


def match_entities(
    before: OrgChart,
    after: OrgChart,
    lineage: Iterable[LineageLink] = (),
    *,
    threshold: float = THRESHOLD,
) -> Matching:
    """Match the entities of `before` (the earlier era) to those of `after`.

    Args:
        before: the earlier era.
        after: the later era.
        lineage: the dataset's lineage links (`Dataset.lineage`); links whose ids fall on both
            sides are used as evidence.
        threshold: the least confidence for a match by similar name.

    Returns:
        A `Matching`: matches sorted by earlier id, the lineage merges/splits that apply, and
        near misses (unmatched pairs with alike names, best first).

    A pair of eras is matched once: the history, the timeline, the page, the RDF export and
    `build` each ask for the same pairs, and get the same `Matching` (eras never change).

    Example:
        >>> ds = orgchart.load()
        >>> m = match_entities(ds.era("ero-excerpt"), ds.era("ero-2023"))
        >>> m.forward("cad").reason
        'id'
    """
    links = tuple(lineage)
    key = ("matching", id(after), links, threshold)
    later, matching = before.derived(key, lambda: (after, _match(before, after, links, threshold)))
    if later is not after:  # an era of another dataset that reused the id of a dead one
        return _match(before, after, links, threshold)
    return matching


def _match(before: OrgChart, after: OrgChart, lineage: tuple[LineageLink, ...], threshold: float) -> Matching:
    matcher = _Matcher(before, after)
    for node in before.nodes:
        if node.id in after:
            matcher.add(Match(node.id, node.id, "id", 1.0, "same id"))
    groups = []
    for link in lineage:
        olds = [i for i in link.before if i in before and i not in matcher.forward]
        news = [i for i in link.after if i in after and i not in matcher.backward]
        if not olds or not news:
            continue
        if link.kind in ("renamed", "succeeded") and len(olds) == 1 and len(news) == 1:
            matcher.add(Match(olds[0], news[0], "lineage", 1.0, f"lineage ({link.kind}): {link.reason}"))
        elif link.kind in ("merged", "split"):
            groups.append(link)
    while True:
        made = matcher.take_unique(matcher.key_candidates("acronym"))
        made += matcher.take_unique(matcher.key_candidates("name"))
        if not made:
            made = matcher.take_similar(threshold)
        if not made:
            break
    # Settle the confidence of key matches now that every parent that can be matched is: a
    # shared acronym or name without structural support is less sure.
    for match in list(matcher.forward.values()):
        if match.reason in KEY_CONFIDENCE:
            base = KEY_CONFIDENCE[match.reason]
            support = matcher.structure(before.node(match.before), after.node(match.after))[0]
            matcher.add(replace(match, confidence=base if support else round(base - 0.1, 2)))
    unmatched_before, unmatched_after = matcher.unmatched()
    near: list[NearMiss] = []
    # A possible rename is worth listing between entities of the same kind, inside the
    # organization (outside bodies' names are not the organization's structure).
    comparable: dict[str, list[Node]] = {}
    for b in unmatched_after:
        comparable.setdefault(b.kind, []).append(b)
    indexes = {kind: NameIndex(nodes) for kind, nodes in comparable.items()}
    for a in unmatched_before:
        if matcher.generic_names(a) or a.kind == "external body" or a.kind not in indexes:
            continue  # "DIRECTOR" removed here and added there is no rename to point out
        best = indexes[a.kind].most_similar(a, floor=NEAR_MISS_FLOOR)
        if best is not None:
            near.append(NearMiss(a.id, best[1], round(best[0], 2)))
    near.sort(key=lambda n: (-n.score, n.before, n.after))
    matches = tuple(sorted(matcher.forward.values(), key=attrgetter("before")))
    unmatched = (tuple(unmatched_before), tuple(unmatched_after))
    maps = (matcher.forward, matcher.backward)
    return Matching(before, after, matches, tuple(near), tuple(groups), unmatched, maps)
