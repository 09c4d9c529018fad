"""Property-based fuzzing of the loader and the importers: whatever the input, the only exceptions
are the project's own (`OrgChartError`), and a failed import writes nothing.

Inputs are generated YAML documents (nested values with anchors, aliases, tags and odd scalars
spliced in), random mutations of the bundled era files, and tables, JSON and GraphML built from
random values or mutated from a real export. `make test` runs a few dozen examples of each;
`make fuzz` sets ORGCHART_FUZZ_EXAMPLES and runs thousands.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import orgchart
from orgchart.dataset.loader import build_model, read_yaml
from orgchart.dataset.model import Era
from orgchart.dataset.safe_yaml import parse_yaml
from orgchart.errors import OrgChartError
from orgchart.export.importer import import_era, read_interchange

FUZZ = settings(
    max_examples=int(os.environ.get("ORGCHART_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
ERA_FILES = sorted((Path(orgchart.__file__).parent.parent / "data" / "eras").glob("*.yaml"))
SPLICES = [
    "&a ", "*a", "!!int ", "!!float ", "!!timestamp ", "!!binary ", "!!python/object:os.system ", "? ", "---\n",
    "[", "]", "{", "}", ": ", "- ", "#", "|", ">", "'", '"', "\\", "\t", "\n", "\x00", "\x1b[2J", "\u0435", "é",
    ".nan", ".inf", "1e400", "9" * 40, "2023-02-30", "0000-01-01", "<<: *a", "%YAML 1.1\n", "\ufeff", "  " * 20,
]  # fmt: skip


def mutated(text: str, data: st.DataObject) -> str:
    """`text` with a few random cuts, duplications and splices of YAML's sharp edges."""
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["splice", "cut", "repeat"]))
        if action == "splice":
            text = text[:at] + data.draw(st.sampled_from(SPLICES)) + text[at:]
        elif action == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)) :]
        else:
            piece = text[at : at + data.draw(st.integers(1, 200))]
            text = text[:at] + piece * data.draw(st.integers(2, 50)) + text[at:]
    return text


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["yes", "NO", "~", "=", "<<", "08", "1_000", "0x1F", "1:20", "2023-02-30", ".nan"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@FUZZ
@given(value=values, data=st.data())
def test_generated_yaml_gives_values_or_located_errors(value: Any, data: st.DataObject) -> None:
    text = mutated(yaml.safe_dump(value, allow_unicode=True), data)
    with contextlib.suppress(OrgChartError):
        parse_yaml(text, "fuzz.yaml")


@FUZZ
@given(data=st.data())
def test_mutated_bundled_eras_give_eras_or_located_errors(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(ERA_FILES))
    text = mutated(source.read_text(encoding="utf-8"), data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        path.write_text(text, encoding="utf-8")
        with contextlib.suppress(OrgChartError):
            build_model(read_yaml(path), Era)


@settings(FUZZ, max_examples=max(3, FUZZ.max_examples // 5))
@given(data=st.data())
def test_a_mutated_dataset_loads_or_fails_without_writing(data: st.DataObject) -> None:
    """The whole load (validation and quotes included) of a dataset with one mutated era."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(ERA_FILES[0].parent.parent, root)
        target = data.draw(st.sampled_from(sorted((root / "eras").glob("*.yaml"))))
        target.write_text(mutated(target.read_text(encoding="utf-8"), data), encoding="utf-8")
        before = sorted(root.rglob("*"))
        with contextlib.suppress(OrgChartError):
            orgchart.load(root)
        assert sorted(root.rglob("*")) == before


def attempt_import(name: str, content: str | bytes, fmt: str) -> None:
    """Read and import `content` as `fmt`: a new dataset or a project error, and on error nothing
    written at all."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        target = Path(folder) / "out"
        try:
            imported = read_interchange(source, fmt, default_kind="unit")
            import_era(imported, target, era_id="fuzz", origin=name)
        except OrgChartError:
            assert not target.exists(), "a failed import wrote something"


cells = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list(",\"'=+-@\n\r\t\x00")), max_size=12)


@FUZZ
@given(
    header=st.lists(
        st.sampled_from(["id", "name", "parent", "kind", "acronym", "aliases", "note", "Name", "x"]), max_size=6
    ),
    rows=st.lists(st.lists(cells, max_size=7), max_size=6),
)
def test_random_tables_import_or_fail_cleanly(header: list[str], rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    attempt_import("table.csv", buffer.getvalue(), "csv")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "name", "kind", "nodes", "links", "source", "target", "graph", "claims", "sources", "file", "value", "citations", "x"]), inner, max_size=5),
    max_leaves=25,
)  # fmt: skip


@FUZZ
@given(value=json_values, data=st.data())
def test_random_json_imports_or_fails_cleanly(value: Any, data: st.DataObject) -> None:
    text = json.dumps(value)
    if data.draw(st.booleans()):
        text = mutated(text, data)
    attempt_import("graph.json", text, "json")


EXPORTS = {fmt: orgchart.load().era("ero-excerpt") for fmt in ("json", "graphml")}


@FUZZ
@given(fmt=st.sampled_from(["json", "graphml"]), data=st.data())
def test_mutated_exports_import_or_fail_cleanly(fmt: str, data: st.DataObject) -> None:
    chart = EXPORTS[fmt]
    text = orgchart.to_json(chart) if fmt == "json" else orgchart.to_graphml(chart)
    attempt_import(f"export.{fmt}", mutated(text, data), fmt)
