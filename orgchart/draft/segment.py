"""A plain-text document as blocks (headings, paragraphs, bullets) and sentences, each kept as a
span of the original text so that every quote taken from it is verbatim.

Web pages and slide decks saved as text look alike: a heading is a short line standing alone,
a bullet starts with a marker (`•`, `▪`, `–`, `-`, `*`), and slide text breaks its lines, and even
leaves blank lines, in the middle of a sentence. Lines are joined into one block while the text
runs on (the line does not end a sentence and the next one continues it); a marker starts a new
bullet even within a line ("▪ Fugitives ▪ Most Wanted"). Sentences come from pysbd, a
rule-based segmenter that knows abbreviations such as "U.S." and gives character offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final, Literal

BULLET_MARKERS: Final[str] = "•▪◦·●○■□➢►‣–—*-"
"""Characters that start a bullet item when followed by a space."""

_BULLET = re.compile(rf"(?:^|(?<=\s))([{re.escape(BULLET_MARKERS)}])\s+")
_ENDS_SENTENCE = re.compile(r"""[.!?;:]["”’)]*\s*$""")
_WORD = re.compile(r"\w")

BlockKind = Literal["heading", "paragraph", "bullet"]


@dataclass(frozen=True)
class Span:
    """A stretch of the document: `text[start:end]`."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a bullet item, as offsets into the document.

    `level` is a bullet's nesting (0 for the outermost marker kind seen, 1 for the next, ...);
    `parts` are the line pieces joined into the block, so a quote never spans a removed marker.
    """

    kind: BlockKind
    span: Span
    level: int = 0
    marker: str = ""
    parts: tuple[Span, ...] = field(default=(), compare=False)


@dataclass
class _Line:
    start: int
    end: int
    text: str
    marker: str = ""
    indent: int = 0


class Document:
    """The blocks and sentences of one text. Build once with `Document(text)`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: tuple[Block, ...] = tuple(_blocks(text))
        self._sentences: dict[Span, list[Span]] = {}

    def block_text(self, block: Block) -> str:
        """The block's text, its line breaks as spaces."""
        return " ".join(self.text[p.start : p.end].strip() for p in block.parts)

    @cached_property
    def _segmenter(self) -> object:
        import pysbd  # imported here: only drafting and coverage need it

        return pysbd.Segmenter(language="en", clean=False, char_span=True)

    def sentences(self, block: Block) -> list[Span]:
        """The sentences of a block, as spans of the document (a heading is one sentence)."""
        if block.span not in self._sentences:
            self._sentences[block.span] = self._split(block)
        return self._sentences[block.span]

    def _split(self, block: Block) -> list[Span]:
        if block.kind == "heading":
            return [block.span]
        spans: list[Span] = []
        for part in _merged_parts(self.text, block.parts):
            # line breaks as spaces (same length, so offsets hold): pysbd ends a sentence at a line
            # break, and blocks join the lines of one sentence
            piece = self.text[part.start : part.end].replace("\r", " ").replace("\n", " ")
            for found in self._segmenter.segment(piece):  # type: ignore[attr-defined]
                for start, end in _unglued(self.text, part.start + found.start, part.start + found.end):
                    start, end = _trim(self.text, start, end)
                    if end > start and _WORD.search(self.text[start:end]):
                        spans.append(Span(start, end))
        return spans

    def all_sentences(self) -> Iterator[tuple[Block, Span]]:
        """Every sentence of the document, in order, with its block."""
        for block in self.blocks:
            for span in self.sentences(block):
                yield block, span


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut where damaged text glued two together: a full stop after a lower-case word
    and a capital right after it, with no space ("detention facilities.Operations include")."""
    pieces = []
    for at in range(start + 1, end - 1):
        if text[at] in ".!?" and (text[at - 1].islower() or text[at - 1] == ")") and text[at + 1].isupper():
            pieces.append((start, at + 1))
            start = at + 1
    return [*pieces, (start, end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merged_parts(text: str, parts: tuple[Span, ...]) -> list[Span]:
    """The block's line pieces as one span when only white space lies between them (so pysbd sees
    whole sentences), else each piece alone."""
    merged: list[Span] = []
    for part in parts:
        if merged and not text[merged[-1].end : part.start].strip():
            merged[-1] = Span(merged[-1].start, part.end)
        else:
            merged.append(part)
    return merged


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their offsets; a line holding several bullet markers is split at each
    one. Blank lines are kept as empty `_Line`s (they end a block unless a sentence runs on)."""
    lines: list[_Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start = position
        position += len(raw)
        stripped = body.strip()
        if not stripped:
            lines.append(_Line(start, start, ""))
            continue
        indent = len(body) - len(body.lstrip())
        markers = list(_BULLET.finditer(body))
        if markers and markers[0].start() == indent:
            first = markers[0].group(1)
            markers = [
                markers[0],
                *(m for m in markers[1:] if m.group(1) == first and _is_list_marker(first, body, m.start())),
            ]
        if not markers or markers[0].start() > indent:
            lead_end = markers[0].start() if markers else len(body)
            lines.append(
                _Line(start + indent, start + len(body[:lead_end].rstrip()), body[indent:lead_end].strip(), "", indent)
            )
            markers = [m for m in markers if _is_list_marker(m.group(1), body, m.start())] if markers else []
            if not markers:
                continue
        for index, match in enumerate(markers):
            item_start = match.end()
            item_end = markers[index + 1].start() if index + 1 < len(markers) else len(body)
            piece = body[item_start:item_end].rstrip()
            if piece:
                lines.append(_Line(start + item_start, start + item_start + len(piece), piece, match.group(1), indent))
    return lines


def _is_list_marker(marker: str, body: str, at: int) -> bool:
    """A marker inside a line starts a bullet only when it is a bullet glyph (not a dash in prose)."""
    return marker in "•▪◦●■➢►‣"


def _runs_on(previous: str, following: str) -> bool:
    """Whether `following` continues the sentence `previous` left open (slide text breaks lines
    mid-sentence): the previous line does not end a sentence, and the next starts in lower case
    or with a digit, or the previous ends with a joining word or comma."""
    if not previous or _ENDS_SENTENCE.search(previous):
        return False
    first = following[:1]
    last_word = previous.rsplit(None, 1)[-1].lower()
    return (
        first.islower()
        or first.isdigit()
        or first == "("
        or previous.endswith((",", "–", "-", "—", "("))
        or last_word in ("and", "or", "of", "the", "to", "for", "in", "with", "a", "an", "as", "by", "at", "on")
    )


def _blocks(text: str) -> Iterator[Block]:
    lines = _lines(text)
    levels: list[str] = []  # marker kinds in the order they appear within one list: their nesting
    current: list[_Line] = []
    blank_since = False

    def close() -> Iterator[Block]:
        if not current:
            return
        head = current[0]
        parts = tuple(Span(line.start, line.end) for line in current)
        span = Span(head.start, current[-1].end)
        if head.marker:
            if head.marker not in levels:
                levels.append(head.marker)
            yield Block("bullet", span, levels.index(head.marker), head.marker, parts)
        elif all(_looks_like_heading(line.text) for line in current) and _looks_like_heading(
            " ".join(line.text for line in current)
        ):
            yield Block("heading", span, parts=parts)
        else:
            yield Block("paragraph", span, parts=parts)
        if not head.marker:
            levels.clear()  # a list ends at the next heading or paragraph

    for line in lines:
        if not line.text:
            blank_since = True
            continue
        if current and not line.marker and _continues(current, line, blank_since):
            current.append(line)
            blank_since = False
            continue
        yield from close()
        current = [line]
        blank_since = False
    yield from close()


def _continues(current: list[_Line], line: _Line, blank_since: bool) -> bool:
    """Whether `line` (no marker) belongs to the block in `current`: a sentence running on (even
    across a blank line, as in slide text), a bullet's next line, the next line of a paragraph, or
    the second line of a heading broken in two."""
    previous = current[-1].text
    if _runs_on(previous, line.text):
        return True
    if blank_since:
        return False
    heading_before, heading_now = _looks_like_heading(previous), _looks_like_heading(line.text)
    if current[0].marker:
        return not _ENDS_SENTENCE.search(previous)
    if heading_before and heading_now:
        return len(current) == 1 and not _ENDS_SENTENCE.search(previous)
    return not heading_before and not heading_now


def _looks_like_heading(line: str) -> bool:
    """A short line in title case or capitals that does not end a sentence: "Custody Management",
    "Divisions and Field Offices", "ICE Health Service Corps"."""
    words = line.split()
    if not words or len(words) > 10 or _ENDS_SENTENCE.search(line) or line.endswith(","):
        return False
    capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit() or not w[:1].isalpha())
    return capitals >= max(1, len(words) - 2) and (words[0][:1].isupper() or words[0][:1].isdigit())
