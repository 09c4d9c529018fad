"""What the relation rules share: the edge they propose and how strong its evidence is (`Tier`),
and how a rule finds the body a sentence is about (the name before a verb, a pronoun's
antecedent, a bullet's own name, a section's heading)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum

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


def make_edge(
    reading: Reading, kind: str, superior: Located, subordinate: Located, quotes: list[Span], review: str = ""
) -> DraftEdge:
    return DraftEdge(kind, reading.entity_of(superior), reading.entity_of(subordinate), quotes, review)


def sentence_quote(sentence: Sentence, wanted: Span) -> Span:
    """The whole sentence when it is short, else the stretch from subject to object."""
    if sentence.span.end - sentence.span.start <= 220:
        return sentence.span
    return wanted
