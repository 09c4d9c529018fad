"""The Jinja2 environments of the reports: templates from `orgchart/report/templates/`.

Markdown templates escape every piece of user text with the `md` filter; HTML templates are
autoescaped. Both get the same helpers (`headline`, `figure`, ...), which return plain text.
"""

from __future__ import annotations

import jinja2

from orgchart.changes.changeset import CHANGE_KINDS
from orgchart.changes.headlines import headlines
from orgchart.report import text
from orgchart.report.escape import md


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("orgchart", "report/templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md
    env.filters["percent"] = text.percent
    env.globals.update(
        CHANGE_KINDS=CHANGE_KINDS,
        KIND_TITLES=text.KIND_TITLES,
        KIND_LABELS=text.KIND_LABELS,
        DETAILED_KINDS=text.DETAILED_KINDS,
        headline=text.headline,
        headlines=headlines,
        headline_text=text.headline_text,
        COVERAGE_ROWS=text.COVERAGE_ROWS,
        entity=text.entity,
        entities=text.entities,
        figure=text.figure,
        match_text=text.match_text,
        context=text.context,
        quotes_of=text.quotes_of,
        cell_name=text.cell_name,
        truncation=text.truncation,
        beyond_summary=text.beyond_summary,
        stated=text.stated,
        BEYOND_WHAT=text.BEYOND_WHAT,
    )
    return env


def markdown_environment() -> jinja2.Environment:
    """The environment for Markdown templates (no autoescaping: templates use `md`)."""
    return _environment(autoescape=False)


def html_environment() -> jinja2.Environment:
    """The environment for HTML templates, autoescaped."""
    return _environment(autoescape=True)
