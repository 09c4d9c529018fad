"""The fast YAML path reads every text it takes exactly as `safe_yaml` does (values and types),
gives way to `safe_yaml` for everything else, and never crashes on hostile nesting."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import write_dataset
from orgchart.dataset.fast_yaml import parse_fast
from orgchart.dataset.safe_yaml import parse_yaml
from tests.conftest import ERA_YAML

DATA = Path(__file__).resolve().parent.parent / "data"

TRICKY = [
    "017", "0x1F", "0o17", "0b101", "1e3", "1.5e3", "1e+3", "1_000", "-.5", ".5", "+1", "1.", "-0", "00",
    "12:30", ".inf", "-.inf", ".nan", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "No",
    "on", "OFF", "y", "n", "2023-01-18", "2023-1-8", "2019", "12", "3.25", "R&D", "a!b", "x: y", "- z",
    "#", "=", "<<", "1,000", "25%", "$5", "U.S.", "Ōkubo", "Kraków", "l'état",
]  # fmt: skip


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, all the way down (1 is not 1.0 is not True; nan is nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def check(text: str) -> bool:
    """Assert the fast path agrees with `safe_yaml` where it is taken; return whether it was."""
    taken, value = parse_fast(text)
    if not taken:
        return False
    exact, _ = parse_yaml(text, "x.yaml")
    assert same(value, exact), (text, value, exact)
    return True


def test_every_bundled_file_reads_the_same_and_takes_the_fast_path() -> None:
    files = sorted(DATA.glob("*.yaml")) + sorted((DATA / "eras").glob("*.yaml"))
    taken = [check(path.read_text(encoding="utf-8")) for path in files]
    assert len(files) >= 6 and all(taken)


def test_the_generated_organization_takes_the_fast_path(tmp_path: Path) -> None:
    generated = write_dataset(tmp_path / "data", 300)
    for path in sorted((generated.root / "eras").glob("*.yaml")):
        assert check(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("token", TRICKY)
def test_tricky_plain_scalars_read_alike_wherever_they_stand(token: str) -> None:
    for text in (
        f"a: {token}\n",
        f"a:\n  {token}\n",
        f"a:\n- {token}\n- x\n",
        f"a:\n  -\n    {token}\n",
        f"a: [{token}]\n",
        f"a: [x, {token}, y]\n",
        f"a: {{b: {token}, c: x}}\n",
        f"a: [x,\n    {token}]\n",  # a flow collection wrapped onto the next line (as safe_dump wraps it)
        f"a: {{b: x,\n    c: {token}\n  }}\n",
        f"a: {token}  # comment\n",
        f'a: "{token}"\n',
    ):
        try:
            yaml.safe_load(text)
        except yaml.YAMLError:
            continue  # not YAML at all: `safe_yaml` reports it
        check(text)


def test_what_gives_way_to_safe_yaml() -> None:
    assert not parse_fast("a: &x 1\n")[0]  # anchors are refused by safe_yaml, with a line
    assert not parse_fast("a: !!str 1\n")[0]  # tags are checked by safe_yaml
    assert not parse_fast("%YAML 1.2\n---\na: 1\n")[0]
    assert not parse_fast("a: 1\na: 2\n")[0]  # duplicate key
    assert not parse_fast("a: *x\n")[0]
    assert not parse_fast("a: 017\n")[0]  # 17 to yaml-rs, text to safe_yaml
    assert not parse_fast("- 1\n- 2\n")[0]  # not a mapping
    assert not parse_fast("a: b\x07c\n")[0]  # a character YAML does not allow
    assert parse_fast("a: R&D, 3 - 5!\n") == (True, {"a": "R&D, 3 - 5!"})


@pytest.mark.parametrize(
    "text",
    [
        "- " * 200_000 + "x\n",
        "a:\n" + "".join(" " * (i + 1) + "b:\n" for i in range(2_000)) + " " * 2_001 + "c: 1\n",
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a: " + "{b: " * 50_000 + "1" + "}" * 50_000 + "\n",
    ],
    ids=["compact sequences", "indentation", "flow sequences", "flow mappings"],
)
def test_deep_nesting_never_reaches_the_recursive_parser(text: str) -> None:
    assert parse_fast(text) == (False, None)


scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
)
documents = st.dictionaries(
    st.text(alphabet="abcdefghijklmnop_", min_size=1, max_size=8),
    st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.sampled_from("xyz"), scalars, max_size=3)),
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(documents, st.booleans())
@example({"a": "017", "_": ["017", "017", "0x1F", "0o17", "x" * 60]}, True)  # wraps before 0o17
def test_what_safe_dump_writes_reads_alike(document: dict[str, Any], flow: bool) -> None:
    check(yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="abcdefg", min_size=1, max_size=4), st.sampled_from(TRICKY)), max_size=8))
def test_hand_written_plain_values_read_alike(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}{index}: {value}\n" for index, (key, value) in enumerate(pairs))
    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        return
    check(text)


def test_the_test_era_reads_alike() -> None:
    assert check(ERA_YAML)
