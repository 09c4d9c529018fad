"""Reports inside documentation: Markdown that CommonMark (markdown-it-py, as GitHub) and
Python-Markdown (as MkDocs) render alike, and HTML fragments whose styles stay inside them."""

from __future__ import annotations

import html
import re

import pytest

import orgchart
from orgchart.changes.history import history
from orgchart.report import render_diff, render_history
from orgchart.report.escape import md
from orgchart.report.summary import findings_markdown
from tests.conftest import DatasetMaker
from tests.eras import BASE_EDGES, BASE_NODES, make_pair, replace_node

markdown = pytest.importorskip("markdown")
markdown_it = pytest.importorskip("markdown_it")

HOSTILE = "Office of $4.12 & <Things> | R&amp;D ~x~ *y* _z_ back\\slash #1 [a](b) `c` $5"


def visible_text(rendered: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space folded."""
    text = re.sub(r"<[^>]+>", " ", rendered)
    return " ".join(html.unescape(text).split())


def both(source: str) -> tuple[str, str]:
    """`source` rendered by CommonMark with GFM tables, and by Python-Markdown with tables."""
    commonmark = markdown_it.MarkdownIt("commonmark").enable("table").render(source)
    python_markdown = markdown.markdown(source, extensions=["tables"])
    return visible_text(commonmark), visible_text(python_markdown)


def bundled_markdown() -> dict[str, str]:
    dataset = orgchart.load()
    hist = history(dataset)
    reports = {f"{c.before.id}..{c.after.id}": render_diff(c, "md") for c in hist.pairs}
    reports["history"] = render_history(hist, "md")
    reports["findings"] = findings_markdown(dataset)
    return reports


def test_escaped_text_renders_as_written_in_both() -> None:
    commonmark, python_markdown = both(md(HOSTILE))
    assert commonmark == python_markdown == " ".join(HOSTILE.split())


def test_bundled_reports_render_alike_without_stray_escapes() -> None:
    shown = []
    for name, source in bundled_markdown().items():
        commonmark, python_markdown = both(source)
        shown.append(commonmark)
        assert commonmark == python_markdown, name
        for text in (commonmark, python_markdown):
            assert not re.search(r"\\[$&<>|~*_\[\]{}#!`]", text), f"{name}: stray backslash"
            assert not re.search(r"&(amp|lt|gt|#\d+);", text), f"{name}: double-escaped entity"
    assert re.search(r"\$\d", " ".join(shown))  # the figures' dollars are there, as dollars


def test_hostile_names_in_a_report(make_dataset: DatasetMaker) -> None:
    nodes = replace_node(BASE_NODES, "field", ("field", HOSTILE, "division"))
    dataset = make_pair(make_dataset, nodes, BASE_EDGES)
    source = render_diff(orgchart.diff(*dataset.eras), "md")
    commonmark, python_markdown = both(source)
    assert commonmark == python_markdown
    assert " ".join(HOSTILE.split()) in commonmark


def test_html_fragment_has_no_page_and_scoped_styles() -> None:
    dataset = orgchart.load()
    changes = orgchart.diff(dataset.era("ero-excerpt"), dataset.era("ero-2023"), lineage=dataset.lineage)
    fragment = render_diff(changes, "html", fragment=True, chart="ero-excerpt..ero-2023.svg")
    assert not re.search(r"<(!DOCTYPE|html|head|body|title)\b", fragment, re.IGNORECASE)
    assert fragment.startswith('<section class="orgchart-report">') and fragment.rstrip().endswith("</section>")
    style = re.search(r"<style>(.*?)</style>", fragment, re.DOTALL)
    assert style
    selectors = [part.split("{")[0] for part in style.group(1).split("}") if "{" in part]
    for group in selectors:
        for selector in group.split(","):
            assert selector.strip().startswith(".orgchart-report"), selector
    assert '<img src="ero-excerpt..ero-2023.svg"' in fragment  # the report shows its change chart
    page = render_diff(changes, "html")
    assert page.startswith("<!DOCTYPE html>") and "<img" not in page
    whole = render_history(history(dataset), "html", fragment=True)
    assert "<html" not in whole and whole.startswith('<section class="orgchart-report">')
