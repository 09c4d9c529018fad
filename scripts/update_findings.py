"""Record the bundled data's findings in tests/assets/findings.json (`make pins` runs it).

The test `tests/test_data.py::test_findings_are_exactly_the_recorded_ones` fails when a finding
of a recorded era appears or disappears; if the change is intended, run `make pins` and commit
the file with it. An era added to data/ is recorded by the next run.
"""

from __future__ import annotations

import json
from pathlib import Path

import orgchart
from orgchart.atomic import write_text_atomic

ASSET = Path(__file__).resolve().parent.parent / "tests" / "assets" / "findings.json"


def recorded_findings(dataset: orgchart.Dataset) -> dict[str, list[dict[str, str | None]]]:
    """Every era's findings as plain data, in the order the tool reports them."""
    return {
        chart.id: [
            {"kind": f.kind, "subject": f.subject, "origin": f.origin, "message": f.message} for f in chart.findings
        ]
        for chart in dataset.eras
    }


if __name__ == "__main__":
    text = json.dumps(recorded_findings(orgchart.load()), ensure_ascii=False, indent=2) + "\n"
    write_text_atomic(ASSET, text)
    print(f"wrote {ASSET}")
