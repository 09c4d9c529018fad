"""Relations a document states by its layout and by its names rather than by verbs:

- places listed after "located in" or under a "locations:" lead-in (`orgchart.draft.places`);
- a name that extends another ("Air Charter Operations – East" is part of Air Charter
  Operations), a member named after a group ("Kansas City Sub-Office" of the "sub-offices"), an
  appositive ("The newest SPC, the Buffalo Federal Detention Facility") and the members listed
  after a group ("joint federal facilities ..., the Federal Detention Center in ...");
- an address block (one body per line, largest first);
- slide headings: a heading that is a body's name directly over another ("Removal" over "ICE Air
  Operations Division") - the deck's section and its slide;
- a counted lead-in followed by sections ("Enforcement comprises four Divisions." then a section
  for each).

The weakest rules (a lead-in no list follows, the section a body is introduced in) are in
`orgchart.draft.sections`.
"""

from __future__ import annotations

import bisect
import itertools
import re

from orgchart.changes.names import normal_name
from orgchart.draft.cues import BODY_KINDS, CONTAINMENT, COUNTED, NUMBER_WORDS
from orgchart.draft.edges import DraftEdge, Tier, subject_before
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.places import LOCATED, is_locations_lead
from orgchart.draft.reading import Reading
from orgchart.draft.segment import BULLET_MARKERS, Span

MEMBER_KINDS = frozenset({"facility", "sub-office", "office", "team", "unit", "center"})
"""Kinds of a group's members named one by one."""
PLACED_KINDS = BODY_KINDS | {"facility type", "facility"}
"""Kinds the weakest rules may place (not outside bodies, agencies or systems)."""


def layout_relations(reading: Reading, stated: list[DraftEdge]) -> list[DraftEdge]:
    """The relations of this module; `stated` (the sentences' relations) tells the counted
    lead-ins and sections which bodies are placed already."""
    edges = _places(reading) + _name_parts(reading) + _appositives(reading)
    edges += _address_blocks(reading) + _slide_headings(reading)
    placed = {id(e.subordinate) for e in stated + edges if e.kind == "parent" and e.tier <= Tier.LISTED}
    return edges + _counted_sections(reading, placed)


def make_parent(
    superior: DraftEntity, subordinate: DraftEntity, quotes: list[Span], tier: Tier, review: str
) -> DraftEdge:
    return DraftEdge("parent", superior, subordinate, quotes, review, tier)


def _places(reading: Reading) -> list[DraftEdge]:
    """Each place belongs to what its sentence says is located there ("They", "These
    facilities": the group the sentence before names), or to the lead-in's subject."""
    edges = []
    text = reading.document.text
    for number, sentence in enumerate(reading.sentences):
        places = [m for m in sentence.mentions if m.mention.rule == "place" and m.mention.name.count(",") == 1]
        places = [m for m in places if not re.search(r"\s(?:in)\s+\S+,", m.mention.name)]
        if not places:
            continue
        piece = text[sentence.span.start : sentence.span.end]
        located = LOCATED.search(piece)
        owner: Located | None = None
        if located:
            before = [m for m in sentence.mentions if m.mention.span.end <= sentence.span.start + located.start()][-1:]
            owner = before[0] if before and before[0].mention.rule not in ("place", "nested") else None
            if owner is None:  # "They are located in ...", "These facilities are ...": the group named before
                earlier = reading.sentences[number - 1].mentions if number else []
                groups = [m for m in earlier if reading.entity_of(m).kind in ("facility type", "office", "sub-office")]
                owner = (
                    groups[-1] if groups else subject_before(reading, sentence, sentence.span.start + located.start())
                )
            tier, quote = Tier.STATED, sentence.span
        else:
            lead = _previous_block(reading, sentence.block)
            if lead is None:
                continue
            leading = reading.sentences_of(lead)
            owner = subject_before(reading, leading[-1], leading[-1].span.end) if leading else None
            tier, quote = Tier.LISTED, leading[-1].span if leading else sentence.span
        if owner is None or owner.mention.rule == "place":
            continue
        for place in places:
            quotes = [quote if quote.end - quote.start <= 220 else place.mention.span, place.mention.span]
            edges.append(make_parent(reading.entity_of(owner), reading.entity_of(place), quotes, tier, ""))
    return edges


def _previous_block(reading: Reading, block: int) -> int | None:
    """The block before `block` when it is a lead-in to a list of places."""
    if block == 0:
        return None
    previous = reading.document.blocks[block - 1]
    return block - 1 if is_locations_lead(reading.document.block_text(previous)) else None


def _name_parts(reading: Reading) -> list[DraftEdge]:
    """A name that is another body's name and a dash ("Air Charter Operations – East"), and a
    member named with a group's head word ("Kansas City Sub-Office" of the "sub-offices")."""
    edges = []
    by_name: dict[str, DraftEntity] = {}
    for entity in reading.entities:
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(normal_name(name), entity)
    groups: dict[str, list[DraftEntity]] = {}
    for entity in reading.entities:
        if entity.name[:1].islower() and entity.name.split()[-1].endswith("s"):
            groups.setdefault(entity.name.split()[-1][:-1].lower(), []).append(entity)
    for entity in reading.entities:
        first = entity.first.mention.span
        parts = re.split(r"\s+[-–]\s+", entity.name, maxsplit=1)
        owner = by_name.get(normal_name(parts[0])) if len(parts) == 2 else None
        if owner is not None and owner is not entity and owner.kind != "external body":
            edges.append(make_parent(owner, entity, [first], Tier.STATED, "read from the name “A – B”"))
            continue
        members_of = groups.get(entity.name.split()[-1].lower(), []) if entity.name[:1].isupper() else []
        if len(members_of) == 1 and entity.kind in MEMBER_KINDS and members_of[0] is not entity:
            edges.append(make_parent(members_of[0], entity, [first], Tier.OWNER, "a member named after the group"))
    return edges


def _appositives(reading: Reading) -> list[DraftEdge]:
    """A group and a member named after it: "The newest SPC, the Buffalo Federal Detention
    Facility, ..." and "joint federal facilities with X, the Federal Detention Center in Y, and
    the ... facility in Z"."""
    edges = []
    text = reading.document.text
    for sentence in reading.sentences:
        mentions = [m for m in sentence.mentions if m.mention.rule != "nested"]
        for index, group in enumerate(mentions):
            if reading.entity_of(group).kind != "facility type":
                continue
            end = group.mention.span.end
            for member in mentions[index + 1 :]:
                between = text[end : member.mention.span.start]
                entity = reading.entity_of(member)
                if not re.match(r",\s+(?:and\s+)?the\b", between) or len(between) > 90 or re.search(r"[;.]", between):
                    break
                if entity.kind != "facility":
                    break
                quote = Span(group.mention.span.start, member.mention.span.end)
                edges.append(
                    make_parent(reading.entity_of(group), entity, [quote], Tier.STATED, "read from “the GROUP, the X”")
                )
                end = member.mention.span.end
    return edges


def _address_blocks(reading: Reading) -> list[DraftEdge]:
    """Consecutive lines that are each one body's name, and nothing else (a postal address:
    "U.S. Department of Homeland Security / Immigration and Customs Enforcement / Office of
    ..."): each line's body contains the next line's."""
    text = reading.document.text
    mentions = sorted(
        (m for s in reading.sentences for m in s.mentions if m.mention.rule != "nested"),
        key=lambda m: m.mention.span.start,
    )
    lines: list[tuple[int, int, list[Located]]] = []
    position = 0
    starts = [m.mention.span.start for m in mentions]
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = [m for m in mentions[first:last] if m.mention.span.end <= end]
        covered = "".join(text[m.mention.span.start : m.mention.span.end] for m in inside)
        rest = re.sub(r"[\s\-–]", "", text[start:end])
        is_name = bool(inside) and len(re.sub(r"[\s\-–]", "", covered)) >= len(rest) - 4
        is_name = is_name and text[start:end].lstrip()[:1] not in BULLET_MARKERS and len(inside) <= 2
        lines.append((start, end, inside if is_name else []))
    edges = []
    for (_s1, _e1, above), (_s2, _e2, below) in itertools.pairwise(lines):
        if above and below and len(above) + len(below) >= 2:
            superior, subordinate = reading.entity_of(above[-1]), reading.entity_of(below[0])
            if _same_head(superior.name, subordinate.name):
                continue  # two of a kind in a row ("Bureau for X" / "Bureau for Y"): a list, not an address
            if superior is not subordinate and superior.kind != "program":
                quote = Span(above[-1].mention.span.start, below[0].mention.span.end)
                edges.append(make_parent(superior, subordinate, [quote], Tier.LAYOUT, "read from an address block"))
    return edges


def _same_head(a: str, b: str) -> bool:
    """Whether two names share their first or their last word (a list of one kind of body)."""
    first_a, first_b, last_a, last_b = a.split()[0], b.split()[0], a.split()[-1], b.split()[-1]
    return first_a.lower() == first_b.lower() or last_a.lower() == last_b.lower()


def name_heading(reading: Reading, block: int) -> Located | None:
    """The body a heading names when the heading is that name and nothing more (an acronym in
    parentheses aside)."""
    if reading.document.blocks[block].kind != "heading":
        return None
    span = reading.document.blocks[block].span
    text = re.sub(r"\s*\([^)]*\)\s*$", "", reading.document.text[span.start : span.end]).strip()
    named = [m for s in reading.sentences_of(block) for m in s.mentions if m.mention.rule != "nested"]
    if len(named) != 1:
        return None
    written = reading.document.text[named[0].mention.span.start : named[0].mention.span.end]
    return named[0] if len(re.sub(r"\s*\([^)]*\)", "", written)) >= len(text) - 2 else None


def _slide_headings(reading: Reading) -> list[DraftEdge]:
    """A heading that names a body directly over another that does ("Removal" / "Air Charter
    Operations" / "Special High Risk Charter Missions (SHRC)"): a deck's section over its slide."""
    edges = []
    blocks = reading.document.blocks
    for index in range(len(blocks) - 1):
        above, below = name_heading(reading, index), name_heading(reading, index + 1)
        if above is None or below is None:
            continue
        superior, subordinate = reading.entity_of(above), reading.entity_of(below)
        if (
            superior is subordinate
            or superior.kind in ("external body", "system", None)
            or subordinate.kind == "agency"
        ):
            continue
        quotes = [above.mention.span, below.mention.span]
        edges.append(
            make_parent(superior, subordinate, quotes, Tier.LAYOUT, "read from a heading directly over another")
        )
    return edges


def _kind_counted(entity: DraftEntity, counted: str) -> bool:
    """Whether a body is of the kind a lead-in counts ("four Divisions"): by its kind, or by its
    name ("Bureau for Partnerships" is one of "four bureaus")."""
    family = {"divisions": ("division", "sub-division"), "sub-divisions": ("sub-division",)}
    word = counted.lower()
    if entity.kind in family.get(word, (word.rstrip("s"),)):
        return True
    return word.rstrip("s") in {w.lower() for w in entity.name.split()}


def _counted_sections(reading: Reading, placed: set[int]) -> list[DraftEdge]:
    """A lead-in that states a count and lists none of them ("Enforcement comprises four
    Divisions.", "... comprises the following three divisions ...:" before paragraphs): the next
    sections (or paragraphs) that open with a body of the counted kind not placed yet, up to the
    count, are its parts."""
    edges: list[DraftEdge] = []
    text = reading.document.text
    for sentence in reading.sentences:
        piece = text[sentence.span.start : sentence.span.end]
        verb = CONTAINMENT.search(piece)
        counted = COUNTED.search(piece, verb.end()) if verb else None
        if verb is None or counted is None:
            continue
        after = [m for m in sentence.mentions if m.mention.span.start >= sentence.span.start + verb.end()]
        if any(_kind_counted(reading.entity_of(m), counted.group(2)) for m in after) or (
            sentence.block + 1 < len(reading.lead_in) and reading.lead_in[sentence.block + 1] is not None
        ):
            continue  # the sentence or its bullets list the parts
        colon = piece.rstrip().endswith(":")  # parts in the paragraphs that follow, not in new sections
        subject = subject_before(reading, sentence, sentence.span.start + verb.start())
        if subject is None:
            continue
        wanted = NUMBER_WORDS.get(counted.group(1).lower()) or int(counted.group(1))
        taken: list[DraftEntity] = []
        for block in range(sentence.block + 1, len(reading.document.blocks)):
            if len(taken) >= wanted:
                break
            if not colon and reading.document.blocks[block].kind != "heading":
                continue
            first = reading.sentences_of(block)[:1]
            opening = [m for m in first[0].mentions if m.mention.rule != "nested"][:1] if first else []
            if not opening:
                continue
            leading = text[first[0].span.start : opening[0].mention.span.start].strip().lower()
            entity = reading.entity_of(opening[0])
            if colon and not _kind_counted(entity, counted.group(2)):
                break  # the paragraphs (or lines) listing the parts end where one names another kind
            if (
                leading not in ("", "the")
                or not _kind_counted(entity, counted.group(2))
                or entity is reading.entity_of(subject)
                or id(entity) in placed
                or entity in taken
            ):
                continue
            taken.append(entity)
            review = f"one of the {wanted} parts stated, read from the section that follows"
            edges.append(
                make_parent(
                    reading.entity_of(subject), entity, [sentence.span, opening[0].mention.span], Tier.LAYOUT, review
                )
            )
    return edges
