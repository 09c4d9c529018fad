"""What a change chart marks on each entity: its change state, and a short note per change.

Every change of a `ChangeSet` lands on an entity of one side: the later era's entity for what
the later document states (first mentioned, renamed, moved, kind changed, merged or split into,
reworded, a new oversight link, new or changed figures, new findings), the earlier era's for
what it no longer states (not mentioned later, oversight and figures not restated, findings no
longer reported); renames, moves, kind changes, merges and splits mark both sides. A finding
about no entity goes to the chart's caption. Moves, merges and splits are also `Connector`s:
one line from the entity's place in the earlier era to its place in the later one.

Colours come from ColorBrewer's print-friendly sets; each state also has a marker and a line
style of its own, so a grayscale print keeps them apart, and "unchanged" is white with a grey
border, visible on white paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from orgchart.changes.changeset import (
    Change,
    ChangeSet,
    ClaimState,
    EntityState,
    FindingState,
    RelationState,
)


@dataclass(frozen=True)
class Mark:
    """How one change state is drawn: marker, legend text, colours and line style."""

    marker: str
    label: str
    fill: str
    border: str
    style: str
    peripheries: int = 1
    penwidth: float = 1.2


MARKS: Final[dict[str, Mark]] = {
    "added": Mark("+", "+ first mentioned (double border)", "#e5f5e0", "#238b45", "filled", 2),
    "removed": Mark("\u2212", "\u2212 not mentioned later (dashed)", "#fde0dd", "#cb181d", "filled,dashed"),
    "renamed": Mark("✎", "✎ renamed (bold, former name below)", "#efedf5", "#6a51a3", "filled,bold", 1, 2.4),
    "moved": Mark("→", "→ moved (dotted edge from the former parent)", "#deebf7", "#2171b5", "filled"),
    "unchanged": Mark("", "unchanged", "#ffffff", "#737373", "filled"),
}
"""The union chart's marks, in legend order (the page and the Mermaid change chart use them too)."""

STATE_MARKS: Final[dict[str, Mark]] = {
    "added": Mark("+", "first mentioned", "#e5f5e0", "#238b45", "filled", 2),
    "removed": Mark("\u2212", "not mentioned later", "#fde0dd", "#cb181d", "filled,dashed"),
    "merged": Mark("⊕", "merged", "#fff7bc", "#993404", "filled,bold", 1, 2.0),
    "split": Mark("⊘", "split", "#fff7bc", "#993404", "filled,bold", 1, 2.0),
    "renamed": Mark("✎", "renamed", "#efedf5", "#6a51a3", "filled,bold", 1, 2.4),
    "moved": Mark("→", "moved", "#deebf7", "#2171b5", "filled", 1, 2.0),
    "kind_changed": Mark("◆", "kind changed", "#fee6ce", "#d94801", "filled,dotted", 1, 2.0),
    "unchanged": Mark("", "unchanged", "#ffffff", "#737373", "filled"),
}
"""The states of an entity in the side-by-side chart, strongest first (an entity both renamed
and moved is coloured as renamed, and both markers show)."""

STRUCTURAL: Final[tuple[str, ...]] = ("added", "removed", "merged", "split", "renamed", "moved", "kind_changed")
"""Change kinds that give an entity a state; the others add a note only."""

NOTE_LIMIT: Final[int] = 2
"""Most relations or figures named one by one in a note before the rest are counted."""


MINUS: Final[str] = "\u2212"

MAJOR: Final[frozenset[str]] = frozenset({"renamed", "moved", "kind_changed", "merged", "split", "figure"})
"""Notes a summary keeps word for word (a changed figure's values among them); the others it
counts on one line."""


@dataclass(frozen=True)
class SideMark:
    """What one side of a chart shows about one entity: the change kinds that concern it there,
    how many of each, and the notes under its name as (topic, text) pairs."""

    kinds: tuple[str, ...]
    counts: Mapping[str, int]
    notes: tuple[tuple[str, str], ...]

    @property
    def state(self) -> str:
        """The strongest state among its changes, "unchanged" when it has only notes."""
        return next((kind for kind in STATE_MARKS if kind in self.kinds), "unchanged")

    @property
    def marker(self) -> str:
        """Every structural change's marker, strongest first ("✎ →" for renamed and moved)."""
        return " ".join(STATE_MARKS[kind].marker for kind in STRUCTURAL if kind in self.kinds)

    @property
    def texts(self) -> tuple[str, ...]:
        """Every note, as the full chart prints them."""
        return tuple(text for _, text in self.notes)

    def brief(self) -> tuple[str, ...]:
        """The notes a summary prints: renames, moves, kind changes, merges, splits and changed
        figures word for word, then one line counting the rest ("figures +4 \u221219")."""
        kept = [text for topic, text in self.notes if topic in MAJOR]
        shown = {topic for topic, _ in self.notes}
        counted = []
        if "reworded" in shown:
            counted.append("≈ worded differently")
        for topic, (plus, minus) in BRIEF_COUNTS.items():
            if topic in shown:
                parts = [
                    f"+{self.counts[plus]}" if self.counts.get(plus) else "",
                    f"{MINUS}{self.counts[minus]}" if self.counts.get(minus) else "",
                ]
                changed = self.counts.get("claim_changed", 0) - sum(t == "figure" for t, _ in self.notes)
                if topic == "figures" and changed > 0:
                    parts.insert(1, f"~{changed}")
                counted.append(f"{topic} " + " ".join(part for part in parts if part))
        return (*kept, " · ".join(counted)) if counted else tuple(kept)


BRIEF_COUNTS: Final[dict[str, tuple[str, str]]] = {
    "oversight": ("oversight_added", "oversight_removed"),
    "figures": ("claim_added", "claim_removed"),
    "findings": ("finding_added", "finding_removed"),
}


@dataclass(frozen=True)
class Connector:
    """One line from an entity in the earlier era to one in the later: a move, a merge or a split."""

    before: str
    after: str
    kind: str
    label: str


@dataclass
class _Side:
    kinds: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, node_id: str, kind: str, note: str = "") -> None:
        kinds = self.kinds.setdefault(node_id, [])
        if kind not in kinds:
            kinds.append(kind)
        self.counts.setdefault(node_id, Counter())[kind] += 1
        if note:
            self.note(node_id, kind, note)

    def note(self, node_id: str, topic: str, text: str) -> None:
        self.notes.setdefault(node_id, []).append((topic, text))

    def marks(self) -> dict[str, SideMark]:
        return {
            node_id: SideMark(tuple(kinds), dict(self.counts[node_id]), tuple(self.notes.get(node_id, ())))
            for node_id, kinds in sorted(self.kinds.items())
        }


@dataclass(frozen=True)
class ChangeMarks:
    """The marks of a `ChangeSet` on both sides, its connectors, and what concerns the
    documents rather than one entity (findings without a subject, counted by kind)."""

    before: Mapping[str, SideMark]
    after: Mapping[str, SideMark]
    connectors: tuple[Connector, ...]
    document: Mapping[str, int]

    def of(self, side: str, node_id: str) -> SideMark | None:
        """The mark of `node_id` on side "before" or "after", if it has one."""
        return (self.before if side == "before" else self.after).get(node_id)


def _name(state: EntityState) -> str:
    return f"{state.name} ({state.acronym})" if state.acronym and state.acronym not in state.name else state.name


def _states(side: object) -> tuple[object, ...]:
    return side if isinstance(side, tuple) else (side,)


def _names(states: list[EntityState]) -> str:
    return ", ".join(_name(state) for state in states)


def change_marks(changes: ChangeSet) -> ChangeMarks:
    """The marks every change of `changes` leaves on the entities of both eras (see the module
    docstring). Deterministic: changes are read in the ChangeSet's order."""
    before, after = _Side(), _Side()
    connectors: list[Connector] = []
    document: Counter[str] = Counter()
    figures: dict[tuple[str, str], list[Change]] = {}
    relations: dict[tuple[str, str], list[Change]] = {}
    findings: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        old, new = change.before, change.after
        if change.kind in ("added", "removed"):
            side, state = (after, new) if change.kind == "added" else (before, old)
            if isinstance(state, EntityState):
                side.add(state.id, change.kind)
        elif isinstance(old, EntityState) and isinstance(new, EntityState):
            _entity_change(change, old, new, before, after, connectors)
        elif change.kind in ("merged", "split"):
            olds = [state for state in _states(old) if isinstance(state, EntityState)]
            news = [state for state in _states(new) if isinstance(state, EntityState)]
            for state in olds:
                before.add(state.id, change.kind, f"{change.kind} into {_names(news)}")
            for state in news:
                after.add(state.id, change.kind, f"{change.kind} from {_names(olds)}")
            connectors += [Connector(a.id, b.id, change.kind, change.kind) for a in olds for b in news]
        elif isinstance(new or old, RelationState):
            relation = new if isinstance(new, RelationState) else old
            assert isinstance(relation, RelationState)
            side_name = "after" if change.kind == "oversight_added" else "before"
            relations.setdefault((side_name, relation.subordinate), []).append(change)
        elif isinstance(new or old, ClaimState):
            claim = new if isinstance(new, ClaimState) else old
            assert isinstance(claim, ClaimState)
            side_name = "before" if change.kind == "claim_removed" else "after"
            figures.setdefault((side_name, claim.subject), []).append(change)
        elif isinstance(new or old, FindingState):
            finding = new if isinstance(new, FindingState) else old
            assert isinstance(finding, FindingState)
            side_name = "after" if change.kind == "finding_added" else "before"
            era = changes.after if side_name == "after" else changes.before
            if finding.subject and finding.subject in era:
                findings.setdefault((side_name, finding.subject), []).append(change)
            else:
                document[change.kind] += 1
    entity_states = {"after": after.kinds, "before": before.kinds}
    noters: tuple[tuple[Callable[[list[Change]], list[tuple[str, str]]], dict[tuple[str, str], list[Change]]], ...] = (
        (_relation_notes, relations),
        (_figure_notes, figures),
        (_finding_notes, findings),
    )
    for notes_of, grouped in noters:
        for (side_name, node_id), found in grouped.items():
            side = after if side_name == "after" else before
            # An entity first mentioned or not mentioned later comes or goes with its oversight
            # links and figures: they are counted on it, not spelled out.
            whole = {"added", "removed"} & set(entity_states[side_name].get(node_id, ()))
            for change in found:
                side.add(node_id, change.kind)
            for topic, text in [] if whole and notes_of is not _finding_notes else notes_of(found):
                side.note(node_id, topic, text)
    return ChangeMarks(before.marks(), after.marks(), tuple(connectors), dict(document))


def _entity_change(
    change: Change,
    old: EntityState,
    new: EntityState,
    before: _Side,
    after: _Side,
    connectors: list[Connector],
) -> None:
    """The marks of a rename, move, kind change or rewording of one entity, on both sides."""
    if change.kind == "renamed":
        after.add(new.id, "renamed", f"was {_name(old)}")
        before.add(old.id, "renamed", f"renamed {_name(new)}")
    elif change.kind == "moved":
        was = old.parent_name or old.parent or "no parent"
        now = new.parent_name or new.parent or "no parent"
        after.add(new.id, "moved", f"was under {was}")
        before.add(old.id, "moved", f"now under {now}")
        connectors.append(Connector(old.id, new.id, "moved", f"moved to {now}"))
    elif change.kind == "kind_changed":
        after.add(new.id, "kind_changed", f"was a {old.kind}")
        before.add(old.id, "kind_changed", f"now a {new.kind}")
    elif change.kind == "reworded":
        after.add(new.id, "reworded", f"worded “{old.name}” before")
        before.add(old.id, "reworded", f"worded “{new.name}” later")


def _relation_notes(found: list[Change]) -> list[tuple[str, str]]:
    """Notes on oversight links added or not restated for one entity, at most NOTE_LIMIT named."""
    sign = "+" if found[0].kind == "oversight_added" else "\u2212"
    names = []
    for change in found:
        relation = change.after if isinstance(change.after, RelationState) else change.before
        assert isinstance(relation, RelationState)
        names.append(relation.superior_name)
    if len(names) <= NOTE_LIMIT:
        return [("oversight", f"{sign} overseen by {name}") for name in names]
    return [("oversight", f"{sign} overseen by {len(names)} units")]


def _finding_notes(found: list[Change]) -> list[tuple[str, str]]:
    """A note on one entity's findings: which kind when there is one, else how many."""
    word = "new" if found[0].kind == "finding_added" else "no longer reported"
    if len(found) == 1:
        finding = found[0].after if found[0].kind == "finding_added" else found[0].before
        assert isinstance(finding, FindingState)
        return [("findings", f"finding {word}: {finding.kind.replace('_', ' ')}")]
    return [("findings", f"findings: {len(found)} {word}")]


def _figure_notes(found: list[Change]) -> list[tuple[str, str]]:
    """Notes on one entity's figures: a changed value shown when there are few, else counts."""
    counts: Counter[str] = Counter(change.kind for change in found)
    changed = [c for c in found if c.kind == "claim_changed"]
    notes: list[tuple[str, str]] = []
    if 0 < len(changed) <= NOTE_LIMIT:
        for change in changed:
            old, new = change.before, change.after
            assert isinstance(old, ClaimState) and isinstance(new, ClaimState)
            notes.append(("figure", f"{new.attribute}: {_value(old)} → {_value(new)}"))
        counts.pop("claim_changed")
    words = {"claim_added": "new", "claim_changed": "changed", "claim_removed": "not restated"}
    parts = [f"{counts[kind]} {word}" for kind, word in words.items() if counts.get(kind)]
    if parts:
        notes.append(("figures", "figures: " + " · ".join(parts)))
    return notes


def _value(claim: ClaimState) -> str:
    value = f"{claim.value:,}" if isinstance(claim.value, int) else f"{claim.value:g}"
    return f"{value} {claim.unit}" if claim.unit else value
