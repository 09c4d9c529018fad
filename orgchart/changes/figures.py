"""Stated figures (claims) and findings that change, appear or go away between two eras.

A figure is matched by claim id, else by its (matched) subject and attribute, so "25 field
offices" of DRO and "25 field offices" of ERO are one figure; a changed value, qualifier or unit
is `claim_changed`. A finding is matched by kind and (matched) subject, or by its message when it
has no subject.
"""

from __future__ import annotations

from orgchart.changes.changeset import Change, ClaimState, FindingState, depth_of, matched_id, quotes_of
from orgchart.changes.match import Matching
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


def _finding_key(subject: str | None, finding: Finding) -> tuple[str, str]:
    return (finding.kind, subject or f"message:{finding.message}")


NOT_COMPARED: frozenset[str] = frozenset({"uncited"})
"""Finding kinds that are about the record, not the organization: an `uncited` finding says a
fact cites no document yet (every fact of an imported era, through its placeholder source), so
its appearing or going away between eras is no change to report."""


def finding_changes(matching: Matching) -> list[Change]:
    """Findings that appear or go away, matched by kind and (matched) subject; findings about the
    record (NOT_COMPARED) are left out."""
    era_a, era_b = matching.before, matching.after
    left = [
        (_finding_key(matched_id(matching, f.subject) or (f"old:{f.subject}" if f.subject else None), f), f)
        for f in era_a.findings
        if f.kind not in NOT_COMPARED
    ]
    right = [(_finding_key(f.subject, f), f) for f in era_b.findings if f.kind not in NOT_COMPARED]
    for item in list(left):
        same = [r for r in right if r[0] == item[0]]
        if same:
            left.remove(item)
            right.remove(same[0])
    changes: list[Change] = []
    for _, finding in right:
        changes.append(
            Change(
                "finding_added",
                finding.subject or finding.kind,
                None,
                finding_state(era_b, finding),
                citations=quotes_of(era_b.id, finding.citations),
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
            )
        )
    return changes
