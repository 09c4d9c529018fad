"""Names folded for comparison across eras: what makes two written names one name, and which
names are too generic to say which entity is meant.

The matcher (`orgchart.changes.match`) and the change families (`orgchart.changes.entities`)
compare names through these functions. Folding is memoised (a pure function of the text), since
every pair of names may be compared. rapidfuzz is used for name similarity because its
`token_sort_ratio` ignores word order ("Division of X" vs "X Division") and is fast.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from typing import Final

from orgchart.dataset.model import Node
from orgchart.graph import OrgChart

GENERIC_WORDS: Final[frozenset[str]] = frozenset(
    {"division", "divisions", "program", "programs", "office", "offices", "unit", "units", "center"}
    | {"centre", "team", "teams", "directorate", "agency", "section", "branch", "the", "of"}
)
"""Words that say what kind of body a name denotes rather than which one: "Custody Management"
and "Custody Management Division" are one name written two ways."""

TITLE_WORDS: Final[frozenset[str]] = frozenset(
    {"director", "directors", "deputy", "associate", "assistant", "executive", "chief", "head", "principal"}
    | {"administrator", "commissioner", "secretary", "undersecretary", "under", "manager", "officer", "chair"}
    | {"chairman", "chairperson", "president", "vice", "staff", "immediate", "front", "headquarters", "hq"}
    | {"and", "for", "to", "s"}
)
"""Words of a bare title: "DIRECTOR", "Office of the Director", "Immediate Office of the Deputy
Administrator" name a post or its office, which many bodies have, not one body."""

NAMES_REMEMBERED: Final = 1 << 18
"""How many folded names are remembered: every name of two 100,000-entity eras (folding one
costs microseconds, and a diff asks for each name several times)."""

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_NOT_WORD = re.compile(r"[^\w()']+")
_ASCII_FOLD = str.maketrans(
    {chr(code): chr(code).lower() if chr(code).isalnum() or chr(code) in "_()'" else " " for code in range(128)}
)
"""For ASCII text, what `normal_name`'s steps come to, character by character: NFKC and the
quote table change nothing, casefold is lower, and everything but word characters, brackets and
apostrophes is a separator. One `translate` instead of four passes (folding was a fifth of a
diff at 100,000 entities)."""


@functools.lru_cache(maxsize=NAMES_REMEMBERED)
def normal_name(text: str) -> str:
    """`text` folded for comparison: case, Unicode compatibility forms, curly quotes, punctuation
    and white space, a leading "the", and a leading "U.S." or "United States" (a federal body's
    name with and without its country is one name: "U.S. Immigration and Customs Enforcement")."""
    if text.isascii():
        words = text.translate(_ASCII_FOLD).split()
    else:
        folded = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
        words = _NOT_WORD.sub(" ", folded).split()
    if words and words[0] == "the":
        words = words[1:]
    for prefix in (["u", "s"], ["us"], ["united", "states"]):
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    return " ".join(words)


@functools.lru_cache(maxsize=NAMES_REMEMBERED)
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


@functools.lru_cache(maxsize=NAMES_REMEMBERED)
def is_bare_title(text: str) -> bool:
    """Whether `text` is only a title or the office of one ("DIRECTOR", "Office of the Deputy
    Director", "Front Office"): every word a title word or a generic word, one a title word."""
    words = normal_name(text).replace("'", " ").split()
    return (
        bool(words)
        and all(w in TITLE_WORDS or w in GENERIC_WORDS for w in words)
        and any(w in TITLE_WORDS for w in words)
    )


def entity_keys(node: Node) -> set[str]:
    """The keys `repeated_among` counts for `node`: its folded name and aliases, and its folded
    acronym prefixed "acronym:"."""
    keys = {normal_name(text) for text in (node.name, *node.aliases)}
    if node.acronym:
        keys.add("acronym:" + normal_acronym(node.acronym))
    return keys


def repeated_among(chart: OrgChart, wanted: Collection[str]) -> frozenset[str]:
    """The keys of `wanted` (see `entity_keys`) that more than one entity of `chart` carries: in
    this era they do not say which entity is meant.

    Only `wanted` is counted (a diff asks about the keys of its few unmatched entities), in C
    loops: each entity's keys counted once (ids are unique), most entities having no aliases,
    their folded names filtered and counted at C speed (the folding itself is remembered, see
    `normal_name`: a register repeats names, "Office of General Counsel", thousands of times)."""
    nodes = chart.nodes
    carried = Counter(filter(wanted.__contains__, map(normal_name, [node.name for node in nodes if not node.aliases])))
    for node in nodes:
        if node.aliases:
            carried.update(key for key in {normal_name(text) for text in (node.name, *node.aliases)} if key in wanted)
    acronyms = ["acronym:" + normal_acronym(node.acronym) for node in nodes if node.acronym]
    carried.update(filter(wanted.__contains__, acronyms))
    return frozenset(key for key, count in carried.items() if count > 1)


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


def _texts(node: Node) -> tuple[str, ...]:
    return (node.name, *node.aliases)


class NameIndex:
    """The names of a list of candidates, folded once, for comparing many entities with them:
    the near-miss pass compares every entity left unmatched in one era with every one left in
    the other, and folding the candidates' names again for each (a Python loop per pair) made
    that pass grow with the square of the unmatched (0.2 s of a 1.8 s diff at 100,000)."""

    def __init__(self, candidates: list[Node]) -> None:
        self.candidates = candidates
        self.owners: list[int] = []
        self.normal: list[str] = []
        self.core: list[str] = []
        for index, candidate in enumerate(candidates):
            for text in _texts(candidate):
                self.owners.append(index)
                self.normal.append(normal_name(text))
                self.core.append(core_name(text))

    def similar(self, node: Node, *, floor: float, overlap_floor: float | None = None) -> list[Node]:
        """See `similar_names`."""
        from rapidfuzz import fuzz, process

        if not self.candidates:
            return []
        hits: set[int] = set()
        for text in _texts(node):
            tests = [
                (normal_name(text), self.normal, fuzz.token_sort_ratio, floor),
                (core_name(text), self.core, fuzz.token_sort_ratio, floor),
            ]
            if overlap_floor is not None:
                tests.append((core_name(text), self.core, fuzz.token_set_ratio, overlap_floor))
            for query, choices, scorer, cutoff in tests:
                found = process.extract(query, choices, scorer=scorer, score_cutoff=cutoff * 100, limit=None)
                hits.update(self.owners[position] for _, _, position in found)
        return [self.candidates[index] for index in sorted(hits)]

    def most_similar(self, node: Node, *, floor: float) -> tuple[float, str] | None:
        """The highest `name_similarity` of `node` with any candidate (at least `floor`) and that
        candidate's id (the smallest id among equals), or None."""
        best: tuple[float, str] | None = None
        for candidate in self.similar(node, floor=floor):
            score = name_similarity(node, candidate)
            if best is None or (-score, candidate.id) < (-best[0], best[1]):
                best = (score, candidate.id)
        return best


def similar_names(
    node: Node, candidates: list[Node], *, floor: float, overlap_floor: float | None = None
) -> list[Node]:
    """The `candidates` whose `name_similarity` with `node` is at least `floor`, or (when
    `overlap_floor` is given) whose `core_overlap` is at least that: the same test as calling
    both per pair, made with rapidfuzz's C loops over all candidates at once."""
    return NameIndex(candidates).similar(node, floor=floor, overlap_floor=overlap_floor)
