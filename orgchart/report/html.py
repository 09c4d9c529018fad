"""HTML change reports: standalone pages (inline CSS, no script), autoescaped templates."""

from __future__ import annotations

from orgchart.changes.changeset import ChangeSet
from orgchart.changes.history import History
from orgchart.report.environment import html_environment


def diff_html(changes: ChangeSet) -> str:
    """The change report of one pair of eras as an HTML page."""
    return html_environment().get_template("diff.html.j2").render(cs=changes)


def history_html(hist: History) -> str:
    """The history report (every consecutive pair and the grid of entities) as an HTML page."""
    return html_environment().get_template("history.html.j2").render(h=hist)
