"""Embeds in a real browser (Debian's Chromium through Playwright, as in test_site_browser.py):
an MkDocs page with several charts (no duplicate id, every chart titled by itself, text that
reads in dark mode), and the interactive page framed in embed mode."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import orgchart
from orgchart.render.dark import contrast
from orgchart.site import write_site
from scripts.browser import guard_network, launch_chromium
from tests.test_embed import FENCES, write_mkdocs

pytestmark = pytest.mark.browser
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def mkdocs_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built MkDocs page, served from 127.0.0.1 as a documentation host would (its search
    worker cannot start from file://)."""
    pytest.importorskip("mkdocs")
    root = write_mkdocs(tmp_path_factory.mktemp("mkdocs") / "src", FENCES)
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], cwd=root, check=True)
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()
    thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        return


def open_page(
    browser: Browser, url: str, scheme: str = "light", size: tuple[int, int] = (1200, 900)
) -> tuple[Page, list[str]]:
    context = browser.new_context(color_scheme=scheme, viewport={"width": size[0], "height": size[1]})  # type: ignore[arg-type]
    blocked = guard_network(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, blocked + errors


def rgb_hex(css: str) -> str:
    """`rgb(r, g, b)` as `#rrggbb`."""
    parts = [int(float(p)) for p in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    return "#{:02x}{:02x}{:02x}".format(*parts)


CHART_FACTS = """() => [...document.querySelectorAll('svg[role="img"]')].map((svg) => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
  const title = document.getElementById(ids[0]);
  const caption = svg.querySelector('.graph > text');
  const background = svg.querySelector('.graph > polygon');
  return {
    title: title ? title.textContent : null,
    titleInside: !!title && svg.contains(title),
    ownTitle: svg.querySelector('title').textContent,
    captionFill: caption ? getComputedStyle(caption).fill : null,
    backgroundFill: background ? getComputedStyle(background).fill : null,
  };
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mkdocs_page_charts(browser: Browser, mkdocs_page: str, scheme: str) -> None:
    page, problems = open_page(browser, mkdocs_page, scheme)
    duplicates = page.evaluate(
        "() => { const seen = {}; for (const e of document.querySelectorAll('[id]')) seen[e.id] = (seen[e.id] || 0) + 1;"
        " return Object.entries(seen).filter(([, n]) => n > 1).map(([id]) => id); }"
    )
    assert duplicates == []
    charts = page.evaluate(CHART_FACTS)
    assert [chart["title"] for chart in charts] == [
        "ERO web page, January 2023",
        "ERO web page, January 2023",
        "ERO briefing slides, March 2020",
        "ERO briefing slides, March 2020",
        "Changes from ERO web page excerpt, 2021-2022 (undated, damaged) to ERO web page, January 2023",
    ]
    for chart in charts:
        assert chart["titleInside"] and chart["title"] == chart["ownTitle"]
        if chart["captionFill"] is None:
            continue
        text, background = rgb_hex(chart["captionFill"]), rgb_hex(chart["backgroundFill"])
        assert contrast(text, background) >= 4.5, (scheme, text, background)
        if scheme == "dark":
            assert background != "#ffffff"  # no white slab on a dark page
    assert problems == []


def test_page_in_a_frame_is_an_embed(browser: Browser, tmp_path: Path) -> None:
    write_site(orgchart.load(), tmp_path / "site")
    host = tmp_path / "host.html"
    host.write_text(
        '<!DOCTYPE html><html><body style="margin:0"><iframe id="chart" width="757" height="700" '
        f'src="{(tmp_path / "site" / "index.html").as_uri()}?embed=1#era=ero-2023"></iframe></body></html>',
        encoding="utf-8",
    )
    page, problems = open_page(browser, host.as_uri(), size=(900, 800))
    frame = page.frame_locator("#chart")
    frame.locator("body[data-ready=true]").wait_for()
    area = frame.locator("#viewport").bounding_box()
    assert area and area["width"] >= 750 and area["height"] >= 690  # the chart gets the frame
    assert not frame.locator("#era-select").is_visible() and not frame.locator("#panel").is_visible()
    length = page.evaluate("history.length")
    frame.locator("#search").evaluate("() => 0")  # the controls exist, hidden
    frame.locator("g[data-node=cap]").click()
    panel = frame.locator("#panel")
    assert panel.is_visible()
    assert "(through oversight)" in frame.locator(".path").inner_text()
    frame.locator("#panel-close").click()
    frame.locator("g[data-node=cad]").click()
    assert page.evaluate("history.length") == length  # no entries added to the host's history
    frame.locator("#embed-controls").click()
    assert frame.locator("#era-select").is_visible()
    assert problems == []


def test_page_follows_dark_mode(browser: Browser, tmp_path: Path) -> None:
    write_site(orgchart.load(), tmp_path / "site")
    page, problems = open_page(browser, (tmp_path / "site" / "index.html").as_uri() + "#era=ero-2023", "dark")
    page.locator("body[data-ready=true]").wait_for()
    colours = page.evaluate(
        """() => ({
        body: getComputedStyle(document.body).backgroundColor,
        ink: getComputedStyle(document.body).color,
        viewport: getComputedStyle(document.getElementById('viewport')).backgroundColor,
        caption: getComputedStyle(document.querySelector('#viewport .graph > text')).fill,
        edge: getComputedStyle(document.querySelector('#viewport .edge.kind-parent path')).stroke,
    })"""
    )
    background = rgb_hex(colours["viewport"])
    assert contrast(rgb_hex(colours["body"]), "#000000") < 2  # a dark page
    assert contrast(rgb_hex(colours["ink"]), rgb_hex(colours["body"])) >= 7
    assert contrast(rgb_hex(colours["caption"]), background) >= 4.5
    assert contrast(rgb_hex(colours["edge"]), background) >= 3
    assert problems == []
