"""The rules every text and number of a dataset obeys where it enters: length, characters, range.

Each bound is checked by the model (so YAML, JSON, CSV and GraphML input meet the same rules) and
stated in the README's "Resource bounds". Beyond a bound the value is refused with a located
error; nothing downstream (charts, Graphviz, SQLite, JSON, a terminal) ever sees it:

- ids: at most `MAX_ID_CHARS`, lowercase ASCII letters, digits, `.`, `_`, `-`, never `..`
  (ids become file names and `A..B` names a pair of eras);
- names, labels, acronyms, aliases and other one-line text: at most `MAX_NAME_CHARS`, no
  control characters, not blank;
- free text (descriptions, notes, messages, reasons): at most `MAX_TEXT_CHARS`; line breaks and
  tabs allowed (`\r\n` and `\r` read as `\n`), other control characters not;
- quotes: at most `MAX_QUOTE_CHARS`, and not only white space (folded, that is the empty
  string, which occurs in every source);
- claim values: finite, within ±`MAX_CLAIM_VALUE` (what JSON readers and SQLite keep exactly).

A word that mixes letters of two scripts (`Enforcement` written with a Cyrillic `e`, U+0435) is refused, naming
the character and what it looks like, since such a name looks right and never matches.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Annotated, Final

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MAX_ID_CHARS: Final = 128
MAX_NAME_CHARS: Final = 1_000
MAX_TEXT_CHARS: Final = 20_000
MAX_QUOTE_CHARS: Final = 10_000
MAX_CLAIM_VALUE: Final = 2**53 - 1
"""9,007,199,254,740,991: the largest integer a JSON reader (JavaScript's double) keeps exactly."""

ID_PATTERN: Final[str] = r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$"
"""Lowercase ASCII letters, digits, `.`, `_`, `-`; starts with a letter or digit; no `..`, no
trailing `.`."""

# C0 and C1 control characters and DEL. A name or text may hold a tab or a line feed (a document
# can break a long name over two lines); nothing else that a terminal would act on.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD: Final = re.compile(r"[^\W\d_]{2,}")


def describe_character(character: str) -> str:
    """`'x' (U+0078 LATIN SMALL LETTER X)`, or `character U+001B (ESCAPE)` for an invisible one:
    a character as a message shows it, never raw."""
    code = ord(character)
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(code, "control character")
    if unicodedata.category(character)[0] in "CZ":
        return f"character U+{code:04X} ({name})"
    return f"{character!r} (U+{code:04X} {name})"


def refused(message: str, fix: str) -> PydanticCustomError:
    """A validation error whose fix travels with it (the loader prints `ctx["fix"]`)."""
    return PydanticCustomError("refused", message, {"fix": fix})


_CONTROL_NAMES: Final = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def lookalike(text: str) -> str | None:
    """A description of the first character of `text` that only looks like what a reader sees:
    a letter of another script inside a word of Latin letters (or the reverse), else None."""
    if text.isascii():
        return None
    from confusable_homoglyphs import confusables  # lazy: its Unicode table loads in ~0.2 s

    for word in _WORD.findall(text):
        if word.isascii() or not confusables.is_mixed_script(word):
            continue
        for hit in confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"]) or []:
            looks = hit["homoglyphs"][0]["c"] if hit["homoglyphs"] else "?"
            return (
                f"{describe_character(hit['character'])} in {word!r} looks like {looks!r} but is {hit['alias'].title()}"
            )
    return None


def id_problem(text: str) -> str:
    """Why `text` is not a valid id, naming the first character that is not allowed."""
    if len(text) > MAX_ID_CHARS:
        return f"it is {len(text):,} characters long; ids have at most {MAX_ID_CHARS}"
    if ".." in text or text.endswith("."):
        return "`..` and a trailing `.` are not allowed (ids become file names, and `A..B` names a pair of eras)"
    for position, character in enumerate(text, 1):
        if not re.fullmatch(r"[a-z0-9._-]", character):
            lookalike_of = ""
            if not character.isascii():
                lookalike_of = " (a look-alike from another script?)"
            return f"{describe_character(character)} at position {position} is not allowed{lookalike_of}"
    if text and not text[0].isalnum():
        return "an id starts with a letter or digit"
    return "an id is lowercase ASCII letters, digits, `.`, `_` and `-`"


def _line_ends(value: str) -> str:
    # Line ends as a Windows file or a spreadsheet cell writes them (\r\n, \r) become \n: a bare
    # carriage return would let text overwrite a terminal line.
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _line(value: str) -> str:
    value = _line_ends(value)
    bad = _CONTROL.search(value)
    if bad is not None:
        raise refused(
            f"{describe_character(bad.group())} is not allowed in a name",
            "remove it (a name, label or acronym is printable text)",
        )
    if not value.strip():
        raise refused("must not be blank", "write the text, or leave the field out")
    found = lookalike(value)
    if found:
        raise refused(
            f"mixes scripts in one word: {found}",
            "retype the word in one script (a look-alike pasted from elsewhere never matches a search)",
        )
    return value


def _text(value: str) -> str:
    value = _line_ends(value)
    bad = _CONTROL.search(value)
    if bad is not None:
        raise refused(
            f"{describe_character(bad.group())} is not allowed in text",
            "remove it (text may hold line breaks and tabs, no other control characters)",
        )
    if not value.strip():
        raise refused("must not be blank", "write the text, or leave the field out")
    return value


def _quote(value: str) -> str:
    if not value.strip():
        raise refused(
            "a quote of only white space matches every source",
            "quote the words of the source that state the fact",
        )
    return _text(value)


def _claim_value(value: float | int) -> float | int:
    if isinstance(value, float) and not math.isfinite(value):
        raise refused("must be a finite number", "write the figure the document states (not .nan or .inf)")
    if abs(value) > MAX_CLAIM_VALUE:
        raise refused(
            f"must be within ±{MAX_CLAIM_VALUE:,}",
            "write the figure in a larger unit (e.g. `value: 8.3` with `unit: billion USD`)",
        )
    return value


Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN)]
"""An id: see `ID_PATTERN` and `MAX_ID_CHARS`."""
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS), AfterValidator(_line)]
"""One-line text a chart or a table shows: names, labels, acronyms, aliases, attributes."""
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS), AfterValidator(_text)]
"""Free text: descriptions, notes, messages, reasons."""
Quote = Annotated[str, Field(min_length=1, max_length=MAX_QUOTE_CHARS), AfterValidator(_quote)]
"""A verbatim quote."""
ClaimValue = Annotated[float | int, AfterValidator(_claim_value)]
"""A stated figure: finite and within ±`MAX_CLAIM_VALUE`."""
