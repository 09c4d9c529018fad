"""Markdown change reports (templates `diff.md.j2` and `history.md.j2`)."""

from __future__ import annotations

import re

from orgchart.changes.changeset import ChangeSet
from orgchart.changes.history import History
from orgchart.report.environment import markdown_environment

_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline: template
    indentation never shows in the output."""
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def diff_markdown(changes: ChangeSet) -> str:
    """The change report of one pair of eras as Markdown."""
    return _tidy(markdown_environment().get_template("diff.md.j2").render(cs=changes))


def history_markdown(hist: History) -> str:
    """The history report (every consecutive pair and the grid of entities) as Markdown."""
    return _tidy(markdown_environment().get_template("history.md.j2").render(h=hist))
