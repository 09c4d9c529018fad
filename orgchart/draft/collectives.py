"""Bodies named in lower case: the general forms official prose uses to name a program, a group
of bodies or a partner without capitals.

1. A proper modifier and a lower-case head word: "the 287(g) program", "NFOP teams", "all DRO
   field offices", "the ICE Attaché corps", "National Crime Information Center databases", a
   quoted name ("the “ICE Most Wanted” program": the name is the quoted text), an owner's
   possessive ("ICE’s detention system", "ERO’s 25 field offices").
2. A counted group: "seven contract detention facilities", "25 national field offices", "24
   field offices and sub-offices". The words between the number and the head word name the group
   (at least one, unless the head word is itself compound: "field offices", "task forces"), and
   a phrase saying whose they are ("operating under Intergovernmental service agreements
   (IGSAs)", "operated by the Federal Bureau of Prisons") stays part of the name.
3. An item of an enumeration after a containment verb: "..., contract detention facilities
   (CDFs), ICE-owned facilities (SPCs), and facilities operated by the Federal Bureau of Prisons";
   an item written "Name (ACR)" among such items is one of them.
4. Partners (`orgchart.draft.partners`).
5. Task forces in lower case ("multi-agency task forces").
6. Names listed after a counted kind and a colon ("organised into four directorates ...:
   Operations, Engineering, Finance and Corporate Services"), each a body of that kind.

A capitalized name inside such a name ("the Federal Bureau of Prisons") stays a mention of its
own (rule "nested").
"""

from __future__ import annotations

import re
from typing import Final

from orgchart.changes.forms import looks_like_acronym
from orgchart.draft.mentions import CAPITAL_RUN, HEAD_KINDS, LEADING_WORDS, Mention, capitalized_names
from orgchart.draft.partners import partner_names
from orgchart.draft.segment import Span

PROPER_HEADS: Final[dict[str, str]] = {
    "program": "program",
    "programs": "program",
    "initiative": "program",
    "team": "team",
    "teams": "team",
    "corps": "office",
    "field office": "office",
    "field offices": "office",
    "offices": "office",
    "sub-offices": "sub-office",
    "units": "unit",
    "databases": "system",
    "database": "system",
    "task forces": "task force",
}
"""Lower-case head words that make a proper modifier before them a body's name (rule 1)."""

OWNED_HEADS: Final[dict[str, str]] = {**PROPER_HEADS, "system": "facility type", "facilities": "facility type"}
"""Head words after an owner's possessive ("ICE’s detention system")."""

GROUP_HEADS: Final[dict[str, str]] = {
    "facilities": "facility type",
    "detention centers": "facility type",
    "jails": "facility type",
    "field offices": "office",
    "sub-offices": "sub-office",
    "offices": "office",
    "teams": "team",
    "units": "unit",
    "task forces": "task force",
    "programs": "program",
    "plants": "facility type",
    "stations": "facility type",
    "hubs": "office",
    "hospitals": "facility type",
    "prisons": "facility type",
}
"""Plural head words of a counted or enumerated group (rules 2 and 3)."""

COMPOUND_HEADS: Final[frozenset[str]] = frozenset({"field offices", "sub-offices", "task forces", "detention centers"})
"""Head words that name a group without any modifier ("24 field offices")."""

NUMBER: Final = r"(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_HEADS = "|".join(re.escape(h) for h in sorted({*OWNED_HEADS, *GROUP_HEADS}, key=lambda h: (-len(h), h)))
_MODIFIER = r"(?:[a-z][\w-]*|[A-Z][A-Za-z]*-[\w-]+|[A-Z]{2,}s?)"
_OWNED_BY = (
    r"(?:(?:operating under|operated by|owned by|run by|managed by|staffed by)\s+|with\s+the\s+(?=[A-Z]))"
    r"[^,;.()]+?(?=\s*(?:[,;.(]|$))"
)
_IN_PARENTHESES = r"(?:\s*\((?P<acronym>[A-Z][\w&./-]*)\))?"
"""An acronym in parentheses after a name, if any."""
_GROUP = rf"(?P<mods>(?:{_MODIFIER}\s+){{0,3}}?)(?P<head>{_HEADS})\b(?![’'-])(?P<tail>\s+{_OWNED_BY})?"
"""A group's name: up to three modifiers, a group's head word, whose it is."""

PROPER_NAMED: Final = re.compile(
    rf"(?:[“\"](?P<quoted>[A-Z][^”\"\n]{{1,80}})[”\"]|(?P<run>{CAPITAL_RUN.pattern}){_IN_PARENTHESES})"
    rf"(?:(?P<owner>[’']s\s+)(?:{NUMBER}\s+)?(?P<mods>(?:[a-z][\w-]*\s+){{0,2}}?))?\s*(?P<head>{_HEADS})\b(?![’'-])"
)
COUNTED: Final = re.compile(
    rf"(?<![\w,.$])(?P<count>{NUMBER})\s+{_GROUP}{_IN_PARENTHESES}(?P<more>\s+and\s+(?P<head2>{_HEADS})\b)?"
)
ITEM: Final = re.compile(
    rf"^(?:(?:and|or|the|approximately|about|some|{NUMBER})\s+)*(?P<name>{_GROUP}){_IN_PARENTHESES}\s*$"
)
NAMED_ITEM: Final = re.compile(
    r"^(?:(?:and|or|the)\s+)*(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,6})\s*\((?P<acronym>[A-Z][\w&./ -]*)\)\s*$"
)
TASK_FORCES: Final = re.compile(r"\b(?P<name>(?:[a-z][\w-]*\s+){0,2}task forces)\b")
_NOT_MODIFIERS: Final = frozenset(
    {"other", "these", "those", "such", "our", "their", "its", "all", "the", "in", "into", "of", "to", "for", "from"}
    | {"with", "at", "by", "on", "as", "per", "than", "were", "was", "are", "is"}
)
"""Words that point at a group rather than name it ("other ICE programs")."""


def lower_case_names(text: str, offset: int, *, containment: re.Match[str] | None) -> list[Mention]:
    """Rules 1-5 over one sentence (`text`, starting at document offset `offset`);
    `containment` is the sentence's containment verb, if any, whose enumeration rule 3 reads."""
    found = _proper_named(text, offset) + _counted(text, offset)
    if containment is not None:
        found += _enumerated(text, offset, containment.end())
    found += partner_names(text, offset) + _listed_names(text, offset) + _parenthesized(text, offset)
    for match in USED_GROUP.finditer(text):
        counted = re.match(NUMBER, match.group("mods"))
        if not counted and _names_a_group(match.group("mods"), match.group("head"), match.group("tail")):
            start, end = match.start("mods"), match.end("tail") if match.group("tail") else match.end("head")
            found.append(_mention(text[start:end], offset + start, offset + end, GROUP_HEADS[match.group("head")]))
    for match in TASK_FORCES.finditer(text):
        words = match.group("name").split()[:-2]
        while words and (words[0] in _NOT_MODIFIERS or words[0] in LEADING_WORDS):
            words = words[1:]
        if words:  # "multi-agency task forces"; not bare "task forces"
            start = match.end() - len(" ".join([*words, "task", "forces"]))
            found.append(_mention(text[start : match.end()], offset + start, offset + match.end(), "task force"))
    found += _nested(text, offset, found)
    return found


def _mention(name: str, start: int, end: int, kind: str, acronym: str | None = None) -> Mention:
    return Mention(" ".join(name.split()), Span(start, end), kind, acronym, "lower-case name")


def _proper_named(text: str, offset: int) -> list[Mention]:
    found = []
    for match in PROPER_NAMED.finditer(text):
        head = match.group("head")
        owned = match.group("owner") is not None
        if match.group("quoted"):
            kind = PROPER_HEADS.get(head)
            if kind:
                found.append(_mention(match.group("quoted"), offset + match.start(), offset + match.end(), kind))
            continue
        if head not in (OWNED_HEADS if owned else PROPER_HEADS) or _people_follow(text, match.end()):
            continue
        run, start = match.group("run"), match.start("run")
        joined = list(re.finditer(r"\s+and(?:\s+the)?\s+|,\s+", run))
        if joined:  # "INTERPOL and the ICE Attaché corps": the name is the last of the run's parts
            start += joined[-1].end()
            run = run[joined[-1].end() :]
        while True:  # sentence-initial function words begin no name ("The 287(g) program")
            first, _, rest = run.partition(" ")
            if not rest or first.lower() not in LEADING_WORDS:
                break
            start += len(first) + 1
            run = rest
        if run.lower() in LEADING_WORDS or _pointing(text, start):
            continue
        if owned:
            name = f"{run}{match.group('owner').strip()} {match.group('mods') or ''}{head}"
            found.append(_mention(name, offset + match.end("owner"), offset + match.end(), OWNED_HEADS[head]))
            continue
        acronym = match.group("acronym")
        if looks_like_acronym(run) and PROPER_HEADS[head] == "program":
            acronym = run  # "ATD programs", "the SAFE program": the program the acronym names
        found.append(
            _mention(text[start : match.end()], offset + start, offset + match.end(), PROPER_HEADS[head], acronym)
        )
        found += _owners(text[start : match.end()], offset + start)
    return found


def _owners(name: str, start: int) -> list[Mention]:
    """The acronym leading a lower-case name ("NFOP teams", "DRO field offices") as a mention."""
    first = re.match(r"\S+", name)
    if first and looks_like_acronym(first.group(0)) and len(name.split()) >= 2:
        return [Mention(first.group(0), Span(start, start + first.end()), None, first.group(0), "nested")]
    return []


def _pointing(text: str, start: int) -> bool:
    """Whether the word before `start` points at a group instead of naming it ("other")."""
    before = text[:start].split()
    return bool(before) and before[-1].lower() in ("other", "another", "these", "those", "such")


def _people_follow(text: str, end: int) -> bool:
    from orgchart.draft.mentions import PEOPLE_WORDS

    following = re.match(r"\s+([A-Za-z]+)", text[end:])
    return bool(following) and following.group(1).lower() in PEOPLE_WORDS  # type: ignore[union-attr]


def _counted(text: str, offset: int) -> list[Mention]:
    found = []
    for match in COUNTED.finditer(text):
        head = match.group("head")
        if not _names_a_group(match.group("mods"), head, match.group("tail")) or _people_follow(
            text, match.end("head")
        ):
            continue
        if re.match(r"\s+(?:called|known as|named)\b", text[match.end() :]):
            continue  # "eight secure detention facilities called Service Processing Centers": the name follows
        start = match.start("mods")
        end = match.end("tail") if match.group("tail") else match.end("head")
        name = text[start:end]
        found.append(_mention(name, offset + start, offset + end, GROUP_HEADS[head], match.group("acronym")))
        if match.group("head2"):
            second = match.group("head2")
            found.append(
                _mention(second, offset + match.start("head2"), offset + match.end("head2"), GROUP_HEADS[second])
            )
    return found


def _names_a_group(mods: str, head: str, tail: str | None) -> bool:
    """Whether modifiers and a head word name a group: "contract detention facilities", "field
    offices", "facilities operated by X"; not "22 facilities" or "other facilities"."""
    words = mods.split()
    if head not in GROUP_HEADS or any(word.lower() in _NOT_MODIFIERS for word in words):
        return False
    if words and (words[0] in ("and", "or") or words[-1] in ("and", "or")):
        return False
    return bool(words) or head in COMPOUND_HEADS or bool(tail)


def _items(text: str, start: int) -> list[tuple[int, int]]:
    """The items of the enumeration in `text[start:]`: cut at commas outside parentheses, and at
    "and" where the piece is not one item by itself ("local and state facilities" is one)."""
    pieces: list[tuple[int, int]] = []
    depth, begin = 0, start
    for position in range(start, len(text)):
        char = text[position]
        depth += (char == "(") - (char == ")")
        if depth <= 0 and char in ",;:":
            pieces.append((begin, position))
            begin, depth = position + 1, 0
    pieces.append((begin, len(text.rstrip(". "))))
    items: list[tuple[int, int]] = []
    for begin, end in pieces:
        piece = text[begin:end]
        if ITEM.match(piece.strip()) or NAMED_ITEM.match(piece.strip()):
            items.append((begin, end))
            continue
        cut = begin
        for joined in re.finditer(r"\s+and\s+", piece):
            items.append((cut, begin + joined.start()))
            cut = begin + joined.end()
        items.append((cut, end))
    return [(a, b) for a, b in items if text[a:b].strip()]


def _enumerated(text: str, offset: int, after: int) -> list[Mention]:
    """Rule 3: items of the enumeration after a containment verb that name a group, and the
    "Name (ACR)" items among them (of the same kind)."""
    groups: list[Mention] = []
    named: list[tuple[int, int, re.Match[str]]] = []
    for begin, end in _items(text, after):
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        item = ITEM.match(piece.strip())
        if item and _names_a_group(item.group("mods"), item.group("head"), item.group("tail")):
            at = begin + lead + item.start("name")
            groups.append(
                _mention(
                    item.group("name"),
                    offset + at,
                    offset + at + len(item.group("name")),
                    GROUP_HEADS.get(item.group("head"), "facility type"),
                    item.group("acronym"),
                )
            )
            continue
        other = NAMED_ITEM.match(piece.strip())
        if other:
            named.append((begin + lead, end, other))
    if len(groups) < 2:
        return groups
    kind = groups[0].kind or "facility type"
    for begin, _end, other in named:
        at = begin + other.start("name")
        groups.append(
            _mention(other.group("name"), offset + at, offset + at + len(other.group("name")), kind, other["acronym"])
        )
    return groups


LISTED: Final = re.compile(
    rf"\b{NUMBER}\s+(?:[\w-]+\s+)?(?P<kind>divisions|directorates|departments|units|offices|sections|branches|teams|"
    rf"programs|programmes|centres|centers)\b[^:.;]*:\s*(?P<list>[^.;:]+)"
)
_LISTED_KINDS: Final = {"programmes": "program", "centres": "center", "departments": "division", "branches": "unit",
                        "sections": "unit"}  # fmt: skip


USED_GROUP: Final = re.compile(
    rf"\b(?:operates|runs|maintains|uses|has|have)\s+(?:(?:a|an|the|its|their)\s+)?(?:network\s+of\s+)?"
    rf"(?P<mods>(?:[a-z][\w-]*\s+){{1,3}}?)(?P<head>{_HEADS})\b(?![’'-])"
    rf"(?P<tail>\s+with\s+the\s+[A-Z][^,;.()]*?(?=\s*(?:[,;.(]|$)))?"
)
"""A group a body operates, uses or has ("uses state and local jails", "operates regional hubs",
"has joint federal facilities with the Bureau of Prisons")."""
PARENTHESIZED: Final = re.compile(rf"\b{NUMBER}\s+(?P<kind>[a-z]+s)\s+\((?P<list>[A-Z][^()]*)\)")
"""Bodies named by a qualifier in parentheses after a counted kind ("three precincts (North,
Central and South)" names North Precinct, Central Precinct and South Precinct)."""


def _parenthesized(text: str, offset: int) -> list[Mention]:
    found = []
    for match in PARENTHESIZED.finditer(text):
        head = match["kind"][:-1]
        for item in re.finditer(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", match["list"]):
            at = offset + match.start("list") + item.start()
            name = f"{item.group(0)} {head.capitalize()}"
            found.append(
                Mention(name, Span(at, at + len(item.group(0))), HEAD_KINDS.get(head, "unit"), None, "listed name")
            )
    return found


def _listed_names(text: str, offset: int) -> list[Mention]:
    """Rule 6: the title-case names listed after "N <kind>s ...:", each a body of that kind."""
    found = []
    for match in LISTED.finditer(text):
        kind = _LISTED_KINDS.get(match["kind"]) or match["kind"].rstrip("s")
        start = match.start("list")
        for item in re.finditer(r"[^,]+", match["list"]):
            for part in re.split(r"\s+and\s+(?=[A-Z])", item.group(0)):
                name = part.strip()
                words = name.split()
                if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or w in ("and", "of", "for") for w in words):
                    continue
                at = offset + start + item.start() + item.group(0).index(name)
                found.append(Mention(name, Span(at, at + len(name)), kind, None, "listed name"))
    return found


def _nested(text: str, offset: int, found: list[Mention]) -> list[Mention]:
    """Capitalized names inside lower-case names, kept as mentions of their own."""
    inner = []
    for mention in found:
        if mention.rule != "lower-case name":
            continue
        start, end = mention.span.start - offset, mention.span.end - offset
        lower_head = mention.name.split()[-1][:1].islower()
        for name in capitalized_names(text[start:end], offset + start):
            if name.rule != "head word" or (name.span.start, name.span.end) == (mention.span.start, mention.span.end):
                continue
            if not (lower_head and name.span.start == mention.span.start):  # "X Center databases" is one name
                inner.append(Mention(name.name, name.span, name.kind, name.acronym, "nested"))
    return inner
