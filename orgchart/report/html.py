"""HTML change reports: standalone pages (inline CSS, no script), or fragments to include in
another page (`fragment=True`: a `<section class="orgchart-report">` whose style rules all sit
under that class, no `<html>` or `<head>`); autoescaped templates."""

from __future__ import annotations

from orgchart.changes.changeset import ChangeSet
from orgchart.changes.history import History
from orgchart.report.environment import html_environment


def diff_html(changes: ChangeSet, *, fragment: bool = False, chart: str | None = None) -> str:
    """The change report of one pair of eras as an HTML page, or a fragment; `chart` is the URL
    of the change chart (`orgchart render --diff`) to show and link, if there is one."""
    return html_environment().get_template("diff.html.j2").render(cs=changes, fragment=fragment, chart=chart)


def history_html(hist: History, *, fragment: bool = False) -> str:
    """The history report (every consecutive pair and the grid of entities) as an HTML page,
    or a fragment."""
    return html_environment().get_template("history.html.j2").render(h=hist, fragment=fragment)


def summary_html(changes: ChangeSet) -> str:
    """The summary of one pair's report (counts by kind and the headline changes) as an HTML
    fragment: what a documentation page or a notebook shows next to the change chart."""
    return html_environment().get_template("summary.html.j2").render(cs=changes, fragment=True, chart=None)
