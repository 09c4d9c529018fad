"""Rule 2 of `orgchart.draft.mentions`: "Name (ACR)", the name before an acronym in
parentheses: the run of words whose initials make the acronym (in order, or in another order as
"Office of Detention and Removal (DRO)" takes them), whatever their case ("... contract detention
facilities (CDFs)")."""

from __future__ import annotations

import re
from typing import Final

from orgchart.changes.forms import SMALL_WORDS, initials
from orgchart.changes.names import normal_acronym
from orgchart.draft.mentions import ACRONYM_AFTER, Mention, _strip_leading, kind_of
from orgchart.draft.segment import Span

_WORD = re.compile(r"[^\s,;:()]+")


def acronym_names(text: str, offset: int) -> list[Mention]:
    """Rule 2: "Name (ACR)". The name is the longest run of words before the parenthesis whose
    initials give the acronym; an acronym in parentheses just before is read as a word of the
    name ("U.S. Immigration and Customs Enforcement (ICE) Health Service Corps (IHSC)" names
    "ICE Health Service Corps")."""
    found = []
    for match in ACRONYM_AFTER.finditer(text):
        acronym = match.group(1)
        if sum(c.isupper() for c in acronym) < 2 or len(acronym) > 12 or acronym.isdigit():
            continue
        before = text[: match.start()]
        cut = max(before.rfind(mark) for mark in (". ", ": ", "; ", ", ", "“", '"'))
        words = [w for w in _WORD.finditer(before) if w.start() > cut]
        best: tuple[int, str] | None = None
        for first in range(len(words) - 1, max(-1, len(words) - 12), -1):
            form = " ".join(re.sub(r"[()]", "", before[words[first].start() :]).split())
            if any(i == _acronym_key(acronym) for i in initials(form)):
                best = (words[first].start(), form)
        if best is None:
            best = _reordered(before, words, acronym)
        if best is None:
            continue
        start, name = best
        name, start = _strip_leading(name, start)
        kind = kind_of(name) or (ACTIVITY_KIND if name.split()[-1].lower() in ACTIVITY_WORDS else None)
        found.append(Mention(name, Span(offset + start, offset + match.end()), kind, acronym, "name and acronym"))
    return found


def _reordered(before: str, words: list[re.Match[str]], acronym: str) -> tuple[int, str] | None:
    """A name whose acronym takes its initials in another order, as "Office of Detention and
    Removal (DRO)" does: the shortest run of capitalized words before the parenthesis whose
    initials are the acronym's letters, each once."""
    letters = sorted(_acronym_key(acronym).upper())
    for first in range(len(words) - 1, max(-1, len(words) - 8), -1):
        form = " ".join(before[words[first].start() :].split())
        capitals = [w for w in form.split() if w[:1].isupper() and w.lower() not in SMALL_WORDS]
        if sorted(w[0].upper() for w in capitals) == letters and form[:1].isupper():
            return words[first].start(), form
    return None


ACTIVITY_WORDS: Final[frozenset[str]] = frozenset(
    {"operations", "investigations", "enforcement", "support", "analysis", "removal", "missions"}
)
"""Last words of organizational names that say what a body does rather than what it is
("Enforcement and Removal Operations", "Operations Support"): with an acronym they name a body."""

ACTIVITY_KIND: Final = "unit"
"""The kind given to a body named by its activity; a reviewer (or another era) corrects it."""


def _acronym_key(acronym: str) -> str:
    return normal_acronym(acronym)
