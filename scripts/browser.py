"""Debian's Chromium under Playwright, the way the tests and the screenshot script use it.

Playwright never downloads a browser here: it drives /usr/bin/chromium (Debian's `chromium`
package, which `scripts/system-deps.sh` installs). The flags keep Chromium from reaching out on
its own (background networking, component updates, sync), which a closed network refuses.
Every request a page makes is checked: only `file:`, `data:`, `about:` and 127.0.0.1/localhost
URLs may load; anything else is aborted and recorded, so a test can fail on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright, Route

CHROMIUM: Final[Path] = Path("/usr/bin/chromium")
CHROMIUM_ARGS: Final[tuple[str, ...]] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOCAL_HOSTS: Final[frozenset[str]] = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


def launch_chromium(playwright: Playwright) -> Browser:
    """Start headless Debian Chromium.

    Raises:
        RuntimeError: /usr/bin/chromium is missing (run `bash scripts/system-deps.sh`, which
            `make test` and `make` run first).
    """
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `bash scripts/system-deps.sh` (as root) to install chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True)


def is_local(url: str) -> bool:
    """Whether loading `url` stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "about", "blob"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


def guard_network(context: BrowserContext) -> list[str]:
    """Abort every request in `context` that would leave the machine; return the list that
    collects their URLs (empty while the page behaves)."""
    blocked: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", handle)
    return blocked
