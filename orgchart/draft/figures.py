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

from orgchart.draft.cues import BODY_KINDS, CONTAINMENT, NUMBER_WORDS
from orgchart.draft.edges import section_subject
from orgchart.draft.entities import DraftEntity, Located
from orgchart.draft.reading import Reading, Sentence
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
    """The words a number counts: up to four words after it, stopping at a preposition, a verb or
    a parenthesis; for an amount of money, the noun before it ("a budget that approached $324
    million")."""
    words = []
    for word in tail.split():
        clean = word.strip("(),")
        if clean.lower() in STOP_WORDS or not clean or clean[0].isdigit() or word.startswith("("):
            break
        words.append(clean)
        if word.endswith((",", ")")):
            break
    if unit == "USD" or not words:
        noun = re.search(r"\b(budget|cost|funding|appropriation|spending|revenue)\b", before, re.IGNORECASE)
        if noun:
            return noun.group(1).lower()
    return " ".join(words)


LABELLED: Final = re.compile(r"(?P<label>[A-Za-z][\w ’'&/-]{1,80}?)\s*:\s*$")
"""A label and a colon before a number ("Total Removals: 267,258", "Mexico: 127,492 (48%)")."""
STATED_AS: Final = re.compile(
    r"(?P<noun>(?:[A-Za-z][\w’'-]*\s+){0,5}?[A-Za-z][\w’'-]*)\s+(?:was|were|is|are|of)\s+(?:\w+\s+)?$"
)
"""A noun phrase stated to be a number ("the Average Daily Population was 50,165")."""
_DATE_WORDS: Final = re.compile(r"\b(?:FY|Fiscal Year)\s*\d{4}\b|\b(?:through|in|as of|during)\b|\b(?:January|February|March|"
                                r"April|May|June|July|August|September|October|November|December)\b", re.IGNORECASE)  # fmt: skip


def _label_attribute(before: str) -> str:
    """For "Label: N" (a figure labelled in a list or a table), the label without its dates
    ("FY 2019 through January average daily population" -> "average daily population")."""
    found = LABELLED.search(before)
    if not found:
        return ""
    words = " ".join(_DATE_WORDS.sub(" ", found.group("label")).split())
    return words.strip(" -–•")


def _stated_attribute(before: str) -> str:
    """For "X was N" (a figure stated as the value of a noun phrase), the noun phrase."""
    found = STATED_AS.search(before)
    if not found:
        return ""
    words = found.group("noun").split()
    while words and words[0].lower() in ("the", "a", "an", "and", "its", "their", "our"):
        words = words[1:]
    return " ".join(words) if words and not _DATE_WORDS.fullmatch(words[0]) else ""


def _skip(piece: str, match: re.Match[str]) -> bool:
    """Years, dates, numbered labels and numbers in parentheses are not figures."""
    number = match.group("number")
    digits = number.replace(",", "").lstrip("$ ")
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100 and "," not in number:
        return True
    if piece[: match.start()].rstrip().endswith(("(", "FY", "Year", "Act", "section", "Section", "-", "+")):
        return True
    return match.group("tail").lstrip().startswith(("/", ")"))


def figures(reading: Reading, own: DraftEntity | None = None) -> list[DraftClaim]:
    """Every stated figure with its subject, in document order; `own` (the document's own
    organization) is the subject of a figure that names no body around it."""
    claims: list[DraftClaim] = []
    text = reading.document.text
    for sentence in reading.sentences:
        piece = text[sentence.span.start : sentence.span.end]
        for match in FIGURE.finditer(piece):
            if _skip(piece, match):
                continue
            value, unit = _value(match.group("number"), match.group("scale") or "")
            before = piece[: match.start()]
            tail = match.group("tail").lstrip()
            if tail.startswith(("%", "percent")):
                unit, tail = "percent", tail.lstrip("%").removeprefix("percent")
                tail = re.sub(r"^\s*(?:of\s+|were\s+|was\s+|are\s+|is\s+)*", " ", tail)
            counted = _counted_body(reading, sentence, sentence.span.start + match.end())
            attribute = (
                _label_attribute(before)
                or (counted.mention.name if counted else "")
                or _attribute(" " + tail, before, unit)
                or _stated_attribute(before)
            )
            if not attribute:
                continue
            at = sentence.span.start + match.start()
            after = [reading.entity_of(m) for m in sentence.mentions if m.mention.span.start >= at]
            subject = (
                _owner_of(reading, sentence, counted)
                or _claim_subject(reading, sentence, at)
                or own
                or (after[0] if after else None)
            )
            if subject is None:
                continue
            lowered = before.lower().rstrip()
            qualifier = next((q for word, q in QUALIFIERS if lowered.endswith(word)), "exactly")
            dated = AS_OF.search(piece)
            counts = None
            last = attribute.split()[-1].lower()
            if last in KIND_WORDS and CONTAINMENT.search(before) and isinstance(value, int) and value < 100:
                counts = KIND_WORDS[last]
            quote = _quote(reading.document.text, sentence, match.start(), match.end("tail"))
            claims.append(
                DraftClaim(subject, attribute, value, unit, qualifier, dated.group(1) if dated else None, counts, quote)
            )
    return claims


def _counted_body(reading: Reading, sentence: Sentence, at: int) -> Located | None:
    """A named group a number counts: the mention right after it ("129 ERO Fugitive Operations
    Teams", "250 non-IHSC-staffed detention facilities"), at most one word ("designated") apart."""
    text = reading.document.text
    for item in sentence.mentions:
        gap = text[at : item.mention.span.start]
        if item.mention.rule != "nested" and item.mention.span.start >= at and re.fullmatch(r"\s+(?:[a-z]+\s+)?", gap):
            return item
    return None


def _owner_of(reading: Reading, sentence: Sentence, counted: Located | None) -> DraftEntity | None:
    """The owner named in a counted group's name ("ERO" of "ERO Fugitive Operations Teams")."""
    if counted is None:
        return None
    for item in sentence.mentions:
        if item.mention.rule == "nested" and item.mention.span.start == counted.mention.span.start:
            return reading.entity_of(item)
    return None


def _claim_subject(reading: Reading, sentence: Sentence, at: int) -> DraftEntity | None:
    before = [m for m in sentence.mentions if m.mention.span.end <= at and m.mention.rule != "nested"]
    bodies = [m for m in before if reading.entity_of(m).kind in BODY_KINDS | {"agency", None}]
    if bodies:
        return reading.entity_of(bodies[-1])
    if before:
        return reading.entity_of(before[-1])
    section = section_subject(reading, sentence.block)
    return reading.entity_of(section) if section is not None else None


def _quote(text: str, sentence: Sentence, start: int, end: int) -> Span:
    """The sentence when short, else the figure and the words it counts, with some words around
    them, cut at white space."""
    if sentence.span.end - sentence.span.start <= 200:
        return sentence.span
    begin = max(sentence.span.start, sentence.span.start + start - 80)
    finish = min(sentence.span.end, sentence.span.start + end + 40)
    while begin > sentence.span.start and not text[begin - 1].isspace():
        begin -= 1
    while finish < sentence.span.end and not text[finish].isspace():
        finish += 1
    return Span(begin, finish)
