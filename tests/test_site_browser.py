"""The interactive page in a real browser: Debian's Chromium driven by Playwright.

One browser for the module, a fresh context (no shared state) per test. Every test fails on a
console error, an uncaught exception, a dialog, or a request that would leave the machine.
Screenshots go to $ORGCHART_SCREENSHOTS, else to pytest's temporary directory (the path is
printed with -s); `make` saves the README's screenshot with scripts/screenshot_site.py.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

import orgchart
from orgchart.site import site_payload, tree_parents, write_site
from tests.browser_pages import Opener, assert_accessible, chromium, hash_params, node, visiting
from tests.conftest import write_dataset
from tests.render_data import SOURCE
from tests.site_data import IMG_NAME, SCRIPT_ALIAS, SCRIPT_NAME, _era_one, _era_two

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled-site")
    write_site(orgchart.load(), out)
    return out / "index.html"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = write_dataset(
        tmp_path_factory.mktemp("small-data"), {"one.yaml": _era_one(), "two.yaml": _era_two()}, SOURCE
    )
    out = tmp_path_factory.mktemp("small-site")
    write_site(orgchart.load(data), out)
    return out / "index.html"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("ORGCHART_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots of the page: {folder}")
    return folder


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Opener]:
    """Open a page in a fresh context; after the test, check that it stayed clean."""
    with visiting(browser) as opener:
        yield opener


def test_opens_on_the_newest_era_offline_and_accessible(
    open_page: Opener, bundled_site: Path, screenshots: Path
) -> None:
    dataset = orgchart.load()
    visit = open_page(bundled_site)
    page = visit.page
    assert page.locator("#era-select").input_value() == dataset.latest.id
    assert hash_params(page) == {"era": dataset.latest.id}
    assert page.locator("#viewport svg g[data-node]").count() == len(dataset.latest.nodes)
    assert [url.split("#")[0] for url in visit.requests] == [bundled_site.resolve().as_uri()]
    assert_accessible(page)
    page.screenshot(path=screenshots / "opened.png", animations="disabled")


def test_search_select_and_read_a_citation(open_page: Opener, bundled_site: Path, screenshots: Path) -> None:
    dataset = orgchart.load()
    chart = dataset.era("ero-2023")
    source = dataset.sources[chart.get("cad").citations[0].source]
    page = open_page(bundled_site, "#era=ero-2023").page
    page.locator("#search").fill("cad")
    options = page.locator("#suggestions [role=option]")
    expect(options.first).to_contain_text("Criminal Apprehension Division (CAD)")
    page.keyboard.press("Enter")
    panel = page.locator("#panel-body")
    expect(panel.locator("h2")).to_have_text("Criminal Apprehension Division")
    assert hash_params(page)["node"] == "cad"
    expect(node(page, "cad")).to_have_class(re.compile(r"\bselected highlight\b"))
    # Path to the root, what it oversees, and its citation with the source's title and date.
    expect(panel.locator(".path")).to_contain_text("Enforcement and Removal Operations (ERO)")
    expect(panel).to_contain_text("Oversees: Criminal Apprehension Program (CAP)")
    quote = panel.locator("ul.citations blockquote").last
    expect(quote).to_have_text(chart.get("cad").citations[0].quote)
    cite = panel.locator("ul.citations .cite").last
    expect(cite).to_contain_text(source.title)
    expect(cite).to_contain_text(source.date.label)
    # A step of the path is clickable and selects that entity.
    panel.locator(".path button", has_text="Enforcement and Removal Operations").click()
    expect(panel.locator("h2")).to_have_text("Enforcement and Removal Operations")
    assert hash_params(page)["node"] == "ero"
    page.screenshot(path=screenshots / "selected.png", animations="disabled")


def test_search_finds_acronyms_and_aliases(open_page: Opener, small_site: Path) -> None:
    page = open_page(small_site).page
    search = page.locator("#search")
    search.fill("alpha serv")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text("Alpha Agency (AA)")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text("alias The Alpha Service")
    search.fill("AA")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text("Alpha Agency (AA)")
    search.fill("zzz")
    expect(page.locator("#suggestions")).to_contain_text("No entity in this era matches.")
    page.keyboard.press("Escape")
    expect(page.locator("#suggestions")).to_be_hidden()


def test_switch_era_and_follow_the_hash(open_page: Opener, bundled_site: Path) -> None:
    page = open_page(bundled_site, "#era=ero-2023&node=cad").page
    expect(page.locator("#panel-body h2")).to_have_text("Criminal Apprehension Division")
    page.locator("#era-select").select_option("ero-2020")
    expect(page.locator("#viewport")).to_have_attribute("data-era", "ero-2020")
    assert hash_params(page)["era"] == "ero-2020"
    # A link someone shares: the hash selects the era and the entity.
    page.evaluate("location.hash = '#era=dro-2008&node=dro'")
    expect(page.locator("#viewport")).to_have_attribute("data-era", "dro-2008")
    assert page.locator("#era-select").input_value() == "dro-2008"
    expect(page.locator("#panel-body h2")).to_have_text("Office of Detention and Removal")
    expect(node(page, "dro")).to_have_class(re.compile(r"\bselected\b"))
    # Back goes to the previous state.
    page.go_back()
    expect(page.locator("#viewport")).to_have_attribute("data-era", "ero-2020")


def test_collapse_and_expand_a_subtree(open_page: Opener, small_site: Path) -> None:
    page = open_page(small_site, "#era=two&node=ops").page
    below = ["training", "harbor", "office-1", "office-2", "office-3"]
    for node_id in below:
        expect(node(page, node_id)).to_be_visible()
    page.locator("#collapse-button").click()
    for node_id in below:
        expect(node(page, node_id)).to_be_hidden()
    expect(page.locator("#edge-ops-PARENT-harbor")).to_be_hidden()
    expect(page.locator("#stack-ops-parent-field-office")).to_be_hidden()
    expect(node(page, "support")).to_be_visible()
    expect(node(page, "ops")).to_have_attribute(
        "aria-label", "Field Enforcement Division, division, collapsed, 5 hidden below"
    )
    # The toggle on the node expands it again.
    node(page, "ops").locator(".subtree-toggle").click()
    for node_id in below:
        expect(node(page, node_id)).to_be_visible()


def test_keyboard_alone(open_page: Opener, small_site: Path) -> None:
    page = open_page(small_site, "#era=two").page
    page.locator("#viewport").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.dataset.node, document.activeElement.matches(':focus-visible')]")
    assert focused == ["alpha", True]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.node") == "ops"
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text("Field Enforcement Division")
    page.keyboard.press("ArrowLeft")  # collapses
    expect(node(page, "harbor")).to_be_hidden()
    page.keyboard.press("ArrowRight")  # expands
    expect(node(page, "harbor")).to_be_visible()
    page.keyboard.press("ArrowRight")  # first child
    assert page.evaluate("document.activeElement.dataset.node") == "training"
    page.keyboard.press("ArrowLeft")  # a leaf: goes to its parent
    assert page.evaluate("document.activeElement.dataset.node") == "ops"
    # Zoom with the keyboard, then fit.
    before = page.locator("#viewport svg").get_attribute("viewBox")
    page.keyboard.press("+")
    zoomed = page.locator("#viewport svg").get_attribute("viewBox")
    assert zoomed != before
    page.keyboard.press("0")
    assert page.locator("#viewport svg").get_attribute("viewBox") == before
    # A step of the path, chosen with the keyboard: focus moves to the new entity's name.
    page.locator("#panel-body .path button").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text("Alpha Agency")
    assert page.evaluate("document.activeElement.id") == "node-name"
    # The skip link goes to the chart and keeps the state in the URL.
    page.locator(".skip-link").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "viewport"
    assert hash_params(page) == {"era": "two", "node": "alpha"}
    # "/" goes to the search box; choose with arrows and Enter.
    page.keyboard.press("/")
    page.keyboard.type("harb")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text("Harbor Unit")


def test_pan_and_zoom_with_the_mouse(open_page: Opener, bundled_site: Path) -> None:
    page = open_page(bundled_site).page
    svg = page.locator("#viewport svg")
    fitted = svg.get_attribute("viewBox")
    box = page.locator("#viewport").bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    zoomed = svg.get_attribute("viewBox")
    assert zoomed != fitted
    width = lambda view: float(view.split()[2])  # noqa: E731
    assert width(zoomed) < width(fitted)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40, steps=4)
    page.mouse.up()
    panned = svg.get_attribute("viewBox")
    assert panned != zoomed and width(panned) == width(zoomed)
    assert page.locator("#panel-body h2").count() == 0  # a drag selects nothing
    page.locator("#zoom-fit").click()
    assert svg.get_attribute("viewBox") == fitted


def test_change_overlay_marks_added_renamed_and_moved(open_page: Opener, small_site: Path, screenshots: Path) -> None:
    page = open_page(small_site, "#era=two").page
    toggle = page.locator("#changes-toggle")
    toggle.check()
    assert hash_params(page).get("changes") == "1"
    expect(node(page, "harbor")).to_have_class("node kind-unit change-added")
    expect(node(page, "harbor").locator(".change-badge")).to_have_text("+ new")
    expect(node(page, "ops")).to_have_class("node kind-division change-renamed")
    expect(node(page, "training")).to_have_class("node kind-unit change-moved")
    expect(node(page, "support")).to_have_class("node kind-division")
    expect(page.locator("#change-counts")).to_contain_text("3 added, 1 renamed, 1 moved")
    node(page, "ops").click()
    expect(page.locator("#panel-body")).to_contain_text("Called Operations Division in one.")
    expect(page.locator("#change-note")).to_have_text("")  # every box is drawn: nothing to say
    page.locator("#change-next").click()  # the next marked entity after the selected one
    stepped = hash_params(page)["node"]
    assert stepped != "ops"
    expect(node(page, stepped)).to_have_class(re.compile(r"\bchange-(added|renamed|moved)\b"))
    page.locator("#change-prev").click()
    assert hash_params(page)["node"] == "ops"
    assert_accessible(page)
    page.screenshot(path=screenshots / "changes.png", animations="disabled")
    # The first era has no previous era: the overlay cannot be turned on there.
    page.locator("#era-select").select_option("one")
    expect(toggle).to_be_disabled()
    expect(page.locator("#change-legend")).to_be_hidden()


def test_markup_in_names_stays_text(open_page: Opener, small_site: Path) -> None:
    visit = open_page(small_site, "#era=two&changes=1")
    page = visit.page
    page.locator("#search").fill("img")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text(IMG_NAME)
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text(IMG_NAME)
    page.locator("#search").fill("window.pwned=2")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text(SCRIPT_ALIAS)
    page.keyboard.press("Enter")
    expect(page.locator("#panel-body h2")).to_have_text(SCRIPT_NAME)
    expect(page.locator("#panel-body .facts")).to_contain_text("<A&B>")
    expect(node(page, "script")).to_contain_text("<script>window.pwned=1</script>")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 4  # the index, two eras, the page's own
    assert visit.dialogs == []


def test_served_from_a_local_port(open_page: Opener, bundled_site: Path) -> None:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(bundled_site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        visit = open_page(f"http://127.0.0.1:{port}/index.html", "#era=ero-2023&node=ero")
        expect(visit.page.locator("#panel-body h2")).to_have_text("Enforcement and Removal Operations")
        assert {url.split("/index.html")[0] for url in visit.requests} == {f"http://127.0.0.1:{port}"}
    finally:
        server.shutdown()
        server.server_close()


def test_every_bundled_era_works(open_page: Opener, bundled_site: Path) -> None:
    dataset = orgchart.load()
    _, payloads = site_payload(dataset)
    page = open_page(bundled_site).page
    for chart, payload in zip(dataset.eras, payloads, strict=True):
        page.locator("#era-select").select_option(chart.id)
        expect(page.locator("#viewport")).to_have_attribute("data-era", chart.id)
        assert page.locator("#viewport g[data-node]").count() == len(chart.nodes), chart.id
        # The entity with the most below it: search it, select it, collapse and expand it.
        parents = tree_parents(chart)
        biggest = max(chart.nodes, key=lambda n: sum(1 for p in parents.values() if p == n.id))
        page.locator("#search").fill(biggest.name)
        page.keyboard.press("Enter")
        expect(page.locator("#panel-body h2")).to_have_text(biggest.name)
        expect(page.locator("#panel-body ul.citations blockquote").last).to_have_text(biggest.citations[-1].quote)
        page.locator("#collapse-button").click()
        hidden = page.locator("#viewport g[data-node].is-hidden").count()
        assert hidden >= sum(1 for p in parents.values() if p == biggest.id), chart.id
        page.locator("#collapse-button").click()
        assert page.locator("#viewport g[data-node].is-hidden").count() == 0, chart.id
        # The overlay marks exactly what the diff found since the previous era.
        marks = payload["changes"]["marks"] if payload["changes"] else {}
        if payload["changes"]:
            page.locator("#changes-toggle").check()
            marked = page.locator("#viewport g[data-node]:is(.change-added, .change-renamed, .change-moved)")
            assert marked.count() == len(marks), chart.id
            page.locator("#changes-toggle").uncheck()
        else:
            expect(page.locator("#changes-toggle")).to_be_disabled()
