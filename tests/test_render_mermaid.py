"""Mermaid charts: safe ids, escaped labels, edge operators and classes, determinism."""

from __future__ import annotations

import re

import orgchart
from orgchart.render import to_mermaid
from orgchart.render.mermaid import escape_label, mermaid_ids
from tests.conftest import DatasetMaker
from tests.render_data import NASTY_NAMES, nasty_dataset, wide_dataset

NODE_LINE = re.compile(r'^\s+(n_[A-Za-z0-9_]+)(\(|\[\[|\[\(|\{\{|\[)"(.*)"(\)|\]\]|\)\]|\}\}|\])$')


def unescape(label: str) -> str:
    """What Mermaid shows for an escaped label (entity codes decoded, `<br>` as a newline)."""
    names = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}
    text = re.sub(r"#(\d+|quot|amp|lt|gt);", lambda m: names.get(m.group(1)) or chr(int(m.group(1))), label)
    return text.replace("<br>", "\n")


def test_flowchart_with_title_and_every_node_and_edge(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(wide_dataset(make_dataset)).era("wide")
    text = to_mermaid(chart)
    lines = text.splitlines()
    assert lines[:2] == ["---", 'title: "Era wide <&> (2020-05-01)"']
    assert lines[2:4] == ["config:", "  flowchart:"] and "flowchart TD" in lines
    ids = mermaid_ids(node.id for node in chart.nodes)
    defined = {m.group(1) for line in lines if (m := NODE_LINE.match(line))}
    assert defined == set(ids.values())
    assert f"    {ids['ops']} --> {ids['training']}" in lines
    assert f'    {ids["support"]} -.->|"2nd parent"| {ids["training"]}' in lines
    assert f"    {ids['support']} -.-> {ids['program-x']}" in lines
    assert f"    {ids['alpha']} <==> {ids['partner']}" in lines
    assert f"    {ids['ops']} <-.-> {ids['partner']}" in lines
    assert f"    {ids['support']} --o {ids['field-office-01']}" in lines
    edge_lines = [line for line in lines if re.match(r"^\s+n_\S+ (-->|-\.->|<==>|<-\.->|--o)", line)]
    # The 12 field offices are stacked: one link to their subgraph stands for 12 edges, and
    # they stand in columns chained by invisible links.
    assert len(edge_lines) == len(chart.edges) - 11
    stack = next(line.split("[")[0].split()[-1] for line in lines if '["12 field offices"]' in line)
    assert f"    {ids['ops']} --> {stack}" in lines
    assert any(" ~~~ " in line and ids["field-office-01"] in line for line in lines)
    assert 'subgraph legend["Legend"]' in text
    assert "    classDef k_field_office " in "\n".join(lines)
    assert any(line.startswith("    linkStyle ") and "stroke-dasharray:1 4" in line for line in lines)
    assert 'subgraph externals["Outside the organization"]' in text
    assert to_mermaid(chart) == text


def test_nasty_names_are_escaped_and_intact(make_dataset: DatasetMaker) -> None:
    chart = orgchart.load(nasty_dataset(make_dataset)).era("nasty")
    ids = mermaid_ids(node.id for node in chart.nodes)
    labels = {m.group(1): m.group(3) for line in to_mermaid(chart).splitlines() if (m := NODE_LINE.match(line))}
    for node_id, name in NASTY_NAMES.items():
        label = labels[ids[node_id]]
        assert not set(label) & set('"`|{}[]\\'), label
        assert unescape(label).startswith(f"<b>{name}</b>") or node_id in ("markup", "entity")
        shown = unescape(label.split("<br><small>")[0].removeprefix("<b>").removesuffix("</b>"))
        assert shown == name


def test_ids_are_safe_and_one_to_one() -> None:
    ids = mermaid_ids(["end", "a-b", "a.b", "a_b", "o-x", "x"])
    assert len(set(ids.values())) == 6
    assert all(re.fullmatch(r"n_[a-z0-9_]+", value) for value in ids.values())
    assert ids["end"] == "n_end" and ids["x"] == "n_x"


def test_escape_label() -> None:
    assert escape_label('a "b" <c> & #d') == "a #quot;b#quot; #lt;c#gt; #amp; #35;d"
    assert escape_label("one\ntwo") == "one<br>two"
    assert escape_label("移民局") == "移民局"


def test_bundled_subtree_keeps_oversight() -> None:
    chart = orgchart.load().era("ero-2023")
    text = to_mermaid(chart, "CAD")
    # CAD oversees two programs: stacked, one dashed oversight link to their subgraph.
    assert "n_cad -.-> s_0_n_cad" in text and 'subgraph s_0_n_cad["2 programs"]' in text
    assert "n_cap[" in text and "n_ice" not in text


def test_colours_read_on_light_and_dark_themes() -> None:
    from orgchart.render.dark import DARK_BACKGROUND, contrast

    text = to_mermaid(orgchart.load().era("ero-2020"))
    classes = re.findall(r"classDef k_\w+ fill:(#[0-9a-f]{6}),stroke:#[0-9a-f]{6},color:(#[0-9a-f]{6})", text)
    assert len(classes) >= 8
    for fill, color in classes:
        assert contrast(fill, color) >= 4.5, (fill, color)  # every label readable on its box
    strokes = re.findall(r"linkStyle [\d,]+ stroke:(#[0-9a-f]{6})", text)
    assert strokes
    for stroke in strokes:  # lines show on white and on a dark theme's background
        assert contrast(stroke, "#ffffff") >= 3 and contrast(stroke, DARK_BACKGROUND) >= 3, stroke


def test_link_styles_count_the_invisible_links(make_dataset: DatasetMaker) -> None:
    """Mermaid numbers `~~~` links too: every linkStyle index must name a drawn link."""
    text = to_mermaid(orgchart.load(wide_dataset(make_dataset)).era("wide"))
    links = [line for line in text.splitlines() if re.search(r" (-->|-\.->|<==>|<-\.->|--o|~~~)", line)]
    count = sum(line.count("~~~") if "~~~" in line else 1 for line in links)
    styled = [
        int(i) for line in text.splitlines() if line.strip().startswith("linkStyle") for i in line.split()[1].split(",")
    ]
    assert sorted(styled) == sorted(set(styled)) and max(styled) < count
    invisible = {i for i, line in enumerate(links) if "~~~" in line}
    assert invisible  # the stacked field offices stand in columns


def test_change_chart_in_mermaid() -> None:
    from orgchart.render.mermaid_changes import changes_mermaid

    ds = orgchart.load()
    changes = orgchart.diff(ds.era("ero-excerpt"), ds.era("ero-2023"), lineage=ds.lineage)
    text = changes_mermaid(changes, fenced=True)
    assert text.startswith("```mermaid\n---\ntitle: ") and text.endswith("```\n")
    assert "classDef change_renamed" in text and "classDef change_added" in text
    assert "✎ Criminal Apprehension Division" in text and "was Criminal Alien Division" in text
    assert '-.->|"was under"|' in text  # the moved entity's former parent
    assert 'subgraph legend["Legend: what changed"]' in text and "lg_renamed" in text
    assert "k_division" not in text  # the legend explains changes, not kinds
