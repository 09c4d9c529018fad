"""The page in a real browser (Chromium through Playwright): switching eras keeps what did not
change in place, and the change overlay shows the side-by-side chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests import test_site_browser as site
from tests.test_site_browser import Opener, assert_accessible, hash_params

# The browser suite's fixtures, shared: one Chromium for this module, a fresh context per test.
browser = site.browser
bundled_site = site.bundled_site
open_page = site.open_page
screenshots = site.screenshots

pytestmark = pytest.mark.browser


def centre(page: Page, selector: str) -> tuple[float, float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, box["width"]


def test_switching_era_keeps_an_unchanged_entity_where_it_was(open_page: Opener, bundled_site: Path) -> None:
    page = open_page(bundled_site, "#era=ero-2023&node=custody-management-division").page
    selector = '#viewport g[data-node="custody-management-division"]'
    expect(page.locator(selector)).to_have_class(re.compile(r"\bselected\b"))
    page.locator("#zoom-in").click()
    x, y, width = centre(page, selector)
    page.locator("#era-select").select_option("ero-2020")
    expect(page.locator("#viewport")).to_have_attribute("data-era", "ero-2020")
    x2, y2, width2 = centre(page, selector)
    assert abs(x2 - x) < 2 and abs(y2 - y) < 2, ((x, y), (x2, y2))
    assert abs(width2 - width) / width < 0.35  # the same zoom (the box's own width differs a little)
    # Without a selection, the entity nearest the middle of the view that the other era also
    # holds stays put.
    page.evaluate("location.hash = '#era=ero-2023'")
    expect(page.locator("#panel-body .panel-empty")).to_be_visible()
    page.locator("#zoom-in").click()
    anchor = page.evaluate(
        """() => {
          const there = new Set(JSON.parse(document.getElementById('era-data-ero-2020').textContent).nodes.map((n) => n.id));
          const r = document.getElementById('viewport').getBoundingClientRect();
          const mx = r.left + r.width / 2, my = r.top + r.height / 2;
          let best = null;
          for (const g of document.querySelectorAll('#viewport g[data-node]')) {
            if (!there.has(g.dataset.node)) continue;
            const b = g.getBoundingClientRect();
            const d = Math.hypot(b.left + b.width / 2 - mx, b.top + b.height / 2 - my);
            if (!best || d < best[1]) best = [g.dataset.node, d];
          }
          return best[0];
        }"""
    )
    before = centre(page, f'#viewport g[data-node="{anchor}"]')
    page.locator("#era-select").select_option("ero-2020")
    after = centre(page, f'#viewport g[data-node="{anchor}"]')
    assert abs(after[0] - before[0]) < 2 and abs(after[1] - before[1]) < 2, (anchor, before, after)


def test_the_change_overlay_shows_the_side_by_side_chart(
    open_page: Opener, bundled_site: Path, screenshots: Path
) -> None:
    page = open_page(bundled_site, "#era=ero-2023&changes=1").page
    side = page.locator("#side-toggle")
    expect(side).to_be_enabled()
    side.check()
    expect(page.locator("#viewport")).to_have_attribute("data-view", "side-by-side")
    assert hash_params(page).get("view") == "side-by-side"
    expect(page.locator("#viewport #after-node-cad")).to_be_visible()
    expect(page.locator("#viewport #before-node-ero")).to_be_visible()  # the ICE overview, on the left
    page.locator("#viewport #after-node-cad").click()
    expect(page.locator("#panel-body h2")).to_have_text("Criminal Apprehension Division")
    expect(page.locator("#viewport #after-node-cad")).to_have_class("node entity-cad state-added change-added selected")
    assert_accessible(page)
    page.screenshot(path=screenshots / "side-by-side.png", animations="disabled")
    # Another era keeps the side-by-side view, against its own previous era.
    page.locator("#era-select").select_option("ero-excerpt")
    expect(page.locator("#viewport")).to_have_attribute("data-view", "side-by-side")
    expect(page.locator("#viewport #before-heading")).to_contain_text("ERO briefing slides")
    # Turning the overlay off shows the era's chart; the first era has no previous one.
    page.locator("#changes-toggle").uncheck()
    expect(page.locator("#viewport")).to_have_attribute("data-view", "chart")
    expect(side).to_be_disabled()
    page.locator("#era-select").select_option("dro-2008")
    expect(page.locator("#changes-toggle")).to_be_disabled()
    # A shared link opens the same view.
    page.evaluate("location.hash = '#era=ero-excerpt&changes=1&view=side-by-side'")
    expect(page.locator("#viewport")).to_have_attribute("data-view", "side-by-side")
    expect(page.locator("#viewport")).to_have_attribute("data-era", "ero-excerpt")
