"""From mentions to entities: every name the document uses, grouped into the bodies they denote.

Mentions of one body are grouped when their names are one name written differently (the same
folded name without an owner's prefix or generic words: "Custody Management" and "ERO's Custody
Management Division"), or when one is the acronym of the other. Overlapping mentions keep the
longest name ("ICE Health Service Corps (IHSC)" over "Health Service Corps").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from orgchart.changes.forms import looks_like_acronym, split_acronym, without_owner
from orgchart.changes.names import normal_acronym
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


def entity_key(name: str) -> str:
    """What mentions of one body share: the folded name without an owner and without a last
    word "division" ("Custody Management" is "Custody Management Division"; "... Program" and
    "... Division" of one name stay apart)."""
    words = without_owner(split_acronym(name)[0]).split()
    if len(words) > 1 and words[-1] in ("division", "divisions"):
        words = words[:-1]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]  # "Patrol Boats Teams" is "Patrol Boats Team"
    return " ".join(words)


def resolve_overlaps(found: Iterable[Located]) -> list[Located]:
    """Mentions with overlapping spans reduced to the longest name, which takes the acronym of
    any mention it covers."""
    ordered = sorted(found, key=lambda m: (m.mention.span.start, -(m.mention.span.end - m.mention.span.start)))
    kept: list[Located] = []
    for item in ordered:
        span = item.mention.span
        if kept and span.start < kept[-1].mention.span.end:
            last = kept[-1]
            if _better(item.mention, last.mention):
                kept[-1] = _with_acronym(item, last.mention.acronym)
            elif item.mention.acronym and not last.mention.acronym and span.end >= last.mention.span.end:
                kept[-1] = _with_acronym(last, item.mention.acronym)
            continue
        kept.append(item)
    return kept


def _better(new: Mention, old: Mention) -> bool:
    new_words, old_words = len(new.name.split()), len(old.name.split())
    if new_words != old_words:
        return new_words > old_words
    return RULE_RANK.get(new.rule, 9) < RULE_RANK.get(old.rule, 9)


def _with_acronym(item: Located, acronym: str | None) -> Located:
    if not acronym or item.mention.acronym:
        return item
    m = item.mention
    return Located(Mention(m.name, m.span, m.kind, acronym, m.rule), item.sentence, item.block)


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
        acronym = normal_acronym(mention.acronym) if mention.acronym else ""
        key = entity_key(mention.name)
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
    for entity in entities:
        _settle(entity)
    return entities


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
    kinds = [m.kind for m in names if m.kind]
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
