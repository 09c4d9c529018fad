"""Relations a document states in its sentences and lists, read from general patterns of
organizational prose:

- containment from a list lead-in ("X comprises the following:", "is organized into") and its
  bullets, nested bullets under the item above them, the same verbs within one sentence ("NDMD
  comprises three sub-divisions: A, B and C"), "A within B", "A is a division of B", "A of the B"
  chains of bodies, an address line ("Office of X - Fugitive Operations"), an owner's
  possessive ("ERO's Removal Division"), an owner's acronym before a name ("ICE Office of
  Intelligence", "ICE ERO");
- oversight ("oversees", "provides oversight for", "has oversight over", "manages", "X-led"),
  support, coordination and partnership verbs between the names of one sentence; verbs in a
  series ("oversees, directs, and supports X") share their objects.

Each edge says how strong its evidence is (`Tier`): when a body has parents of several tiers,
only the strongest are kept (`orgchart.draft.drafter`). The document's layout (headings,
counted lead-ins, sections) is read in `orgchart.draft.layout`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import IntEnum

from orgchart.changes.forms import looks_like_acronym
from orgchart.draft.cues import BODY_KINDS, CLAUSE_END, CONTAINMENT, VERBS, WITHIN
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.reading import Reading, Sentence
from orgchart.draft.segment import Span


class Tier(IntEnum):
    """How strongly a parent relation is stated, strongest first."""

    STATED = 1
    """In words: a containment verb, "within", a list under a containment lead-in, "A – B"."""
    LISTED = 2
    """By a list's layout: a nested bullet, a list under a lead-in without a containment verb."""
    LAYOUT = 3
    """By the document's layout: slide headings, a counted lead-in and the sections after it."""
    OWNER = 4
    """By an owner's name: "ERO's X", "ICE Office of ...", "ICE ERO", a member of a named group."""
    SECTION = 5
    """By the section a body is introduced in, under a heading that names another body."""
    OTHER_ERAS = 6
    """By another era of the dataset, where this document names both bodies and states nothing."""
    OWN = 7
    """Under the document's own organization, where nothing else places a body."""


@dataclass
class DraftEdge:
    """A relation, the spans that state it, how strongly (`tier`), and why a reviewer should look."""

    kind: str
    superior: DraftEntity
    subordinate: DraftEntity
    quotes: list[Span] = field(default_factory=list)
    review: str = ""
    tier: Tier = Tier.STATED


ATTRIBUTIVE_NOUNS = frozenset(
    {"activities", "efforts", "mission", "missions", "operations", "personnel", "staff", "officers", "policy"}
    | {"policies", "strategies", "strategy", "requirements", "processes", "custody", "detention", "priorities"}
    | {"resources", "capabilities", "leadership", "employees", "workforce", "directives", "stakeholders"}
)
"""Nouns after a name that make the name a modifier ("ERO Field Operations activities")."""


def _attributive(reading: Reading, item: Located, following: Located | None) -> bool:
    """A name used as a modifier ("ICE detention operations", "ERO's efforts", "ERO Field
    Operations activities", the "ICE" of "ICE ERO"): not a body the sentence relates to."""
    text = reading.document.text
    span = item.mention.span
    written = text[span.start : span.end]
    after = text[span.end : span.end + 24]
    single = looks_like_acronym(written) or " " not in written
    noun = re.match(r"\s+([a-z]+)", after)
    if re.match(r"[’']s\b|-led\b", after) or item.mention.rule == "nested":
        return True
    if single and noun:
        return True
    if noun and noun.group(1) in ATTRIBUTIVE_NOUNS:
        return True
    return (
        single
        and following is not None
        and bool(re.fullmatch(r"[\s/]+", text[span.end : following.mention.span.start]))
    )


def subject_before(reading: Reading, sentence: Sentence, before: int) -> Located | None:
    """The name a verb at `before` belongs to: the last name before it in the sentence, else the
    name of the bullet or section the sentence describes."""
    text = reading.document.text
    candidates = [
        m
        for m in sentence.mentions
        if m.mention.span.end <= before
        and m.mention.rule != "nested"
        and not re.match(r"[’']s\b", text[m.mention.span.end : m.mention.span.end + 3])
    ]
    if candidates:
        return candidates[-1]
    return antecedent(reading, sentence) or section_subject(reading, sentence.block)


PRONOUN = re.compile(r"^(?:It|They|Its|Their|This (?:office|division|unit|directorate|department|body))\b")
"""A sentence opening with a pronoun for the body the sentence before was about."""


def antecedent(reading: Reading, sentence: Sentence, *, force: bool = False) -> Located | None:
    """For a sentence opening with "It", "They" or "Its" (or any, with `force`), the body the
    sentence before it is about: its first name that is not an owner in the possessive."""
    text = reading.document.text
    if not force and not PRONOUN.match(text[sentence.span.start : sentence.span.end]):
        return None
    number = reading.sentences.index(sentence)
    if number == 0 or reading.sentences[number - 1].block < sentence.block - 1:
        return None
    for item in reading.sentences[number - 1].mentions:
        after = text[item.mention.span.end : item.mention.span.end + 3]
        if item.mention.rule != "nested" and not re.match(r"[’']s\b", after):
            return item
    return None


def section_subject(reading: Reading, block: int) -> Located | None:
    """The entity a block's text is about: its own bullet's name, else its section heading's."""
    if reading.document.blocks[block].kind == "bullet":
        items = items_of(reading, block)
        if items:
            return items[0]
    heading = reading.section[block]
    if heading >= 0:
        named = [m for s in reading.sentences_of(heading) for m in s.mentions if m.mention.rule != "nested"]
        if named:
            return named[-1]
    return None


def items_of(reading: Reading, block: int) -> list[Located]:
    """The names a bullet item stands for: the mention at its very start (two for a distributed
    name)."""
    start = reading.document.blocks[block].span.start
    for sentence in reading.sentences_of(block)[:1]:
        at = [m for m in sentence.mentions if m.mention.span.start - start <= 4 and m.mention.rule != "nested"]
        if at:
            return [m for m in at if m.mention.span == at[0].mention.span]
    return []


def sentence_relations(reading: Reading) -> list[DraftEdge]:
    """Every relation the sentences and lists state, in document order (duplicates removed later)."""
    edges: list[DraftEdge] = _list_relations(reading)
    for sentence in reading.sentences:
        edges += _verb_relations(reading, sentence)
        edges += _pair_relations(reading, sentence)
    return edges


def _list_relations(reading: Reading) -> list[DraftEdge]:
    """Bullets: the outermost items under a lead-in belong to the lead-in's subject (oversight
    when the lead-in says so, else containment); deeper items belong to the item above them,
    with or without a lead-in (a list under a heading); items under a distributed name
    ("Divisions East and West") belong to the lead-in's subject."""
    edges: list[DraftEdge] = []
    stack: list[tuple[int, list[Located], int]] = []  # (level, items, block) of the open items
    for index, block in enumerate(reading.document.blocks):
        if block.kind != "bullet":
            stack = []
            continue
        items = items_of(reading, index)
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        lead = reading.lead_in[index]
        if lead is not None and stack and stack[-1][2] == lead.block:
            stack.pop()  # items under a bullet that is their lead-in ("NFOP has oversight over the following:")
        if not items:
            continue
        lead_text = reading.document.text[lead.span.start : lead.span.end] if lead else ""
        verb = VERBS["oversight"].search(lead_text)
        anchor = verb or CONTAINMENT.search(lead_text)
        subject = (
            subject_before(reading, lead, lead.span.start + (anchor.start() if anchor else len(lead_text)))
            if lead
            else None
        )
        for item in items:
            if stack and len(stack[-1][1]) == 1:
                parent = stack[-1][1][0]
                edges.append(_edge(reading, "parent", parent, item, [item.sentence], "nested bullet under another"))
                edges[-1].tier = Tier.LISTED
            elif lead is not None and subject is not None and subject is not item:
                stated = anchor is not None
                review = "" if stated else f"containment read from the list under “{lead_text[-60:]}”"
                if stack:
                    review = f"listed under “{reading.entity_of(stack[-1][1][0]).name}”, which names two bodies"
                kind = "oversight" if verb else "parent"
                edges.append(_edge(reading, kind, subject, item, [lead.span, item.mention.span], review))
                edges[-1].tier = Tier.STATED if stated and not stack else Tier.LISTED
        stack.append((block.level, items, index))
    return edges


def _edge(
    reading: Reading, kind: str, superior: Located, subordinate: Located, quotes: list[Span], review: str = ""
) -> DraftEdge:
    return DraftEdge(kind, reading.entity_of(superior), reading.entity_of(subordinate), quotes, review)


_NOT_PARTS = re.compile(r"\s+(?:of\s+)?an?\s+(?!\w+\s+(?:of\s+)?(?:divisions|units|offices|sections)\b)[a-z]")
"""After a containment verb, what makes it not about parts: "comprises a workforce of ..."."""


CALLED = re.compile(r"\s+(?:called|known as|named)\s+")


def _verbs(piece: str) -> list[tuple[int, int, str]]:
    """The relation verbs of a sentence (start, end, kind), in order; a containment verb whose
    object is not a set of parts ("comprises a workforce", "consists of an authorized strength")
    is left out."""
    found = [
        (m.start(), m.end(), "parent") for m in CONTAINMENT.finditer(piece) if not _NOT_PARTS.match(piece, m.end())
    ]
    for kind, pattern in VERBS.items():
        found += [(m.start(), m.end(), kind) for m in pattern.finditer(piece)]
    return sorted(found)


def _verb_relations(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
    """Each verb relates its subject (the name before it) to the names after it, up to the next
    verb or a relative clause; verbs in a series with nothing named between them share the
    objects of the last ("oversees, directs, and supports X")."""
    text = reading.document.text
    piece = text[sentence.span.start : sentence.span.end]
    found = _verbs(piece)
    mentions = sentence.mentions
    objects_of: list[list[Located]] = []
    for number, (_start, end, _kind) in enumerate(found):
        stop = found[number + 1][0] if number + 1 < len(found) else len(piece)
        clause = CLAUSE_END.search(piece, end, stop)
        colon = piece.rfind(":", end, stop)
        ranges = [(end, clause.start() if clause else stop)]
        if found[number][2] == "parent" and clause and colon > clause.start():
            ranges.append((colon, stop))  # "organised into four directorates, each led by ...: A, B and C"
        objects_of.append(
            [
                m
                for index, m in enumerate(mentions)
                if any(sentence.span.start + a <= m.mention.span.start < sentence.span.start + b for a, b in ranges)
                and not _attributive(reading, m, mentions[index + 1] if index + 1 < len(mentions) else None)
                and m.mention.rule != "place"  # places belong to the group named before them
                and not CALLED.match(reading.document.text, m.mention.span.end)  # the name after "called" names it
            ]
        )
    for number in range(len(found) - 2, -1, -1):
        gap = piece[found[number][1] : found[number + 1][0]]
        if not objects_of[number] and re.fullmatch(
            r"[\s,]*(?:(?:and|or)\s+)?(?:[a-z]+,?\s+(?:and\s+|or\s+)?){0,4}", gap
        ):
            objects_of[number] = objects_of[number + 1]
    edges: list[DraftEdge] = []
    for (start, _end, kind), objects in zip(found, objects_of, strict=True):
        subject = subject_before(reading, sentence, sentence.span.start + start)
        if subject is None:
            continue
        for item in objects:
            if reading.entity_of(item) is not reading.entity_of(subject):
                quote = Span(min(subject.mention.span.start, sentence.span.start + start), item.mention.span.end)
                edges.append(_edge(reading, kind, subject, item, [_sentence_quote(sentence, quote)]))
    return edges


def _pair_relations(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
    """Relations between two names next to each other: a possessive, "within", "of the", an
    address dash, "X-led", and an owner's acronym before a name."""
    text = reading.document.text
    edges: list[DraftEdge] = []
    part_of: dict[int, Located] = {}
    for left, right in itertools.pairwise(sentence.mentions):
        if left.mention.span.end > right.mention.span.start:
            continue
        between = text[left.mention.span.end : right.mention.span.start]
        quote = [Span(left.mention.span.start, right.mention.span.end)]
        left_kind, right_kind = reading.entity_of(left).kind, reading.entity_of(right).kind
        if re.fullmatch(r"[’']s\s+(?:\d[\d,]*\s+)?", between) and right_kind in BODY_KINDS:
            edges.append(_edge(reading, "parent", left, right, quote, "read from the possessive “A's B”"))
            edges[-1].tier = Tier.OWNER
        elif WITHIN.match(between) and (
            right_kind not in (None, "external body") or left_kind == "external body" or "located" in between
        ):
            edges.append(_edge(reading, "parent", right, left, quote))
        elif between == ", " and left_kind in ("external body", "agency") and _names_a_part(right.mention.name):
            edges.append(_edge(reading, "parent", left, right, quote, "read from “A, B” (B named as a part of A)"))
            edges[-1].tier = Tier.LAYOUT
            part_of[id(reading.entity_of(right))] = left
        elif re.fullmatch(r",?\s+and(?:\s+the)?\s+", between) and id(reading.entity_of(left)) in part_of:
            if _names_a_part(right.mention.name):
                whole = part_of[id(reading.entity_of(left))]
                edges.append(
                    _edge(
                        reading,
                        "parent",
                        whole,
                        right,
                        [Span(whole.mention.span.start, right.mention.span.end)],
                        "read from “A, B and C” (B and C named as parts of A)",
                    )
                )
                edges[-1].tier = Tier.LAYOUT
        elif re.fullmatch(r"\s+of\s+the\s+", between) and left_kind and right_kind:
            edges.append(_edge(reading, "parent", right, left, quote, "containment read from “A of the B”"))
        elif re.fullmatch(r"\s+[-–]\s+", between) and right.mention.rule == "component":
            edges.append(_edge(reading, "parent", left, right, quote, "read from the name “A - B”"))
        elif between == "-led ":
            edges.append(_edge(reading, "oversight", left, right, quote, "read from “A-led B”"))
        elif (
            re.fullmatch(r"[ /]", between)
            and looks_like_acronym(left.mention.name)
            and right_kind in BODY_KINDS - {"program"}
        ):
            edges.append(_edge(reading, "parent", left, right, quote, "read from the owner's acronym in “A B”"))
            edges[-1].tier = Tier.OWNER
    return edges + _owner_relations(reading, sentence) + _pronoun_owner(reading, sentence)


WITHIN_OPENING = re.compile(r"^(?:Within|Under|Inside)\s+(?P<owner>it|them|[^,]{2,80}),\s+")
"""A sentence opening "Within it," or "Within the Operations Directorate,": what it names is inside."""


def _pronoun_owner(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
    """ "Its X ..." (X is a part of the body the sentence before is about) and "Within it, X ...
    and Y ..." (X and Y are parts of it, or of the body named after "Within")."""
    text = reading.document.text
    piece = text[sentence.span.start : sentence.span.end]
    mentions = [m for m in sentence.mentions if m.mention.rule != "nested"]
    within = WITHIN_OPENING.match(piece)
    if piece.startswith(("Its ", "Their ")) and mentions:
        first = mentions[0]
        owner = antecedent(reading, sentence)
        if owner is None or first.mention.span.start != sentence.span.start + piece.index(" ") + 1:
            return []
        parts, tier, review = [first], Tier.OWNER, "read from “Its X” after a sentence about the owner"
    elif within:
        if within["owner"] in ("it", "them"):
            owner = antecedent(reading, sentence, force=True)
        else:
            inside = [m for m in mentions if m.mention.span.end <= sentence.span.start + within.end("owner")]
            owner = inside[-1] if inside else None
        parts = [m for m in mentions if m.mention.span.start >= sentence.span.start + within.end()]
        tier, review = Tier.STATED, ""
    else:
        return []
    edges = []
    for part in parts:
        if owner is not None and (
            reading.entity_of(part).kind in BODY_KINDS or (within and part.mention.rule != "place")
        ):
            edge = _edge(
                reading, "parent", owner, part, [sentence.span if len(piece) <= 220 else part.mention.span], review
            )
            edge.tier = tier
            edges.append(edge)
    return edges


def _names_a_part(name: str) -> bool:
    """Whether a name is written as a part of something ("Office of X", "Division of Y",
    "Executive Office for Z"), as names after their parent body in an address are."""
    return bool(
        re.match(r"(?:Office|Division|Bureau|Branch|Section|Unit|Directorate|Executive Office)\s+(?:of|for)\b", name)
    )


def _owner_relations(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
    """An owner's acronym leading a name ("ICE Office of Intelligence", "NFOP teams", "ICE HSI
    Office of ..."): the last owner before the name's own words contains the body named, unless
    the body is a program (the owner's brand, not its place)."""
    text = reading.document.text
    edges: list[DraftEdge] = []
    for named in sentence.mentions:
        span = named.mention.span
        if named.mention.rule == "nested" or reading.entity_of(named).kind not in BODY_KINDS - {"program"}:
            continue
        owner, at = None, span.start
        for inner in sentence.mentions:
            if inner.mention.rule == "nested" and inner.mention.span.start == at and inner.mention.span.end < span.end:
                owner = inner
                at = (
                    inner.mention.span.end
                    + len(text[inner.mention.span.end : span.end])
                    - len(text[inner.mention.span.end : span.end].lstrip(" /"))
                )
        if owner is not None and reading.entity_of(owner) is not reading.entity_of(named):
            edge = _edge(reading, "parent", owner, named, [span], "read from the owner's acronym in the name")
            edge.tier = Tier.OWNER
            edges.append(edge)
    return edges


def _sentence_quote(sentence: Sentence, wanted: Span) -> Span:
    """The whole sentence when it is short, else the stretch from subject to object."""
    if sentence.span.end - sentence.span.start <= 220:
        return sentence.span
    return wanted
