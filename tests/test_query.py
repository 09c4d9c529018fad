"""Queries: facts a reader can check on the bundled data, exact behaviour on hand-made eras."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

import orgchart
from orgchart import query
from tests.conftest import DatasetMaker

# --- the bundled data: facts, not counts (curators are still adding nodes) -------------------


@pytest.fixture(scope="module")
def bundled() -> orgchart.Dataset:
    return orgchart.load()


def ids(nodes: tuple[orgchart.Node, ...]) -> list[str]:
    return [node.id for node in nodes]


def test_cad_oversees_cap_and_the_287g_program(bundled: orgchart.Dataset) -> None:
    era = bundled.era("ero-2023")
    assert {"cap", "program-287g"} <= set(ids(era.oversees("CAD")))
    assert "cad" in ids(era.overseen_by("Criminal Apprehension Program"))
    assert "cad" in ids(era.overseen_by("287(g) Program"))


def test_path_runs_from_ice_down_through_ero(bundled: orgchart.Dataset) -> None:
    era = bundled.era("ero-2023")
    chain = era.path("cad")
    assert ids(chain)[:2] == ["ice", "ero"] and chain[-1].id == "cad"
    assert "enforcement-division" in ids(chain)
    assert ids(era.path("ice")) == ["ice"]


def test_children_and_subtree_of_ero(bundled: orgchart.Dataset) -> None:
    era = bundled.era("ero-2023")
    divisions = {"custody-management-division", "enforcement-division", "removal-division", "ihsc"}
    assert divisions <= set(ids(era.children("ERO")))
    shallow = era.subtree("ERO", depth=1)
    assert shallow.node.id == "ero" and ids(tuple(b.node for b in shallow.children)) == ids(era.children("ero"))
    assert all(not branch.children for branch in shallow.children)
    assert any(branch.truncated for branch in shallow.children)  # divisions have sub-divisions
    full = era.subtree("ERO")
    assert "cad" in ids(full.nodes) and not any(b.truncated for _, b in full.walk())


def test_find_fugitive_programs(bundled: orgchart.Dataset) -> None:
    era = bundled.era("ero-2023")
    assert "nfop" in ids(era.find("fugitive", kind="program"))
    assert all(node.kind == "program" for node in era.find(kind="program"))
    assert "fugitive-operations-teams" in ids(era.find("FUGITIVE"))


def test_citations_of_a_node_and_of_an_edge(bundled: orgchart.Dataset) -> None:
    era = bundled.era("ero-2023")
    assert era.citations("CAD") == era.get("cad").citations
    quotes = [c.quote for c in era.citations("cad", "cap")]
    assert any("CAD oversees" in quote for quote in quotes)
    assert era.citations("cap", "cad") == era.citations("cad", "cap", kind="oversight")


# --- hand-made eras ---------------------------------------------------------------------------

SOURCE = """Главное агентство (ГА) включает Отдел 移民 and the Zürich Office.
The Zürich Office oversees the Patrol Unit and the Ops Desk.
The Night Desk, also called Ops, reports to the Zürich Office.
The old Records Office was renamed the Archive Office.
"""


def node(node_id: str, name: str, kind: str, quote: str, extra: str = "") -> str:
    return (
        f"  - id: {node_id}\n    name: '{name}'\n    kind: {kind}\n{extra}"
        f"    citations:\n      - source: doc-one\n        quote: '{quote}'\n"
    )


def edge(kind: str, superior: str, subordinate: str, quote: str) -> str:
    return (
        f"  - kind: {kind}\n    superior: {superior}\n    subordinate: {subordinate}\n"
        f"    citations:\n      - source: doc-one\n        quote: '{quote}'\n"
    )


FIRST = (
    "id: a-first\nlabel: First\nsources: [doc-one]\nnodes:\n"
    + node("agency", "Главное агентство", "agency", "Главное агентство (ГА)", "    acronym: ГА\n")
    + node("records", "Records Office", "office", "The old Records Office")
    + node("zurich", "Zürich Office", "office", "the Zürich Office")
    + "edges:\n"
    + edge("parent", "agency", "records", "The old Records Office")
    + edge("parent", "agency", "zurich", "Главное агентство (ГА) включает")
)
SECOND = (
    "id: b-second\nlabel: Second\nsources: [doc-one]\nnodes:\n"
    + node("agency", "Главное агентство", "agency", "Главное агентство (ГА)", "    acronym: ГА\n")
    + node("immigration", "Отдел 移民", "division", "Отдел 移民")
    + node("zurich", "Zürich Office", "office", "the Zürich Office")
    + node("patrol", "Patrol Unit", "unit", "the Patrol Unit")
    + node("ops-desk", "Ops Desk", "team", "the Ops Desk", "    aliases: [Ops]\n")
    + node("night-desk", "Night Desk", "team", "The Night Desk, also called Ops", "    aliases: [Ops]\n")
    + node("archive", "Archive Office", "office", "the Archive Office")
    + "edges:\n"
    + edge("parent", "agency", "immigration", "Главное агентство (ГА) включает Отдел 移民")
    + edge("parent", "agency", "zurich", "Главное агентство (ГА) включает")
    + edge("parent", "immigration", "archive", "the Archive Office")
    + edge("parent", "zurich", "patrol", "The Zürich Office oversees the Patrol Unit")
    + edge("oversight", "zurich", "patrol", "The Zürich Office oversees the Patrol Unit")
    + edge("oversight", "zurich", "ops-desk", "The Zürich Office oversees the Patrol Unit and the Ops Desk.")
    + edge("parent", "zurich", "night-desk", "reports to the Zürich Office")
)
LINEAGE = """\
lineage:
  - kind: renamed
    before: [records]
    after: [archive]
    reason: The document says the Records Office was renamed.
    citations:
      - source: doc-one
        quote: The old Records Office was renamed the Archive Office.
"""


@pytest.fixture
def handmade(make_dataset: DatasetMaker) -> Path:
    root = make_dataset(era_yaml={"a.yaml": FIRST, "b.yaml": SECOND}, source_text=SOURCE)
    (root / "lineage.yaml").write_text(LINEAGE, encoding="utf-8")
    return root


@pytest.fixture
def dataset(handmade: Path) -> orgchart.Dataset:
    return orgchart.load(handmade)


def test_root_node(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert ids(era.path("agency")) == ["agency"]
    assert era.parent("agency") is None
    assert era.overseen_by("agency") == ()
    assert ids(era.subtree("agency").nodes) == [
        "agency",
        "immigration",
        "archive",
        "zurich",
        "patrol",
        "night-desk",
    ]


def test_leaf_node(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert ids(era.path("patrol")) == ["agency", "zurich", "patrol"]
    assert era.children("patrol") == () and era.oversees("patrol") == ()
    leaf = era.subtree("patrol")
    assert leaf.children == () and not leaf.truncated and len(leaf) == 1
    assert ids(era.overseen_by("patrol")) == ["zurich"]


def test_subtree_depth_cuts_and_marks_truncation(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert era.subtree("agency", depth=0).truncated
    one = era.subtree("agency", depth=1)
    assert ids(tuple(b.node for b in one.children)) == ["immigration", "zurich"]
    assert [b.truncated for b in one.children] == [True, True]
    assert str(one) == "Главное агентство (agency)\n  Отдел 移民 (immigration) ...\n  Zürich Office (zurich) ..."
    assert repr(one) == "<Subtree 'agency': 3 nodes, 2 children, truncated>"
    with pytest.raises(ValueError):
        era.subtree("agency", depth=-1)


def test_oversees_keeps_file_order(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert ids(era.oversees("Zürich Office")) == ["patrol", "ops-desk"]


def test_absent_node_raises_not_found_with_suggestions(dataset: orgchart.Dataset) -> None:
    first = dataset.era("a-first")
    with pytest.raises(orgchart.NotFoundError) as caught:
        first.path("Patrol Unit")
    assert "a-first" in str(caught.value)
    with pytest.raises(orgchart.NotFoundError) as caught:
        dataset.era("b-second").oversees("Zurich Ofice")
    assert "Zürich Office" in caught.value.suggestions


def test_ambiguous_name_lists_the_matches(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    with pytest.raises(orgchart.AmbiguousError) as caught:
        era.path("ops")
    assert caught.value.matches == ("night-desk", "ops-desk")
    assert "night-desk, ops-desk" in str(caught.value)
    with pytest.raises(orgchart.AmbiguousError):
        dataset.timeline("Ops")


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("главное агентство", "agency"),
        ("га", "agency"),  # noqa: RUF001 (Cyrillic on purpose)
        ("ОТДЕЛ 移民", "immigration"),
        ("zu\u0308rich office", "zurich"),  # typed with a combining umlaut
    ],
)
def test_non_latin_names_resolve(dataset: orgchart.Dataset, ref: str, expected: str) -> None:
    assert dataset.era("b-second").get(ref).id == expected


def test_find_ignores_case_and_accents(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert ids(era.find("zurich")) == ["zurich"]
    assert ids(era.find("移民")) == ["immigration"]
    assert ids(era.find("desk", kind="team")) == ["ops-desk", "night-desk"]
    assert ids(era.find("desk", kind="office")) == []
    assert len(era.find()) == len(era)
    with pytest.raises(orgchart.NotFoundError) as caught:
        era.find(kind="teams")
    assert "team" in caught.value.suggestions


def test_relations_and_citations_of_an_edge(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    both = era.relations("zurich", "patrol")
    assert [edge.kind for edge in both] == ["parent", "oversight"]
    assert [c.quote for c in era.citations("patrol", "zurich")] == ["The Zürich Office oversees the Patrol Unit"]
    assert era.citations("zurich", "ops-desk", kind="oversight")[0].quote.endswith("the Ops Desk.")
    with pytest.raises(orgchart.NotFoundError) as caught:
        era.citations("agency", "patrol")
    assert "between 'agency' and 'patrol'" in str(caught.value)
    with pytest.raises(ValueError):
        era.citations("agency", kind="parent")
    with pytest.raises(orgchart.NotFoundError):
        era.relations("agency", kind="contains")


def test_results_are_json_ready_and_deterministic(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    tree = era.subtree("zurich").as_dict()
    assert [child["id"] for child in tree["children"]] == ["patrol", "night-desk"]
    line = dataset.timeline("archive").as_dict()
    assert line["entries"][0]["parent"] == {"id": "agency", "name": "Главное агентство"}
    text = json.dumps(line, sort_keys=True, ensure_ascii=False)
    assert text == json.dumps(dataset.timeline("archive").as_dict(), sort_keys=True, ensure_ascii=False)
    assert query.node_dict(era.get("agency"))["acronym"] == "ГА"


def test_results_are_frozen_and_reprs_are_short(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    with pytest.raises(dataclasses.FrozenInstanceError):
        era.subtree("patrol").truncated = True  # type: ignore[misc]
    assert repr(era.get("agency")) == "Node(id='agency', name='Главное агентство', kind='agency', acronym='ГА')"
    assert (
        repr(era.relations("zurich", "ops-desk")[0])
        == "Edge(kind='oversight', superior='zurich', subordinate='ops-desk')"
    )


def test_functions_work_without_the_methods(dataset: orgchart.Dataset) -> None:
    era = dataset.era("b-second")
    assert query.path(era, "patrol") == era.path("patrol")
    assert query.oversees(era, "zurich") == era.oversees("zurich")


class Chain:
    """A bare `EraView`: a chain of `length` nodes, each the parent of the next, no files."""

    def __init__(self, length: int) -> None:
        self.id = "chain"
        self.date = orgchart.EraDate(dt.date(2020, 1, 1), dt.date(2020, 1, 1), "day", "2020-01-01", "made up")
        self.nodes = tuple(orgchart.Node(id=f"n{i}", name=f"Node {i}", kind="unit") for i in range(length))
        self.edges: tuple[orgchart.Edge, ...] = ()
        self._index = {node.id: i for i, node in enumerate(self.nodes)}

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def get(self, ref: str | orgchart.Node) -> orgchart.Node:
        return self.nodes[self._index[ref.id if isinstance(ref, orgchart.Node) else ref]]

    def parent(self, ref: str | orgchart.Node) -> orgchart.Node | None:
        index = self._index[self.get(ref).id]
        return self.nodes[index - 1] if index else None

    def children(self, ref: str | orgchart.Node) -> tuple[orgchart.Node, ...]:
        index = self._index[self.get(ref).id]
        return self.nodes[index + 1 : index + 2]


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    chain = Chain(5000)  # deeper than Python's default recursion limit (1000)
    tree = query.subtree(chain, "n0")
    assert len(tree) == 5000 and tree.nodes[-1].id == "n4999"
    assert max(level for level, _ in tree.walk()) == 4999
    assert len(query.path(chain, "n4999")) == 5000
    assert len(query.subtree(chain, "n0", depth=10)) == 11
