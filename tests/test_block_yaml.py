"""The import's era writer (`orgchart.export.block_yaml`) gives byte for byte the text of
`yaml.dump` with PyYAML's safe C dumper, on the bundled eras, hostile text, generated
organizations and random documents, and takes its fast path for ordinary names."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import orgchart
from benchmarks.synthetic import organization, write_dataset
from orgchart.dataset.safe_yaml import parse_yaml
from orgchart.export import block_yaml
from orgchart.export.importer import era_document, era_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

HOSTILE = [
    "<b>R&D</b>", "Research & Development", 'The "Office"', "Children's Bureau", "'quoted'", '"double"',
    "Key: value", "trailing:", "a:b", "Unit #3", "Unit # 3", "#hash", "- dash", "-dash", "? query", "?query",
    ":colon", "*star", "&anchor", "!tag", "%percent", "@at", "`tick", "|pipe", ">fold", "[x]", "{y}", ",comma",
    "yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "Null", "~", "", " ", "12", "-5",
    "+1", "1.5", "1e3", ".5", ".inf", "0o17", "0x1F", "017", "1_000", "12:30", "2024", "2024-01-18",
    "2024-01-18 10:00:00", "=", "<<", "...", "... dots", "---", "--- dashes", ".hidden", " leading", "trailing ",
    "two  spaces", "line\nbreak", "line\r\nbreak", "tab\there", "\tlead", "nel\u0085x", "ls\u2028x", "ps\u2029x",
    "bom\ufeffx", "\ufeffbom", "nbsp\u00a0x", "\u3000ideographic", "zero\u200bwidth", "移民局", "Ōkubo Directorate",
    "Министерство внутренних дел", "وزارة الداخلية", "😀 emoji", "\ud7ff", "\ue000private", "del\x7fx", "bell\x07",
    "c1\x9bx", "back\\slash", "x" * 93, "x" * 94, "x" * 200, "word " * 30, "Generated " * 9 + "Agency",
    "Generated " * 10 + "Agency", ("Directorate " * 8).strip(), "a" * 88 + " b" * 3,
]  # fmt: skip


def reference(document: Any) -> str:
    return yaml.dump(document, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=100)


def assert_same(document: dict[str, Any]) -> None:
    assert block_yaml.dump(document) == reference(document)


def test_the_c_dumper_is_the_reference() -> None:
    """The comparison means something only against the dumper the importer used before."""
    assert DUMPER is yaml.CSafeDumper


@pytest.mark.parametrize("era_id", ["dro-2008", "ero-2020", "ero-2023", "ero-excerpt", "ice-overview"])
def test_bundled_eras_are_written_as_pyyaml_writes_them(era_id: str) -> None:
    era = orgchart.load(DATA).era(era_id).era
    assert_same(era_document(era))
    header, _, body = era_yaml(era, "x.csv").partition("\n")
    assert header.startswith("# Imported by `orgchart import` from x.csv")
    assert body == reference(era_document(era))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_place_is_written_as_pyyaml_writes_it(text: str) -> None:
    document = {
        "id": "era",
        "label": text,
        "sources": [text, "doc"],
        "description": text,
        "nodes": [
            {"id": "a", "name": text, "kind": "unit"},
            {"id": "b", "name": "Plain", "kind": "unit", "aliases": [text], "note": text, "name_incomplete": True},
            {"id": text, "name": "Plain", "citations": [{"source": "doc", "quote": text}]},
        ],
        "edges": [{"kind": "parent", "superior": "a", "subordinate": "b", "citations": [{"source": text}]}],
        "claims": [{"id": "c", "value": 12, "counts": text}, {"id": "d", "value": 2.5, "note": None}],
    }
    assert_same(document)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_text_called_plain_reads_back_as_itself(text: str) -> None:
    for column in (0, 6, 12):
        if block_yaml.plain(text, column):
            value, _ = parse_yaml(f"{'k' * (column - 2)}: {text}\n" if column >= 2 else f"{text}\n", "x.yaml")
            assert value in ({"k" * (column - 2): text}, text)


def test_ordinary_names_take_the_fast_path() -> None:
    assert all(block_yaml.plain(t, 8) for t in ("u0", "Ōkubo Fugitive Elections Directorate", "R&D", "a:b", "No. 3-A"))
    assert not any(block_yaml.plain(t, 8) for t in ("yes", "12", "", "- x", "x: y", "x #y", "x" * 93, "a\tb"))


def test_a_generated_organization_is_written_as_pyyaml_writes_it_and_fast() -> None:
    units = organization(3000, random.Random(5))
    document = {
        "id": "units",
        "label": "units",
        "sources": ["import-units"],
        "nodes": [
            {"id": u.id, "name": u.name, "kind": u.kind, **({"acronym": u.acronym} if u.acronym else {})} for u in units
        ],
        "edges": [{"kind": "parent", "superior": u.parent, "subordinate": u.id} for u in units if u.parent],
    }
    assert_same(document)
    fast = sum(block_yaml.plain(u.name, 8) for u in units)
    assert fast >= 0.95 * len(units)


def test_a_generated_dataset_with_citations_is_written_as_pyyaml_writes_it(tmp_path: Path) -> None:
    generated = write_dataset(tmp_path / "data", 400)
    for chart in orgchart.load(generated.root).eras:
        assert_same(era_document(chart.era))


_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(alphabet="ab :#-?'\"\n\t.0123456789yesnoYN~", max_size=120),
)
_SCALAR = st.one_of(_TEXT, st.booleans(), st.integers(-(10**6), 10**6), st.none())
_KEYS = st.sampled_from(["id", "name", "kind", "note", "source", "quote", "yes", "x y", "-k", "n"])
_RECORD = st.dictionaries(
    _KEYS,
    st.one_of(
        _SCALAR,
        st.lists(_TEXT, max_size=3),
        st.lists(st.dictionaries(_KEYS, _SCALAR, max_size=3), max_size=3),
        st.dictionaries(_KEYS, _SCALAR, max_size=2),
    ),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "label", "nodes", "edges", "no", "a b"]),
        st.one_of(_SCALAR, st.lists(st.one_of(_RECORD, _TEXT), max_size=4)),
        max_size=5,
    )
)
def test_any_document_is_written_as_pyyaml_writes_it(document: dict[str, Any]) -> None:
    assert_same(document)


IMPORTED_NAMES = [
    'Office: "North"', "yes", "12", "2024-01-18", "Research & Development", "- Dash Unit", "Unit #3", "null",
    "?Query Unit", "Children's Bureau", "Министерство внутренних дел", "移民局", "Ōkubo Directorate", "x" * 150,
    ("Directorate " * 9).strip(), "'Quoted'", "Trailing colon:", "*Star", "Plain Office",
]  # fmt: skip


def test_an_imported_table_with_hostile_names_is_written_as_pyyaml_writes_it(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from orgchart.cli import app

    table = tmp_path / "chart.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "parent", "kind", "acronym"])
        for number, name in enumerate(IMPORTED_NAMES):
            writer.writerow([f"u{number}", name, "u0" if number else "", "unit", "no" if number == 3 else ""])
    data = tmp_path / "data"
    result = CliRunner().invoke(app, ["import", str(table), "--era", "mine", "--date", "2024", "-o", str(data)])
    assert result.exit_code == 0, result.output
    era = orgchart.load(data).era("mine").era
    assert [n.name for n in era.nodes] == IMPORTED_NAMES
    assert era.nodes[3].acronym == "no"
    _, _, body = (data / "eras" / "mine.yaml").read_text(encoding="utf-8").partition("\n")
    assert body == reference(era_document(era))
