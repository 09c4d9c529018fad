"""Facilities named by where they are: the general forms of a list of locations.

1. A list of places after "located in" ("They are located in Aguadilla, Puerto Rico; Batavia,
   New York; ... and San Pedro, California."): each "Place, Region" is a facility, part of the
   group the sentence (or the one before it: "They", "These facilities") is about.
2. A block of places after a lead-in that ends in "locations:" or "sites:" ("IAO stages aircraft
   at the following operational locations:" then "Mesa, AZ (IWA) Alexandria, LA (AEX)"): each
   place is a facility of the lead-in's subject.
3. A facility named with its place ("the Federal Detention Center in Oakdale, Louisiana", "the
   ... criminal alien facility in Eloy, Arizona"): the place is part of the name.

The rules need no list of place names: a place is capitalized words, a comma and a capitalized
region (a name or a two-letter code), with an optional code in parentheses.
"""

from __future__ import annotations

import re
from typing import Final

from orgchart.draft.mentions import Mention
from orgchart.draft.segment import Span

PLACE: Final = (
    r"(?P<place>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}),\s+(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}|[A-Z]{2})"
    r"(?:\s+\((?P<code>[A-Z]{3,4})\))?"
)
PLACE_ITEM: Final = re.compile(rf"(?<![\w,])(?:and\s+)?{PLACE}(?=\s*(?:[;,.]|$|\s[A-Z]))")
LOCATED: Final = re.compile(
    r"\b(?:are|is)\s+(?:located|based|situated)\s+(?:in|at)\b|"
    rf"(?<=[a-z]s)\s+in(?=\s+{PLACE.replace('?P<place>', '').replace('?P<region>', '').replace('?P<code>', '')})",
    re.IGNORECASE,
)
"""Where a list of places begins: "are located in", or a group and "in" ("regional hubs in ...")."""
LOCATIONS_LEAD: Final = re.compile(r"\b(?:locations|sites|places|cities)\s*:\s*$", re.IGNORECASE)
NAMED_WITH_PLACE: Final = re.compile(
    rf"(?P<name>(?:[A-Z][\w-]*\s+){{1,5}}(?:Center|Centre|Facility|Prison|Jail|Office|Camp)|"
    rf"(?:[a-z][\w-]*\s+){{1,3}}(?:facility|center|prison|jail|camp))\s+in\s+{PLACE}"
)


def place_mentions(text: str, offset: int, *, after_locations_lead: bool) -> list[Mention]:
    """Rules 1-3 over one sentence or block (`text` at document offset `offset`);
    `after_locations_lead` says that the block follows a lead-in ending in "locations:"."""
    found: list[Mention] = []
    located = LOCATED.search(text)
    if located or after_locations_lead:
        start = located.end() if located else 0
        for match in PLACE_ITEM.finditer(text, start):
            begin = match.start("place")
            found.append(
                Mention(text[begin : match.end()], Span(offset + begin, offset + match.end()), "facility", rule="place")
            )
    for match in NAMED_WITH_PLACE.finditer(text):
        name = match.group(0)
        words = name.split()
        while words and words[0].lower() in ("the", "a", "an", "and", "its", "with"):
            words = words[1:]
        begin = match.end() - len(" ".join(words)) if words else match.start()
        found.append(
            Mention(text[begin : match.end()], Span(offset + begin, offset + match.end()), "facility", rule="place")
        )
    return found


def is_locations_lead(text: str) -> bool:
    """Whether a block introduces a block of places ("... at the following locations:")."""
    return bool(LOCATIONS_LEAD.search(text.strip()))
