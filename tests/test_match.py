"""orgchart.changes.match: which entity is which across eras, and why."""

from __future__ import annotations

import orgchart
from orgchart.changes.match import core_name, match_entities, normal_acronym, normal_name
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
    assert reasons["patrol"] == ("new-patrol", "alias")
    assert reasons["field"] == ("new-field", "name")
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
