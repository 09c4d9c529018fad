"""Matching the entities of two eras: which entity of the earlier era is which of the later.

Ids are the curators' statement of identity, so they decide first. When ids differ (data curated
separately, or a successor body), evidence is taken in order of strength:

1. the same id;
2. a lineage link (`data/lineage.yaml`) that renames or succeeds one entity into another;
3. the same acronym, then a shared name or alias;
4. a similar name (rapidfuzz) supported by structure: a name similarity of at least 0.88 with
   the same (matched) parent or shared matched children, or one name's distinctive words
   within the other's with both.

Steps 3 and 4 repeat until nothing new matches, because each match can give structural support
to another (a matched parent supports its children). A candidate below the threshold is not
matched: the diff reports a removal and an addition, and lists the pair as a possible rename.

Name folding is memoised (a pure function of the text), since every pair of names is compared.
rapidfuzz is used for name similarity because its `token_sort_ratio` ignores word order
("Division of X" vs "X Division") and is fast enough to compare every unmatched pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from orgchart.dataset.model import LineageLink, Node
from orgchart.graph import OrgChart

MatchReason = Literal["id", "lineage", "acronym", "alias", "name"]

MATCH_REASONS: Final[tuple[str, ...]] = ("id", "lineage", "acronym", "alias", "name")

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

GENERIC_WORDS: Final[frozenset[str]] = frozenset(
    {"division", "divisions", "program", "programs", "office", "offices", "unit", "units", "center"}
    | {"centre", "team", "teams", "directorate", "agency", "section", "branch", "the", "of"}
)
"""Words that say what kind of body a name denotes rather than which one: "Custody Management"
and "Custody Management Division" are one name written two ways."""

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_NOT_WORD = re.compile(r"[^\w()']+")


@functools.lru_cache(maxsize=16384)
def normal_name(text: str) -> str:
    """`text` folded for comparison: case, Unicode compatibility forms, curly quotes, punctuation
    and white space, a leading "the", and a leading "U.S." or "United States" (a federal body's
    name with and without its country is one name: "U.S. Immigration and Customs Enforcement")."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    words = _NOT_WORD.sub(" ", folded).split()
    if words and words[0] == "the":
        words = words[1:]
    for prefix in (["u", "s"], ["us"], ["united", "states"]):
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    return " ".join(words)


@functools.lru_cache(maxsize=16384)
def core_name(text: str) -> str:
    """`normal_name` without the generic words that only say what kind of body it is."""
    words = [w for w in normal_name(text).split() if w not in GENERIC_WORDS]
    return " ".join(words) or normal_name(text)


def normal_acronym(text: str | None) -> str:
    """An acronym folded for comparison: case, dots and a plural "s" ("FOTs" = "FOT")."""
    if not text:
        return ""
    folded = normal_name(text).replace(" ", "").replace(".", "")
    return folded[:-1] if len(folded) > 2 and folded.endswith("s") and text[-1] == "s" else folded


def name_keys(node: Node) -> frozenset[str]:
    """Every way `node`'s era writes it (name, acronym, aliases), folded."""
    texts = [node.name, *node.aliases]
    if node.acronym:
        texts.append(node.acronym)
    return frozenset(normal_name(t) for t in texts)


def name_similarity(before: Node, after: Node) -> float:
    """How alike two entities' names are, 0..1: the best token-sort ratio over their names and
    aliases, with and without generic words."""
    from rapidfuzz import fuzz  # imported here so that `orgchart --help` stays light

    best = 0.0
    for left in (before.name, *before.aliases):
        for right in (after.name, *after.aliases):
            score = max(
                fuzz.token_sort_ratio(normal_name(left), normal_name(right)),
                fuzz.token_sort_ratio(core_name(left), core_name(right)),
            )
            best = max(best, score / 100)
    return best


def core_overlap(before: Node, after: Node) -> float:
    """How far one entity's distinctive words contain the other's, 0..1: rapidfuzz's
    `token_set_ratio` of the names without generic words ("field" within "field operations"
    scores 1; "support" and "intake" score low however alike "... Division" makes them)."""
    from rapidfuzz import fuzz

    return max(
        fuzz.token_set_ratio(core_name(left), core_name(right)) / 100
        for left in (before.name, *before.aliases)
        for right in (after.name, *after.aliases)
    )


@dataclass(frozen=True)
class Match:
    """An entity of the earlier era taken to be an entity of the later era, and why.

    `reason` is one of "id", "lineage", "acronym", "alias", "name"; `confidence` is 0..1;
    `detail` says the evidence in words ("same acronym CAD").
    """

    before: str
    after: str
    reason: MatchReason
    confidence: float
    detail: str


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
    _forward: dict[str, Match] = field(init=False, repr=False, compare=False)
    _backward: dict[str, Match] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forward", {m.before: m for m in self.matches})
        object.__setattr__(self, "_backward", {m.after: m for m in self.matches})

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def forward(self, before_id: str) -> Match | None:
        """The match of an earlier-era id, or None when it has no counterpart."""
        return self._forward.get(before_id)

    def backward(self, after_id: str) -> Match | None:
        """The match of a later-era id, or None when it has no counterpart."""
        return self._backward.get(after_id)


class _Matcher:
    """The mutable state of one matching run; `match_entities` is its only user."""

    def __init__(self, before: OrgChart, after: OrgChart) -> None:
        self.before = before
        self.after = after
        self.forward: dict[str, Match] = {}
        self.backward: dict[str, Match] = {}

    def add(self, match: Match) -> None:
        self.forward[match.before] = match
        self.backward[match.after] = match

    def unmatched(self) -> tuple[list[Node], list[Node]]:
        return (
            [n for n in self.before.nodes if n.id not in self.forward],
            [n for n in self.after.nodes if n.id not in self.backward],
        )

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

    def key_candidates(self, reason: MatchReason) -> list[tuple[Node, Node, str]]:
        """Unmatched pairs sharing an acronym (reason "acronym") or a name or alias ("alias")."""
        olds, news = self.unmatched()
        pairs = []
        for a in olds:
            for b in news:
                if reason == "acronym":
                    if a.acronym and b.acronym and normal_acronym(a.acronym) == normal_acronym(b.acronym):
                        pairs.append((a, b, f"same acronym {b.acronym}"))
                else:
                    shared = sorted(name_keys(a) & name_keys(b))
                    if shared:
                        pairs.append((a, b, f"shared name {shared[0]!r}"))
        return pairs

    def take_unique(self, pairs: list[tuple[Node, Node, str]], reason: MatchReason, confidence: float) -> int:
        """Match each pair that is the best structurally supported candidate of both its sides;
        a tie on either side is ambiguous and left for stronger evidence."""
        support = {(a.id, b.id): self.structure(a, b)[0] for a, b, _ in pairs}

        def unique_best(keys: list[tuple[str, str]]) -> tuple[str, str] | None:
            ranked = sorted(keys, key=lambda key: -support[key])
            if len(ranked) > 1 and support[ranked[0]] == support[ranked[1]]:
                return None
            return ranked[0]

        by_a: dict[str, list[tuple[str, str]]] = {}
        by_b: dict[str, list[tuple[str, str]]] = {}
        for a, b, _ in pairs:
            by_a.setdefault(a.id, []).append((a.id, b.id))
            by_b.setdefault(b.id, []).append((a.id, b.id))
        made = 0
        for a, b, detail in sorted(pairs, key=lambda pair: (pair[0].id, pair[1].id)):
            key = (a.id, b.id)
            if unique_best(by_a[a.id]) != key or unique_best(by_b[b.id]) != key:
                continue
            if a.id in self.forward or b.id in self.backward:
                continue
            sure = confidence if support[key] else round(confidence - 0.1, 2)
            self.add(Match(a.id, b.id, reason, sure, detail))
            made += 1
        return made

    def take_similar(self, threshold: float) -> int:
        """Match unmatched pairs by name similarity with structural support, best first."""
        olds, news = self.unmatched()
        scored = []
        for a in olds:
            for b in news:
                if not same_family(a, b):
                    continue
                similarity = name_similarity(a, b)
                if similarity < NAME_FLOOR and core_overlap(a, b) < STRUCTURE_NAME_FLOOR:
                    continue
                support, why = self.structure(a, b)
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
                    detail = f"name similarity {similarity:.2f}, {why}"
                    scored.append((-confidence, a.id, b.id, Match(a.id, b.id, "name", confidence, detail)))
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


def _comparable(a: Node, b: Node) -> bool:
    """Whether an unmatched pair is worth listing as a possible rename: the same kind, inside
    the organization (outside bodies' names are not the organization's structure)."""
    return a.kind == b.kind and a.kind != "external body"


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

    Example:
        >>> ds = orgchart.load()
        >>> m = match_entities(ds.era("ero-excerpt"), ds.era("ero-2023"))
        >>> m.forward("cad").reason
        'id'
    """
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
        made = matcher.take_unique(matcher.key_candidates("acronym"), "acronym", 0.95)
        made += matcher.take_unique(matcher.key_candidates("alias"), "alias", 0.9)
        if not made:
            made = matcher.take_similar(threshold)
        if not made:
            break
    # Settle the confidence of key matches now that every parent that can be matched is: a
    # shared acronym or name without structural support is less sure.
    for match in list(matcher.forward.values()):
        if match.reason in ("acronym", "alias"):
            base = 0.95 if match.reason == "acronym" else 0.9
            support = matcher.structure(before.node(match.before), after.node(match.after))[0]
            matcher.add(replace(match, confidence=base if support else round(base - 0.1, 2)))
    unmatched_before, unmatched_after = matcher.unmatched()
    near: list[NearMiss] = []
    for a in unmatched_before:
        scored = sorted(((name_similarity(a, b), b.id) for b in unmatched_after), key=lambda item: (-item[0], item[1]))
        scored = [(score, b_id) for score, b_id in scored if _comparable(a, after.node(b_id))]
        if scored and scored[0][0] >= NEAR_MISS_FLOOR:
            near.append(NearMiss(a.id, scored[0][1], round(scored[0][0], 2)))
    near.sort(key=lambda n: (-n.score, n.before, n.after))
    matches = tuple(sorted(matcher.forward.values(), key=lambda m: m.before))
    return Matching(before, after, matches, tuple(near), tuple(groups))
