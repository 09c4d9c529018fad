"""The diff's honesty fixes: one name written several ways is no rename, findings are matched on
what they say, and a count one era cannot reconcile is connected to the era that lists it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import orgchart
from orgchart.changes.forms import initials, same_name, split_acronym, without_owner
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, era_yaml, make_pair, replace_node, source_for


def node(name: str, acronym: str | None = None, **fields: object) -> orgchart.Node:
    return orgchart.Node(id="x", name=name, kind="division", acronym=acronym, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("ICE Health Service Corps", None), ("IHSC", None)),  # the acronym alone
        (("ICE Health Service Corps", None), ("ICE Health Service Corps (IHSC)", None)),  # with its acronym
        (("ICE Health Service Corps", "IHSC"), ("Health Service Corps", None)),  # without the owner
        (("ERO Law Enforcement Systems and Analysis", None), ("Law Enforcement Systems and Analysis", None)),
        (("Law Enforcement Systems and Analysis", None), ("LESA", None)),
        (("U.S. Immigration and Customs Enforcement", None), ("Immigration and Customs Enforcement", None)),
        (("ERO\u2019s Removal Division", None), ("Removal Division", None)),
    ],
)
def test_one_name_written_differently_is_no_rename(
    make_dataset: DatasetMaker, before: tuple[str, str | None], after: tuple[str, str | None]
) -> None:
    assert same_name(node(*before), node(*after)) and same_name(node(*after), node(*before))
    nodes_a = replace_node(BASE_NODES, "support", ("support", before[0], "division", before[1]))
    nodes_b = replace_node(BASE_NODES, "support", ("support", after[0], "division", after[1]))
    ds = make_pair(make_dataset, nodes_b, BASE_EDGES, before_nodes=nodes_a)
    changes = orgchart.diff(*ds.eras)
    assert not changes.by_kind("renamed") and not changes.by_kind("reworded"), changes.changes


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("Criminal Alien Division", "CAD"), ("Criminal Apprehension Division", "CAD")),  # same acronym, new name
        (("Support Division", None), ("SD Logistics Division", None)),
        (("Support Division", None), ("SUPD", None)),  # an acronym that is not its initials
    ],
)
def test_a_real_rename_is_still_reported(
    make_dataset: DatasetMaker, before: tuple[str, str | None], after: tuple[str, str | None]
) -> None:
    nodes_a = replace_node(BASE_NODES, "support", ("support", before[0], "division", before[1]))
    nodes_b = replace_node(BASE_NODES, "support", ("support", after[0], "division", after[1]))
    ds = make_pair(make_dataset, nodes_b, BASE_EDGES, before_nodes=nodes_a)
    [renamed] = orgchart.diff(*ds.eras).by_kind("renamed")
    assert renamed.id == "support"


def test_name_forms() -> None:
    assert split_acronym("Non-Detained Management Division (NDMD)") == ("Non-Detained Management Division", "NDMD")
    assert split_acronym("287(g) Program") == ("287(g) Program", None)
    assert {"ihsc", "icehsc"} <= initials("ICE Health Service Corps")
    assert "lesa" in initials("Law Enforcement Systems and Analysis")
    assert without_owner("ICE Air Operations Division") == "air operations division"
    assert without_owner("ICE Air") == "ice air"  # nothing left but one word: not a prefix


def test_a_cut_off_name_is_the_start_of_the_other(make_dataset: DatasetMaker) -> None:
    assert same_name(node("Removal Management Div", name_incomplete=True), node("Removal Management Division East"))
    assert not same_name(node("Removal Management Div"), node("Removal Management Division East"))
    first = era_yaml("era-a", BASE_NODES, BASE_EDGES)
    data = yaml.safe_load(era_yaml("era-b", replace_node(BASE_NODES, "support", ("support", "Supp", "division")), []))
    [support] = [n for n in data["nodes"] if n["id"] == "support"]
    support["name_incomplete"] = True
    second = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    ds = orgchart.load(
        make_dataset(era_yaml={"a.yaml": first, "b.yaml": second}, source_text=source_for(first, second))
    )
    assert not orgchart.diff(*ds.eras).by_kind("renamed")


def finding(kind: str, subject: str, message: str, quote: str) -> dict[str, object]:
    return {"kind": kind, "subject": subject, "message": message, "citations": [{"source": "doc-one", "quote": quote}]}


def test_unrelated_findings_of_one_kind_and_subject_do_not_cancel(make_dataset: DatasetMaker) -> None:
    old = finding("other", "support", "The page names the unit two ways.", "Intake Unit")
    new = finding("other", "support", "Training is placed in two places.", "Training Unit")
    ds = make_pair(make_dataset, BASE_NODES, BASE_EDGES, before_findings=[old], after_findings=[new])
    changes = orgchart.diff(*ds.eras)
    assert [c.before.message for c in changes.by_kind("finding_removed")] == [old["message"]]  # type: ignore[union-attr]
    assert [c.after.message for c in changes.by_kind("finding_added")] == [new["message"]]  # type: ignore[union-attr]


def test_the_same_finding_in_both_eras_is_no_change(make_dataset: DatasetMaker) -> None:
    # Reworded, but resting on the same quote: one finding.
    old = finding("other", "support", "The page names the unit two ways.", "Intake Unit")
    new = finding("other", "support", "The unit is named two ways on the page.", "Intake Unit")
    ds = make_pair(make_dataset, BASE_NODES, BASE_EDGES, before_findings=[old], after_findings=[new])
    assert not [c for c in orgchart.diff(*ds.eras) if c.kind.startswith("finding")]


def counted_era(era_id: str, divisions: list[str], stated: int) -> str:
    """An era whose agency states `stated` divisions and lists `divisions` under it."""
    nodes = [("ea", "Example Agency", "agency", "EA"), *((d.lower(), f"{d} Division", "division") for d in divisions)]
    data = yaml.safe_load(era_yaml(era_id, nodes, [("parent", "ea", d.lower()) for d in divisions]))
    data["claims"] = [
        {
            "id": "ea-division-count",
            "subject": "ea",
            "attribute": "divisions",
            "value": stated,
            "counts": "division",
            "citations": [{"source": "doc-one", "quote": f"{stated} divisions"}],
        }
    ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_count_mismatch_is_connected_to_the_era_that_lists_the_members(make_dataset: DatasetMaker) -> None:
    six = ["Field", "Support", "Intake", "Records", "Training", "Removal"]
    older = counted_era("era-a", six, 6)
    newer = counted_era("era-b", six[:3], 6)
    root: Path = make_dataset(era_yaml={"a.yaml": older, "b.yaml": newer}, source_text=source_for(older, newer))
    ds = orgchart.load(root)
    [mismatch] = orgchart.diff(*ds.eras).by_kind("finding_added")
    assert mismatch.after.kind == "count_mismatch"  # type: ignore[union-attr]
    assert mismatch.note.startswith("era-a lists the 6: Field Division, Support Division, Intake Division")
    from orgchart.report import render_diff

    assert "era-a lists the 6" in render_diff(orgchart.diff(*ds.eras), "md")
    # The other way round, the older era's listing explains the finding going away.
    reverse = counted_era("era-a", six[:3], 6), counted_era("era-b", six, 6)
    ds = orgchart.load(
        make_dataset(era_yaml={"a.yaml": reverse[0], "b.yaml": reverse[1]}, source_text=source_for(*reverse))
    )
    [gone] = orgchart.diff(*ds.eras).by_kind("finding_removed")
    assert gone.note.startswith("era-b lists the 6:")
