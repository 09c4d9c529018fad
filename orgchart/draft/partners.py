"""Partners a document names in a working relation, with or without capitals: the objects of
"partners with", "works (closely) with", "coordinates with", "in partnership with", "liaison
with" ("state and local law enforcement agencies", "coastal fishing cooperatives", "foreign
governments", "the Navy", "the National Coastguard and the City Council"). A capitalized name
there that no other rule knows as a body is an outside body; one another rule names with a head
word keeps that rule's kind (the longer or stronger mention wins).
"""

from __future__ import annotations

import re
from typing import Final

from orgchart.draft.mentions import Mention
from orgchart.draft.segment import Span

PARTNER_HEADS: Final = (
    r"agencies|agency|entities|entity|partners|governments|government officials and embassies|government officials|"
    r"authorities|counterparts|cooperatives|brigades|organizations|organisations|associations|councils|"
    r"municipalities|embassies|(?<!task )forces|police|banks"
)
PARTNERS: Final = re.compile(
    r"(?:(?:a|an|the|our)\s+)?(?P<name>(?P<mods>(?:(?:state|local|federal|tribal|foreign|international|domestic|"
    r"U\.S\.|national|partner)(?:\s*,\s*|\s+(?:and|or)\s+|\s+))*)(?P<core>law enforcement\s+)?(?P<head>"
    + PARTNER_HEADS
    + r"))\b"
)
RELATION_CUE: Final = re.compile(
    r"\b(?:partners?\s+with|partnerships?\s+with|coordinat\w+\s+(?:\w+ly\s+)?with|liaison\s+with|collaborat\w+\s+with|"
    r"cooperat\w+\s+with|works?\s+(?:\w+ly\s+)?with|in\s+partnership\s+with|coordination\s+and\s+liaison\s+with|"
    r"relations\s+with)\s+",
    re.IGNORECASE,
)
OBJECT: Final = re.compile(
    rf"(?:the\s+|our\s+)?(?P<lower>(?:[a-z][\w-]*\s+){{0,3}}(?:{PARTNER_HEADS}))\b|"
    r"the\s+(?P<proper>[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w’'.-]*){0,5})(?![\w’'-])"
)
_STOP: Final = re.compile(r"[.;:]|\b(?:to|in order|which|who|that|during|through|for)\b")


def partner_names(text: str, offset: int) -> list[Mention]:
    """The partners of one sentence (`text` at document offset `offset`)."""
    found: list[Mention] = []
    if not RELATION_CUE.search(text):
        return found
    for match in PARTNERS.finditer(text):
        if not (match.group("mods").strip() or match.group("core")):
            continue
        if match.group("head") in ("agency", "entity") and not match.group("core"):
            continue  # "a state agency" alone is too vague to be a partner
        found.append(_partner(match.group("name"), offset + match.start("name")))
    for cue in RELATION_CUE.finditer(text):
        stop = _STOP.search(text, cue.end())
        end = stop.start() if stop else len(text)
        for item in re.finditer(r"[^,]+", text[cue.end() : end]):
            for part in re.finditer(r"(?:(?<=\s)|^)(?:and\s+)?(?P<rest>.+?)(?=\s+and\s+|$)", item.group(0)):
                at = cue.end() + item.start() + part.start("rest")
                named = OBJECT.match(text, at, cue.end() + item.start() + part.end("rest"))
                if named is None:
                    continue
                group = "lower" if named.group("lower") else "proper"
                if named.group(group).split()[0] in ("other", "all", "these", "those"):
                    continue
                found.append(_partner(named.group(group), offset + named.start(group)))
    return found


def _partner(name: str, start: int) -> Mention:
    name = name.strip()
    return Mention(" ".join(name.split()), Span(start, start + len(name)), "external body", None, "lower-case name")
