"""The eras table and findings list that the README embeds."""

from __future__ import annotations

from pathlib import Path

import orgchart
from orgchart.report.summary import era_summaries, eras_markdown, findings_markdown
from tests.conftest import ERA_YAML, DatasetMaker

NASTY_FINDING = (
    "findings:\n  - kind: other\n    subject: ea\n"
    "    message: 'R&D | <b>Ops</b> *star* _under_ [link](x) 移民 \\back'\n"
    "    citations:\n      - source: doc-one\n        quote: Example Agency (EA) overview.\n"
)


def test_eras_table_counts_what_each_era_holds(dataset_dir: Path) -> None:
    ds = orgchart.load(dataset_dir)
    [row] = era_summaries(ds)
    assert (row.nodes, row.edges, row.claims, row.findings) == (4, 3, 1, 0)
    assert row.relations == {"oversight": 1, "parent": 2}
    assert "| `era-one` | 2020-05-01 | day | doc-one | 4 | 3 | 1 | 0 |" in eras_markdown(ds)


def test_findings_list_escapes_markdown_and_keeps_the_text(make_dataset: DatasetMaker) -> None:
    ds = orgchart.load(make_dataset(era_yaml=ERA_YAML + NASTY_FINDING))
    text = findings_markdown(ds)
    assert r"R&amp;D &#124; &lt;b&gt;Ops&lt;/b&gt; \*star\* \_under\_ \[link\](x) 移民 \\back" in text
    assert "> “Example Agency (EA) overview.” (doc-one)" in text


def test_no_findings_says_so(dataset_dir: Path) -> None:
    assert findings_markdown(orgchart.load(dataset_dir)) == "No findings.\n"
