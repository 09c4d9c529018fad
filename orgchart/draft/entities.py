"""From mentions to entities: every name the document uses, grouped into the bodies they denote.

Mentions of one body are grouped when their names are one name written differently (the same
folded name without an owner's prefix or generic words: "Custody Management" and "ERO's Custody
Management Division"), or when one is the acronym of the other. Overlapping mentions keep the
longest name ("ICE Health Service Corps (IHSC)" over "Health Service Corps").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from orgchart.changes.forms import is_acronym_of, looks_like_acronym, split_acronym, without_owner
from orgchart.changes.names import normal_acronym, normal_name
from orgchart.draft.mentions import Mention
from orgchart.draft.segment import Block, Document, Span

RULE_RANK = {"bullet name": 0, "name and acronym": 1, "head word": 2, "heading": 3, "known name": 4, "reference": 5}
"""Which mention names an entity best: a bullet's own name, then a name with its acronym, ..."""


@dataclass(frozen=True)
class Located:
    """A mention in its sentence and block."""

    mention: Mention
    sentence: Span
    block: int


@dataclass
class DraftEntity:
    """One body the document names: its best name, acronym, other names, kind, and mentions."""

    key: str
    name: str
    acronym: str | None
    kind: str | None
    mentions: list[Located] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    id: str = ""
    reviews: list[str] = field(default_factory=list)

    @property
    def first(self) -> Located:
        """The mention that defines the entity: the best-ranked, earliest."""
        return min(self.mentions, key=lambda m: (RULE_RANK.get(m.mention.rule, 9), m.mention.span.start))


SELF_STANDING = frozenset(
    {"secretariat", "assembly", "council", "commission", "board", "ministry", "directorate", "authority", "agency"}
    | {"network", "committee", "parliament", "senate"}
)
"""Head words that name a body by themselves when no fuller name came before ("the Secretariat"
of an organization that has one)."""

SCOPE_WORDS = frozenset({"national", "designated", "additional", "all", "existing", "various", "numerous", "several"})
"""Words before a lower-case group's name that say how many or where, not which group."""


def entity_key(name: str) -> str:
    """What mentions of one body share: the folded name without an owner and without a last
    word "division" ("Custody Management" is "Custody Management Division"; "... Program" and
    "... Division" of one name stay apart)."""
    words = without_owner(split_acronym(name)[0]).split()
    while name[:1].islower() and len(words) > 2 and words[0] in SCOPE_WORDS:
        words = words[1:]  # "national field offices" are the field offices
    if len(words) > 1 and words[-1] in ("division", "divisions", "directorate", "directorates"):
        words = words[:-1]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]  # "Patrol Boats Teams" is "Patrol Boats Team"
    return " ".join(words)


def resolve_overlaps(found: Iterable[Located]) -> list[Located]:
    """Mentions with overlapping spans reduced to the longest name, which takes the acronym of
    any mention it covers; an owner's acronym leading a kept name stays beside it."""
    everything = list(found)
    ordered = sorted(
        (m for m in everything if m.mention.rule != "nested"),
        key=lambda m: (m.mention.span.start, -(m.mention.span.end - m.mention.span.start), m.mention.part),
    )
    kept: list[Located] = []
    for item in ordered:
        span = item.mention.span
        if kept and span.start < kept[-1].mention.span.end:
            last = kept[-1]
            if (
                span.start > last.mention.span.start
                and span.end > last.mention.span.end
                and item.mention.acronym
                and normal_name(last.mention.name).endswith(normal_name(item.mention.name))
            ):
                # "ERO Fugitive Operations Teams" and "Fugitive Operations Teams (FOTs)": one name, the
                # longer written form, with the acronym
                merged = replace(
                    last.mention, span=Span(last.mention.span.start, span.end), acronym=item.mention.acronym
                )
                kept[-1] = Located(merged, last.sentence, last.block)
                continue
            if item.mention.part and last.mention.part and span == last.mention.span:
                if item.mention.name != last.mention.name:
                    kept.append(item)  # the second body of a distributed name
                continue
            if _better(item.mention, last.mention):
                kept[-1] = _absorbing(item, last.mention)
            else:
                kept[-1] = _absorbing(last, item.mention)
            continue
        kept.append(item)
    spans = {(m.mention.span.start, m.mention.span.end) for m in kept}
    owners = [
        m
        for m in everything
        if m.mention.rule == "nested"
        and (m.mention.span.start, m.mention.span.end) not in spans
        and any(k.mention.span.start <= m.mention.span.start < k.mention.span.end for k in kept)
    ]
    unique = {(m.mention.span.start, m.mention.span.end): m for m in owners}
    return sorted([*kept, *unique.values()], key=lambda m: (m.mention.span.start, -m.mention.span.end))


def _better(new: Mention, old: Mention) -> bool:
    """The longer stretch of text names the body; of two mentions of the same stretch, the one a
    stronger rule found (a name another era knows over a bare heading). A heading taken whole is
    only a name where no other rule finds one in it."""
    if (new.rule == "heading") != (old.rule == "heading"):
        return old.rule == "heading"
    new_length, old_length = new.span.end - new.span.start, old.span.end - old.span.start
    if new_length != old_length:
        return new_length > old_length
    return _rank(new) < _rank(old)


def _rank(mention: Mention) -> int:
    if mention.rule == "known name":
        return RULE_RANK["name and acronym"]  # as good as a name the document defines
    return RULE_RANK.get(mention.rule, 9)


def _absorbing(item: Located, covered: Mention) -> Located:
    """The kept mention, taking what a mention it covers knows and it does not: the acronym
    (when the covered one reaches as far), and the kind and name another era records ("ERO Most
    Wanted" covers the known "Most Wanted")."""
    mention = item.mention
    if covered.acronym and not mention.acronym and covered.span.end >= mention.span.end:
        mention = replace(mention, acronym=covered.acronym)
    if covered.rule == "known name" and not mention.known and covered.span.end == mention.span.end:
        mention = replace(mention, known=covered.known, kind=mention.kind or covered.kind)
    return item if mention is item.mention else Located(mention, item.sentence, item.block)


def group_entities(located: Sequence[Located]) -> list[DraftEntity]:
    """Mentions grouped into entities, in order of first mention."""
    entities: list[DraftEntity] = []
    by_key: dict[str, DraftEntity] = {}
    by_acronym: dict[str, DraftEntity] = {}
    for item in sorted(located, key=lambda m: m.mention.span.start):
        mention = item.mention
        if mention.rule == "reference":
            # "the Ministry": the latest body named before whose name has that word
            word = mention.name.lower()
            earlier = [e for e in entities if word in e.name.lower().split()]
            if earlier:
                max(earlier, key=lambda e: max(m.mention.span.start for m in e.mentions)).mentions.append(item)
                continue
            if word not in SELF_STANDING:
                continue  # "the Division" with no division named before: nothing to refer to
        acronym = normal_acronym(mention.acronym) if mention.acronym else ""
        key = entity_key(mention.known or mention.name)
        single_acronym = looks_like_acronym(mention.name) and " " not in mention.name
        entity = (
            (by_acronym.get(normal_acronym(mention.name)) if single_acronym else None)
            or by_key.get(key)
            or (by_acronym.get(acronym) if acronym else None)
        )
        if entity is None:
            entity = DraftEntity(key, mention.name, mention.acronym, mention.kind)
            entities.append(entity)
        entity.mentions.append(item)
        if not single_acronym:
            by_key.setdefault(key, entity)
        if acronym:
            by_acronym.setdefault(acronym, entity)
            entity.acronym = entity.acronym or mention.acronym
        if single_acronym:
            by_acronym.setdefault(normal_acronym(mention.name), entity)
    entities = _acronyms_joined(entities)
    for entity in entities:
        _settle(entity)
    return entities


def _acronyms_joined(entities: list[DraftEntity]) -> list[DraftEntity]:
    """An entity named only by an acronym ("DHS") joined to the one entity whose name has those
    initials ("U.S. Department of Homeland Security"), when the document never pairs them."""
    named = [e for e in entities if not all(looks_like_acronym(m.mention.name) for m in e.mentions)]
    kept = []
    for entity in entities:
        acronyms = {m.mention.name for m in entity.mentions}
        if entity in named or len(acronyms) != 1:
            kept.append(entity)
            continue
        acronym = next(iter(acronyms))
        matching = [e for e in named if not e.acronym and is_acronym_of(acronym, without_owner_text(e.name))]
        if len(matching) == 1:
            matching[0].mentions.extend(entity.mentions)
            matching[0].acronym = acronym
        else:
            kept.append(entity)
    return kept


def without_owner_text(name: str) -> str:
    """A name without a leading "U.S." or "United States" (initials skip the country)."""
    return re.sub(r"^(?:the\s+)?(?:U\.S\.|US|United States)\s+", "", name)


def _settle(entity: DraftEntity) -> None:
    """The entity's name (its defining mention's), kind (the best-ranked mention that suggests
    one) and aliases (the other names it is written by, not its acronym)."""
    best = entity.first.mention
    names = [
        m.mention
        for m in sorted(entity.mentions, key=lambda m: (RULE_RANK.get(m.mention.rule, 9), m.mention.span.start))
    ]
    full = [m for m in names if not (looks_like_acronym(m.name) and " " not in m.name)]
    entity.name = (full[0] if full else best).name
    kinds = [m.kind for m in names if m.kind and m.rule == "known name"]  # another era's curated kind first
    kinds += [m.kind for m in names if m.kind]
    entity.kind = kinds[0] if kinds else None
    acronym = entity.acronym
    seen = {entity.name.casefold()}
    for m in full:
        if m.name.casefold() not in seen and (not acronym or m.name != acronym):
            seen.add(m.name.casefold())
            entity.aliases.append(m.name)


def block_of(document: Document, position: int) -> tuple[int, Block]:
    """The block holding document offset `position`."""
    for index, block in enumerate(document.blocks):
        if block.span.start <= position < max(block.span.end, block.span.start + 1):
            return index, block
    return len(document.blocks) - 1, document.blocks[-1]
