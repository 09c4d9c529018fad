"""User text inside Markdown that renders the same in CommonMark (GitHub, markdown-it) and in
Python-Markdown (MkDocs): one escaping for every Markdown the project writes (reports, the
README's generated blocks), tested with both renderers on the bundled reports.
"""

from __future__ import annotations

import re

_BACKSLASHED = re.compile(r"([\\`*_\[\]{}#!])")
"""Syntax characters both CommonMark (GitHub) and Python-Markdown (MkDocs) unescape after a
backslash."""

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", "$": "&#36;"}
"""Characters Python-Markdown does not unescape after a backslash (it printed `\\$4.12` and
`\\&amp;`), written as character references, which both renderers show as the character: `|`
so no table cell splits, `~` so GitHub strikes nothing through, `$` so GitHub starts no math."""


def md(value: object) -> str:
    """`value` as Markdown-safe inline text that CommonMark and Python-Markdown render alike:
    white space (newlines included) folded to single spaces, `&`, `<`, `>`, `|`, `~` and `$` as
    character references, and every other character either could read as syntax
    backslash-escaped."""
    folded = " ".join(str(value).split())
    escaped = _BACKSLASHED.sub(r"\\\1", folded)
    return "".join(_ENTITIES.get(char, char) for char in escaped)
