"""Bad input gets a clear error naming file, line and fix; good input gives findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from orgchart.cli import app
from tests.conftest import ERA_YAML, SOURCE_TEXT, DatasetMaker

runner = CliRunner()


def replace(old: str, new: str, text: str = ERA_YAML) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BAD_ERAS = {
    "malformed YAML": (
        replace("label: Example Agency, first era", "label: [unclosed"),
        "era-one.yaml:3",
        "invalid YAML",
    ),
    "wrong type": (replace("value: 12", "value: twelve"), "era-one.yaml:53", "claims.0.value"),
    "unknown node kind": (
        replace("kind: division", "kind: divison"),
        "era-one.yaml:14",
        "did you mean 'division'",
    ),
    "duplicate id": (replace("id: support", "id: field"), "era-one.yaml:18", "duplicate node id 'field'"),
    "unknown parent": (
        replace("superior: ea\n    subordinate: support", "superior: eaa\n    subordinate: support"),
        "era-one.yaml:38",
        "did you mean 'ea'",
    ),
    "parent cycle": (
        ERA_YAML.replace(
            "  - kind: oversight",
            "  - kind: parent\n    superior: field\n    subordinate: ea\n    citations:\n"
            "      - source: doc-one\n        quote: the Field Division\n  - kind: oversight",
        ),
        "era-one.yaml",
        "parent edges form a cycle: ea -> field -> ea",
    ),
    "quote not in source": (
        replace("quote: the Support Division", "quote: the Suport Division"),
        "era-one.yaml:23",
        "quote not found in source 'doc-one'",
    ),
    "empty era": ("", "era-one.yaml", "the era file is empty"),
    "era without nodes": ("id: era-one\nlabel: One\nsources: [doc-one]\n", "era-one.yaml", "has no nodes"),
    "YAML alias": (
        replace("sources: [doc-one]", "sources: &s [doc-one]\ndescription: *s"),
        "era-one.yaml:3",
        "aliases (*name) are not allowed",
    ),
    "duplicate key": (
        replace("label: Example Agency, first era", "label: A\nlabel: B"),
        "era-one.yaml:3",
        "duplicate key 'label'",
    ),
    "unknown field": (replace("acronym: EA", "acronim: EA"), "era-one.yaml:8", "unknown field"),
    "unknown source in citation": (
        replace(
            "      - source: doc-one\n        quote: the Field Division",
            "      - source: doc-two\n        quote: the Field Division",
        ),
        "era-one.yaml:16",
        "unknown source 'doc-two'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ERAS))
def test_bad_era_is_an_error_with_file_line_and_fix(case: str, make_dataset: DatasetMaker, tmp_path: Path) -> None:
    era_yaml, where, message = BAD_ERAS[case]
    root = make_dataset(era_yaml=era_yaml)
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    text = str(caught.value)
    assert where in text and message in text, text
    assert all(problem.fix for problem in caught.value.problems)

    out = tmp_path / "out.json"
    result = runner.invoke(app, ["export", "--data", str(root), "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.output
    assert "fix:" in result.output
    assert not out.exists(), "a failed command must write nothing"
    assert not list(tmp_path.glob(".out.json.*")), "no temporary file is left behind"


def test_changed_source_fails_its_checksum(make_dataset: DatasetMaker) -> None:
    root = make_dataset(sha256="0" * 64)
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    assert "sources.yaml:11" in str(caught.value)
    assert "has sha256" in str(caught.value) and "restore the archived document" in str(caught.value)


def test_missing_source_file(make_dataset: DatasetMaker) -> None:
    root = make_dataset()
    (root / "sources" / "doc-one.txt").unlink()
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 1
    assert "sources.yaml:3" in result.output and "not found" in result.output


def test_every_problem_is_listed_not_just_the_first(make_dataset: DatasetMaker) -> None:
    era = replace("quote: the Support Division", "quote: nowhere")
    era = replace("subordinate: field", "subordinate: feild", era)
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(make_dataset(era_yaml=era))
    messages = [p.message for p in caught.value.problems]
    assert any("quote not found" in m for m in messages)
    assert any("unknown node id 'feild'" in m for m in messages)


def test_quote_matching_folds_white_space_and_nothing_else() -> None:
    folded = orgchart.fold_white_space(SOURCE_TEXT)
    assert orgchart.quote_is_found("The Field \n Division oversees", folded)
    assert not orgchart.quote_is_found("the field division oversees", folded)
    assert not orgchart.quote_is_found("The Field Division oversees the Patrol Program!", folded)


def test_second_parent_is_a_finding_not_an_error(make_dataset: DatasetMaker) -> None:
    era = ERA_YAML.replace(
        "  - kind: oversight",
        "  - kind: parent\n    superior: support\n    subordinate: patrol\n    citations:\n"
        "      - source: doc-one\n        quote: the Support Division\n"
        "  - kind: parent\n    superior: field\n    subordinate: patrol\n    citations:\n"
        "      - source: doc-one\n        quote: The Field Division oversees the Patrol Program.\n  - kind: oversight",
    )
    chart = orgchart.load(make_dataset(era_yaml=era)).era("era-one")
    [finding] = [f for f in chart.findings if f.kind == "second_parent"]
    assert finding.subject == "patrol" and finding.origin == "computed"
    assert chart.parent("patrol").id == "support"
    assert [p.id for p in chart.parents("patrol")] == ["support", "field"]
    second = [e for e in chart.edges if e.kind == "parent" and e.subordinate == "patrol"][1]
    assert chart.is_second_parent(second)


def test_count_that_differs_from_the_list_is_a_finding(make_dataset: DatasetMaker) -> None:
    era = ERA_YAML + (
        "  - id: ea-divisions\n    subject: ea\n    attribute: divisions\n    value: 3\n    counts: division\n"
        "    citations:\n      - source: doc-one\n        quote: The Example Agency comprises\n"
        "  - id: ea-divisions-again\n    subject: ea\n    attribute: divisions\n    value: 2\n"
        "    citations:\n      - source: doc-one\n        quote: The Example Agency comprises\n"
    )
    chart = orgchart.load(make_dataset(era_yaml=era)).era("era-one")
    kinds = sorted(f.kind for f in chart.findings)
    assert kinds == ["conflicting_figures", "count_mismatch"]
    mismatch = next(f for f in chart.findings if f.kind == "count_mismatch")
    assert "states 3 divisions" in mismatch.message and "lists 2 division entities" in mismatch.message


def test_uncited_fact_is_a_warning_and_an_error_when_strict(make_dataset: DatasetMaker) -> None:
    era = ERA_YAML.replace(
        "  - id: patrol\n    name: Patrol Program\n    kind: program\n    citations:\n      - source: doc-one\n"
        '        quote: "The Field Division oversees the Patrol Program."\n',
        "  - id: patrol\n    name: Patrol Program\n    kind: program\n",
    )
    root = make_dataset(era_yaml=era)
    chart = orgchart.load(root).era("era-one")
    assert [f.subject for f in chart.findings if f.kind == "uncited"] == ["patrol"]
    result = runner.invoke(app, ["validate", "--data", str(root)])
    assert result.exit_code == 0 and "uncited" in result.output
    result = runner.invoke(app, ["validate", "--strict", "--data", str(root)])
    assert result.exit_code == 1 and "has no citation" in result.output


def test_valid_dataset_validates(dataset_dir: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(dataset_dir)])
    assert result.exit_code == 0, result.output
    assert "ok: 1 eras" in result.output


def test_findings_are_in_the_json_export(make_dataset: DatasetMaker) -> None:
    era = replace("    value: 12\n", "    value: 12\n    counts: office\n")
    result = runner.invoke(app, ["export", "--data", str(make_dataset(era_yaml=era))])
    data = json.loads(result.stdout)
    assert [f["kind"] for f in data["graph"]["findings"]] == ["count_mismatch"]
