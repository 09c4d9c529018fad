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

import functools
import re
from dataclasses import dataclass
from typing import Final

from orgchart.changes.forms import looks_like_acronym, split_acronym
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
    "centers": "facility type",
    "centres": "facility type",
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
    "sub-office": "sub-office",
    "sub-offices": "sub-office",
    "department": "external body",
    "bureau": "external body",
    "board": "external body",
    "service": "external body",
    "ministry": "external body",
    "commission": "external body",
    "administration": "external body",
    "authority": "agency",
    "council": "external body",
    "association": "external body",
    "group": "unit",
    "secretariat": "office",
    "network": "agency",
    "assembly": "external body",
    "committee": "unit",
    "project": "program",
    "plant": "facility",
    "reservoir": "facility",
    "vault": "facility",
    "station": "facility",
    "laboratory": "facility",
    "hospital": "facility",
    "prison": "facility",
    "depot": "facility",
    "precinct": "office",
    "college": "center",
    "institute": "center",
    "academy": "center",
}
"""Head words that make a capitalized name an organizational entity, and the kind they suggest.
Departments, bureaus and services are usually other bodies the document relates to (a
reviewer corrects the few that are the organization's own)."""

HEAD_FIRST: Final[frozenset[str]] = frozenset(
    {"office", "division", "department", "bureau", "board", "ministry", "directorate", "executive", "city", "county"}
    | {"town", "municipality"}
)
"""Heads that come first in "Office of ...", "Department of ...", "Executive Office for ..."."""

LEADING_WORDS: Final[frozenset[str]] = frozenset(
    {"the", "a", "an", "at", "in", "to", "with", "through", "from", "by", "for", "and", "of", "on", "as", "its", "our"}
    | {"this", "these", "that", "each", "every", "all", "both", "under", "within", "during", "since", "while"}
    | {"about", "across", "among", "inside", "outside", "over", "after", "before", "into", "via", "your", "their"}
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
    known: str = ""
    """For a name another era uses: that era's name for the body (mentions are grouped by it)."""
    part: int = 0
    """For one of the bodies a distributed name names ("Divisions East and West"): 1, 2, ..."""


def kind_of(name: str) -> str | None:
    """The kind a name's head word suggests, or None."""
    words = [w.strip(".,’'").lower() for w in name.split()]
    if not words:
        return None
    for index, word in enumerate(words[:-1]):
        if word in HEAD_FIRST and words[index + 1] in ("of", "for"):
            if word in ("city", "county", "town", "municipality"):
                return "agency"  # "City of Riverton": a local government
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
    """Rule 1: capitalized runs with an organizational head word, cut where a run names two
    bodies (`_split_run`); an owner's acronym leading a name ("ICE HSI Office of International
    Operations") is also a mention of its own, of the owner (rule "nested")."""
    found = []
    for run in CAPITAL_RUN.finditer(text):
        for piece, start, component in _split_run(run.group(0), run.start()):
            piece, start = _strip_leading(piece, start)
            piece = _trim_trailing(piece.rstrip(".,;:"))
            if not piece or piece.lower() in LEADING_WORDS:
                continue
            led = LEADER.match(piece)
            if led:  # "FBI-led Joint Terrorism Task Forces": the leader, then the body it leads
                found.append(
                    Mention(led["leader"], Span(offset + start, offset + start + len(led["leader"])), "external body")
                )
                piece, start = piece[led.end() :], start + led.end()
            span = Span(offset + start, offset + start + len(piece))
            kind = kind_of(piece)
            if kind is None and piece.lower() in SELF_NAMING:
                following = re.match(r"\s+([a-z]+)", text[start + len(piece) :])
                if not (following and (following.group(1) in HEAD_KINDS or following.group(1) in PEOPLE_WORDS)):
                    found.append(Mention(piece, span, SELF_NAMING[piece.lower()]))
                continue
            if kind is None:
                if component:  # "Office of X - Fugitive Operations": the part after the dash
                    found.append(Mention(piece, span, None, None, "component"))
                continue
            if _names_people(text, start + len(piece)):
                continue  # "Commissioned Corps officers", "Field Office Directors": people, not a body
            if " " not in piece:
                # "the Ministry", "the Division": a reference back to a body named before
                found.append(Mention(piece, span, kind, None, "reference"))
                continue
            first = piece.split()[0].lower()
            if first in HEAD_KINDS and first.endswith("s") and len(piece.split()) > 1 and kind_of(first) is None:
                continue  # "Divisions and Field Offices": a heading about kinds, not a name
            parts = distributed(piece)
            found += [Mention(part, span, kind_of(part), part=n) for n, part in enumerate(parts, 1)]
            if not parts:
                found.append(Mention(piece, span, kind))
            found += owner_mentions(piece, span.start)
    return found


LEADER: Final = re.compile(r"(?P<leader>[A-Z][A-Z0-9&.]+)-led\s+")
"""An acronym leading a body ("FBI-led Joint Terrorism Task Forces"): the leader oversees it."""

_DISTRIBUTED: Final = re.compile(
    r"^(?P<base>.+?)\s+(?P<heads>Divisions|Offices|Units|Centers|Centres|Teams|Branches|Sections|Regions|Directorates)"
    r"\s+(?P<first>[A-Z][\w-]*)\s+(?:and|&)\s+(?P<second>[A-Z][\w-]*)$"
)


def distributed(name: str) -> list[str]:
    """The names a plural head word distributes over ("Removal Management Divisions East and
    West" names Removal Management Division East and Removal Management Division West), or []."""
    found = _DISTRIBUTED.match(name.strip())
    if not found:
        return []
    head = found["heads"][:-1]
    return [f"{found['base']} {head} {found['first']}", f"{found['base']} {head} {found['second']}"]


def owner_mentions(name: str, start: int) -> list[Mention]:
    """The acronyms leading a longer name, each a mention of its own: "ICE HSI Office of
    International Operations" names ICE and HSI too (they own it)."""
    found = []
    words = list(re.finditer(r"\S+", name))
    for index, word in enumerate(words[:2]):
        rest = len(words) - index - 1
        if rest < 2 or not looks_like_acronym(word.group(0)) or word.group(0).lower() in HEAD_KINDS:
            break
        span = Span(start + word.start(), start + word.end())
        found.append(Mention(word.group(0), span, None, word.group(0), "nested"))
    return found


PEOPLE_WORDS: Final[frozenset[str]] = frozenset(
    {"officer", "officers", "director", "directors", "staff", "personnel", "employee", "employees", "manager"}
    | {"managers", "official", "officials", "member", "members", "agent", "agents", "chief", "chiefs", "head"}
    | {"heads", "leadership", "leaders", "specialist", "specialists", "liaison", "liaisons"}
)
"""Nouns after a body's name that turn it into people of the body ("ICE field office
directors"): the phrase names no body."""


def _names_people(text: str, end: int) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", text[end:])
    return bool(following) and following.group(1).lower() in PEOPLE_WORDS  # type: ignore[union-attr]


SELF_NAMING: Final[dict[str, str]] = {
    "headquarters": "office",
    "parliament": "external body",
    "congress": "external body",
    "senate": "external body",
}
"""Single capitalized words that name a body by themselves ("At Headquarters, ...")."""

_CUTS = re.compile(r"\s+of\s+the\s+|(?<=[’']s)\s+|\s+and\s+the\s+|\s+[-–]\s+|[ \t]*\n\s*")


def _split_run(run: str, start: int) -> list[tuple[str, int, bool]]:
    """A capitalized run cut where it names more than one body, with each piece's offset and
    whether the piece is a component named after a dash:

    - at " of the " (a chain: "the Bureau of X of the Public Health Service"), unless the left
      is a bare head word ("Offices of the United States Attorneys" is one name);
    - after a possessive ("ERO's Removal Division": the owner is a mention of its own);
    - at " and the " between two names with head words ("Office of Refugee Resettlement and the
      Division of Unaccompanied Children Services");
    - at a spaced dash after a body's name (an address line: "Office of X - Fugitive Operations");
    - after a head word that ends a name when another name with that head word follows
      ("Kansas City Sub-Office St. Louis Sub-Office").
    """
    pieces: list[tuple[str, int, bool]] = []
    position = 0
    component = False
    for match in _CUTS.finditer(run):
        left, right = run[position : match.start()], run[match.end() :]
        cut = match.group(0).strip()
        if cut.startswith("of") and left.strip().lower() in HEAD_KINDS:
            continue
        if not cut and "\n" not in match.group(0) and right.strip().lower() in HEAD_KINDS:
            continue  # "Harbour Master's Office": the possessive is part of the name
        if cut.startswith("and") and not (kind_of(right) and (kind_of(left) or len(left.split()) >= 2)):
            continue
        if cut in ("-", "–") and not (kind_of(left) or looks_like_acronym(left.strip())):
            continue
        next_line = right.split("\n")[0]
        if "\n" in match.group(0) and not (
            kind_of(left)
            or re.match(rf"(?:{'|'.join(HEAD_FIRST)})\s+(?:of|for)\b", right, re.I)
            or (
                len(next_line.split()) >= 2
                and kind_of(next_line)
                and left.split()[-1].lower().rstrip("s") in HEAD_KINDS
                and left.split()[-1].endswith("s")
            )
        ):
            continue  # a line break inside one name ("National Fugitive Operations / Program")
        pieces.append((left, start + position, component))
        position = match.end()
        component = cut in ("-", "–")
    pieces.append((run[position:], start + position, component))
    cleaned: list[tuple[str, int, bool]] = []
    for piece, at, is_component in pieces:
        if re.match(r"^[\w.]+[’']s$", piece.strip()):
            continue  # the owner of a possessive is its own mention (found by acronym or name)
        cleaned += [(part, at + offset, is_component) for part, offset in _repeated_heads(piece)]
    return cleaned


def _repeated_heads(piece: str) -> list[tuple[str, int]]:
    """`piece` cut after each inner word equal to its last word, when that word is a head word:
    "Kansas City Sub-Office St. Louis Sub-Office" is two names."""
    words = list(re.finditer(r"\S+", piece))
    if len(words) < 4 or words[-1].group(0).lower() not in HEAD_KINDS:
        return [(piece, 0)]
    last = words[-1].group(0)
    parts, begin = [], 0
    for index, word in enumerate(words[:-1]):
        if word.group(0) == last and index >= 1 and index + 2 < len(words):
            parts.append((piece[begin : word.end()], begin))
            begin = words[index + 1].start()
    parts.append((piece[begin:], begin))
    return parts


def bullet_name(text: str, offset: int, *, listed: bool) -> Mention | None:
    """Rule 3: a bullet "Name: description" (a short title-case name before a colon), or, when the
    bullet stands in a list under a lead-in (`listed`), a bare title-case name.

    Not a name: a label before a figure ("Mexico: 127,492"), a lead-in about kinds ("Types of
    X:"), an item of a sentence cut into bullets ("Staging for removal; and")."""
    head, colon, rest = text.partition(":")
    candidate = head.strip() if colon else (text.strip() if listed else "")
    if not candidate or len(candidate.split()) > 12 or candidate.endswith((".", ";")) or not candidate[0].isupper():
        return None
    if colon and (("(" in candidate and ")" not in candidate) or re.match(r"\s*[$\d]", rest)):
        return None
    words = candidate.split()
    if ";" in candidate or words[-1].lower() in LEADING_WORDS or words[0].lower() in KIND_WORDS:
        return None
    lower = [w for w in words if w[:1].islower() and w.lower() not in ("and", "of", "for", "the", "on", "to", "in")]
    if len(lower) > (1 if len(words) > 2 else 0):
        return None
    bare, acronym = split_acronym(candidate)
    start = offset + text.index(candidate)
    return Mention(bare, Span(start, start + len(candidate)), kind_of(bare), acronym, "bullet name")


def bullet_names(text: str, offset: int, *, listed: bool) -> list[Mention]:
    """`bullet_name`, as the bodies it names (two for a distributed name)."""
    named = bullet_name(text, offset, listed=listed)
    if named is None:
        return []
    parts = distributed(named.name)
    if not parts:
        return [named]
    return [Mention(part, named.span, kind_of(part), None, "bullet name", part=n) for n, part in enumerate(parts, 1)]


KIND_WORDS: Final[frozenset[str]] = frozenset({"types", "kinds", "list", "examples", "categories"})
"""First words of a lead-in about kinds of things ("Types of Alternatives to Detention:")."""


def known_names(text: str, offset: int, names: dict[str, tuple[str, str | None, str | None]]) -> list[Mention]:
    """Rule 4: names, aliases and acronyms already known (other eras, or this document's own
    "Name (ACR)"), where they recur as whole words. `names` maps a written form to (the name it
    stands for, its acronym, its kind); acronyms match in capitals only, names of one word are
    skipped unless written in capitals ("INTERPOL"). The mention keeps the form as written."""
    found = []
    for form, (name, acronym, kind) in names.items():
        if len(form) < 2 or form not in text:  # the substring test first: most forms are not there
            continue
        single = " " not in form
        if single and not (looks_like_acronym(form) or (form.isupper() and len(form) <= 12)):
            continue
        for match in _whole_words(form).finditer(text):
            span = Span(offset + match.start(), offset + match.end())
            found.append(Mention(form, span, kind, acronym, "known name", name))
    return found


@functools.lru_cache(maxsize=4096)
def _whole_words(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


def folded(name: str) -> str:
    """A name folded for grouping mentions of one entity."""
    return normal_name(name)
