"""The `.. orgchart::` directive for Sphinx, from reStructuredText and from MyST Markdown.

    extensions = ["orgchart.sphinx"]      # conf.py (with MyST: ["myst_parser", "orgchart.sphinx"])

    .. orgchart::
       :era: ero-2023
       :root: Enforcement
       :depth: 2

    ```{orgchart}
    :diff: ero-2020 ero-2023
    ```

The options are the fence's keys (`orgchart.embed.spec`); a flag given without a value is true
(`:full:`). `:data:` is relative to the Sphinx source directory. The HTML builders get the chart
inline; other builders get nothing. An error is a Sphinx error at the directive's line, so
`sphinx-build -W` fails on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from orgchart import __version__
from orgchart.embed.html import embed_html
from orgchart.embed.spec import KEYS, EmbedError, read_spec


class OrgChartDirective(SphinxDirective):
    """`.. orgchart::` with the fence's keys as options."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(KEYS, directives.unchanged)

    def run(self) -> list[nodes.Node]:
        items = [(self.lineno, key, value or "") for key, value in self.options.items()]
        try:
            spec = read_spec(items)
            html = embed_html(spec, base=Path(self.env.srcdir))
        except EmbedError as error:
            raise self.error(f"orgchart: {error.message}") from None
        return [nodes.raw("", html, format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive (what `extensions = ["orgchart.sphinx"]` runs)."""
    app.add_directive("orgchart", OrgChartDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
