"""The weakest layout rules: a list lead-in no list follows (damaged text whose list lost its
markers and order) and the section a body is introduced in (the bullet or the heading it sits
under names another body)."""

from __future__ import annotations

from orgchart.draft.cues import BODY_KINDS, CONTAINMENT
from orgchart.draft.edges import DraftEdge, Tier, section_subject, subject_before
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.layout import PLACED_KINDS, make_parent, name_heading
from orgchart.draft.reading import Reading, Sentence

LEVELS = {
    "agency": 0, "directorate": 1, "division": 2, "office": 2, "sub-division": 3, "center": 3, "sub-office": 3,
    "facility type": 3, "unit": 4, "program": 4, "team": 4, "facility": 4, "task force": 4,
}  # fmt: skip
"""How deep in an organization each kind usually sits: the section rule only places a body
under one of a higher level."""


def _level(entity: DraftEntity) -> int:
    """`LEVELS` of the entity's kind; a group named in lower case ("district forest offices")
    sits below the named bodies of its kind."""
    level = LEVELS.get(entity.kind, 9) if entity.kind else 2  # a body no rule gave a kind heads its section
    return max(level, 3) if entity.name[:1].islower() else level


def weak_relations(reading: Reading, found: list[DraftEdge]) -> list[DraftEdge]:
    """The relations of this module, for bodies the stronger rules (`found`) did not place."""
    placed = {id(e.subordinate) for e in found if e.kind == "parent" and e.tier <= Tier.LISTED}
    edges = lost_lists(reading, placed | {id(e.subordinate) for e in found})
    related = {id(e.subordinate) for e in found + edges}
    return edges + section_relations(reading, related)


def lost_lists(reading: Reading, placed: set[int]) -> list[DraftEdge]:
    """A list lead-in ("... comprises the following:") that no list follows, in a paragraph that
    holds "Name: description" items glued into it (text whose list markers and order were lost,
    as in damaged archived copies): the items of its paragraph that nothing else places."""
    edges: list[DraftEdge] = []
    text = reading.document.text
    for number, sentence in enumerate(reading.sentences):
        piece = text[sentence.span.start : sentence.span.end].rstrip()
        verb = CONTAINMENT.search(piece)
        colon = piece.find(":", verb.end()) if verb else -1
        if verb is None or colon < 0 or reading.document.blocks[sentence.block].kind != "paragraph":
            continue
        after = sentence.span.start + colon + 1 + len(piece[colon + 1 :]) - len(piece[colon + 1 :].lstrip())
        if any(after <= m.mention.span.start <= after + 4 for m in sentence.mentions):
            continue  # the sentence lists its parts after the colon
        following = reading.sentences[number + 1] if number + 1 < len(reading.sentences) else None
        if (
            colon == len(piece) - 1
            and following is not None
            and (following.block != sentence.block or _opens_with_item(reading, following))
        ):
            continue  # a list follows: the list rules read it
        subject = subject_before(reading, sentence, sentence.span.start + verb.start())
        if subject is None:
            continue
        for other in reading.sentences_of(sentence.block):
            item = _opens_with_item(reading, other)
            if (
                item is None
                or id(reading.entity_of(item)) in placed
                or reading.entity_of(item) is reading.entity_of(subject)
            ):
                continue
            if reading.entity_of(item).kind not in BODY_KINDS:
                continue
            review = (
                "the lead-in is followed by no list; read from the “Name:” items of its paragraph (text out of order?)"
            )
            edges.append(
                make_parent(
                    reading.entity_of(subject),
                    reading.entity_of(item),
                    [sentence.span, item.mention.span],
                    Tier.LISTED,
                    review,
                )
            )
    return edges


def _opens_with_item(reading: Reading, sentence: Sentence) -> Located | None:
    """The name a sentence opens with when it is written "Name: description"."""
    text = reading.document.text
    opening = [m for m in sentence.mentions if m.mention.rule != "nested"][:1]
    if (
        opening
        and opening[0].mention.span.start == sentence.span.start
        and text[opening[0].mention.span.end : opening[0].mention.span.end + 1] == ":"
    ):
        return opening[0]
    return None


def section_relations(reading: Reading, related: set[int]) -> list[DraftEdge]:
    """A body first named in the bullet or section about another body (the bullet's own name, or
    a heading that is a body's name), and related to nothing by any other rule, belongs to that
    body; a program or a kind of facility is overseen by it (unless it is itself a kind of
    facility: then its parts)."""
    edges = []
    seen: set[int] = set()
    for sentence in reading.sentences:
        owner = _section_owner(reading, sentence.block)
        for item in sentence.mentions:
            entity = reading.entity_of(item)
            first_time = id(entity) not in seen
            seen.add(id(entity))
            if owner is None or not first_time or id(entity) in related or item.mention.rule == "nested":
                continue
            superior = reading.entity_of(owner)
            if entity.kind not in PLACED_KINDS or superior is entity or superior.kind in ("external body", "system"):
                continue
            if _level(entity) <= _level(superior):
                continue
            if superior.kind == "facility type":
                kind = "parent" if entity.kind in ("facility type", "facility") else ""
            else:
                kind = "oversight" if entity.kind in ("program", "facility type", "facility") else "parent"
            if not kind:
                continue
            review = f"read from the section about “{superior.name}”; the text states no relation"
            edges.append(
                DraftEdge(kind, superior, entity, [owner.mention.span, item.mention.span], review, Tier.SECTION)
            )
            related.add(id(entity))
    return edges


def _section_owner(reading: Reading, block: int) -> Located | None:
    """The body a block is about: its bullet's own name, else its heading's when the heading is a
    body's name."""
    if reading.document.blocks[block].kind == "bullet":
        owner = section_subject(reading, block)
        if owner is not None:
            return owner
    heading = reading.section[block]
    return name_heading(reading, heading) if heading >= 0 and heading != block else None
