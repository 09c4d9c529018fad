"""Containment read from an owner named with the body: an owner's acronym leading a name ("ICE
Office of Intelligence", "NFOP teams", "ICE HSI Office of ..."), "Its X" after a sentence about
the owner, "Within it, X ..." and "Within the Operations Directorate, X ...", and a name written
as a part after its parent in an address ("Department of Justice, Executive Office for ...")."""

from __future__ import annotations

import re

from orgchart.draft.cues import BODY_KINDS
from orgchart.draft.edges import DraftEdge, Tier, antecedent, make_edge
from orgchart.draft.reading import Reading, Sentence

WITHIN_OPENING = re.compile(r"^(?:Within|Under|Inside)\s+(?P<owner>it|them|[^,]{2,80}),\s+")
"""A sentence opening "Within it," or "Within the Operations Directorate,": what it names is inside."""


def pronoun_owner(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
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
            edge = make_edge(
                reading, "parent", owner, part, [sentence.span if len(piece) <= 220 else part.mention.span], review
            )
            edge.tier = tier
            edges.append(edge)
    return edges


def names_a_part(name: str) -> bool:
    """Whether a name is written as a part of something ("Office of X", "Division of Y",
    "Executive Office for Z"), as names after their parent body in an address are."""
    return bool(
        re.match(r"(?:Office|Division|Bureau|Branch|Section|Unit|Directorate|Executive Office)\s+(?:of|for)\b", name)
    )


def owner_relations(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
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
            edge = make_edge(reading, "parent", owner, named, [span], "read from the owner's acronym in the name")
            edge.tier = Tier.OWNER
            edges.append(edge)
    return edges
