"""The error hierarchy. The library raises these; only the CLI turns them into exit codes.

Each error that concerns data carries a list of `Problem`s, so a user sees every problem at once
(as pydantic's `ValidationError` does) with the file, line, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    file: str
    line: int
    column: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}\n    fix: {self.fix}" if self.fix else text


class OrgChartError(Exception):
    """Base of every error this library raises on purpose."""


class DataError(OrgChartError, ValueError):
    """The data on disk is malformed or inconsistent; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[Problem], summary: str = "") -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        count = len(self.problems)
        head = summary or f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__(head + "\n" + "\n".join(str(p) for p in self.problems))


class NotFoundError(OrgChartError, LookupError):
    """A lookup (era, node, source) matched nothing; the message lists the closest names."""

    def __init__(
        self, what: str, wanted: str, candidates: Iterable[str], *, era: str | None = None, hint: str = ""
    ) -> None:
        self.what = what
        self.wanted = wanted
        self.era = era
        """The era searched, when the lookup was within one era."""
        self.suggestions = tuple(closest(wanted, candidates))
        close = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        stranger = foreign_letter(wanted)
        if stranger:
            close += f" (note: {stranger}: a look-alike typed or pasted from another script?)"
        super().__init__(f"no {what} {wanted!r}{close}" + (f" {hint}" if hint else ""))


class AmbiguousError(OrgChartError, LookupError):
    """A lookup matched several entities; the message lists them so the user can pick one."""

    def __init__(self, what: str, wanted: str, matches: Iterable[str]) -> None:
        self.what = what
        self.wanted = wanted
        self.matches = tuple(sorted(matches))
        super().__init__(f"{what} {wanted!r} is ambiguous: it matches {', '.join(self.matches)}; use an id")


class OutputError(OrgChartError, OSError):
    """An output could not be written (the target is left as it was)."""


def foreign_letter(text: str) -> str:
    """`'x' is U+0445 CYRILLIC SMALL LETTER HA`: the first letter of `text` from another script
    than the Latin letters around it, or "" when there is none (or no Latin letter at all)."""
    if text.isascii() or not any("a" <= c.lower() <= "z" for c in text):
        return ""
    for character in text:
        name = unicodedata.name(character, "")
        if character.isalpha() and not character.isascii() and not name.startswith("LATIN"):
            return f"{character!r} is U+{ord(character):04X} {name}"
    return ""


def closest(wanted: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates nearest to `wanted`, best first, for 'did you mean' messages."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    hits = difflib.get_close_matches(wanted.lower(), list(lowered), n=limit, cutoff=0.5)
    return [lowered[h] for h in hits]


def display_path(path: Path) -> str:
    """A path as the user is likely to recognise it: relative to the working directory if
    it lies below it, control characters in it escaped (a file name can hold any byte, and
    this text reaches a terminal)."""
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        shown = str(path)
    return printable(shown)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character (line breaks and tabs too) written as an escape
    (`\\x1b`), so that text from files and data cannot move a terminal's cursor or restyle it."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)
