"""A hand-made two-era dataset for the interactive page: a rename, a move, additions, a stack,
and names built to break out of HTML, JSON and SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import DatasetMaker
from tests.render_data import SOURCE, edge, era_yaml, node

IMG_NAME = "<img src=x onerror=alert(1)>"
SCRIPT_NAME = '"><script>window.pwned=1</script>'
SCRIPT_ALIAS = "</script><script>window.pwned=2</script>"


def _era_one() -> str:
    nodes = [
        {**node("alpha", "Alpha Agency", "agency", "AA"), "aliases": ["The Alpha Service"]},
        node("ops", "Operations Division", "division"),
        node("support", "Support Division", "division"),
        node("training", "Training Unit", "unit"),
        node("program-x", "Program X", "program"),
        node("office-1", "Field Office One", "field office"),
        node("office-2", "Field Office Two", "field office"),
        node("office-3", "Field Office Three", "field office"),
    ]
    edges = [
        edge("parent", "alpha", "ops"),
        edge("parent", "alpha", "support"),
        edge("parent", "support", "training"),
        edge("oversight", "support", "program-x"),
        edge("parent", "ops", "office-1"),
        edge("parent", "ops", "office-2"),
        edge("parent", "ops", "office-3"),
    ]
    return era_yaml("one", nodes, edges)


def _era_two() -> str:
    nodes: list[dict[str, Any]] = [
        {**node("alpha", "Alpha Agency", "agency", "AA"), "aliases": ["The Alpha Service"]},
        node("ops", "Field Enforcement Division", "division"),
        node("support", "Support Division", "division"),
        node("training", "Training Unit", "unit"),
        node("program-x", "Program X", "program"),
        node("harbor", "Harbor Unit", "unit"),
        node("office-1", "Field Office One", "field office"),
        node("office-2", "Field Office Two", "field office"),
        node("office-3", "Field Office Three", "field office"),
        node("img", IMG_NAME, "office"),
        {**node("script", SCRIPT_NAME, "office", "<A&B>"), "aliases": [SCRIPT_ALIAS]},
    ]
    edges = [
        edge("parent", "alpha", "ops"),
        edge("parent", "alpha", "support"),
        edge("parent", "ops", "training"),
        edge("oversight", "support", "program-x"),
        edge("parent", "ops", "harbor"),
        edge("parent", "ops", "office-1"),
        edge("parent", "ops", "office-2"),
        edge("parent", "ops", "office-3"),
        edge("parent", "alpha", "img"),
        edge("parent", "alpha", "script"),
    ]
    return era_yaml("two", nodes, edges)


def site_dataset(make_dataset: DatasetMaker) -> Path:
    """Era `one`, then era `two` (both cite one source, so they sort by id): in `two`, `ops` is
    renamed, `training` moved from `support` to `ops`, and `harbor`, `img` and `script` (whose
    names are markup) are added. `ops` has three field offices, drawn as a stack."""
    return make_dataset(era_yaml={"one.yaml": _era_one(), "two.yaml": _era_two()}, source_text=SOURCE)
