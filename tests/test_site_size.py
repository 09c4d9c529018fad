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
from orgchart.dataset.limits import LEGIBLE_BOXES
from orgchart.site import site_payload, tree_parents, write_site
from orgchart.site.compact import compact_era, unpack
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
        assert len(chart.nodes) > LEGIBLE_BOXES
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


def tree_order(chart: orgchart.OrgChart) -> list[str]:
    """The era's entities in the order of the page's tree: each branch, depth first, before the
    next; children and roots in era-file order."""
    parents = tree_parents(chart)
    children: dict[str, list[str]] = {}
    for item in chart.nodes:
        if item.id in parents:
            children.setdefault(parents[item.id], []).append(item.id)
    order: list[str] = []
    todo = [n.id for n in chart.nodes if n.id not in parents][::-1]
    while todo:
        step = todo.pop()
        order.append(step)
        todo.extend(reversed(children.get(step, [])))
    return order


def test_change_overlay_counts_changes_in_closed_branches_and_visits_them(
    generated: orgchart.Dataset, payloads: list[dict[str, Any]], large_site: Path, open_page: Opener
) -> None:
    """Most changes of a large era sit in branches that open closed: each closed branch says how
    many it holds, the page says where they are, and Next / Previous change visit every marked
    entity in the order of the tree."""
    chart = generated.latest
    marks = payloads[-1]["changes"]["marks"]
    parents = tree_parents(chart)
    changed_below: dict[str, int] = {}
    for marked in marks:
        step = marked
        while step in parents:
            step = parents[step]
            changed_below[step] = changed_below.get(step, 0) + 1
    page = open_page(large_site, f"#era={chart.id}&changes=1").page
    expect(page.locator("#change-note")).to_contain_text("closed branches")
    closed = page.locator("#viewport g[data-node].collapsed")
    shown = 0
    for index in range(closed.count()):
        group = closed.nth(index)
        node_id = group.get_attribute("data-node")
        assert node_id
        if changed_below.get(node_id):
            count = changed_below[node_id]
            expect(group.locator(".changes-below")).to_have_text(f"{count:,} change{'s' if count > 1 else ''} below")
            expect(group).to_have_attribute("aria-label", re.compile(f", {count:,} changes? below$"))
            shown += 1
        else:
            expect(group.locator(".changes-below")).to_have_count(0)
    assert shown > 0
    order = [item for item in tree_order(chart) if item in marks]
    for expected in order[:3]:
        page.locator("#change-next").click()
        assert hash_params(page)["node"] == expected
        expect(node(page, expected)).to_have_class(re.compile(r"\bselected\b"))  # opened and drawn
        assert NAME_PX * scale(page) >= 10
    expect(page.locator("#status")).to_have_text(re.compile(f"^Change 3 of {len(order):,}: "))
    page.locator("#change-prev").click()
    assert hash_params(page)["node"] == order[1]
    page.locator("#change-prev").click()
    page.locator("#change-prev").click()
    assert hash_params(page)["node"] == order[-1]  # round to the last
    # Off, the counts go.
    page.locator("#changes-toggle").uncheck()
    expect(page.locator("#viewport .changes-below")).to_have_count(0)
    expect(page.locator("#change-legend")).to_be_hidden()


def test_opened_branches_are_kept_when_switching_era_and_back(
    generated: orgchart.Dataset, large_site: Path, open_page: Opener
) -> None:
    later, earlier = generated.latest, generated.eras[0]
    page = open_page(large_site, f"#era={later.id}").page
    target = page.locator("#viewport g[data-node].collapsed").first
    node_id = target.get_attribute("data-node")
    assert node_id
    target.locator(".subtree-toggle").click()
    expect(node(page, node_id)).not_to_have_class(re.compile(r"\bcollapsed\b"))
    first_child = next(n.id for n in later.nodes if tree_parents(later).get(n.id) == node_id)
    page.locator("#era-select").select_option(earlier.id)
    expect(page.locator("#viewport")).to_have_attribute("data-era", earlier.id)
    page.locator("#era-select").select_option(later.id)
    expect(page.locator("#viewport")).to_have_attribute("data-era", later.id)
    expect(node(page, node_id)).not_to_have_class(re.compile(r"\bcollapsed\b"))
    expect(node(page, node_id).locator(".subtree-toggle text")).to_have_text("\u2212")  # minus: open
    expect(node(page, first_child)).to_have_count(1)  # its children drawn again
    # And a branch closed in an era stays closed there (nothing selected inside it to reveal).
    page.locator(f'#viewport g[data-node="{node_id}"] .subtree-toggle').click()
    expect(node(page, node_id)).to_have_class(re.compile(r"\bcollapsed\b"))
    page.locator("#era-select").select_option(earlier.id)
    expect(page.locator("#viewport")).to_have_attribute("data-era", earlier.id)
    page.locator("#era-select").select_option(later.id)
    expect(page.locator("#viewport")).to_have_attribute("data-era", later.id)
    expect(node(page, node_id)).to_have_class(re.compile(r"\bcollapsed\b"))
