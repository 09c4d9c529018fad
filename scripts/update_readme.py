"""Refresh the generated blocks of README.md from the data (run by `make readme`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import orgchart
from orgchart.atomic import write_text_atomic
from orgchart.summary import eras_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- eras:start[^\n]*-->\n)(.*?)(<!-- eras:end -->)", re.DOTALL)


def refreshed(text: str, table: str) -> str:
    """`text` with the eras block replaced by `table`."""
    if not BLOCK.search(text):
        sys.exit("README.md has no <!-- eras:start --> ... <!-- eras:end --> block")
    return BLOCK.sub(lambda m: m.group(1) + table + m.group(3), text)


if __name__ == "__main__":
    write_text_atomic(README, refreshed(README.read_text(encoding="utf-8"), eras_markdown(orgchart.load())))
    print("README.md refreshed")
