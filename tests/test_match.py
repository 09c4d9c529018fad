"""orgchart.changes.match: which entity is which across eras, and why."""

from __future__ import annotations

import json

import rdflib

import orgchart
from orgchart.changes.match import core_name, is_bare_title, match_entities, normal_acronym, normal_name
from orgchart.report import render_diff
from orgchart.site.data import changes_payload
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_node


def rename_ids(nodes: list, edges: list, prefix: str = "new-") -> tuple[list, list]:  # type: ignore[type-arg]
    return (
        [(prefix + spec[0], *spec[1:]) for spec in nodes],
        [(kind, prefix + sup, prefix + sub) for kind, sup, sub in edges],
    )


def test_folding() -> None:
    assert normal_name("The ERO\u2019s  Field\nOffices") == "ero's field offices"
    assert core_name("Custody Management Division") == core_name("Custody Management")
    assert normal_acronym("FOTs") == normal_acronym("FOT")
    assert normal_acronym("CAD") != normal_acronym("CAP")


def test_same_id_wins(make_dataset: DatasetMaker) -> None:
    ds = make_pair(make_dataset, BASE_NODES, BASE_EDGES)
    matching = match_entities(ds.era("era-a"), ds.era("era-b"))
    assert {(m.before, m.after, m.reason, m.confidence) for m in matching} == {
        (n[0], n[0], "id", 1.0) for n in BASE_NODES
    }


def test_acronym_alias_and_similar_name_when_ids_differ(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "field", ("field", "Field Operations Division", "division"))
    nodes = replace_node(nodes, "support", ("support", "Support", "division", None, ["Support Division"]))
    new_nodes, new_edges = rename_ids(nodes, BASE_EDGES)
    ds = make_pair(make_dataset, new_nodes, new_edges, [("offices", "new-ea", "field offices", 12)])
    matching = match_entities(ds.era("era-a"), ds.era("era-b"))
    reasons = {m.before: (m.after, m.reason) for m in matching}
    assert reasons["ea"] == ("new-ea", "acronym")
    assert reasons["support"] == ("new-support", "alias")
    assert reasons["patrol"] == ("new-patrol", "name")
    assert reasons["field"] == ("new-field", "similar_name")
    field = matching.forward("field")
    assert field is not None and "same parent" in field.detail and field.confidence >= 0.75


def test_similar_name_without_structure_is_not_matched(make_dataset: DatasetMaker) -> None:
    before = [*BASE_NODES, ("east", "Removal Management Division East", "division")]
    after = [*BASE_NODES, ("west", "Removal Management Division West", "division")]
    edges = [*BASE_EDGES, ("parent", "ops", "east")]
    ds = make_pair(
        make_dataset, after, [*BASE_EDGES, ("parent", "ops", "west")], before_nodes=before, before_edges=edges
    )
    matching = match_entities(ds.era("era-a"), ds.era("era-b"))
    assert matching.forward("east") is None
    changes = orgchart.diff(ds.era("era-a"), ds.era("era-b"))
    removed = changes.by_kind("removed")[0]
    assert removed.possible_rename is not None and removed.possible_rename.after == "west"


def test_a_shared_alias_with_two_candidates_is_ambiguous(make_dataset: DatasetMaker) -> None:
    before = [*BASE_NODES, ("hq", "Headquarters", "office")]
    after = [
        *BASE_NODES,
        ("hq-1", "Headquarters East", "office", None, ["Headquarters"]),
        ("hq-2", "Headquarters West", "office", None, ["Headquarters"]),
    ]
    ds = make_pair(make_dataset, after, BASE_EDGES, before_nodes=before)
    assert match_entities(ds.era("era-a"), ds.era("era-b")).forward("hq") is None


def test_lineage_matches_a_successor(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "ops", ("bureau", "Bureau of Enforcement", "directorate"))
    edges = [(k, "bureau" if a == "ops" else a, "bureau" if b == "ops" else b) for k, a, b in BASE_EDGES]
    lineage = "lineage:\n  - kind: succeeded\n    before: [ops]\n    after: [bureau]\n    reason: It took over.\n"
    ds = make_pair(make_dataset, nodes, edges, lineage=lineage)
    match = match_entities(ds.era("era-a"), ds.era("era-b"), ds.lineage).forward("ops")
    assert match is not None and (match.after, match.reason) == ("bureau", "lineage")
    assert "It took over." in match.detail


def test_bundled_dro_is_matched_to_ero_by_lineage() -> None:
    ds = orgchart.load()
    match = match_entities(ds.era("dro-2008"), ds.era("ero-2020"), ds.lineage).forward("dro")
    assert match is not None and (match.after, match.reason) == ("ero", "lineage")


def test_is_bare_title() -> None:
    assert is_bare_title("DIRECTOR") and is_bare_title("Office of the Director")
    assert is_bare_title("Immediate Office of the Deputy Administrator")
    assert not is_bare_title("Office of the Chief Financial Officer") and not is_bare_title("Patrol Unit")


def test_a_bare_title_does_not_match_across_branches(make_dataset: DatasetMaker) -> None:
    """ "DIRECTOR" under Field in one era and "DIRECTOR" under Support in the next, with nothing
    structural in common, are a removal and an addition: never a move."""
    before = [*BASE_NODES, ("field-director", "DIRECTOR", "office")]
    after = [*BASE_NODES, ("support-director", "DIRECTOR", "office")]
    ds = make_pair(
        make_dataset,
        after,
        [*BASE_EDGES, ("parent", "support", "support-director")],
        before_nodes=before,
        before_edges=[*BASE_EDGES, ("parent", "field", "field-director")],
    )
    assert match_entities(ds.era("era-a"), ds.era("era-b")).forward("field-director") is None
    changes = orgchart.diff(ds.era("era-a"), ds.era("era-b"))
    assert changes.counts() == {"added": 1, "removed": 1}
    assert changes.by_kind("removed")[0].possible_rename is None


def test_a_repeated_name_matches_only_with_its_parent(make_dataset: DatasetMaker) -> None:
    """ "Budget Staff" under Field and under Support: each matches the one under the same
    (matched) parent, and the reason says it was the name, with the structure it needed."""
    before = [*BASE_NODES, ("b1", "Budget Staff", "office"), ("b2", "Budget Staff", "office")]
    after = [*BASE_NODES, ("new-b2", "Budget Staff", "office"), ("new-b1", "Budget Staff", "office")]
    before_edges = [*BASE_EDGES, ("parent", "field", "b1"), ("parent", "support", "b2")]
    after_edges = [*BASE_EDGES, ("parent", "field", "new-b1"), ("parent", "support", "new-b2")]
    ds = make_pair(make_dataset, after, after_edges, before_nodes=before, before_edges=before_edges)
    matching = match_entities(ds.era("era-a"), ds.era("era-b"))
    first, second = matching.forward("b1"), matching.forward("b2")
    assert first is not None and second is not None
    assert (first.after, first.reason, second.after, second.reason) == ("new-b1", "name", "new-b2", "name")
    assert "a generic name: same parent (Field Division)" in first.detail
    assert orgchart.diff(ds.era("era-a"), ds.era("era-b")).counts() == {}


def test_a_name_repeated_in_one_era_does_not_move(make_dataset: DatasetMaker) -> None:
    """Once in the earlier era (under Field), twice in the later (under Support and Training):
    the name alone does not say which, so nothing moves."""
    before = [*BASE_NODES, ("budget", "Budget Staff", "office")]
    after = [*BASE_NODES, ("budget-s", "Budget Staff", "office"), ("budget-t", "Budget Staff", "office")]
    ds = make_pair(
        make_dataset,
        after,
        [*BASE_EDGES, ("parent", "support", "budget-s"), ("parent", "training", "budget-t")],
        before_nodes=before,
        before_edges=[*BASE_EDGES, ("parent", "field", "budget")],
    )
    changes = orgchart.diff(ds.era("era-a"), ds.era("era-b"))
    assert changes.counts() == {"added": 2, "removed": 1}


def test_a_unique_name_matches_on_the_name_and_says_so(make_dataset: DatasetMaker) -> None:
    """A distinctive name found once in each era needs no structure: it moves, matched by name;
    the JSON report, RDF and the page say so."""
    before = [*BASE_NODES, ("lab", "Forensic Laboratory", "office")]
    after = [*BASE_NODES, ("new-lab", "Forensic Laboratory", "office")]
    ds = make_pair(
        make_dataset,
        after,
        [*BASE_EDGES, ("parent", "support", "new-lab")],
        before_nodes=before,
        before_edges=[*BASE_EDGES, ("parent", "field", "lab")],
    )
    changes = orgchart.diff(ds.era("era-a"), ds.era("era-b"))
    moved = changes.by_kind("moved")
    assert [c.id for c in moved] == ["new-lab"] and moved[0].match is not None
    assert moved[0].match.reason == "name"
    report = json.loads(render_diff(changes, "json"))
    assert [c["match"]["reason"] for c in report["changes"] if c["kind"] == "moved"] == ["name"]
    graph = rdflib.Graph().parse(data=orgchart.to_turtle(ds), format="turtle")
    assert {str(o) for _, p, o in graph if str(p).endswith("#matchedBy")} == {"name"}
    note = changes_payload(changes)["notes"]["new-lab"][0]
    assert note["matched_by"] == "name" and "Matched by name: same name 'forensic laboratory'" in note["text"]
