"""The words that state relations, in one place: containment ("comprises", "is organized
into"), oversight ("oversees", "provides oversight for"), working relations ("supports",
"coordinates closely with", "partners with", "leverages"), "within", counted lead-ins ("comprises
four Divisions") and where a verb's objects end."""

from __future__ import annotations

import re
from typing import Final

CONTAINMENT: Final = re.compile(
    r"\b(?:comprises|comprised of|is comprised|consists of|consist of|is organized into|are organized into|"
    r"is composed of|is made up of|is divided into|includes the following|include the following|"
    r"has the following|is organized as|is organised into|are organised into|is organised as|"
    r"(?<=[Oo]perations )include|(?<=[Cc]omponents )include|"
    r"(?:has|have)(?=\s+(?:\w+\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[\w-]+\s+)?"
    r"(?:divisions|directorates|departments|units|offices|sections|branches|teams|centres|centers|bureaus|precincts|"
    r"regions|districts|stations|hubs)\b))\b",
    re.IGNORECASE,
)
VERBS: Final[dict[str, re.Pattern[str]]] = {
    "oversight": re.compile(
        r"\b(?:oversees|oversaw|oversee|provides? (?:\w+ )?oversight (?:for|of|over|to)|"
        r"provides? (?:\w+ (?:and \w+ )?)?oversight (?:for|of|over|to)|has oversight over|"
        r"exercises oversight over|manages|managed|supervises|supervised|is responsible for overseeing|runs|"
        r"operates|monitors)\b",
        re.IGNORECASE,
    ),
    "support": re.compile(
        r"\b(?:supports|provides (?:\w+ )?support (?:to|for)|facilitates (?:\w+ (?:and \w+ )?)?support to|"
        r"in support of|leverages|is the largest contributor to|contributes to)\b",
        re.IGNORECASE,
    ),
    "coordination": re.compile(
        r"\b(?:coordinates (?:\w+ly )?with|in coordination with|coordinating with|liaison with|"
        r"collaboration with|in collaboration with|works (?:\w+ly )?with)\b",
        re.IGNORECASE,
    ),
    "partnership": re.compile(
        r"\b(?:partners with|partnerships? with|in partnership with|a partnership with)\b", re.IGNORECASE
    ),
}
WITHIN: Final = re.compile(
    r"^\s*(?:is|are)?\s*(?:located\s+)?(?:within|(?:is|are)\s+(?:also\s+)?(?:an?\s+)?(?:division|unit|component|part|"
    r"office|section|branch)\s+(?:of|within))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
NUMBER_WORDS: Final[dict[str, int]] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
COUNTED: Final = re.compile(
    r"\b(?:the following\s+)?(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:[A-Z]\w+\s+)?(divisions|sub-divisions|units|offices|programs|branches|sections|directorates|teams|"
    r"departments|bureaus|precincts|regions|districts)\b",
    re.IGNORECASE,
)
CLAUSE_END: Final = re.compile(r"\b(?:which|who|whom|where|that|to ensure|in order to|in an effort to|through)\b|;")
"""Where the objects of a verb end: a relative clause or a purpose names other subjects."""
BODY_KINDS: Final[frozenset[str]] = frozenset(
    {"division", "sub-division", "unit", "office", "program", "center", "team", "directorate", "task force"}
    | {"sub-office"}
)
"""Kinds of the bodies an organization is made of (not facilities, systems or outside bodies)."""
