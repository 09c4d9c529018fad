"""orgchart.diff: each change kind on small hand-made eras, ids scrambled, and the bundled eras."""

from __future__ import annotations

import hashlib

import pytest

import orgchart
from orgchart import ChangeSet, OrgChart
from orgchart.changes.diff import ClaimState, EntityState
from tests.conftest import DatasetMaker
from tests.eras import BASE_CLAIMS, BASE_EDGES, BASE_NODES, make_pair, replace_edges, replace_node


def run(ds: orgchart.Dataset) -> ChangeSet:
    return orgchart.diff(ds.era("era-a"), ds.era("era-b"), lineage=ds.lineage)


def kinds(changes: ChangeSet) -> list[tuple[str, str]]:
    return [(c.kind, c.id) for c in changes]


def test_unchanged_era_is_empty(make_dataset: DatasetMaker) -> None:
    changes = run(make_pair(make_dataset, BASE_NODES, BASE_EDGES))
    assert not changes
    assert len(changes) == 0
    assert changes.counts() == {}
    assert changes.coverage_before.share == 1.0


@pytest.mark.parametrize("era", [era.id for era in orgchart.load().eras])
def test_every_bundled_era_against_itself_is_empty(era: str) -> None:
    ds = orgchart.load()
    assert list(orgchart.diff(ds.era(era), ds.era(era), lineage=ds.lineage)) == []


def test_rename_of_a_parent_is_one_rename_not_moves(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "field", ("field", "Frontline Division", "division"))
    changes = run(make_pair(make_dataset, nodes, BASE_EDGES))
    assert kinds(changes) == [("renamed", "field")]
    (rename,) = changes
    assert isinstance(rename.before, EntityState) and isinstance(rename.after, EntityState)
    assert (rename.before.name, rename.after.name) == ("Field Division", "Frontline Division")
    assert rename.match is not None and rename.match.reason == "id"
    assert {(q.era, q.quote) for q in rename.citations} == {
        ("era-a", "Field Division"),
        ("era-b", "Frontline Division"),
    }


def test_acronym_change_is_a_rename(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "ops", ("ops", "Operations Directorate", "directorate", "OD"))
    changes = run(make_pair(make_dataset, nodes, BASE_EDGES))
    assert kinds(changes) == [("renamed", "ops")]


def test_name_written_differently_is_not_a_rename(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "field", ("field", "Field", "division", None, ["Field Division"]))
    nodes = replace_node(nodes, "ea", ("ea", "EA", "agency", "EA"))
    nodes = replace_node(nodes, "support", ("support", "the support division", "division"))
    assert not run(make_pair(make_dataset, nodes, BASE_EDGES))


def test_moved_subtree_is_one_move_of_its_root(make_dataset: DatasetMaker) -> None:
    edges = replace_edges(BASE_EDGES, drop=[("parent", "ops", "support")], add=[("parent", "ea", "support")])
    changes = run(make_pair(make_dataset, BASE_NODES, edges))
    assert kinds(changes) == [("moved", "support")]
    (move,) = changes
    assert isinstance(move.before, EntityState) and isinstance(move.after, EntityState)
    assert (move.before.parent, move.after.parent) == ("ops", "ea")
    assert {q.era for q in move.citations} == {"era-a", "era-b"}


def test_kind_changed(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "training", ("training", "Training Unit", "division"))
    assert kinds(run(make_pair(make_dataset, nodes, BASE_EDGES))) == [("kind_changed", "training")]


def test_added_and_not_mentioned(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "patrol", ("canine", "Canine Team", "team"))
    edges = replace_edges(BASE_EDGES, drop=[("parent", "field", "patrol")], add=[("parent", "field", "canine")])
    changes = run(make_pair(make_dataset, nodes, edges))
    assert kinds(changes) == [("added", "canine"), ("removed", "patrol")]
    added, removed = changes
    assert added.evidence == "not_mentioned_earlier" and added.before is None
    assert removed.evidence == "not_mentioned" and removed.after is None
    assert [q.era for q in removed.citations] == ["era-a"]


def test_structural_merge(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "support", None)
    edges = replace_edges(
        BASE_EDGES,
        drop=[("parent", "ops", "support"), ("parent", "support", "intake"), ("parent", "support", "records")],
        add=[("parent", "field", "intake"), ("parent", "field", "records")],
    )
    changes = run(make_pair(make_dataset, nodes, edges))
    assert kinds(changes) == [("merged", "field")]
    (merge,) = changes
    assert isinstance(merge.before, tuple)
    assert [s.id for s in merge.before] == ["field", "support"]
    assert merge.related == ("intake", "patrol", "records")


def test_structural_split(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "support", ("intake-division", "Intake Division", "division"))
    edges = replace_edges(
        BASE_EDGES,
        drop=[("parent", "ops", "support"), ("parent", "support", "intake"), ("parent", "support", "records")],
        add=[
            ("parent", "ops", "intake-division"),
            ("parent", "intake-division", "intake"),
            ("parent", "field", "records"),
        ],
    )
    changes = run(make_pair(make_dataset, nodes, edges))
    assert kinds(changes) == [("split", "support")]
    (split,) = changes
    assert isinstance(split.after, tuple)
    assert [s.id for s in split.after] == ["field", "intake-division"]


def test_lineage_rename_merge_and_split(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "ops", ("bureau", "Bureau of Enforcement", "directorate", "BOE"))
    edges = [
        (kind, "bureau" if sup == "ops" else sup, "bureau" if sub == "ops" else sub) for kind, sup, sub in BASE_EDGES
    ]
    lineage = """\
lineage:
  - kind: renamed
    before: [ops]
    after: [bureau]
    reason: The directorate was renamed.
    citations:
      - source: doc-one
        quote: Bureau of Enforcement
"""
    changes = run(make_pair(make_dataset, nodes, edges, lineage=lineage))
    assert kinds(changes) == [("renamed", "bureau")]
    (rename,) = changes
    assert rename.match is not None and rename.match.reason == "lineage"
    assert rename.evidence == "lineage"
    assert "lineage" in {q.era for q in rename.citations}


def test_lineage_merge(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(
        replace_node(BASE_NODES, "field", None), "support", ("services", "Services Division", "division")
    )
    edges = [
        ("parent", "ea", "ops"),
        ("parent", "ops", "services"),
        ("parent", "services", "patrol"),
        ("parent", "services", "intake"),
        ("parent", "services", "records"),
        ("parent", "ops", "training"),
    ]
    lineage = """\
lineage:
  - kind: merged
    before: [field, support]
    after: [services]
    reason: The two divisions were merged.
"""
    changes = run(make_pair(make_dataset, nodes, edges, lineage=lineage))
    assert ("merged", "services") in kinds(changes)
    assert not [c for c in changes if c.kind in ("added", "removed", "moved")]
    assert ("oversight_removed", "program") in kinds(changes)


def test_oversight_added_and_removed(make_dataset: DatasetMaker) -> None:
    edges = replace_edges(
        BASE_EDGES, drop=[("oversight", "field", "program")], add=[("oversight", "support", "program")]
    )
    changes = run(make_pair(make_dataset, BASE_NODES, edges))
    assert kinds(changes) == [("oversight_added", "program"), ("oversight_removed", "program")]


def test_claims_changed_added_removed(make_dataset: DatasetMaker) -> None:
    claims = [("renamed-claim-id", "ea", "field offices", 14), ("ea-staff", "ea", "employees", 900)]
    before_claims = [*BASE_CLAIMS, ("ops-teams", "ops", "teams", 7)]
    changes = run(make_pair(make_dataset, BASE_NODES, BASE_EDGES, claims, before_claims=before_claims))
    assert kinds(changes) == [
        ("claim_changed", "renamed-claim-id"),
        ("claim_added", "ea-staff"),
        ("claim_removed", "ops-teams"),
    ]
    changed = changes.changes[0]
    assert isinstance(changed.before, ClaimState) and isinstance(changed.after, ClaimState)
    assert (changed.before.value, changed.after.value) == (12, 14)
    assert [q.quote for q in changed.citations] == ["12 field offices", "14 field offices"]


def test_findings_appear_and_go_away(make_dataset: DatasetMaker) -> None:
    finding = {"kind": "other", "subject": "field", "message": "Something a reader must know."}
    changes = run(make_pair(make_dataset, BASE_NODES, BASE_EDGES, before_findings=[finding]))
    assert kinds(changes) == [("finding_removed", "field")]
    changes = run(make_pair(make_dataset, BASE_NODES, BASE_EDGES, after_findings=[finding]))
    assert kinds(changes) == [("finding_added", "field")]


def test_descriptive_names_are_reworded_not_renamed(make_dataset: DatasetMaker) -> None:
    before = [*BASE_NODES, ("partners", "state or local police", "external body")]
    after = [*BASE_NODES, ("partners", "local and state police forces", "external body")]
    changes = run(make_pair(make_dataset, after, BASE_EDGES, before_nodes=before))
    assert kinds(changes) == [("reworded", "partners")]


def scramble(chart: OrgChart) -> tuple[OrgChart, dict[str, str]]:
    """The era with every node and claim id replaced, as data curated separately would be."""
    new = {n.id: "x" + hashlib.sha256(n.id.encode()).hexdigest()[:10] for n in chart.nodes}
    era = chart.era
    scrambled = era.model_copy(
        update={
            "nodes": tuple(n.model_copy(update={"id": new[n.id]}) for n in era.nodes),
            "edges": tuple(
                e.model_copy(update={"superior": new[e.superior], "subordinate": new[e.subordinate]}) for e in era.edges
            ),
            "claims": tuple(
                c.model_copy(update={"id": "c" + new[c.subject] + c.id[-6:], "subject": new[c.subject]})
                for c in era.claims
            ),
            "findings": (),
        }
    )
    findings = tuple(f.model_copy(update={"subject": new.get(f.subject or "")}) for f in chart.findings)
    return OrgChart(scrambled, chart.sources, findings), new


STRUCTURAL = ("renamed", "moved", "merged", "split", "kind_changed")


def structural(changes: ChangeSet, back: dict[str, str]) -> list[tuple[str, str, object, object]]:
    out = []
    for change in changes:
        if change.kind not in STRUCTURAL:
            continue
        before, after = change.before, change.after
        assert isinstance(after, EntityState) and isinstance(before, EntityState)
        out.append(
            (change.kind, back.get(change.id, change.id), back.get(after.parent or "", after.parent), before.parent)
        )
    return sorted(out, key=repr)


def test_scrambled_ids_find_the_same_renames_and_moves(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "field", ("field", "Field Operations Division", "division"))
    nodes = replace_node(nodes, "ops", ("ops", "Operations Directorate", "directorate", "OD"))
    edges = replace_edges(BASE_EDGES, drop=[("parent", "ops", "support")], add=[("parent", "ea", "support")])
    ds = make_pair(make_dataset, nodes, edges)
    plain = run(ds)
    scrambled, new = scramble(ds.era("era-b"))
    back = {v: k for k, v in new.items()}
    again = orgchart.diff(ds.era("era-a"), scrambled)
    assert structural(plain, {}) == structural(again, back)
    assert {c.kind for c in plain} == {"renamed", "moved"}
    assert all(m.reason != "id" for m in again.matching)


def scrambled_lineage(ds: orgchart.Dataset, new: dict[str, str]) -> tuple[orgchart.LineageLink, ...]:
    return tuple(link.model_copy(update={"after": tuple(new.get(i, i) for i in link.after)}) for link in ds.lineage)


def test_scrambled_ids_on_the_bundled_excerpt_and_2023_page() -> None:
    ds = orgchart.load()
    before, after = ds.era("ero-excerpt"), ds.era("ero-2023")
    plain = orgchart.diff(before, after, lineage=ds.lineage)
    scrambled, new = scramble(after)
    back = {v: k for k, v in new.items()}
    again = orgchart.diff(before, scrambled, lineage=scrambled_lineage(ds, new))
    assert structural(plain, {}) == structural(again, back)
    assert ("renamed", "cad") in [(c.kind, back.get(c.id, c.id)) for c in again]
    assert [(c.before.value, c.after.value) for c in again.by_kind("claim_changed")] == [  # type: ignore[union-attr]
        (c.before.value, c.after.value)  # type: ignore[union-attr]
        for c in plain.by_kind("claim_changed")
    ]


def test_scrambled_ids_on_every_bundled_pair_keep_changes_the_names_support() -> None:
    """Without ids, an entity is recognised by its acronym, names or lineage; every rename and
    move of such an entity is found again."""
    ds = orgchart.load()
    for i, before in enumerate(ds.eras):
        for after in ds.eras[i + 1 :]:
            plain = orgchart.diff(before, after, lineage=ds.lineage)
            scrambled, new = scramble(after)
            back = {v: k for k, v in new.items()}
            again = structural(orgchart.diff(before, scrambled, lineage=scrambled_lineage(ds, new)), back)
            for change in plain:
                if change.kind not in STRUCTURAL or change.match is None:
                    continue
                a, b = before.node(change.match.before), after.node(change.match.after)
                named_alike = bool(a.acronym and a.acronym == b.acronym) or change.match.reason == "lineage"
                if named_alike:
                    wanted = structural(ChangeSetLike((change,)), {})[0]  # type: ignore[arg-type]
                    assert wanted in again, (before.id, after.id, wanted)


class ChangeSetLike(tuple):  # type: ignore[type-arg]
    """A bare sequence of changes, enough for `structural`."""


def test_bundled_excerpt_to_2023_names_the_real_changes() -> None:
    ds = orgchart.load()
    changes = orgchart.diff(ds.era("ero-excerpt"), ds.era("ero-2023"), lineage=ds.lineage)
    renamed = {c.id: c for c in changes.by_kind("renamed")}
    assert {"cad", "cap"} <= set(renamed)
    assert renamed["cad"].after.name == "Criminal Apprehension Division"  # type: ignore[union-attr]
    # the same names written another way are no renames
    assert not {"custody-management-division", "enforcement-division", "targeting-operations-division", "ero"} & set(
        renamed
    )
    moves = {c.id: c for c in changes.by_kind("moved")}
    assert moves["alternatives-to-detention"].after.parent == "non-detained-management-division"  # type: ignore[union-attr]
    figures = {c.id: c for c in changes.by_kind("claim_changed")}
    field_offices = figures["ero-field-office-count"]
    assert (field_offices.before.value, field_offices.after.value) == (24, 25)  # type: ignore[union-attr]


def test_no_removal_claims_abolition() -> None:
    ds = orgchart.load()
    for before, after in zip(ds.eras, ds.eras[1:], strict=False):
        for change in orgchart.diff(before, after, lineage=ds.lineage).by_kind("removed"):
            assert change.evidence == "not_mentioned"


def test_bundled_dro_to_2020_claims_no_merge_from_silence() -> None:
    """The 2020 slides do not mention HHS's Bureau of Primary Health Care: that its one matched
    child (DIHS, succeeded by IHSC) now sits under ERO is a move, not a merge into ERO."""
    ds = orgchart.load()
    changes = orgchart.diff(ds.era("dro-2008"), ds.era("ero-2020"), lineage=ds.lineage)
    assert not changes.by_kind("merged")
    moves = {c.id: c for c in changes.by_kind("moved")}
    assert moves["ihsc"].before.parent == "bureau-of-primary-health-care"  # type: ignore[union-attr]
    renamed = {c.id for c in changes.by_kind("renamed")}
    assert {"ero", "ihsc"} <= renamed


def test_country_prefix_is_not_a_rename() -> None:
    ds = orgchart.load()
    changes = orgchart.diff(ds.era("dro-2008"), ds.era("ero-2023"), lineage=ds.lineage)
    assert "ice" not in {c.id for c in changes.by_kind("renamed")}
