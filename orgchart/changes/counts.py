"""Stated counts one era cannot reconcile and another era lists: "six Headquarters divisions"
with three listed in the 2020 slides, and an older page that names all six.

A `count_mismatch` finding is a fact about one document; the reader of a change report also
needs to know where the missing members are written down, so the report connects the two.
"""

from __future__ import annotations

from orgchart.changes.match import Matching
from orgchart.dataset.model import Claim, Finding
from orgchart.graph import OrgChart


def _listed(chart: OrgChart, subject: str, kind: str) -> list[str]:
    """The names of the entities of `kind` that `chart` places under `subject` (any parent edge)."""
    ids = [e.subordinate for e in chart.edges if e.kind == "parent" and e.superior == subject]
    return [chart.node(i).name for i in dict.fromkeys(ids) if chart.node(i).kind == kind]


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def listed_elsewhere(matching: Matching, finding: Finding, *, in_later: bool) -> str:
    """For a `count_mismatch` of one era, what the other era of `matching` lists under the same
    (matched) subject when it lists more of the counted kind, but no more than were stated:
    "ero-c2018 lists the 6: ...". Empty otherwise."""
    if finding.kind != "count_mismatch" or finding.subject is None:
        return ""
    here, there = (matching.after, matching.before) if in_later else (matching.before, matching.after)
    found = matching.backward(finding.subject) if in_later else matching.forward(finding.subject)
    if found is None:
        return ""
    other_subject = found.before if in_later else found.after
    notes = []
    for claim in _counting_claims(here, finding.subject):
        assert claim.counts is not None
        mine = len(_listed(here, finding.subject, claim.counts))
        theirs = _listed(there, other_subject, claim.counts)
        if not mine < len(theirs) <= claim.value:
            continue  # lists no more, or more than stated: a different listing, not the missing members
        stated = _number(claim.value)
        what = f"the {stated}" if len(theirs) == claim.value else f"{len(theirs)} of the {stated}"
        notes.append(f"{there.id} lists {what}: {', '.join(theirs)}")
    return "; ".join(notes)


def _counting_claims(chart: OrgChart, subject: str) -> list[Claim]:
    """The claims of `chart` that count children of `subject` and that its listing falls short of."""
    return [
        claim
        for claim in chart.claims
        if claim.subject == subject
        and claim.counts is not None
        and claim.qualifier == "exactly"
        and len(_listed(chart, subject, claim.counts)) != claim.value
    ]
