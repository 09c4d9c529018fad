"""Relations a document states, read from general patterns of organizational prose:

- containment from a list lead-in ("X comprises the following:", "is organized into", "consists
  of") and its bullets, nested bullets under the item above them, the same verbs within one
  sentence ("NDMD comprises three sub-divisions: A, B and C"), "A within B", "A is a division of
  B", a possessive ("ERO's Removal Division"), "A of the B" chains of bodies, and a counted
  lead-in ("Enforcement comprises four Divisions.") followed by the sections that name them;
- oversight ("oversees", "provides oversight for", "has oversight over", "manages"), support,
  coordination and partnership verbs between the names of one sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Final

from orgchart.changes.forms import looks_like_acronym
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.reading import Reading, Sentence
from orgchart.draft.segment import Span

CONTAINMENT: Final = re.compile(
    r"\b(?:comprises|comprised of|is comprised|consists of|consist of|is organized into|are organized into|"
    r"is composed of|is made up of|is divided into|includes the following|include the following|"
    r"has the following|is organized as)\b",
    re.IGNORECASE,
)
VERBS: Final[dict[str, re.Pattern[str]]] = {
    "oversight": re.compile(
        r"\b(?:oversees|oversaw|oversee|provides? (?:\w+ )?oversight (?:for|of|over|to)|has oversight over|"
        r"exercises oversight over|manages|managed|supervises)\b",
        re.IGNORECASE,
    ),
    "support": re.compile(r"\b(?:supports|provides (?:\w+ )?support (?:to|for)|in support of)\b", re.IGNORECASE),
    "coordination": re.compile(
        r"\b(?:coordinates with|in coordination with|coordinating with|liaison with|collaboration with)\b",
        re.IGNORECASE,
    ),
    "partnership": re.compile(r"\b(?:partners with|partnerships? with|in partnership with)\b", re.IGNORECASE),
}
WITHIN: Final = re.compile(
    r"^\s*(?:is|are)?\s*(?:located\s+)?(?:within|(?:is|are)\s+an?\s+(?:division|unit|component|part|office)\s+(?:of|within))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
NUMBER_WORDS: Final[dict[str, int]] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
COUNTED: Final = re.compile(
    r"\b(?:the following\s+)?(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:[A-Z]\w+\s+)?(divisions|sub-divisions|units|offices|programs|branches|sections|directorates|teams)\b",
    re.IGNORECASE,
)
CLAUSE_END: Final = re.compile(r"\b(?:which|who|whom|where|that|to ensure|in order to|in an effort to)\b|;")
"""Where the objects of a verb end: a relative clause or a purpose names other subjects."""
BODY_KINDS: Final[frozenset[str]] = frozenset(
    {"division", "sub-division", "unit", "office", "program", "center", "team", "directorate", "task force"}
)


@dataclass
class DraftEdge:
    """A relation and the spans that state it, with why a reviewer should look at it."""

    kind: str
    superior: DraftEntity
    subordinate: DraftEntity
    quotes: list[Span] = field(default_factory=list)
    review: str = ""


def _attributive(reading: Reading, item: Located) -> bool:
    """An acronym used as a modifier ("ICE detention operations", "ERO's efforts"): not a body the
    sentence relates to."""
    text = reading.document.text
    written = text[item.mention.span.start : item.mention.span.end]
    after = text[item.mention.span.end : item.mention.span.end + 12]
    single = looks_like_acronym(written) or " " not in written
    return bool(re.match(r"[’']s\b", after)) or (single and bool(re.match(r"\s+[a-z]", after)))


def _subject(reading: Reading, sentence: Sentence, before: int) -> Located | None:
    """The name a verb at `before` belongs to: the last name before it in the sentence, else the
    name of the bullet or section the sentence describes."""
    text = reading.document.text
    candidates = [
        m
        for m in sentence.mentions
        if m.mention.span.end <= before and not re.match(r"[’']s\b", text[m.mention.span.end : m.mention.span.end + 3])
    ]
    if candidates:
        return candidates[-1]
    return _section_subject(reading, sentence.block)


def _section_subject(reading: Reading, block: int) -> Located | None:
    """The entity a block's text is about: its own bullet name, else its section heading's."""
    heading = reading.section[block]
    if heading >= 0:
        named = [m for s in reading.sentences_of(heading) for m in s.mentions]
        if named:
            return named[-1]
    return None


def relations(reading: Reading) -> list[DraftEdge]:
    """Every relation the rules read, in document order (duplicates removed later)."""
    edges: list[DraftEdge] = []
    edges += _list_relations(reading)
    for sentence in reading.sentences:
        edges += _sentence_relations(reading, sentence)
    edges += _counted_sections(reading)
    return edges


def _item_of(reading: Reading, block: int) -> Located | None:
    """The name a bullet item stands for: a mention at its very start."""
    start = reading.document.blocks[block].span.start
    for sentence in reading.sentences_of(block)[:1]:
        for item in sentence.mentions:
            if item.mention.span.start - start <= 4:
                return item
    return None


def _list_relations(reading: Reading) -> list[DraftEdge]:
    """Bullets under a lead-in: the outermost items belong to the lead-in's subject (oversight
    when the lead-in says so, else containment), deeper items to the item above them."""
    edges: list[DraftEdge] = []
    stack: list[tuple[int, Located]] = []  # (level, item) of the open items
    for index, block in enumerate(reading.document.blocks):
        lead = reading.lead_in[index]
        if lead is None or block.kind != "bullet":
            stack = []
            continue
        item = _item_of(reading, index)
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        if item is None:
            continue
        lead_text = reading.document.text[lead.span.start : lead.span.end]
        if stack:
            parent = stack[-1][1]
            edges.append(_edge(reading, "parent", parent, item, [item.sentence], "nested bullet under another"))
        else:
            verb = VERBS["oversight"].search(lead_text)
            subject = _subject(reading, lead, lead.span.start + (verb.start() if verb else len(lead_text)))
            if subject is not None and subject is not item:
                kind = "oversight" if verb else "parent"
                review = (
                    ""
                    if verb or CONTAINMENT.search(lead_text)
                    else f"containment read from the list under “{lead_text[-60:]}”"
                )
                edges.append(_edge(reading, kind, subject, item, [lead.span, item.mention.span], review))
        stack.append((block.level, item))
    return edges


def _edge(
    reading: Reading, kind: str, superior: Located, subordinate: Located, quotes: list[Span], review: str = ""
) -> DraftEdge:
    return DraftEdge(kind, reading.entity_of(superior), reading.entity_of(subordinate), quotes, review)


def _sentence_relations(reading: Reading, sentence: Sentence) -> list[DraftEdge]:
    """Verbs between the names of one sentence, possessives, "within" and "of the" chains."""
    text = reading.document.text
    piece = text[sentence.span.start : sentence.span.end]
    edges: list[DraftEdge] = []
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), "parent") for m in CONTAINMENT.finditer(piece)]
    for kind, pattern in VERBS.items():
        found += [(m.start(), m.end(), kind) for m in pattern.finditer(piece)]
    found.sort()
    for number, (start, end, kind) in enumerate(found):
        stop = found[number + 1][0] if number + 1 < len(found) else len(piece)
        subject = _subject(reading, sentence, sentence.span.start + start)
        if subject is None:
            continue
        clause = CLAUSE_END.search(piece, end, stop)
        stop = clause.start() if clause else stop
        objects = [
            m
            for m in sentence.mentions
            if sentence.span.start + end <= m.mention.span.start < sentence.span.start + stop
            and not _attributive(reading, m)
        ]
        for item in objects:
            if reading.entity_of(item) is not reading.entity_of(subject):
                quote = Span(min(subject.mention.span.start, sentence.span.start + start), item.mention.span.end)
                edges.append(_edge(reading, kind, subject, item, [_sentence_quote(sentence, quote)]))
    mentions = sentence.mentions
    for left, right in itertools.pairwise(mentions):
        between = text[left.mention.span.end : right.mention.span.start]
        right_kind = reading.entity_of(right).kind
        if re.fullmatch(r"[’']s\s+", between) and right_kind in BODY_KINDS:
            edges.append(_edge(reading, "parent", left, right, [Span(left.mention.span.start, right.mention.span.end)]))
        elif (WITHIN.match(between) and reading.entity_of(right).kind not in (None, "external body")) or (
            WITHIN.match(between) and reading.entity_of(left).kind == "external body"
        ):
            edges.append(_edge(reading, "parent", right, left, [Span(left.mention.span.start, right.mention.span.end)]))
        elif re.fullmatch(r"\s+of\s+the\s+", between) and reading.entity_of(left).kind and right_kind:
            edges.append(
                _edge(
                    reading,
                    "parent",
                    right,
                    left,
                    [Span(left.mention.span.start, right.mention.span.end)],
                    "containment read from “A of the B”",
                )
            )
    return edges


def _sentence_quote(sentence: Sentence, wanted: Span) -> Span:
    """The whole sentence when it is short, else the stretch from subject to object."""
    if sentence.span.end - sentence.span.start <= 220:
        return sentence.span
    return wanted


def _counted_sections(reading: Reading) -> list[DraftEdge]:
    """A lead-in that states a count and lists nothing ("Enforcement comprises four Divisions.",
    "... comprises the following three divisions ...:" before paragraphs): the next sections (or
    paragraphs) that open with a body's name, up to the count, are its parts."""
    edges: list[DraftEdge] = []
    text = reading.document.text
    for sentence in reading.sentences:
        piece = text[sentence.span.start : sentence.span.end]
        verb = CONTAINMENT.search(piece)
        counted = COUNTED.search(piece, verb.end()) if verb else None
        if verb is None or counted is None:
            continue
        after = [m for m in sentence.mentions if m.mention.span.start >= sentence.span.start + verb.end()]
        if after or (sentence.block + 1 < len(reading.lead_in) and reading.lead_in[sentence.block + 1] is not None):
            continue  # the sentence or its bullets list the parts
        colon = piece.rstrip().endswith(":")  # parts in the paragraphs that follow, not in new sections
        subject = _subject(reading, sentence, sentence.span.start + verb.start())
        if subject is None:
            continue
        wanted = NUMBER_WORDS.get(counted.group(1).lower()) or int(counted.group(1))
        taken = 0
        for block in range(sentence.block + 1, len(reading.document.blocks)):
            if taken >= wanted or (colon and reading.document.blocks[block].kind == "heading"):
                break
            if not colon and reading.document.blocks[block].kind != "heading":
                continue
            first = reading.sentences_of(block)[:1]
            if not first or not first[0].mentions:
                continue
            opening = first[0].mentions[0]
            leading = text[first[0].span.start : opening.mention.span.start].strip().lower()
            entity = reading.entity_of(opening)
            if leading not in ("", "the") or entity.kind not in BODY_KINDS or entity is reading.entity_of(subject):
                continue
            taken += 1
            edges.append(
                _edge(
                    reading,
                    "parent",
                    subject,
                    opening,
                    [sentence.span, opening.mention.span],
                    f"one of the {wanted} parts stated, read from the section that follows",
                )
            )
    return edges
