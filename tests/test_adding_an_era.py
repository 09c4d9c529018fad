"""The README's "Adding a source and an era", end to end on a copy of the bundled data: a short
document written for the test, `orgchart draft`, hand edits applied as a patch, `validate`, the
build, and the tests that pin the bundled data still green with the era added. Also
`orgchart coverage` on it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import orgchart
from orgchart.build import build_report
from orgchart.cli import app

ROOT = Path(__file__).resolve().parent.parent

DOCUMENT = """Enforcement and Removal Operations

ERO is organized into the following divisions:

  • Custody Management: Manages detention operations
  • Removal: Enforces the removal of noncitizens
  • Harbor Watch Division: Watches the ports

The Harbor Watch Division oversees the Pier Patrol Program.

ERO removes noncitizens to more than 160 countries.
"""

# The hand edit a curator makes after reading the draft: the page says where it stops.
SOURCE_ENTRY = """
  - id: ero-test-page
    file: sources/ero-test-page.txt
    title: "ERO page written for the test"
    publisher: Test
    url: null
    date:
      start: 2024-06-01
      end: 2024-06-01
      precision: day
      reason: Written for the test.
    sha256: {digest}
"""


def test_a_new_era_from_draft_to_build_keeps_the_suite_green(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "sources" / "ero-test-page.txt").write_text(DOCUMENT, encoding="utf-8")
    digest = hashlib.sha256(DOCUMENT.encode("utf-8")).hexdigest()
    with (data / "sources.yaml").open("a", encoding="utf-8") as stream:
        stream.write(SOURCE_ENTRY.format(digest=digest))
    runner = CliRunner()
    era_file = data / "eras" / "ero-test.yaml"
    result = runner.invoke(
        app,
        [
            "draft",
            str(data / "sources" / "ero-test-page.txt"),
            "--era",
            "ero-test",
            "-o",
            str(era_file),
            "--data",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    drafted = era_file.read_text(encoding="utf-8")
    assert "id: ero\n" in drafted and "id: custody-management-division" in drafted  # ids of other eras
    # The curator's edit, as a patch: a label of their own.
    lines = drafted.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("label:"))
    patch = tmp_path / "edit.patch"
    patch.write_text(
        f"--- a/eras/ero-test.yaml\n+++ b/eras/ero-test.yaml\n@@ -{at},3 +{at},3 @@\n"
        f' {lines[at - 1]}\n-{lines[at]}\n+label: "ERO test page, June 2024"\n {lines[at + 1]}\n',
        encoding="utf-8",
    )
    applied = subprocess.run(["git", "apply", "--unsafe-paths", "--directory", str(data.relative_to(tmp_path)), str(patch)],
                             cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    assert applied.returncode == 0, applied.stderr
    assert 'label: "ERO test page, June 2024"' in era_file.read_text(encoding="utf-8")
    assert runner.invoke(app, ["validate", "--data", str(data)]).exit_code == 0
    dataset = orgchart.load(data)
    assert dataset.default.id == "ero-2023" and dataset.latest.id == "ero-test"
    report = build_report(dataset, tmp_path / "renders")
    assert (tmp_path / "renders" / "changes" / "ero-2023..ero-test.md").is_file() and not report.removed
    # The tests that pin the bundled data pin each era by id: an added era is no failure.
    env = {**os.environ, "ORGCHART_DATA": str(data)}
    pinned = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_data.py"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert pinned.returncode == 0, pinned.stdout[-2000:]
    coverage = runner.invoke(app, ["coverage", "ero-test", "--json", "--data", str(data)])
    assert coverage.exit_code == 0, coverage.output
    found = json.loads(coverage.stdout)
    assert found["era"] == "ero-test" and found["sources"][0]["passages"] >= 4


def test_coverage_lists_uncited_passages_and_missing_names(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["coverage", "ice-overview", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [source] = data["sources"]
    assert source["id"] == "ice-ero-hsi-overview" and source["complete"] is True
    assert 0 < len(source["uncited"]) < source["passages"]
    texts = [p["text"] for p in source["uncited"]]
    assert any(t.startswith("Browse through") for t in texts)
    lines = [p["line"] for p in source["uncited"]]
    assert lines == sorted(lines)  # document order
    # every uncited passage really is untouched by the era's quotes
    quotes = [
        orgchart.fold_white_space(c.quote) for n in orgchart.load().era("ice-overview").nodes for c in n.citations
    ]
    assert not any(q in t for q in quotes for t in texts if len(q) >= 12)
    text = runner.invoke(app, ["coverage", "ero-2020"])
    assert text.exit_code == 0 and "sentences and bullets of ero-briefing-slides are cited" in text.stdout
