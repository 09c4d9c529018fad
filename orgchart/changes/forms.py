"""One name written several ways: with or without its acronym, as the acronym alone, with or
without an owner's prefix ("ICE", "ERO", "U.S."), or cut off by a damaged text.

The diff asks these questions of two matched entities before it reports a rename: "ICE Health
Service Corps" and "IHSC", "ICE Health Service Corps (IHSC)" and "Health Service Corps", "ERO
Law Enforcement Systems and Analysis" and "Law Enforcement Systems and Analysis" are one name
each. The draft uses them to find an entity of another era under a different spelling.
"""

from __future__ import annotations

import re
from typing import Final

from orgchart.changes.names import core_name, normal_acronym, normal_name
from orgchart.dataset.model import Node

SMALL_WORDS: Final[frozenset[str]] = frozenset({"and", "of", "the", "for", "on", "in", "to", "a", "an", "&"})
"""Words an acronym usually skips: "Law Enforcement Systems and Analysis" is LESA."""

_TRAILING_ACRONYM = re.compile(r"^(?P<name>.*\S)\s*\((?P<acronym>[A-Za-z0-9.&/-]{2,12})\)$")
_ACRONYM_WORD = re.compile(r"^[A-Z][A-Z0-9&./-]*[A-Z0-9]s?$")


def looks_like_acronym(text: str) -> bool:
    """Whether `text` is one word written in capitals, as acronyms are: "IHSC", "U.S.", "FOTs"."""
    return " " not in text.strip() and bool(_ACRONYM_WORD.match(text.strip())) and len(text.strip()) <= 12


def split_acronym(name: str) -> tuple[str, str | None]:
    """`Name (ACR)` as (`Name`, `ACR`); any other name as (name, None)."""
    found = _TRAILING_ACRONYM.match(name.strip())
    if found and looks_like_acronym(found["acronym"]):
        return found["name"], found["acronym"]
    return name, None


def initials(name: str) -> frozenset[str]:
    """The acronyms a name could have, folded: the first letters of its words, with and without
    the small words, and with an all-capitals word kept whole or by its first letter
    ("ICE Health Service Corps" gives IHSC and ICEHSC)."""
    words = [w for w in re.split(r"[\s\-\u2013\u2014/]+", name) if w and w[0].isalnum()]
    if len(words) < 2:
        return frozenset()
    found = set()
    for skip_small in (True, False):
        for whole_capitals in (True, False):
            letters = []
            for word in words:
                if skip_small and word.casefold() in SMALL_WORDS:
                    continue
                letters.append(word if whole_capitals and looks_like_acronym(word) else word[0])
            found.add(normal_acronym("".join(letters)))
    return frozenset(found)


def is_acronym_of(short: str, name: str) -> bool:
    """Whether `short` is written as an acronym and is the initials of `name`."""
    return looks_like_acronym(short) and normal_acronym(short) in initials(name)


def without_owner(name: str) -> str:
    """The folded name without a leading owner written as an acronym ("ICE", "ERO", "U.S.",
    "ICE/ERO") or in the possessive ("ERO's"), when a name of two or more words remains."""
    words = name.split()
    if len(words) >= 3 and (looks_like_acronym(words[0]) or words[0].endswith(("'s", "\u2019s"))):
        return normal_name(" ".join(words[1:]))
    return normal_name(name)


def written_forms(node: Node) -> frozenset[str]:
    """Every folded way the node's era writes its name: name and aliases with and without an
    acronym in parentheses and without an owner's prefix (not its acronym: two bodies can share
    one acronym across a rename, "Criminal Alien Division" and "Criminal Apprehension Division")."""
    forms: set[str] = set()
    for text in (node.name, *node.aliases):
        bare = split_acronym(text)[0]
        for variant in (text, bare):
            forms.update((normal_name(variant), without_owner(variant), core_name(without_owner(variant))))
    forms.discard("")
    return frozenset(forms)


def acronyms_of(node: Node) -> frozenset[str]:
    """The node's acronyms, folded: its `acronym` and any in parentheses after a name."""
    found = {node.acronym} if node.acronym else set()
    found.update(acronym for text in (node.name, *node.aliases) if (acronym := split_acronym(text)[1]))
    return frozenset(normal_acronym(a) for a in found)


def long_names(node: Node) -> list[str]:
    """The node's names of more than one word, without an acronym in parentheses."""
    return [bare for text in (node.name, *node.aliases) if " " in (bare := split_acronym(text)[0].strip())]


def same_name(a: Node, b: Node) -> bool:
    """Whether two entities' names are one name written differently (see the module docstring),
    or one is cut off (`name_incomplete`) and is the start of the other."""
    if written_forms(a) & written_forms(b):
        return True
    for short, long in ((a, b), (b, a)):
        for text in (short.name, *short.aliases):
            if not looks_like_acronym(text):
                continue
            if normal_acronym(text) in acronyms_of(long) or any(is_acronym_of(text, name) for name in long_names(long)):
                return True
    return is_cut_short(a, b) or is_cut_short(b, a)


def is_cut_short(cut: Node, whole: Node) -> bool:
    """Whether `cut`'s name is marked incomplete and is the start of one of `whole`'s names."""
    if not cut.name_incomplete:
        return False
    start = normal_name(cut.name)
    return bool(start) and any(
        normal_name(text).startswith(start) or without_owner(text).startswith(start)
        for text in (whole.name, *whole.aliases)
    )
