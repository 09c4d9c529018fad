"""Plain-text wording of changes, shared by the Markdown and HTML reports.

Everything here returns plain, unescaped text; each template escapes it for its format (the
Markdown filter `md`, HTML autoescaping), so names with `|`, `<`, `*` or newlines stay intact.
"""

from __future__ import annotations

from typing import Final

from orgchart.changes.changeset import Change, ChangeSet, ClaimState, EntityState, FindingState, Quote, RelationState
from orgchart.changes.coverage import branch_row
from orgchart.changes.headlines import Headline

KIND_TITLES: Final[dict[str, str]] = {
    "renamed": "Renamed",
    "moved": "Moved",
    "merged": "Merged",
    "split": "Split",
    "kind_changed": "Kind changed",
    "added": "First mentioned in the later document",
    "removed": "Not mentioned in the later document",
    "oversight_added": "Oversight first stated",
    "oversight_removed": "Oversight no longer stated",
    "claim_changed": "Figures changed",
    "claim_added": "Figures first stated",
    "claim_removed": "Figures no longer stated",
    "finding_added": "Findings that appear",
    "finding_removed": "Findings that go away",
    "reworded": "Worded differently (not renames)",
}
"""Section titles, by change kind. Additions and removals are titled by what the documents show:
mention, not creation or abolition."""

KIND_LABELS: Final[dict[str, str]] = {
    "renamed": "renamed",
    "moved": "moved",
    "merged": "merged",
    "split": "split",
    "kind_changed": "kind changed",
    "added": "first mentioned",
    "removed": "not mentioned later",
    "oversight_added": "oversight first stated",
    "oversight_removed": "oversight no longer stated",
    "claim_changed": "figure changed",
    "claim_added": "figure first stated",
    "claim_removed": "figure no longer stated",
    "finding_added": "finding appears",
    "finding_removed": "finding goes away",
    "reworded": "worded differently",
    "branch_not_mentioned": "mostly not mentioned later",
    "branch_first_mentioned": "mostly first mentioned",
}
"""Short labels for summary tables and headlines."""

COVERAGE_ROWS: Final[int] = 8
"""Rows of a coverage table the Markdown and HTML reports show (the largest changes; the rest
are summed up in one "and N more" row). The JSON report keeps every row."""

DETAILED_KINDS: Final[frozenset[str]] = frozenset(
    {"renamed", "moved", "merged", "split", "kind_changed", "claim_changed", "reworded"}
)
"""Kinds shown as before/after blocks with both quotes; the others are tables of one side."""


def entity(state: EntityState | None) -> str:
    """`Name (ACR)`, or an empty string for None."""
    if state is None:
        return ""
    if state.acronym and state.acronym != state.name and f"({state.acronym})" not in state.name:
        return f"{state.name} ({state.acronym})"
    return state.name


def entities(states: EntityState | tuple[EntityState, ...] | object) -> str:
    """One entity or a list of them, joined with commas."""
    if isinstance(states, tuple):
        return ", ".join(entity(s) for s in states)
    return entity(states) if isinstance(states, EntityState) else ""


def number(value: float | int) -> str:
    """A figure with thousands separators: 4,120,000,000; 34.3."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def figure(state: ClaimState | None) -> str:
    """`more than 170`, `approximately 4,120,000,000 USD`, with `(as of FY 2022)` when stated."""
    if state is None:
        return ""
    parts = [] if state.qualifier == "exactly" else [state.qualifier]
    parts.append(number(state.value))
    if state.unit:
        parts.append(state.unit)
    text = " ".join(parts)
    return f"{text} (as of {state.as_of})" if state.as_of else text


def headline(change: Change) -> str:
    """One sentence saying what changed."""
    before, after = change.before, change.after
    if change.kind in ("renamed", "reworded") and isinstance(before, EntityState):
        verb = "renamed" if change.kind == "renamed" else "worded as"
        if change.match is not None and change.match.detail.startswith("lineage (succeeded)"):
            verb = "succeeded by"  # a successor body (data/lineage.yaml), not the same one renamed
        return f"{entity(before)} {verb} {entity(after if isinstance(after, EntityState) else None)}"
    if change.kind == "moved" and isinstance(before, EntityState) and isinstance(after, EntityState):
        return f"{entity(after)} moved from {before.parent_name} to {after.parent_name}"
    if change.kind == "merged":
        return f"{entities(before)} merged into {entities(after)}"
    if change.kind == "split":
        return f"{entities(before)} split into {entities(after)}"
    if change.kind == "kind_changed" and isinstance(before, EntityState) and isinstance(after, EntityState):
        return f"{entity(after)}: {before.kind} → {after.kind}"
    if change.kind == "added" and isinstance(after, EntityState):
        where = f", under {after.parent_name}" if after.parent_name else ""
        return f"{entity(after)} ({after.kind}{where}) is first mentioned"
    if change.kind == "removed" and isinstance(before, EntityState):
        return f"{entity(before)} ({before.kind}) is not mentioned in the later document"
    if change.kind.startswith("oversight"):
        state = before if isinstance(before, RelationState) else after
        assert isinstance(state, RelationState)
        tail = "first stated" if change.kind == "oversight_added" else "no longer stated"
        return f"{state.superior_name} oversees {state.subordinate_name}: {tail}"
    if change.kind.startswith("claim"):
        old = before if isinstance(before, ClaimState) else None
        new = after if isinstance(after, ClaimState) else None
        state = new or old
        assert state is not None
        if old and new:
            return f"{state.subject_name}, {state.attribute}: {figure(old)} → {figure(new)}"
        tail = "first stated" if new else "no longer stated"
        return f"{state.subject_name}, {state.attribute}: {figure(state)} ({tail})"
    if change.kind.startswith("finding"):
        found = before if isinstance(before, FindingState) else after
        assert isinstance(found, FindingState)
        return f"{found.kind}{' on ' + found.subject_name if found.subject_name else ''}: {found.message}"
    return f"{change.kind}: {change.subject_name}"


def headline_text(item: Headline) -> str:
    """One sentence for a headline, saying how much of the structure it touches."""
    if item.kind == "branch_not_mentioned":
        return f"{item.name}: {item.weight:,} of the {item.total:,} entities below it are not mentioned in the later document"
    if item.kind == "branch_first_mentioned":
        return f"{item.name}: {item.weight:,} of the {item.total:,} entities below it are first mentioned"
    assert item.change is not None
    text = headline(item.change)
    below = item.weight - 1
    count = f"{below:,} entit{'y' if below == 1 else 'ies'}"
    if below and item.kind == "removed":
        return f"{text}, nor {'is' if below == 1 else 'are'} the {count} below it"
    if below and item.kind == "added":
        return f"{text}, with {count} below it"
    if below:
        return f"{text} ({count} below it)"
    return text


def truncation(changes: ChangeSet) -> str:
    """Which era's archived text breaks off and where, as a sentence; "" when both are complete."""
    parts = [
        f"the archived text of {era.id} ({source.id}) breaks off at “{source.breaks_off}”"
        for era in changes.incomplete
        for source in era.incomplete_sources
    ]
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def beyond_summary(changes: ChangeSet) -> str:
    """What the summary says of the absences an incomplete document explains."""
    count = len(changes.beyond_text)
    what = {
        ("entity", "entities"): sum(c.kind in ("added", "removed") for c in changes.beyond_text),
        ("figure", "figures"): sum(c.kind.startswith("claim") for c in changes.beyond_text),
        ("oversight relation", "oversight relations"): sum(c.kind.startswith("oversight") for c in changes.beyond_text),
        ("finding", "findings"): sum(c.kind.startswith("finding") for c in changes.beyond_text),
    }
    listed = ", ".join(f"{n} {names[n != 1]}" for names, n in what.items() if n)
    if not count:
        return "Nothing that one document states and the other does not lies beyond the archived text."
    return (
        f"{listed} that one document states and the other does not mention lie beyond the archived "
        "text: they are listed apart (“Beyond the archived text”), not counted as changes."
    )


BEYOND_WHAT: Final[dict[str, str]] = {
    "added": "entity",
    "removed": "entity",
    "claim_added": "figure",
    "claim_removed": "figure",
    "oversight_added": "oversight",
    "oversight_removed": "oversight",
    "finding_added": "finding",
    "finding_removed": "finding",
}
"""What an absence beyond the archived text is about, for the report's table."""


def stated(change: Change) -> str:
    """What one era states and the other's archived text does not reach, without calling it a
    change: `Intake Unit (unit, under Support Division)`, `Example Agency, field offices: 12`."""
    state = change.after if change.before is None else change.before
    if isinstance(state, EntityState):
        under = f", under {state.parent_name}" if state.parent_name else ""
        return f"{entity(state)} ({state.kind}{under})"
    if isinstance(state, ClaimState):
        return f"{state.subject_name}, {state.attribute}: {figure(state)}"
    if isinstance(state, RelationState):
        return f"{state.superior_name} oversees {state.subordinate_name}"
    if isinstance(state, FindingState):
        return f"{state.kind}{' on ' + state.subject_name if state.subject_name else ''}: {state.message}"
    return change.subject_name


def match_text(change: Change) -> str:
    """How the entity was matched across the two eras, with the confidence."""
    if change.match is None:
        return ""
    return f"{change.match.reason} ({change.match.detail}); confidence {change.match.confidence:.2f}"


def context(change: Change, changes: ChangeSet) -> str:
    """What else a reader must know to weigh the change: a possible rename, how much of the
    entity's branch the other document mentions, a note."""
    parts = [change.note] if change.note else []
    if change.kind == "removed" and isinstance(change.before, EntityState):
        row = branch_row(changes.coverage_before, change.before.id)
        if row is not None:
            parts.append(
                f"{changes.after.id} mentions {row.mentioned} of the {row.total} entities of "
                f"{changes.before.id}'s branch {row.name}"
            )
    if change.possible_rename is not None:
        near = change.possible_rename
        if change.kind == "removed":
            other = changes.after.node(near.after).name
            parts.append(f"possibly renamed {other} (name similarity {near.score:.2f}, too weak to match)")
        else:
            other = changes.before.node(near.before).name
            parts.append(f"possibly the renamed {other} (name similarity {near.score:.2f}, too weak to match)")
    return "; ".join(parts)


def quotes_of(change: Change, era: str) -> list[Quote]:
    """The change's quotes from one era ("lineage" for lineage links)."""
    return [q for q in change.citations if q.era == era]


def percent(share: float) -> str:
    """A share as a whole percentage."""
    return f"{round(share * 100)}%"


def cell_name(node: object) -> str:
    """A grid cell: the node's name (with acronym), or an empty string where the era is silent."""
    name = getattr(node, "name", None)
    if name is None:
        return ""
    acronym = getattr(node, "acronym", None)
    if acronym and acronym != name and f"({acronym})" not in str(name):
        return f"{name} ({acronym})"
    return str(name)
