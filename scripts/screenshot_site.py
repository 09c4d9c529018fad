"""Save a screenshot of the interactive page for the README: `make` runs it after the build.

    python scripts/screenshot_site.py [renders/site/index.html] [renders/site/screenshot.png]

It opens the page from disk in Debian's Chromium (see scripts/browser.py), selects an entity
of the newest era (`--node`, default `ero`; nothing is selected if the era lacks it), turns on
the change overlay with `--changes`, and saves a PNG. Animations are frozen, so the same page gives the same picture on the same machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.browser import guard_network, launch_chromium  # noqa: E402


def take_screenshot(
    page_path: Path, out: Path, node: str, *, changes: bool = False, width: int = 1400, height: int = 860
) -> list[str]:
    """Write a PNG of the page at `page_path` to `out`; return requests that were blocked."""
    from playwright.sync_api import sync_playwright

    from orgchart.atomic import write_bytes_atomic

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
            blocked = guard_network(context)
            page = context.new_page()
            page.goto(page_path.resolve().as_uri() + f"#node={node}" + ("&changes=1" if changes else ""))
            page.wait_for_selector("body[data-ready=true]")
            write_bytes_atomic(out, page.screenshot(animations="disabled", caret="hide"))
        finally:
            browser.close()
    return blocked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "renders" / "site" / "index.html")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "renders" / "site" / "screenshot.png")
    parser.add_argument("--node", default="ero", help="entity to select (id); ignored if the era lacks it")
    parser.add_argument("--changes", action="store_true", help="turn on the changes since the previous era")
    args = parser.parse_args()
    if not args.page.exists():
        print(f"error: {args.page} does not exist; run `orgchart site` (or `make`) first", file=sys.stderr)
        return 1
    blocked = take_screenshot(args.page, args.out, args.node, changes=args.changes)
    if blocked:
        print(f"error: the page tried to load {', '.join(blocked)}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
