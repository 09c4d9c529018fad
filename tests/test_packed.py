"""Eras packed for the dataset cache come back as the same models: every field, every
citation, and which fields the file gave (pydantic's `model_fields_set`), without validation."""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import orgchart
from orgchart.dataset import cache
from orgchart.dataset.model import Era
from orgchart.dataset.packed import DAMAGED, pack_era, unpack_era
from tests.conftest import ERA_YAML, DatasetMaker


def same_model(rebuilt: Any, original: Any) -> None:
    """`rebuilt` equals `original` down to each model's type and given fields."""
    if isinstance(original, BaseModel):
        assert type(rebuilt) is type(original)
        assert rebuilt.model_fields_set == original.model_fields_set
        assert rebuilt.__pydantic_extra__ == original.__pydantic_extra__
        assert list(rebuilt.__dict__) == list(original.__dict__)
        for key, value in original.__dict__.items():
            same_model(rebuilt.__dict__[key], value)
    elif isinstance(original, tuple):
        assert type(rebuilt) is tuple and len(rebuilt) == len(original)
        for mine, theirs in zip(rebuilt, original, strict=True):
            same_model(mine, theirs)
    else:
        assert type(rebuilt) is type(original) and rebuilt == original


def round_trip(era: Era) -> Era:
    return unpack_era(marshal.loads(marshal.dumps(pack_era(era))))


def test_every_bundled_era_comes_back_the_same() -> None:
    for chart in orgchart.load().eras:
        rebuilt = round_trip(chart.era)
        same_model(rebuilt, chart.era)
        assert rebuilt == chart.era and rebuilt.model_dump() == chart.era.model_dump()


def test_a_generated_organization_comes_back_the_same(generated_thousand: Path) -> None:
    for chart in orgchart.load(generated_thousand).eras:
        same_model(round_trip(chart.era), chart.era)


def test_optional_fields_given_or_not_stay_so(make_dataset: DatasetMaker) -> None:
    era_yaml = ERA_YAML.replace(
        "name: Field Division\n",
        'name: Field Division\n    acronym: FD\n    aliases: [Field, \'Div & <Co>\']\n    note: "a \\"note\\""\n'
        "    name_incomplete: false\n",
    )
    chart = orgchart.load(make_dataset(era_yaml=era_yaml)).latest
    field = chart.get("field")
    assert {"acronym", "aliases", "note", "name_incomplete"} <= field.model_fields_set
    rebuilt = round_trip(chart.era)
    same_model(rebuilt, chart.era)
    plain = next(node for node in rebuilt.nodes if node.id != "field")
    assert "note" not in plain.model_fields_set


@pytest.mark.parametrize(
    "damage",
    [
        lambda packed: (99, *packed[1:]),  # another layout
        lambda packed: packed[:-1],  # a part missing
        lambda packed: (*packed[:4], [(0, ("only", "two"))], *packed[5:]),  # a node of another shape
        lambda packed: (*packed[:4], [(10_000, packed[4][0][1])], *packed[5:]),  # an unknown field set
    ],
)
def test_a_record_of_another_shape_is_refused(damage: Any) -> None:
    packed = pack_era(orgchart.load().latest.era)
    with pytest.raises(DAMAGED):
        unpack_era(damage(packed))


def test_a_warm_load_is_the_cold_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGCHART_CACHE_DIR", str(tmp_path / "cache"))
    cold = orgchart.load()
    assert cache.read_record(cache.dataset_key(cold.root) or "", "dataset") is not None
    warm = orgchart.load()
    for before, after in zip(cold.eras, warm.eras, strict=True):
        same_model(after.era, before.era)
        assert after.findings == before.findings
