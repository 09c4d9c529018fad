"""The written forms a document's bodies recur under, so that every later mention is found:

- the names other eras record (`known_forms`), with their curated kinds;
- the names the document defines: a "Name (ACR)" pair, a bullet's name, a lower-case group
  ("field offices" once "25 ERO field offices" is named);
- short forms: a division's name without "Division" ("Custody Management" for "Custody
  Management Division"), and a one-word short form after its owner ("ERO’s Enforcement", "ERO
  Removal");
- an acronym's singular ("SPC" of "SPCs");
- an acronym with one damaged letter ("ĮRO" for "ERO": archived text where a letter came out as
  another character), when exactly one known acronym fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orgchart.changes.forms import looks_like_acronym
from orgchart.dataset.model import Node
from orgchart.draft.collectives import GROUP_HEADS, PROPER_HEADS
from orgchart.draft.mentions import Mention
from orgchart.draft.segment import Span

Form = tuple[str, str | None, str | None]
"""What a written form stands for: (name, acronym, kind)."""


def _proper_form(text: str) -> bool:
    """A capitalized form worth finding: an acronym, or two or more words ending in a capitalized
    word or a head word ("ICE Air Operations", "287(g) program"; not "ICE detention", which is
    an attributive use)."""
    if looks_like_acronym(text):
        return True
    words = text.split()
    last = words[-1] if words else ""
    return len(words) >= 2 and (
        last[:1].isupper() or last[:1].isdigit() or last.lower() in GROUP_HEADS or last.lower() in PROPER_HEADS
    )


def group_form(text: str) -> bool:
    """A lower-case name of a group worth finding wherever it recurs: two or more words (or a
    compound) ending in a group's head word ("field offices", "detention facilities", "foreign
    governments"), not a bare head word."""
    heads = (*GROUP_HEADS, "agencies", "governments", "partners", "task forces")
    return text[:1].islower() and (len(text.split()) >= 2 or "-" in text) and text.endswith(heads)


def _compound(text: str) -> bool:
    """A form made of acronyms only ("ICE ERO", "ICE/ERO"): each acronym is found on its own."""
    words = re.split(r"[\s/]+", text.strip())
    return len(words) > 1 and all(looks_like_acronym(word) for word in words)


def known_forms(others: Iterable[Node]) -> dict[str, Form]:
    """The written forms of entities of other eras (names, aliases, acronyms), each with the
    name, acronym and kind it stands for; the first node given that writes a form wins."""
    forms: dict[str, Form] = {}
    for node in others:
        for text in (node.name, *node.aliases, node.acronym or ""):
            if not text or _compound(text):
                continue
            if (_proper_form(text) and text[:1].isupper()) or group_form(text):
                forms.setdefault(text, (node.name, node.acronym, node.kind))
    return forms


def without_owner_written(name: str) -> str:
    """A lower-case name without a leading owner ("DRO field offices" -> "field offices")."""
    first, _, rest = name.partition(" ")
    if rest and (looks_like_acronym(first.rstrip("’'s")) or first.endswith(("’s", "'s"))):
        return rest
    return name


def short_form(name: str) -> str:
    """A division's name without its owner and without "Division" ("ERO Removal Division" ->
    "Removal"), or "" when the name is not a division's."""
    words = name.split()
    if len(words) < 2 or words[-1] != "Division":
        return ""
    words = words[:-1]
    if len(words) > 1 and (looks_like_acronym(words[0]) or words[0].endswith(("’s", "'s"))):
        words = words[1:]
    return " ".join(words)


def document_forms(
    mentions: Iterable[Mention], others: Iterable[Node], text: str
) -> tuple[dict[str, Form], dict[str, Form]]:
    """Every form to look for in the document: other eras' and the document's own (multi-word
    forms and acronyms), and, apart, the one-word short forms found only after an owner."""
    own: dict[str, Form] = {}
    single: dict[str, Form] = {}
    for mention in mentions:
        value = (mention.name, mention.acronym, mention.kind)
        if mention.acronym:
            own.setdefault(mention.acronym, value)
        if (
            mention.rule in ("bullet name", "name and acronym", "head word", "listed name")
            and mention.name[:1].isupper()
        ):
            short = short_form(mention.name)
            if " " in short:
                own.setdefault(short, value)
            elif short:
                single.setdefault(short, value)
            if mention.rule != "head word":
                own.setdefault(mention.name, value)
        if mention.rule == "lower-case name":
            for form in (mention.name, without_owner_written(mention.name)):
                if group_form(form):
                    own.setdefault(form, value)
    forms = known_forms(others)
    for form, (name, acronym, kind) in own.items():  # the document's names, other eras' curated kinds
        forms[form] = (name, acronym, forms[form][2] if form in forms and forms[form][2] else kind)
    for form, value in list(forms.items()):
        if looks_like_acronym(form) and form.endswith("s") and len(form) > 2:
            forms.setdefault(form[:-1], value)  # "SPC" is one of the "SPCs"
    forms.update(_damaged(text, forms))
    return forms, single


def _damaged(text: str, forms: dict[str, Form]) -> dict[str, Form]:
    """Acronyms written with one letter outside ASCII ("ĮRO") that stand for exactly one known
    acronym of the same length differing only in that letter."""
    found: dict[str, Form] = {}
    acronyms = [form for form in forms if looks_like_acronym(form) and form.isascii()]
    for token in sorted(set(re.findall(r"(?<!\w)[^\W\d_]{2,8}(?!\w)", text))):
        if token.isascii() or not token.isupper() or sum(not c.isascii() for c in token) != 1:
            continue
        at = next(i for i, c in enumerate(token) if not c.isascii())
        fits = [a for a in acronyms if len(a) == len(token) and a[:at] == token[:at] and a[at + 1 :] == token[at + 1 :]]
        if len(fits) > 1:  # the one the document also writes undamaged
            fits = [a for a in fits if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text)]
        if len(fits) == 1:
            found[token] = forms[fits[0]]
    return found


def owned_short_names(text: str, offset: int, single: dict[str, Form]) -> list[Mention]:
    """One-word short forms after an owner's acronym ("ERO’s Enforcement", "ERO Removal"),
    unless another capitalized word follows (then the name goes on)."""
    found = []
    for word, (name, _acronym, kind) in single.items():
        pattern = rf"(?<!\w)([^\W\d_]{{2,8}})(?:[’']s)?\s+({re.escape(word)})\b(?!\s+[A-Z])"
        for match in re.finditer(pattern, text):
            if match.group(1).isupper():
                span = Span(offset + match.start(2), offset + match.end(2))
                found.append(Mention(word, span, kind, None, "known name", name))
    return found
