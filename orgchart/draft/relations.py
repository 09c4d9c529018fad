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

Each edge says how strong its evidence is (`orgchart.draft.edges.Tier`): when a body has parents
of several tiers, only the strongest are kept (`orgchart.draft.drafter`). Owners named with a
body are read in `orgchart.draft.owners`, the document's layout (headings, counted lead-ins,
sections) in `orgchart.draft.layout`.
"""

from __future__ import annotations

import itertools
import re

from orgchart.changes.forms import looks_like_acronym
from orgchart.draft.cues import BODY_KINDS, CLAUSE_END, CONTAINMENT, VERBS, WITHIN
from orgchart.draft.edges import DraftEdge, Tier, items_of, make_edge, sentence_quote, subject_before
from orgchart.draft.entities import Located
from orgchart.draft.owners import names_a_part, owner_relations, pronoun_owner
from orgchart.draft.reading import Reading, Sentence
from orgchart.draft.segment import Span

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
                edges.append(make_edge(reading, "parent", parent, item, [item.sentence], "nested bullet under another"))
                edges[-1].tier = Tier.LISTED
            elif lead is not None and subject is not None and subject is not item:
                stated = anchor is not None
                review = "" if stated else f"containment read from the list under “{lead_text[-60:]}”"
                if stack:
                    review = f"listed under “{reading.entity_of(stack[-1][1][0]).name}”, which names two bodies"
                kind = "oversight" if verb else "parent"
                edges.append(make_edge(reading, kind, subject, item, [lead.span, item.mention.span], review))
                edges[-1].tier = Tier.STATED if stated and not stack else Tier.LISTED
        stack.append((block.level, items, index))
    return edges


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
    subject: Located | None = None
    for (start, _end, kind), objects in zip(found, objects_of, strict=True):
        if subject is None or not re.search(r"\band\s+(?:\w+ly\s+)?$", piece[:start]):
            # a verb after "and" ("runs X and works closely with Y") shares the subject before it
            subject = subject_before(reading, sentence, sentence.span.start + start)
        if subject is None:
            continue
        for item in objects:
            if reading.entity_of(item) is not reading.entity_of(subject):
                quote = Span(min(subject.mention.span.start, sentence.span.start + start), item.mention.span.end)
                edges.append(make_edge(reading, kind, subject, item, [sentence_quote(sentence, quote)]))
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
            edges.append(make_edge(reading, "parent", left, right, quote, "read from the possessive “A's B”"))
            edges[-1].tier = Tier.OWNER
        elif WITHIN.match(between) and (
            right_kind not in (None, "external body") or left_kind == "external body" or "located" in between
        ):
            edges.append(make_edge(reading, "parent", right, left, quote))
        elif between == ", " and left_kind in ("external body", "agency") and names_a_part(right.mention.name):
            edges.append(make_edge(reading, "parent", left, right, quote, "read from “A, B” (B named as a part of A)"))
            edges[-1].tier = Tier.LAYOUT
            part_of[id(reading.entity_of(right))] = left
        elif re.fullmatch(r",?\s+and(?:\s+the)?\s+", between) and id(reading.entity_of(left)) in part_of:
            if names_a_part(right.mention.name):
                whole = part_of[id(reading.entity_of(left))]
                edges.append(
                    make_edge(
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
            edges.append(make_edge(reading, "parent", right, left, quote, "containment read from “A of the B”"))
        elif re.fullmatch(r"\s+[-–]\s+", between) and right.mention.rule == "component":
            edges.append(make_edge(reading, "parent", left, right, quote, "read from the name “A - B”"))
        elif between == "-led ":
            edges.append(make_edge(reading, "oversight", left, right, quote, "read from “A-led B”"))
        elif (
            re.fullmatch(r"[ /]", between)
            and looks_like_acronym(left.mention.name)
            and right_kind in BODY_KINDS - {"program"}
        ):
            edges.append(make_edge(reading, "parent", left, right, quote, "read from the owner's acronym in “A B”"))
            edges[-1].tier = Tier.OWNER
    return edges + owner_relations(reading, sentence) + pronoun_owner(reading, sentence)
