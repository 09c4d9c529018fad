"""Documentation embeds: the fence (Python-Markdown, superfences, MkDocs), the Sphinx directive
(reStructuredText and MyST), Jupyter display and one-line reprs."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import orgchart
from orgchart.changes.history import history
from orgchart.embed.spec import EmbedError, parse_fence

markdown = pytest.importorskip("markdown")
BIN = Path(sys.executable).parent
SVG = "{http://www.w3.org/2000/svg}"
FENCES = """\
# Charts

Text before.

```orgchart
era: ero-2023
root: Enforcement
depth: 2
```

```orgchart
era: ero-2020   # the overview of a wide era
```

```orgchart
diff: ero-excerpt ero-2023
```
"""


def svgs(html: str) -> list[ET.Element]:
    """Every inline <svg> of an HTML text, parsed."""
    return [ET.fromstring(match) for match in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("era: ero-2023\ncolour: red", 2, "unknown key 'colour'; valid keys: era, root"),
        ("depth: two", 1, "not a whole number"),
        ("era: a\nera: b", 2, "era given twice (also on line 1)"),
        ("diff: ero-2020", 1, "give two era ids"),
        ("diff: a b\nroot: CAD", 2, "root does not apply to a diff"),
        ("relations: parent,reports", 1, "valid kinds: parent, oversight"),
        ("full: maybe", 1, "'maybe' is not true or false"),
        ("just words", 1, "is not 'key: value'"),
    ],
)
def test_fence_errors_name_the_line(body: str, line: int, message: str) -> None:
    with pytest.raises(EmbedError, match=re.escape(message)) as caught:
        parse_fence(body)
    assert caught.value.line == line


def test_markdown_extension_draws_every_fence_with_its_own_ids() -> None:
    html = markdown.markdown(FENCES, extensions=["orgchart.embed.markdown"])
    charts = svgs(html)
    titles = [chart.find(f"{SVG}title").text for chart in charts]  # type: ignore[union-attr]
    # Two overviews, each followed by its full chart folded away, then the change chart.
    assert titles == [
        "ERO web page, January 2023",
        "ERO web page, January 2023",
        "ERO briefing slides, March 2020",
        "ERO briefing slides, March 2020",
        "Changes from ERO web page excerpt, 2021-2022 (undated, damaged) to ERO web page, January 2023",
    ]
    ids = [element.get("id") for chart in charts for element in chart.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "two charts share an id"
    for chart in charts:
        own = {element.get("id") for element in chart.iter()}
        assert set((chart.get("aria-labelledby") or "").split()) <= own
    assert "<details" in html and "Headline changes" in html
    assert "<p>Text before.</p>" in html


def test_markdown_extension_error_names_the_page_line() -> None:
    source = "# Page\n\ntext\n\n```orgchart\nera: ero-2023\nroot: Nowhere Division\n```\n"
    with pytest.raises(orgchart.OrgChartError, match=r"orgchart fence at line 7: no node .* named 'Nowhere Division'"):
        markdown.markdown(source, extensions=["orgchart.embed.markdown"])


def test_superfences_custom_fence() -> None:
    pytest.importorskip("pymdownx")
    from orgchart.embed.markdown import fence_format

    config = {
        "pymdownx.superfences": {"custom_fences": [{"name": "orgchart", "class": "orgchart", "format": fence_format}]}
    }
    html = markdown.markdown(FENCES, extensions=["pymdownx.superfences"], extension_configs=config)
    assert len(svgs(html)) == 5


def write_mkdocs(root: Path, page: str, *, superfences: bool = False) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    extensions = (
        """\
          - pymdownx.superfences:
              custom_fences:
                - name: orgchart
                  class: orgchart
                  format: !!python/name:orgchart.embed.markdown.fence_format
        """
        if superfences
        else "  - orgchart.embed.markdown\n"
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Embeds\ntheme:\n  name: mkdocs\n  highlightjs: false\nmarkdown_extensions:\n"
        + textwrap.indent(textwrap.dedent(extensions), "" if not superfences else "  "),
        encoding="utf-8",
    )
    return root


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", "site"], cwd=root, capture_output=True, text=True
    )


@pytest.mark.parametrize("superfences", [False, True])
def test_mkdocs_build_strict(tmp_path: Path, superfences: bool) -> None:
    pytest.importorskip("mkdocs")
    root = write_mkdocs(tmp_path / "site-src", FENCES, superfences=superfences)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    built = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert len(svgs(built)) == 5


def test_mkdocs_build_fails_naming_page_and_line(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    root = write_mkdocs(tmp_path / "bad", "# Bad\n\n```orgchart\nera: ero-2099\n```\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "Error reading page 'index.md': orgchart fence at line 4: no era 'ero-2099'" in result.stderr


def sphinx_project(root: Path) -> Path:
    root.mkdir()
    (root / "conf.py").write_text('extensions = ["myst_parser", "orgchart.sphinx"]\nproject = "Embeds"\n')
    (root / "index.rst").write_text(
        "Embeds\n======\n\n.. toctree::\n\n   changes\n\n.. orgchart::\n   :era: ero-2023\n   :root: Enforcement\n"
        "   :depth: 2\n   :legend: false\n"
    )
    (root / "changes.md").write_text("# Changes\n\n```{orgchart}\n:diff: ero-excerpt ero-2023\n```\n")
    return root


def sphinx_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "sphinx-build"), "-W", "-q", "-b", "html", str(root), str(root / "_build")],
        capture_output=True,
        text=True,
    )


def test_sphinx_directive_from_rst_and_myst(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    root = sphinx_project(tmp_path / "docs")
    result = sphinx_build(root)
    assert result.returncode == 0, result.stderr
    rst = (root / "_build" / "index.html").read_text(encoding="utf-8")
    myst = (root / "_build" / "changes.html").read_text(encoding="utf-8")
    assert svgs(rst)[0].find(f"{SVG}title").text == "ERO web page, January 2023"  # type: ignore[union-attr]
    first = svgs(rst)[0]
    assert "parent (part of)" not in [t.text for t in first.iter(f"{SVG}text")]  # :legend: false
    assert "Changes from ERO web page excerpt" in myst and "Headline changes" in myst
    (root / "index.rst").write_text("Bad\n===\n\n.. orgchart::\n   :era: ero-2099\n")
    failed = sphinx_build(root)
    assert failed.returncode != 0 and "index.rst:4" in failed.stderr and "no era 'ero-2099'" in failed.stderr


def test_jupyter_displays_keep_title_and_description() -> None:
    ds = orgchart.load()
    era = ds.era("ero-2023")
    bundle = era._repr_mimebundle_()
    chart = ET.fromstring(bundle["image/svg+xml"])
    assert chart.find(f"{SVG}title").text == era.label  # type: ignore[union-attr]
    assert "Organizational chart with" in (chart.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    assert bundle["text/plain"] == repr(era)
    subtree = ET.fromstring(era.subtree("CAD")._repr_mimebundle_()["image/svg+xml"])
    assert {e.get("id", "").split("node-")[-1] for e in subtree.iter() if "node-" in e.get("id", "")} >= {"cad"}
    assert subtree.get("id") != chart.get("id")
    changes = orgchart.diff(ds.era("ero-excerpt"), era, lineage=ds.lineage)
    assert "Headline changes" in changes._repr_html_() and "<html" not in changes._repr_html_()
    timeline = ds.timeline("CAP")._repr_html_()
    assert "Criminal Apprehension Program" in timeline and "not mentioned" in timeline


def test_every_public_object_has_a_one_line_repr() -> None:
    ds = orgchart.load()
    before, after = ds.era("ero-excerpt"), ds.era("ero-2023")
    changes = orgchart.diff(before, after, lineage=ds.lineage)
    objects = [
        ds, after, after.era, after.date, after.nodes[0], after.edges[0], after.claims[0], after.findings[0],
        after.sources[0], after.sources[0].date, after.nodes[0].citations[0], ds.lineage[0], changes,
        changes.changes[0], changes.matching, changes.matching.matches[0], changes.coverage_before, history(ds),
        ds.timeline("CAP"), ds.timeline("CAP").entries[1], after.subtree("ERO"), after.path_steps("CAP")[-1],
    ]  # fmt: skip
    for value in objects:
        text = repr(value)
        assert "\n" not in text and len(text) <= 200, f"{type(value).__name__}: {len(text)} characters"


def test_help_does_not_import_the_documentation_tools() -> None:
    code = (
        "import sys, runpy; sys.argv = ['orgchart', '--help']\n"
        "try: runpy.run_module('orgchart', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('markdown', 'mkdocs', 'sphinx', 'docutils', 'pymdownx', 'myst_parser') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
