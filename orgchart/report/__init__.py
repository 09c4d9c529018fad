"""Change reports in Markdown, HTML and JSON, for one pair of eras or the whole history.

Jinja2 is imported only when a Markdown or HTML report is rendered. Reports read change sets and
histories (`orgchart.changes`) and eras; they never import the renderers, exports, the page or
the command line. `summary` holds the eras table and the findings list of a whole dataset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from orgchart.atomic import write_text_atomic
from orgchart.changes.changeset import ChangeSet
from orgchart.changes.history import History

REPORT_FORMATS: Final[tuple[str, ...]] = ("md", "html", "json")
"""The formats of change reports, also the file suffixes build writes."""


def verify_format(fmt: str) -> str:
    """`fmt` if it is a report format; ValueError naming the valid ones otherwise."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; valid formats: {', '.join(REPORT_FORMATS)}")
    return fmt


def render_diff(changes: ChangeSet, fmt: str = "md", *, fragment: bool = False, chart: str | None = None) -> str:
    """One pair's change report as text in `fmt` (md, html or json). For HTML, `fragment`
    gives a `<section>` to include in another page, and `chart` the URL of the change chart
    to show and link."""
    verify_format(fmt)
    if fmt == "json":
        from orgchart.report.json import diff_json

        return diff_json(changes)
    if fmt == "html":
        from orgchart.report.html import diff_html

        return diff_html(changes, fragment=fragment, chart=chart)
    from orgchart.report.markdown import diff_markdown

    return diff_markdown(changes)


def render_history(hist: History, fmt: str = "md", *, fragment: bool = False) -> str:
    """The history report as text in `fmt` (md, html or json); `fragment` as in `render_diff`."""
    verify_format(fmt)
    if fmt == "json":
        from orgchart.report.json import history_json

        return history_json(hist)
    if fmt == "html":
        from orgchart.report.html import history_html

        return history_html(hist, fragment=fragment)
    from orgchart.report.markdown import history_markdown

    return history_markdown(hist)


def write_diff(
    changes: ChangeSet, path: str | Path, fmt: str = "md", *, fragment: bool = False, chart: str | None = None
) -> Path:
    """Write one pair's change report to `path` atomically (see `render_diff`)."""
    return write_text_atomic(path, render_diff(changes, fmt, fragment=fragment, chart=chart))


def write_history(hist: History, path: str | Path, fmt: str = "md", *, fragment: bool = False) -> Path:
    """Write the history report to `path` atomically."""
    return write_text_atomic(path, render_history(hist, fmt, fragment=fragment))
