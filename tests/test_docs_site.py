"""The project's own documentation site (`make docs`): its MkDocs hooks make the era and change
pages and the interactive page from the data, and a rebuild gives byte-identical files."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import DatasetMaker
from tests.render_data import SOURCE
from tests.site_data import IMG_NAME, _era_one, _era_two

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` tags are MkDocs' business, as plain text."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def test_project_site_config() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["site_dir"] == "renders/docs" and config["strict"] is True
    assert "orgchart.embed.markdown" in config["markdown_extensions"]
    assert config["hooks"] == ["scripts/docs_hooks.py"]
    for entry in config["nav"]:
        page = next(iter(entry.values()))
        assert (ROOT / "docs" / page).is_file() or page in ("eras/index.md", "changes/index.md"), page
    assert (
        "docs:" in (ROOT / "Makefile").read_text()
        and "all: validate renders readme docs" in (ROOT / "Makefile").read_text()
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_hooks_build_the_data_pages_deterministically(make_dataset: DatasetMaker, tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    data = make_dataset(era_yaml={"one.yaml": _era_one(), "two.yaml": _era_two()}, source_text=SOURCE)
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\n```orgchart\nroot: ops\n```\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Test\nstrict: true\nuse_directory_urls: false\ntheme:\n  name: mkdocs\n  highlightjs: false\n"
        f"markdown_extensions:\n  - orgchart.embed.markdown\n  - tables\nhooks:\n  - {ROOT / 'scripts' / 'docs_hooks.py'}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"ORGCHART_DATA": str(data)}
    sites = []
    for name in ("first", "second"):
        subprocess.run(
            [str(BIN / "mkdocs"), "build", "-q", "-d", str(tmp_path / name)], cwd=project, env=env, check=True
        )
        sites.append(digest(tmp_path / name))
    assert sites[0] == sites[1], "a rebuild changed files"
    built = tmp_path / "first"
    era_page = (built / "eras" / "two.html").read_text(encoding="utf-8")
    assert "<svg" in era_page and "## " not in era_page
    assert (built / "changes" / "one..two.html").is_file()
    page = (built / "page" / "index.html").read_text(encoding="utf-8")
    assert 'id="site-index"' in page and IMG_NAME not in page  # the page, its names escaped
    # MkDocs stamps the sitemap's gzip header with the build date: the hook makes it the data's.
    stamp = int.from_bytes((built / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(stamp, dt.UTC).date() == dt.date(2020, 5, 1)
