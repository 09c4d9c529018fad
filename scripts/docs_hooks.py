"""MkDocs hooks for the project's own site (`mkdocs.yml`: `hooks: [scripts/docs_hooks.py]`).

The era pages, the change pages and the interactive page are made from the data when the site
is built, so the site never lags behind `data/`: one page per era (its overview, a chart per
top-level division, its findings), one per pair of eras that `make` reports on (the change
chart and the Markdown report), and the interactive page itself (`page/index.html`).

Determinism: MkDocs stamps the sitemap (and its gzip header) with the build date unless
SOURCE_DATE_EPOCH is set; this hook sets it to the newest source's date, so rebuilding the same
data gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import orgchart
from orgchart.changes.history import history
from orgchart.render.scope import top_level_divisions
from orgchart.report import render_diff
from orgchart.report.escape import md


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    """Fix the build date to the newest source's date (see the module docstring)."""
    dataset = orgchart.load()
    newest = max(source.date.end for source in dataset.sources.values())
    stamp = dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    return config


def era_page(chart: orgchart.OrgChart) -> str:
    """One era's page: what it is, its overview, a chart per top-level division, its findings."""
    lines = [f"# {md(chart.label)}", ""]
    lines.append(f"Era `{chart.id}`, {md(chart.date.label)} ({chart.date.precision}): {md(chart.date.reason)}")
    lines += ["", "Sources: " + "; ".join(f"{md(s.title)} (`{s.id}`)" for s in chart.sources), ""]
    lines += ["## Overview", "", "```orgchart", f"era: {chart.id}", "```", ""]
    for division in top_level_divisions(chart):
        lines += [f"## {md(division.name)}", "", "```orgchart", f"era: {chart.id}", f"root: {division.id}", "```", ""]
    lines += ["## Findings", ""]
    if not chart.findings:
        lines.append("None: the document adds up.")
    for finding in chart.findings:
        subject = f" `{finding.subject}`" if finding.subject else ""
        lines += [f"- *{finding.kind.replace('_', ' ')}*{subject}: {md(finding.message)}", ""]
        lines += [f"    > “{md(c.quote)}” ({c.source})" for c in finding.citations[:2]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Add the pages made from the data."""
    dataset = orgchart.load()
    eras = ["# Eras", "", "| era | date | title | entities |", "| --- | --- | --- | ---: |"]
    for chart in dataset.eras:
        files.append(File.generated(config, f"eras/{chart.id}.md", content=era_page(chart)))
        eras.append(
            f"| [`{chart.id}`]({chart.id}.md) | {md(chart.date.label)} | {md(chart.label)} | {len(chart.nodes)} |"
        )
    files.append(File.generated(config, "eras/index.md", content="\n".join(eras) + "\n"))
    hist = history(dataset)
    latest = dataset.latest
    pairs = list(hist.pairs) + [orgchart.diff(era, latest, lineage=dataset.lineage) for era in dataset.eras[:-2]]
    index = ["# Changes", "", "Every consecutive pair of eras, and every earlier era against the latest.", ""]
    for changes in pairs:
        stem = f"{changes.before.id}..{changes.after.id}"
        report = render_diff(changes, "md")
        title, _, rest = report.partition("\n")
        fence = f"```orgchart\ndiff: {changes.before.id} {changes.after.id}\nsummary: false\n```\n"
        files.append(File.generated(config, f"changes/{stem}.md", content=f"{title}\n\n{fence}{rest}"))
        index.append(f"- [{md(changes.before.label)} → {md(changes.after.label)}]({stem}.md): {len(changes)} changes")
    files.append(File.generated(config, "changes/index.md", content="\n".join(index) + "\n"))
    files.append(File.generated(config, "page/index.html", content=orgchart.site_html(dataset)))
    return files
