"""The ```` ```orgchart ```` fence for Python-Markdown and MkDocs.

Two ways in, the same output (`orgchart.embed.html.embed_html`):

- the extension `orgchart.embed.markdown` (in `mkdocs.yml`: `markdown_extensions: [orgchart.embed.markdown]`,
  or `markdown.markdown(text, extensions=["orgchart.embed.markdown"])`): a preprocessor that
  replaces every `orgchart` fence before any other fence handling sees it, so an error names
  the line of the page (MkDocs adds the page's name);
- a custom fence of `pymdownx.superfences`, the convention Mermaid and other diagram fences
  follow (`format: !!python/name:orgchart.embed.markdown.fence_format`); an error then names
  the line within the fence, because superfences does not pass the page's line.

An error stops the build: `OrgChartFenceError` names the line, what is wrong and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from orgchart.embed.html import embed_html
from orgchart.embed.spec import EmbedError, parse_fence
from orgchart.errors import OrgChartError
from orgchart.graph import Dataset

LANGUAGE: Final[str] = "orgchart"
_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?orgchart\}?[ \t]*$")


class OrgChartFenceError(OrgChartError, ValueError):
    """An `orgchart` fence that cannot be drawn: the message names its line."""


def _datasets(md: Markdown) -> dict[Path, Dataset]:
    """The datasets loaded while converting with `md` (one load per data path per page)."""
    cache: dict[Path, Dataset] | None = getattr(md, "orgchart_datasets", None)
    if cache is None:
        cache = {}
        md.orgchart_datasets = cache
    return cache


def render_fence(body: str, md: Markdown | None, first_line: int = 1) -> str:
    """The HTML of one fence whose body starts on line `first_line` of the page.

    Raises:
        OrgChartFenceError: the fence cannot be drawn.
    """
    try:
        return embed_html(parse_fence(body), datasets=_datasets(md) if md is not None else None)
    except EmbedError as error:
        line = first_line + error.line - 1 if error.line else first_line - 1
        raise OrgChartFenceError(f"orgchart fence at line {line}: {error.message}") from None


def fence_format(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any
) -> str:
    """The `format` function of a `pymdownx.superfences` custom fence (see the module docstring)."""
    return render_fence(source, md)


def fence_validator(
    language: str, inputs: dict[str, str], options: dict[str, Any], attrs: dict[str, Any], md: Markdown
) -> bool:
    """The `validator` of the custom fence: the fence takes no options on its opening line."""
    return not inputs


class OrgChartPreprocessor(Preprocessor):
    """Replaces each `orgchart` fence by its HTML (stashed, so no other step touches it)."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            opening = _OPENING.match(lines[index])
            if opening is None:
                out.append(lines[index])
                index += 1
                continue
            fence, indent = opening.group("fence"), opening.group("indent")
            closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])), None)
            if end is None:
                raise OrgChartFenceError(f"orgchart fence at line {index + 1} is never closed (add a line {fence})")
            body = "\n".join(line.removeprefix(indent) for line in lines[index + 1 : end])
            html = render_fence(body, self.md, first_line=index + 2)
            out += ["", indent + self.md.htmlStash.store(html), ""]
            index = end + 1
        return out


class OrgChartExtension(Extension):
    """The Python-Markdown extension: `orgchart` fences become charts."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After normalize_whitespace (30), before any fenced-code handling (superfences: 25,
        # fenced_code: 25), so the fence is ours whatever else is configured.
        md.preprocessors.register(OrgChartPreprocessor(md), "orgchart_fence", 28)


def makeExtension(**kwargs: Any) -> OrgChartExtension:
    """What `markdown.markdown(extensions=["orgchart.embed.markdown"])` loads."""
    return OrgChartExtension(**kwargs)
