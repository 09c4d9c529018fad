"""The page at size, in a real browser: two generated eras (1,000 entities each, the benchmarks'
generator), too large for one Graphviz picture, laid out by the page itself and drawn only
where the view is (see orgchart/site/assets/tree.js).

Every expected value comes from the library (tree parents, payloads, the change set), never
from the page itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

import orgchart
from orgchart.site import site_payload, tree_parents, write_site
from orgchart.site.compact import compact_era, unpack
from orgchart.site.page import SVG_LIMIT
from tests.browser_pages import Opener, assert_accessible, chromium, hash_params, node, visiting

pytestmark = pytest.mark.browser

NAME_PX = 12  # the tree view's name size in chart units (tree.js FONT)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Opener]:
    """Open a page in a fresh context; after the test, check that it stayed clean."""
    with visiting(browser) as opener:
        yield opener


@pytest.fixture(scope="module")
def generated(generated_thousand: Path) -> orgchart.Dataset:
    """Two generated eras of 1,000 entities, the second with about 2% changed."""
    return orgchart.load(generated_thousand)


@pytest.fixture(scope="module")
def payloads(generated: orgchart.Dataset) -> list[dict[str, Any]]:
    """What the page embeds for each era (from the library)."""
    return site_payload(generated)[1]


@pytest.fixture(scope="module")
def large_site(generated: orgchart.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("large-site")
    write_site(generated, out)
    return out / "index.html"


def depth_and_below(chart: orgchart.OrgChart) -> tuple[dict[str, int], dict[str, int]]:
    """Each node's depth in the page's tree and how many nodes lie below it."""
    parents = tree_parents(chart)
    depth: dict[str, int] = {}
    below = dict.fromkeys((n.id for n in chart.nodes), 0)
    for item in chart.nodes:
        step, steps = item.id, 0
        while step in parents:
            step = parents[step]
            steps += 1
            below[step] += 1
        depth[item.id] = steps
    return depth, below


def scale(page: Page) -> float:
    """Screen pixels per chart unit."""
    return float(page.evaluate("document.querySelector('#viewport svg').getScreenCTM().a"))


def test_large_eras_are_packed_and_read_back_whole(
    generated: orgchart.Dataset, payloads: list[dict[str, Any]], large_site: Path, open_page: Opener
) -> None:
    html = large_site.read_text(encoding="utf-8")
    for chart, payload in zip(generated.eras, payloads, strict=True):
        assert len(chart.nodes) > SVG_LIMIT
        assert f'<template id="svg-{chart.id}">' not in html
        block = re.search(f'id="era-data-{chart.id}" data-encoding="deflate-base64">([^<]*)<', html)
        assert block and unpack(block.group(1)) == compact_era(payload)
    # The page inflates and expands the columns into exactly the payload (what small eras embed).
    page = open_page(large_site).page
    for chart, payload in zip(generated.eras, payloads, strict=True):
        expanded = page.evaluate(f"OrgTree.decode(document.getElementById('era-data-{chart.id}')).then(OrgTree.plain)")
        assert expanded == payload


def test_opens_with_top_levels_and_counts_on_collapsed_branches(
    generated: orgchart.Dataset, large_site: Path, open_page: Opener
) -> None:
    chart = generated.latest
    page = open_page(large_site).page
    expect(page.locator("#viewport")).to_have_attribute("data-era", chart.id)
    drawn = page.locator("#viewport g[data-node]")
    assert 10 < drawn.count() < 300  # only what is open and in view, never all 2,000
    _, below = depth_and_below(chart)
    collapsed = page.locator("#viewport g[data-node].collapsed")
    assert collapsed.count() > 5
    for index in range(collapsed.count()):
        group = collapsed.nth(index)
        node_id = group.get_attribute("data-node")
        assert node_id
        expect(group.locator(".count")).to_have_text(f"{below[node_id]:,} below")
        expect(group).to_have_attribute("aria-label", re.compile(f", collapsed, {below[node_id]} hidden below$"))
    assert NAME_PX * scale(page) >= 4  # opens legible
    assert_accessible(page)


def test_deep_link_opens_the_path_and_zooms_to_a_readable_scale(
    generated: orgchart.Dataset, large_site: Path, open_page: Opener
) -> None:
    chart = generated.latest
    depth, _ = depth_and_below(chart)
    deepest = max(chart.nodes, key=lambda n: (depth[n.id], n.id))
    assert depth[deepest.id] >= 5
    page = open_page(large_site, f"#era={chart.id}&node={deepest.id}").page
    expect(page.locator("#panel-body h2")).to_have_text(deepest.name)
    expect(node(page, deepest.id)).to_have_class(re.compile(r"\bselected\b"))
    assert NAME_PX * scale(page) >= 10  # its name is readable without pressing "+"
    box = node(page, deepest.id).bounding_box()  # type: ignore[attr-defined]
    view = page.locator("#viewport").bounding_box()
    assert box and view and view["x"] <= box["x"] and box["x"] + box["width"] <= view["x"] + view["width"]
    # Every step of the path to the root is open and listed.
    path = [deepest.id]
    parents = tree_parents(chart)
    while path[-1] in parents:
        path.append(parents[path[-1]])
    expect(page.locator("#panel-body .path li")).to_have_count(len(path))
    for step in path[1:]:
        expect(node(page, step)).not_to_have_class(re.compile(r"\bcollapsed\b"))  # drawn or not, never closed


def test_fit_never_shrinks_below_legible(generated: orgchart.Dataset, large_site: Path, open_page: Opener) -> None:
    chart = generated.latest
    page = open_page(large_site).page
    page.locator("#expand-all").click()  # thousands of boxes open: the whole era cannot fit legibly
    page.locator("#zoom-fit").click()
    assert NAME_PX * scale(page) >= 4
    assert page.locator("#viewport g[data-node]").count() < 400
    # With an entity selected, Fit shows its branch.
    _, below = depth_and_below(chart)
    branch = max((n for n in chart.nodes if 3 <= below[n.id] <= 30), key=lambda n: (below[n.id], n.id))
    page.locator("#search").fill(branch.id)
    page.locator(f'#suggestions [role=option][data-node="{branch.id}"]').click()
    for _ in range(12):
        page.locator("#zoom-out").click()
    page.locator("#zoom-fit").click()
    assert NAME_PX * scale(page) >= 4
    view = page.locator("#viewport").bounding_box()
    assert view
    parents = tree_parents(chart)
    for child in [n.id for n in chart.nodes if parents.get(n.id) == branch.id]:
        box = node(page, child).bounding_box()  # type: ignore[attr-defined]
        assert box and view["x"] <= box["x"] and box["x"] + box["width"] <= view["x"] + view["width"] + 1


def test_zooming_out_draws_blocks_not_thousands_of_boxes(large_site: Path, open_page: Opener) -> None:
    page = open_page(large_site).page
    page.locator("#expand-all").click()
    box = page.locator("#viewport").bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(30):
        page.mouse.wheel(0, 400)
    assert scale(page) < 0.1
    assert page.locator("#viewport g[data-node]").count() < 400
    assert page.locator("#viewport .aggregate").count() > 0
    # Dragging pans and draws what comes into view.
    page.mouse.down()
    page.mouse.move(box["x"] + 100, box["y"] + 100, steps=5)
    page.mouse.up()
    assert page.locator("#viewport g[data-node]").count() < 400


def test_collapse_expand_and_keyboard_at_size(generated: orgchart.Dataset, large_site: Path, open_page: Opener) -> None:
    chart = generated.latest
    _, below = depth_and_below(chart)
    page = open_page(large_site).page
    target = page.locator("#viewport g[data-node].collapsed").first
    node_id = target.get_attribute("data-node")
    assert node_id
    before = target.bounding_box()
    target.locator(".subtree-toggle").click()
    expect(node(page, node_id)).not_to_have_class(re.compile(r"\bcollapsed\b"))
    after = node(page, node_id).bounding_box()  # type: ignore[attr-defined]
    assert before and after and abs(before["x"] - after["x"]) < 2 and abs(before["y"] - after["y"]) < 2
    parents = tree_parents(chart)
    children = [n.id for n in chart.nodes if parents.get(n.id) == node_id]
    expect(node(page, children[0])).to_be_visible()
    # The keyboard walks the open tree and opens and closes branches.
    node(page, node_id).focus()
    page.keyboard.press("ArrowRight")  # open: goes to the first child
    assert page.evaluate("document.activeElement.dataset.node") == children[0]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.node") == node_id
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text(chart.node(node_id).name)
    expect(page.locator("#collapse-button")).to_contain_text(f"({below[node_id]} below)")


def test_change_overlay_at_size(
    generated: orgchart.Dataset, payloads: list[dict[str, Any]], large_site: Path, open_page: Opener
) -> None:
    changes = payloads[-1]["changes"]
    renamed = sorted(key for key, kinds in changes["marks"].items() if "renamed" in kinds)
    assert renamed
    chart = generated.latest
    page = open_page(large_site, f"#era={chart.id}&node={renamed[0]}&changes=1").page
    expect(node(page, renamed[0])).to_have_class(re.compile(r"\bchange-renamed\b"))
    expect(node(page, renamed[0]).locator(".change-badge")).to_contain_text("renamed")
    counts = changes["counts"]
    expect(page.locator("#change-counts")).to_contain_text(
        f"{counts['added']} added, {counts['renamed']} renamed, {counts['moved']} moved"
    )
    assert hash_params(page) == {"era": chart.id, "node": renamed[0], "changes": "1"}
    expect(page.locator("h1")).to_have_text(chart.label)
    # Switching era keeps the entity selected when it is there too; the heading names the era.
    page.locator("#era-select").select_option(generated.eras[0].id)
    expect(page.locator("#viewport")).to_have_attribute("data-era", generated.eras[0].id)
    expect(page.locator("h1")).to_have_text(generated.eras[0].label)
    assert page.title() == generated.eras[0].label
    expect(page.locator("#panel-body h2")).to_have_text(generated.eras[0].node(renamed[0]).name)
