"""The benchmark's generated organization is a valid dataset of the promised shape, its recorded
changes are what `orgchart diff` finds, and the framework fits growth and flags missed targets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgchart
from benchmarks.framework import Row
from benchmarks.report import performance_markdown
from benchmarks.run import growth
from benchmarks.synthetic import MAX_DEPTH, Generated, report_problems, write_dataset
from orgchart.cli import app


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return write_dataset(tmp_path_factory.mktemp("generated") / "data", 1000)


@pytest.fixture(scope="module")
def dataset(generated: Generated) -> orgchart.Dataset:
    return orgchart.load(generated.root, strict=True)


def test_the_generated_dataset_validates_strictly_every_fact_cited(dataset: orgchart.Dataset) -> None:
    before, after = dataset.eras
    assert len(before) == 1000
    assert all(node.citations for chart in dataset.eras for node in chart.nodes)
    assert all(edge.citations for chart in dataset.eras for edge in chart.edges)
    assert [f for chart in dataset.eras for f in chart.findings] == []
    assert abs(len(after) - len(before)) <= 1


def test_the_generated_tree_has_the_promised_shape(dataset: orgchart.Dataset) -> None:
    chart = dataset.era("gen-a")
    assert len(chart.roots()) == 1
    depths = [len(chart.path(node)) - 1 for node in chart.nodes]
    assert max(depths) <= MAX_DEPTH
    fan_out = Counter(chart.parent(node).id for node in chart.nodes if chart.parent(node))  # type: ignore[union-attr]
    # every parent takes 2-30 children, except the one that took the last few entities
    assert sum(1 for count in fan_out.values() if not 2 <= count <= 30) <= 1
    assert all(2 <= len(node.name.split()) <= 6 for node in chart.nodes[1:])
    oversight = [e for e in chart.edges if e.kind == "oversight"]
    assert len(oversight) == 50
    names = Counter(node.name for node in chart.nodes)
    assert names.most_common(1)[0][1] > 1, "repeated names, as in a real register"


def test_quotes_span_line_breaks_so_folding_matters(generated: Generated, dataset: orgchart.Dataset) -> None:
    text = (generated.root / "sources" / "gen-a.txt").read_text(encoding="utf-8")
    quotes = [c.quote for node in dataset.era("gen-a").nodes for c in node.citations]
    assert any(quote not in text for quote in quotes)
    assert "&" in text or any(ord(ch) > 127 for ch in text)


def test_about_two_percent_changed_and_the_diff_finds_exactly_the_recorded_changes(
    generated: Generated, dataset: orgchart.Dataset
) -> None:
    truth = generated.truth
    changed = len(truth.added) + len(truth.removed) + len(truth.renamed) + len(truth.moved)
    assert 15 <= changed <= 25
    result = CliRunner().invoke(
        app, ["diff", "gen-a", "gen-b", "--format", "json", "--data", str(generated.root)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report_problems(report, truth) == []
    recorded = json.loads((generated.root / "truth.json").read_text(encoding="utf-8"))
    assert sorted(recorded["moved"]) == sorted(list(m) for m in truth.moved)


def test_report_problems_names_a_missed_and_a_false_change(generated: Generated) -> None:
    truth = generated.truth
    report = {
        "changes": [{"kind": "renamed", "id": "u0"}]
        + [{"kind": "added", "id": i} for i in truth.added]
        + [{"kind": "removed", "id": i} for i in truth.removed]
        + [{"kind": "moved", "id": m[0]} for m in truth.moved]
    }
    problems = report_problems(report, truth)
    assert any("renamed change(s) not found" in p for p in problems)
    assert any("false renamed" in p and "u0" in p for p in problems)


def test_the_generator_is_deterministic(tmp_path: Path, generated: Generated) -> None:
    again = write_dataset(tmp_path / "again", 1000)
    for name in ("eras/gen-a.yaml", "eras/gen-b.yaml", "sources/gen-a.txt", "sources.yaml", "truth.json"):
        assert (again.root / name).read_bytes() == (generated.root / name).read_bytes()


def test_growth_is_fitted_between_10k_and_100k_and_checked() -> None:
    rows = [
        Row("op", 1_000, 0.01, growth_limit=1.15),
        Row("op", 10_000, 1.0, growth_limit=1.15),
        Row("op", 100_000, 20.0, growth_limit=1.15),
        Row("linear", 10_000, 1.0, growth_limit=1.15),
        Row("linear", 100_000, 10.0, growth_limit=1.15),
    ]
    fitted = {g["operation"]: g for g in growth(rows)}
    assert fitted["op"]["exponent"] == pytest.approx(1.30, abs=0.01)
    assert fitted["op"]["checked"] and not fitted["op"]["ok"]
    assert fitted["linear"]["exponent"] == pytest.approx(1.0) and fitted["linear"]["ok"]


def test_growth_between_smaller_sizes_is_reported_not_checked() -> None:
    fitted = growth([Row("op", 1_000, 0.01, growth_limit=1.0), Row("op", 10_000, 10.0, growth_limit=1.0)])
    assert fitted[0]["exponent"] == pytest.approx(3.0) and not fitted[0]["checked"] and fitted[0]["ok"]


def test_a_row_says_which_target_it_missed() -> None:
    assert Row("validate", 100_000, 9.0, target=10.0, peak_mib=900, memory_target=1024).missed() == []
    misses = Row("validate", 100_000, 12.0, target=10.0, peak_mib=2000, memory_target=1024).missed()
    assert len(misses) == 2 and "12 s > 10 s" in misses[0] and "2000 MiB > 1024 MiB" in misses[1]


def test_the_readme_table_shows_sizes_growth_and_missed_targets() -> None:
    rows = [
        Row("validate", 10_000, 1.0, growth_limit=1.15),
        Row("validate", 100_000, 20.0, target=10.0, peak_mib=700.0, memory_target=1024, growth_limit=1.15),
        Row("orgchart --version", None, 0.05, target=0.1, note="2.0x python -c pass"),
    ]
    results = {
        "machine": {"cpu": "Test CPU", "cpus": 2, "python": "3.11"},
        "clock": "cpu",
        "rows": [row.as_dict() for row in rows],
        "growth": growth(rows),
        "missed": [m for row in rows for m in row.missed()],
        "errors": [],
    }
    table = performance_markdown(results)
    assert "| validate | 1.00 s | 20.0 s | N^1.30 | 700 MiB | ≤ 10.0 s at 100k (missed); ≤ 1,024 MiB at 100k;" in table
    assert "growth ≤ N^1.15 (missed)" in table
    assert "| orgchart --version | 50 ms |  | ≤ 100 ms | 2.0x python -c pass |" in table
    assert "Missed in this run: validate at 100,000: 20 s > 10 s" in table
