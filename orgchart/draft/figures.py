"""Stated figures as claims: a number, the words it counts or measures, its qualifier ("more
than", "approximately"), its date ("FY 2022", "As of March 2019") and the body it is about (the
nearest name before it in the sentence, else the section's).

Years, dates, percentages, phone numbers and numbers in parentheses are not figures of the
structure and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from orgchart.draft.entities import DraftEntity
from orgchart.draft.reading import Reading, Sentence
from orgchart.draft.relations import BODY_KINDS, CONTAINMENT, NUMBER_WORDS, _section_subject
from orgchart.draft.segment import Span

_NUMBER = r"(?:\$\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:\$\s?)?\d+(?:\.\d+)?"
FIGURE: Final = re.compile(
    rf"(?<![\w/.$-])(?P<number>{_NUMBER}|{'|'.join(NUMBER_WORDS)})(?P<scale>\s+(?:million|billion))?"
    r"(?![\w/%-])(?!\.\d)(?=(?P<tail>(?:\s+[\w’'()-]+){0,4}))",
    re.IGNORECASE,
)
QUALIFIERS: Final[tuple[tuple[str, str], ...]] = (
    ("more than", "more than"),
    ("over", "more than"),
    ("in excess of", "more than"),
    ("at least", "at least"),
    ("approximately", "approximately"),
    ("about", "approximately"),
    ("nearly", "approximately"),
    ("almost", "approximately"),
    ("approached", "approximately"),
    ("roughly", "approximately"),
    ("some", "approximately"),
    ("up to", "up to"),
    ("fewer than", "fewer than"),
    ("less than", "fewer than"),
    ("average", "average"),
)
STOP_WORDS: Final[frozenset[str]] = frozenset(
    {"in", "at", "of", "to", "for", "from", "with", "and", "or", "which", "who", "that", "the", "by", "on", "per"}
    | {"were", "was", "is", "are", "has", "have", "throughout", "across", "around", "including", "assigned"}
)
AS_OF: Final = re.compile(r"\b(?:as of\s+)?((?:FY|Fiscal Year)\s*\d{4}|(?:January|February|March|April|May|June|July|"
                          r"August|September|October|November|December)\s+(?:\d{1,2},\s+)?\d{4})", re.IGNORECASE)  # fmt: skip
KIND_WORDS: Final[dict[str, str]] = {
    "divisions": "division",
    "sub-divisions": "sub-division",
    "units": "unit",
    "offices": "office",
    "programs": "program",
    "teams": "team",
    "directorates": "directorate",
}


@dataclass(frozen=True)
class DraftClaim:
    """A stated figure and where it is stated."""

    subject: DraftEntity
    attribute: str
    value: int | float
    unit: str | None
    qualifier: str
    as_of: str | None
    counts: str | None
    quote: Span


def _value(number: str, scale: str) -> tuple[int | float, str | None]:
    unit = "USD" if number.startswith("$") else None
    digits = number.lstrip("$ ").replace(",", "")
    value: float = float(NUMBER_WORDS[digits.lower()]) if digits.lower() in NUMBER_WORDS else float(digits)
    if scale.strip().lower() == "million":
        value *= 1_000_000
    elif scale.strip().lower() == "billion":
        value *= 1_000_000_000
    return (int(value) if value.is_integer() else value), unit


def _attribute(tail: str, before: str, unit: str | None) -> str:
    """The words a number counts: up to four words after it, stopping at a preposition or verb;
    for an amount of money, the noun before it ("a budget that approached $324 million")."""
    words = []
    for word in tail.split():
        clean = word.strip("(),")
        if clean.lower() in STOP_WORDS or not clean or clean[0].isdigit():
            break
        words.append(clean)
        if word.endswith((",", ")")):
            break
    if unit == "USD" or not words:
        noun = re.search(r"\b(budget|cost|funding|appropriation|spending|revenue)\b", before, re.IGNORECASE)
        if noun:
            return noun.group(1).lower()
    return " ".join(words)


def _skip(piece: str, match: re.Match[str]) -> bool:
    """Years, dates, percentages, numbered labels and parenthesised numbers are not figures."""
    number = match.group("number")
    digits = number.replace(",", "").lstrip("$ ")
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100 and "," not in number:
        return True
    if piece[: match.start()].rstrip().endswith(("(", "FY", "Year", "Act", "section", "Section", "-")):
        return True
    tail = match.group("tail").lstrip()
    return not tail or tail.startswith(("%", "percent", "/", ")"))


def figures(reading: Reading) -> list[DraftClaim]:
    """Every stated figure with its subject, in document order."""
    claims: list[DraftClaim] = []
    text = reading.document.text
    for sentence in reading.sentences:
        piece = text[sentence.span.start : sentence.span.end]
        for match in FIGURE.finditer(piece):
            if _skip(piece, match):
                continue
            value, unit = _value(match.group("number"), match.group("scale") or "")
            before = piece[: match.start()]
            attribute = _attribute(match.group("tail"), before, unit)
            if not attribute:
                continue
            subject = _claim_subject(reading, sentence, sentence.span.start + match.start())
            if subject is None:
                continue
            lowered = before.lower().rstrip()
            qualifier = next((q for word, q in QUALIFIERS if lowered.endswith(word)), "exactly")
            dated = AS_OF.search(piece)
            counts = None
            last = attribute.split()[-1].lower()
            if last in KIND_WORDS and CONTAINMENT.search(before) and isinstance(value, int) and value < 100:
                counts = KIND_WORDS[last]
            quote = _quote(sentence, match.start(), match.end())
            claims.append(
                DraftClaim(subject, attribute, value, unit, qualifier, dated.group(1) if dated else None, counts, quote)
            )
    return claims


def _claim_subject(reading: Reading, sentence: Sentence, at: int) -> DraftEntity | None:
    before = [m for m in sentence.mentions if m.mention.span.end <= at]
    bodies = [m for m in before if reading.entity_of(m).kind in BODY_KINDS | {"agency", None}]
    if bodies:
        return reading.entity_of(bodies[-1])
    if before:
        return reading.entity_of(before[-1])
    after = [m for m in sentence.mentions if m.mention.span.start >= at]
    section = _section_subject(reading, sentence.block)
    if section is not None:
        return reading.entity_of(section)
    return reading.entity_of(after[0]) if after else None


def _quote(sentence: Sentence, start: int, end: int) -> Span:
    """The sentence when short, else the figure with the words around it."""
    if sentence.span.end - sentence.span.start <= 200:
        return sentence.span
    return Span(sentence.span.start + max(0, start - 80), min(sentence.span.end, sentence.span.start + end + 60))
