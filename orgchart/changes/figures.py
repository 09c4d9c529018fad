"""Stated figures (claims) and findings that change, appear or go away between two eras.

A figure is matched by claim id, else by its (matched) subject and attribute, so "25 field
offices" of DRO and "25 field offices" of ERO are one figure; a changed value, qualifier or unit
is `claim_changed`. A finding is matched on what it says: kind, (matched) subject, and a quote in
common or the same message.
"""

from __future__ import annotations

from orgchart.changes.changeset import Change, ClaimState, FindingState, depth_of, matched_id, quotes_of
from orgchart.changes.counts import listed_elsewhere
from orgchart.changes.match import Matching
from orgchart.dataset.citations import fold_white_space
from orgchart.dataset.model import Claim, Finding
from orgchart.graph import OrgChart


def claim_state(chart: OrgChart, claim: Claim) -> ClaimState:
    """The figure as `chart` states it, with its subject's name."""
    return ClaimState(
        claim.id,
        claim.subject,
        chart.node(claim.subject).name,
        claim.attribute,
        claim.value,
        claim.unit,
        claim.qualifier,
        claim.as_of,
    )


def finding_state(chart: OrgChart, finding: Finding) -> FindingState:
    """The finding as `chart` reports it, with its subject's name where it has one."""
    name = chart.node(finding.subject).name if finding.subject and finding.subject in chart else None
    return FindingState(finding.kind, finding.subject, name, finding.message)


def claim_changes(matching: Matching) -> list[Change]:
    """Figures changed (in matching order), added (later era's order), removed (earlier era's)."""
    era_a, era_b = matching.before, matching.after
    pairs: list[tuple[Claim, Claim]] = []
    left = list(era_a.claims)
    right = list(era_b.claims)
    for claim in list(left):
        same = [c for c in right if c.id == claim.id]
        if same:
            pairs.append((claim, same[0]))
            left.remove(claim)
            right.remove(same[0])
    for claim in list(left):
        subject = matched_id(matching, claim.subject)
        same = [c for c in right if c.subject == subject and c.attribute.casefold() == claim.attribute.casefold()]
        if subject and same:
            pairs.append((claim, same[0]))
            left.remove(claim)
            right.remove(same[0])
    changes: list[Change] = []
    for old, new in pairs:
        if (old.value, old.qualifier, old.unit) != (new.value, new.qualifier, new.unit):
            changes.append(
                Change(
                    "claim_changed",
                    new.id,
                    claim_state(era_a, old),
                    claim_state(era_b, new),
                    citations=quotes_of(era_a.id, old.citations) + quotes_of(era_b.id, new.citations),
                    depth=depth_of(era_b, new.subject),
                )
            )
    for claim in right:
        changes.append(
            Change(
                "claim_added",
                claim.id,
                None,
                claim_state(era_b, claim),
                citations=quotes_of(era_b.id, claim.citations),
                evidence="not_mentioned_earlier",
                depth=depth_of(era_b, claim.subject),
            )
        )
    for claim in left:
        changes.append(
            Change(
                "claim_removed",
                claim.id,
                claim_state(era_a, claim),
                None,
                citations=quotes_of(era_a.id, claim.citations),
                evidence="not_mentioned",
                depth=depth_of(era_a, claim.subject),
            )
        )
    return changes


def _same_finding(before: Finding, before_subject: str | None, after: Finding) -> bool:
    """Whether two findings say the same thing: the same kind about the same (matched) subject,
    and a quote in common or the same message. Kind and subject alone are not enough: two
    unrelated findings of one kind about ERO must not cancel each other out."""
    if before.kind != after.kind or before_subject != after.subject:
        return False
    if fold_white_space(before.message) == fold_white_space(after.message):
        return True
    quotes = {fold_white_space(c.quote) for c in before.citations}
    return any(fold_white_space(c.quote) in quotes for c in after.citations)


NOT_COMPARED: frozenset[str] = frozenset({"uncited"})
"""Finding kinds that are about the record, not the organization: an `uncited` finding says a
fact cites no document yet (every fact of an imported era, through its placeholder source), so
its appearing or going away between eras is no change to report."""


def finding_changes(matching: Matching) -> list[Change]:
    """Findings that appear or go away, matched on what they say (see `_same_finding`); a
    count that one era cannot reconcile and the other lists in full is connected to it.
    Findings about the record (NOT_COMPARED) are left out."""
    era_a, era_b = matching.before, matching.after
    left = [
        (matched_id(matching, f.subject) or (f"old:{f.subject}" if f.subject else None), f)
        for f in era_a.findings
        if f.kind not in NOT_COMPARED
    ]
    right = [f for f in era_b.findings if f.kind not in NOT_COMPARED]
    for item in list(left):
        same = [f for f in right if _same_finding(item[1], item[0], f)]
        if same:
            left.remove(item)
            right.remove(same[0])
    changes: list[Change] = []
    for finding in right:
        changes.append(
            Change(
                "finding_added",
                finding.subject or finding.kind,
                None,
                finding_state(era_b, finding),
                citations=quotes_of(era_b.id, finding.citations),
                note=listed_elsewhere(matching, finding, in_later=True),
            )
        )
    for _, finding in left:
        changes.append(
            Change(
                "finding_removed",
                finding.subject or finding.kind,
                finding_state(era_a, finding),
                None,
                citations=quotes_of(era_a.id, finding.citations),
                note=listed_elsewhere(matching, finding, in_later=False),
            )
        )
    return changes
