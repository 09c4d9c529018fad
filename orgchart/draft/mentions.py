"""Where a document names an organizational entity: the general patterns of official prose.

1. A name ending in an organizational head word ("... Division", "... Office", "... Program",
   "... Teams") or starting with one ("Office of ...", "Department of ..."), written in capitals.
2. "Name (ACR)": a name followed by its acronym in parentheses; the name is the run of words
   before it whose initials make the acronym (so "... contract detention facilities (CDFs)"
   yields the three words, whatever their case).
3. A bulleted "Name: description" item, or a bare title-case bullet under a list lead-in.
4. A name, alias or acronym that another era of the dataset already uses, and an acronym the
   document itself defined, wherever it recurs.

Each mention is a span of the document, so the entity's quote is verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from orgchart.changes.forms import initials, looks_like_acronym, split_acronym
from orgchart.changes.names import normal_name
from orgchart.draft.segment import Span

HEAD_KINDS: Final[dict[str, str]] = {
    "division": "division",
    "divisions": "division",
    "directorate": "directorate",
    "office": "office",
    "offices": "office",
    "program": "program",
    "programs": "program",
    "programme": "program",
    "initiative": "program",
    "unit": "unit",
    "units": "unit",
    "section": "unit",
    "branch": "unit",
    "center": "center",
    "centre": "center",
    "team": "team",
    "teams": "team",
    "agency": "agency",
    "corps": "office",
    "force": "task force",
    "forces": "task force",
    "system": "system",
    "systems": "system",
    "database": "system",
    "databases": "system",
    "locator": "system",
    "facility": "facility",
    "facilities": "facility type",
    "department": "external body",
    "bureau": "external body",
    "board": "external body",
    "service": "external body",
    "ministry": "external body",
    "commission": "external body",
    "administration": "external body",
}
"""Head words that make a capitalized name an organizational entity, and the kind they suggest.
Departments, bureaus and services are usually other bodies the document relates to (a
reviewer corrects the few that are the organization's own)."""

HEAD_FIRST: Final[frozenset[str]] = frozenset(
    {"office", "division", "department", "bureau", "board", "ministry", "directorate", "executive"}
)
"""Heads that come first in "Office of ...", "Department of ...", "Executive Office for ..."."""

LEADING_WORDS: Final[frozenset[str]] = frozenset(
    {"the", "a", "an", "at", "in", "to", "with", "through", "from", "by", "for", "and", "of", "on", "as", "its", "our"}
    | {"this", "these", "that", "each", "every", "all", "both", "under", "within", "during", "since", "while"}
)
"""Capitalized words at the start of a sentence that begin no name."""

_CONNECTORS = r"(?:and|of|for|the|on|&|de|des|du|–|-)"
_CAPITAL_WORD = r"(?:[A-Z][\w’'./&-]*|\d+\([a-z]\)[\w-]*|[A-Z]{2,}s?)"
CAPITAL_RUN: Final = re.compile(rf"{_CAPITAL_WORD}(?:\s+(?:{_CONNECTORS}\s+)*{_CAPITAL_WORD})*")
ACRONYM_AFTER: Final = re.compile(r"\(\s*([A-Z][A-Za-z0-9&./-]*[A-Z0-9]s?)\s*\)")
_WORD = re.compile(r"[^\s,;:()]+")


@dataclass(frozen=True)
class Mention:
    """A name in the document: its text (as written), acronym, suggested kind, where it is, and
    the rule that found it (`rule`), for review notes."""

    name: str
    span: Span
    kind: str | None
    acronym: str | None = None
    rule: str = "head word"


def kind_of(name: str) -> str | None:
    """The kind a name's head word suggests, or None."""
    words = [w.strip(".,’'").lower() for w in name.split()]
    if not words:
        return None
    for index, word in enumerate(words[:-1]):
        if word in HEAD_FIRST and words[index + 1] in ("of", "for"):
            return "office" if word == "executive" else HEAD_KINDS.get(word, "office")
    if words[-1] in HEAD_KINDS and not (len(words) == 1 and words[-1].endswith("s")):
        if words[-1] in ("force", "forces") and (len(words) < 2 or words[-2] != "task"):
            return None
        return HEAD_KINDS[words[-1]]
    return None


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    """Drop sentence-initial function words ("The", "At") from a capitalized run."""
    while True:
        first, _, rest = text.partition(" ")
        if rest and first.lower() in LEADING_WORDS:
            start += len(first) + 1
            text = rest.lstrip()
            continue
        return text, start


def _trim_trailing(text: str) -> str:
    words = text.split()
    while words and (words[-1].lower() in ("and", "of", "for", "the", "on", "&", "–", "-")):
        words.pop()
    return " ".join(words)


def capitalized_names(text: str, offset: int) -> list[Mention]:
    """Rule 1: capitalized runs with an organizational head word, split at "of the" (a chain such
    as "the Bureau of X of the Public Health Service") and at a possessive ("ERO's Removal
    Division" names Removal Division)."""
    found = []
    for run in CAPITAL_RUN.finditer(text):
        pieces = _split_run(run.group(0), run.start())
        for piece, start in pieces:
            piece, start = _strip_leading(piece, start)
            piece = _trim_trailing(piece.rstrip(".,;:"))
            if not piece or piece.lower() in LEADING_WORDS:
                continue
            kind = kind_of(piece)
            if kind is None:
                continue
            if " " not in piece:
                # "the Ministry", "the Division": a reference back to a body named before
                found.append(Mention(piece, Span(offset + start, offset + start + len(piece)), kind, None, "reference"))
                continue
            first = piece.split()[0].lower()
            if first in HEAD_KINDS and first.endswith("s") and len(piece.split()) > 1 and kind_of(first) is None:
                continue  # "Divisions and Field Offices": a heading about kinds, not a name
            found.append(Mention(piece, Span(offset + start, offset + start + len(piece)), kind))
    return found


def _split_run(run: str, start: int) -> list[tuple[str, int]]:
    """A capitalized run cut at " of the " and after a possessive, with each piece's offset."""
    pieces: list[tuple[str, int]] = []
    position = 0
    for match in re.finditer(r"\s+of\s+the\s+|(?<=[’']s)\s+", run):
        pieces.append((run[position : match.start()], start + position))
        position = match.end()
    pieces.append((run[position:], start + position))
    cleaned = []
    for piece, at in pieces:
        owner = re.match(r"^[\w.]+[’']s$", piece.strip())
        if owner:
            continue  # the owner of a possessive is its own mention (found by acronym or name)
        cleaned.append((piece, at))
    return cleaned


def acronym_names(text: str, offset: int) -> list[Mention]:
    """Rule 2: "Name (ACR)". The name is the longest run of words before the parenthesis whose
    initials give the acronym; an acronym in parentheses just before is read as a word of the
    name ("U.S. Immigration and Customs Enforcement (ICE) Health Service Corps (IHSC)" names
    "ICE Health Service Corps")."""
    found = []
    for match in ACRONYM_AFTER.finditer(text):
        acronym = match.group(1)
        if sum(c.isupper() for c in acronym) < 2 or len(acronym) > 12 or acronym.isdigit():
            continue
        before = text[: match.start()]
        cut = max(before.rfind(mark) for mark in (". ", ": ", "; ", ", ", "“", '"', "\n\n"))
        words = [w for w in _WORD.finditer(before) if w.start() > cut]
        best: tuple[int, str] | None = None
        for first in range(len(words) - 1, max(-1, len(words) - 12), -1):
            form = " ".join(re.sub(r"[()]", "", before[words[first].start() :]).split())
            if any(i == _acronym_key(acronym) for i in initials(form)):
                best = (words[first].start(), form)
        if best is None:
            continue
        start, name = best
        name, start = _strip_leading(name, start)
        kind = kind_of(name) or (ACTIVITY_KIND if name.split()[-1].lower() in ACTIVITY_WORDS else None)
        found.append(Mention(name, Span(offset + start, offset + match.end()), kind, acronym, "name and acronym"))
    return found


ACTIVITY_WORDS: Final[frozenset[str]] = frozenset(
    {"operations", "investigations", "enforcement", "support", "analysis", "removal", "missions"}
)
"""Last words of organizational names that say what a body does rather than what it is
("Enforcement and Removal Operations", "Operations Support"): with an acronym they name a body."""

ACTIVITY_KIND: Final = "unit"
"""The kind given to a body named by its activity; a reviewer (or another era) corrects it."""


def _acronym_key(acronym: str) -> str:
    from orgchart.changes.names import normal_acronym

    return normal_acronym(acronym)


def bullet_name(text: str, offset: int, *, listed: bool) -> Mention | None:
    """Rule 3: a bullet "Name: description" (a short title-case name before a colon), or, when the
    bullet stands in a list under a lead-in (`listed`), a bare title-case name."""
    head, colon, _ = text.partition(":")
    candidate = head.strip() if colon else (text.strip() if listed else "")
    if not candidate or len(candidate.split()) > 9 or candidate.endswith((".", ";")) or not candidate[0].isupper():
        return None
    if colon and ("(" in candidate and ")" not in candidate):
        return None
    words = candidate.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in ("and", "of", "for", "the", "on", "to", "in")]
    if len(lower) > (1 if len(words) > 2 else 0):
        return None
    bare, acronym = split_acronym(candidate)
    start = offset + text.index(candidate)
    return Mention(bare, Span(start, start + len(candidate)), kind_of(bare), acronym, "bullet name")


def known_names(text: str, offset: int, names: dict[str, tuple[str, str | None]]) -> list[Mention]:
    """Rule 4: names, aliases and acronyms already known (other eras, or this document's own
    "Name (ACR)"), where they recur as whole words. `names` maps a written form to (the name it
    stands for, its acronym); acronyms match in capitals only, names of one word are skipped
    unless written in capitals ("INTERPOL")."""
    found = []
    for form, (name, acronym) in names.items():
        if len(form) < 2:
            continue
        single = " " not in form
        if single and not looks_like_acronym(form):
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")
        for match in pattern.finditer(text):
            span = Span(offset + match.start(), offset + match.end())
            found.append(Mention(name, span, None, acronym, "known name"))
    return found


def folded(name: str) -> str:
    """A name folded for grouping mentions of one entity."""
    return normal_name(name)
