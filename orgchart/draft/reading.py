"""Reading a document once: every sentence with the mentions in it, and for each block its
context (the section heading it sits under, the list lead-in it follows).

This is what the relation and figure rules consult; it holds no rule of its own beyond the
order in which the mention rules are applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from orgchart.changes.forms import split_acronym
from orgchart.changes.names import normal_acronym
from orgchart.dataset.model import Node
from orgchart.draft.acronyms import ACTIVITY_WORDS, acronym_names
from orgchart.draft.collectives import lower_case_names
from orgchart.draft.cues import CONTAINMENT
from orgchart.draft.entities import DraftEntity, Located, entity_key, group_entities, resolve_overlaps
from orgchart.draft.mentions import (
    Mention,
    bullet_names,
    capitalized_names,
    known_names,
)
from orgchart.draft.places import is_locations_lead, place_mentions
from orgchart.draft.segment import Block, Document, Span
from orgchart.draft.variants import document_forms, known_forms, owned_short_names


@dataclass
class Sentence:
    """A sentence (or a heading, or a bullet's name) and the mentions in it, in order."""

    span: Span
    block: int
    mentions: list[Located] = field(default_factory=list)


@dataclass
class Reading:
    """The document, its sentences with mentions, its entities, and where each block stands:
    `section[i]` is the index of the heading block block i sits under (or -1), `lead_in[i]` the
    sentence that introduces the list bullet i belongs to (or None)."""

    document: Document
    sentences: list[Sentence]
    entities: list[DraftEntity]
    section: list[int]
    lead_in: list[Sentence | None]

    @cached_property
    def _owners(self) -> dict[int, DraftEntity]:
        return {id(m): entity for entity in self.entities for m in entity.mentions}

    @cached_property
    def _by_block(self) -> dict[int, list[Sentence]]:
        found: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            found.setdefault(sentence.block, []).append(sentence)
        return found

    def entity_of(self, item: Located) -> DraftEntity:
        """The entity a mention was grouped into (the grouping is final once read)."""
        try:
            return self._owners[id(item)]
        except KeyError:
            raise KeyError(item.mention.name) from None

    def sentences_of(self, block: int) -> list[Sentence]:
        """The sentences of one block, in order."""
        return self._by_block.get(block, [])


def read(text: str, others: list[Node]) -> Reading:
    """Segment `text`, find every mention (rules 1-3, then the names known from `others` and
    from the document's own definitions) and group them into entities."""
    document = Document(text)
    section, lead_in_block = _context(document)
    sentences: list[Sentence] = []
    for index, block in enumerate(document.blocks):
        for span in document.sentences(block):
            sentences.append(Sentence(span, index))
    lead_in: list[Sentence | None] = [None] * len(document.blocks)
    for index, introducer in enumerate(lead_in_block):
        if introducer >= 0:
            introducing = [s for s in sentences if s.block == introducer]
            lead_in[index] = introducing[-1] if introducing else None
    found: list[Located] = []
    for sentence in sentences:
        piece = text[sentence.span.start : sentence.span.end]
        block = document.blocks[sentence.block]
        mentions = capitalized_names(piece, sentence.span.start) + acronym_names(piece, sentence.span.start)
        mentions += lower_case_names(piece, sentence.span.start, containment=CONTAINMENT.search(piece))
        after_lead = sentence.block > 0 and is_locations_lead(document.block_text(document.blocks[sentence.block - 1]))
        mentions += place_mentions(piece, sentence.span.start, after_locations_lead=after_lead)
        if block.kind == "bullet" and sentence.span.start == _first_sentence_start(document, block):
            listed = lead_in[sentence.block] is not None
            mentions += bullet_names(piece, sentence.span.start, listed=listed)
        if block.kind == "heading":
            mentions += _heading_name(piece, sentence.span.start)
        found.extend(Located(m, sentence.span, sentence.block) for m in mentions)
    forms, single = document_forms((item.mention for item in found), others, text)
    for sentence in sentences:
        piece = text[sentence.span.start : sentence.span.end]
        found.extend(Located(m, sentence.span, sentence.block) for m in known_names(piece, sentence.span.start, forms))
        found.extend(
            Located(m, sentence.span, sentence.block) for m in owned_short_names(piece, sentence.span.start, single)
        )
    by_sentence: dict[int, list[Located]] = {}
    for item in found:
        by_sentence.setdefault(item.sentence.start, []).append(item)
    kept: list[Located] = []
    for sentence in sentences:
        sentence.mentions = resolve_overlaps(by_sentence.get(sentence.span.start, []))
        kept.extend(sentence.mentions)
    known_keys = {entity_key(text) for node in others for text in (node.name, *node.aliases)}
    known_keys |= {normal_acronym(node.acronym) for node in others if node.acronym}
    entities = [e for e in group_entities(kept) if _worth_keeping(e, known_keys)]
    curated = known_forms(others)
    for entity in entities:  # a name another era records keeps that era's curated kind
        for form in (entity.name, entity.acronym, *entity.aliases):
            if form in curated and curated[form][2]:
                entity.kind = curated[form][2]
                break
    keep = {id(m) for e in entities for m in e.mentions}
    for sentence in sentences:
        sentence.mentions = [m for m in sentence.mentions if id(m) in keep]
    return Reading(document, sentences, entities, section, lead_in)


def _first_sentence_start(document: Document, block: Block) -> int:
    spans = document.sentences(block)
    return spans[0].start if spans else block.span.start


def _heading_name(piece: str, offset: int) -> list[Mention]:
    """A heading that is a name by itself: title case, a few words, no sentence."""
    words = piece.split()
    if not 1 <= len(words) <= 7 or not piece[:1].isupper():
        return []
    name, acronym = split_acronym(piece.strip())
    return [Mention(name, Span(offset, offset + len(piece.strip())), None, acronym, "heading")]


def _worth_keeping(entity: DraftEntity, known: set[str]) -> bool:
    """An entity is kept when a rule that recognises bodies found it: a head word, a bullet
    name, a name known from another era or this document's definitions, or a name with an
    acronym and an organizational last word. A heading alone ("Mission Statement") is not."""
    rules = {m.mention.rule for m in entity.mentions}
    if entity.kind is not None or rules & {"bullet name", "component", "place"}:
        return True
    if "nested" in rules and normal_acronym(entity.acronym) in known:
        return True  # an owner's acronym another era records ("HSI" of "ICE HSI Office of ...")
    if any(m.mention.known for m in entity.mentions) and (
        entity.key in known or normal_acronym(entity.acronym) in known
    ):
        return any(m.mention.rule != "heading" for m in entity.mentions)
    if "name and acronym" in rules:
        return entity.name.split()[-1].lower() in ACTIVITY_WORDS
    return False


def _context(document: Document) -> tuple[list[int], list[int]]:
    """For each block, the heading it sits under and the block that introduces its list: a
    paragraph or bullet ending with ":" introduces the bullets that follow it (deeper bullets
    belong to the item above them, not to the lead-in)."""
    section: list[int] = []
    lead_in: list[int] = []
    heading = -1
    introducer = -1
    intro_level = -1
    for index, block in enumerate(document.blocks):
        text = document.block_text(block).rstrip()
        if block.kind == "heading":
            heading = index
            introducer = -1
        section.append(heading)
        if block.kind == "bullet" and introducer >= 0 and (intro_level < 0 or block.level > intro_level):
            lead_in.append(introducer)
        else:
            lead_in.append(-1)
            if block.kind != "bullet":
                introducer = -1
        if text.endswith(":"):
            introducer = index
            intro_level = block.level if block.kind == "bullet" else -1
    return section, lead_in
