"""Fixtures that build small hand-made datasets on disk, as a user would write them."""

from __future__ import annotations

import hashlib
import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

SOURCE_TEXT = """Example Agency (EA) overview.
The Example Agency comprises the Field Division and the Support Division.
The Field   Division oversees the Patrol Program.
The Support Division manages 12 field offices.
"""

ERA_YAML = """\
id: era-one
label: Example Agency, first era
sources: [doc-one]
nodes:
  - id: ea
    name: Example Agency
    kind: agency
    acronym: EA
    citations:
      - source: doc-one
        quote: Example Agency (EA) overview.
  - id: field
    name: Field Division
    kind: division
    citations:
      - source: doc-one
        quote: the Field Division
  - id: support
    name: Support Division
    kind: division
    citations:
      - source: doc-one
        quote: the Support Division
  - id: patrol
    name: Patrol Program
    kind: program
    citations:
      - source: doc-one
        quote: "The Field Division oversees the Patrol Program."
edges:
  - kind: parent
    superior: ea
    subordinate: field
    citations:
      - source: doc-one
        quote: The Example Agency comprises the Field Division
  - kind: parent
    superior: ea
    subordinate: support
    citations:
      - source: doc-one
        quote: comprises the Field Division and the Support Division
  - kind: oversight
    superior: field
    subordinate: patrol
    citations:
      - source: doc-one
        quote: The Field Division oversees the Patrol Program.
claims:
  - id: support-field-offices
    subject: support
    attribute: field offices
    value: 12
    citations:
      - source: doc-one
        quote: The Support Division manages 12 field offices.
"""

DatasetMaker = Callable[..., Path]


def write_dataset(
    root: Path,
    era_yaml: str | dict[str, str] = ERA_YAML,
    source_text: str = SOURCE_TEXT,
    *,
    sha256: str | None = None,
    date: str = "2020-05-01",
) -> Path:
    """Write a dataset with one source and the given era file(s) under `root`; return `root`."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "eras").mkdir(exist_ok=True)
    (root / "sources" / "doc-one.txt").write_text(source_text, encoding="utf-8")
    digest = sha256 or hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    (root / "sources.yaml").write_text(
        textwrap.dedent(
            f"""\
            sources:
              - id: doc-one
                file: sources/doc-one.txt
                title: Example overview
                publisher: Example Agency
                date:
                  start: {date}
                  end: {date}
                  precision: day
                  reason: The page is dated.
                sha256: "{digest}"
            """
        ),
        encoding="utf-8",
    )
    files = era_yaml if isinstance(era_yaml, dict) else {"era-one.yaml": era_yaml}
    for name, text in files.items():
        (root / "eras" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def make_dataset(tmp_path: Path) -> DatasetMaker:
    """Build a dataset in a fresh directory: `make_dataset(era_yaml=..., source_text=...)`."""
    counter = iter(range(1000))

    def make(*args: object, **kwargs: object) -> Path:
        return write_dataset(tmp_path / f"data{next(counter)}", *args, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def dataset_dir(make_dataset: DatasetMaker) -> Path:
    """A valid one-era dataset."""
    return make_dataset()


def pytest_configure(config: pytest.Config) -> None:
    """Keep the dataset cache of the whole run (commands run in subprocesses too) in a
    directory of its own, never the user's: tests must not depend on what earlier runs left."""
    if not os.environ.get("ORGCHART_CACHE_DIR"):
        os.environ["ORGCHART_CACHE_DIR"] = tempfile.mkdtemp(prefix="orgchart-test-cache-")


@pytest.fixture(scope="session")
def generated_thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmarks' generated organization at 1,000 entities per era, two eras (written
    once per test session): more than one chart or one Graphviz picture in the page shows."""
    from benchmarks.synthetic import write_dataset

    return write_dataset(tmp_path_factory.mktemp("generated-1000"), 1000).root
