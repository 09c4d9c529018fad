"""Every quote is found, or reported missing, whatever order an era cites its document in.

Quotes are looked up in citation order first (from where the previous one was found), then,
past a budget, by an automaton (`orgchart.dataset.quotes`): an era citing its document in
order, one citing it shuffled (the budget runs out and the automaton finds the rest) and one
with quotes that are nowhere in the document must all give the answer a plain search gives.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

import orgchart

MISSING = " (a phrase the document never uses)"


def _era_variant(generated: Path, root: Path, *, seed: int | None, broken: tuple[int, ...] = ()) -> list[str]:
    """Copy the generated dataset to `root` with its first era's nodes and edges shuffled
    (`seed`) and the first quote of the nodes at `broken` (positions after shuffling) made
    untrue; the quotes made untrue."""
    shutil.copytree(generated, root)
    path = root / "eras" / "gen-a.yaml"
    era = yaml.safe_load(path.read_text(encoding="utf-8"))
    if seed is not None:
        random.Random(seed).shuffle(era["nodes"])
        random.Random(seed + 1).shuffle(era["edges"])
    untrue = []
    for index in broken:
        citation = era["nodes"][index]["citations"][0]
        citation["quote"] += MISSING
        untrue.append(citation["quote"])
    path.write_text(yaml.safe_dump(era, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return untrue


def _missing_quotes(root: Path) -> list[str]:
    with pytest.raises(orgchart.DataError) as caught:
        orgchart.load(root)
    messages = [problem.message for problem in caught.value.problems]
    assert all("quote not found in source 'gen-a'" in message for message in messages), messages
    return sorted(messages)


def test_quotes_cited_in_no_order_are_found(generated_thousand: Path, tmp_path: Path) -> None:
    _era_variant(generated_thousand, tmp_path / "data", seed=7)
    era = orgchart.load(tmp_path / "data").era("gen-a")
    assert len(era.nodes) == 1000 and all(node.citations for node in era.nodes)


def test_missing_quotes_are_the_same_in_order_and_shuffled(generated_thousand: Path, tmp_path: Path) -> None:
    # The first node is read before the shuffled era's budget runs out, the last after it.
    broken = (0, 1, 500, 999)
    in_order = _era_variant(generated_thousand, tmp_path / "ordered", seed=None, broken=broken)
    shuffled = _era_variant(generated_thousand, tmp_path / "shuffled", seed=3, broken=broken)
    reported_in_order = _missing_quotes(tmp_path / "ordered")
    reported_shuffled = _missing_quotes(tmp_path / "shuffled")
    assert len(reported_in_order) == len(reported_shuffled) == len(broken)
    for quotes, reported in ((in_order, reported_in_order), (shuffled, reported_shuffled)):
        # A long quote is shortened in its message; its start names it.
        assert all(any(f"'{quote[:30]}" in message for message in reported) for quote in quotes), reported


@pytest.mark.parametrize(
    "text",
    [
        "a b\nc",
        " a\nb",
        "a\n",
        "a\n\nb",
        "a \nb",
        "a   \n\n\n  b  c\n",
        " " * 1000 + "x",
        "a\tb",
        "a\u00a0b",
        "a\u2028b",
        "x\r\ny",
        "Ōkubo\nR&D",
        "",
        "\n",
    ],
)
def test_folding_a_document_collapses_every_run_of_white_space(text: str) -> None:
    # Wrapped text takes a shortcut (line breaks replaced); anything else is split and joined.
    assert orgchart.fold_white_space(text) == " ".join(text.split())
