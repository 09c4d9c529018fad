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


@functools.lru_cache(maxsize=16384)
def is_bare_title(text: str) -> bool:
    """Whether `text` is only a title or the office of one ("DIRECTOR", "Office of the Deputy
    Director", "Front Office"): every word a title word or a generic word, one a title word."""
    words = normal_name(text).replace("'", " ").split()
    return (
        bool(words)
        and all(w in TITLE_WORDS or w in GENERIC_WORDS for w in words)
        and any(w in TITLE_WORDS for w in words)
    )


def repeated_keys(chart: OrgChart) -> frozenset[str]:
    """The folded names, aliases and acronyms (acronyms prefixed "acronym:") that more than one
    entity of `chart` carries: in this era they do not say which entity is meant."""
    seen: dict[str, str] = {}
    repeated: set[str] = set()
    for node in chart.nodes:
        keys = {normal_name(t) for t in (node.name, *node.aliases)}
        if node.acronym:
            keys.add("acronym:" + normal_acronym(node.acronym))
        for key in keys:
            if seen.setdefault(key, node.id) != node.id:
                repeated.add(key)
    return frozenset(repeated)


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
