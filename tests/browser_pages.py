"""Opening the interactive page in Debian's Chromium the way every browser test does: a fresh
context per page, and after the test a check that the page stayed clean (no console error, no
uncaught exception, no dialog, no request leaving the machine)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from scripts.browser import guard_network, is_local, launch_chromium


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, closed on leaving."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A page and everything it did that a test must see: console errors, blocked requests,
    every URL it requested, dialogs."""

    page: Page
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.blocked == [], self.blocked
        assert self.dialogs == [], self.dialogs
        assert all(is_local(url) for url in self.requests), self.requests


Opener = Callable[..., Visit]


@contextmanager
def visiting(browser: Browser) -> Iterator[Opener]:
    """Open a page URL (or an index.html path, with an optional hash) in a fresh context; on
    leaving, check that every page opened stayed clean."""
    visits: list[Visit] = []
    contexts = []

    def open_(target: Path | str, hash: str = "") -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        visit = Visit(context.new_page())
        visit.blocked = guard_network(context)
        visits.append(visit)
        page = visit.page

        def on_console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                visit.errors.append(f"{message.type}: {message.text}")

        def on_dialog(dialog: Dialog) -> None:
            visit.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: visit.errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("dialog", on_dialog)
        url = target.resolve().as_uri() if isinstance(target, Path) else target
        page.goto(url + hash)
        page.wait_for_selector("body[data-ready=true]")
        return visit

    try:
        yield open_
        for visit in visits:
            visit.check_clean()
    finally:
        for context in contexts:
            context.close()


def hash_params(page: Page) -> dict[str, str]:
    """The URL hash's parameters (era, node, changes)."""
    text = page.evaluate("location.hash").lstrip("#")
    return dict(part.split("=", 1) for part in text.split("&") if part)


def node(page: Page, node_id: str) -> object:
    """The chart's group of an entity."""
    return page.locator(f'#viewport g[data-node="{node_id}"]')


def assert_accessible(page: Page) -> None:
    """No axe-core violation on the page as it is now."""
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
