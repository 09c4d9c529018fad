"""Ids for drafted entities: an entity another era already records keeps its id, found through
the diff's own matcher (`orgchart.changes.match`: id, acronym, name or alias, similar name
supported by structure) and the diff's name forms (acronym alone, owner prefix); a new entity
gets a slug of its name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from orgchart.changes.forms import same_name, split_acronym
from orgchart.changes.match import KIND_FAMILIES, match_entities
from orgchart.dataset.model import Node
from orgchart.graph import OrgChart


def slug(text: str) -> str:
    """A lowercase id from a name: `Criminal Apprehension Division` -> `criminal-apprehension-division`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    folded = folded.replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return words[:60].rstrip("-") or "entity"


def reused_ids(draft: OrgChart, others: Sequence[OrgChart]) -> dict[str, tuple[str, str, str]]:
    """For each provisional id of `draft`, the id of the same entity in another era (the latest
    era that has it first), with that era's id and the matcher's reason in words."""
    found: dict[str, tuple[str, str, str]] = {}
    taken: set[str] = set()
    for other in reversed(others):
        matching = match_entities(other, draft)
        for match in matching:
            if match.after in found or match.before in taken:
                continue
            found[match.after] = (match.before, other.id, f"{match.reason}: {match.detail}")
            taken.add(match.before)
        for node in draft.nodes:
            if node.id in found:
                continue
            same = [o for o in other.nodes if o.id not in taken and same_name(o, node) and _family(o, node)]
            if len(same) == 1:
                found[node.id] = (same[0].id, other.id, "name written another way")
                taken.add(same[0].id)
    return found


def _family(a: Node, b: Node) -> bool:
    """Whether two nodes could be one body by their kinds: kinds of one family, or a unit (the
    draft's guess when no rule names a kind) whose name ends in the same word ("Fugitive
    Operations" is not one of the "Fugitive Operations Teams")."""
    last_a, last_b = (split_acronym(n.name)[0].split()[-1].casefold() for n in (a, b))
    if last_a != last_b and {last_a, last_b} & GROUP_WORDS:
        return False  # "Fugitive Operations Teams" are teams, not the office "Fugitive Operations"
    if KIND_FAMILIES.get(a.kind) == KIND_FAMILIES.get(b.kind):
        return True
    return "unit" in (a.kind, b.kind) and last_a == last_b


GROUP_WORDS = frozenset({"teams", "offices", "units", "programs", "centers", "centres", "facilities", "sub-offices"})
"""Last words that make a name a group of bodies rather than the body the rest of it names."""


def unique(wanted: str, used: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, ... when it is taken; recorded in `used`."""
    candidate, number = wanted, 2
    while candidate in used:
        candidate, number = f"{wanted}-{number}", number + 1
    used.add(candidate)
    return candidate
