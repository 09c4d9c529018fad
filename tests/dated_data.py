"""Hand-made datasets of several dated documents, some of them truncated, for the tests of the
default era, `--as-of` and truncation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.eras import NodeSpec, era_yaml


@dataclass(frozen=True)
class Document:
    """One source and the era read from it."""

    era: str
    start: str
    end: str
    text: str
    nodes: list[NodeSpec]
    edges: list[tuple[str, str, str]]
    breaks_off: str | None = None


def write_dated_dataset(root: Path, documents: list[Document], default_era: str | None = None) -> Path:
    """A dataset with one source per document (dated `start..end`, `complete: false` when it
    `breaks_off`), each era citing its own source; every node and edge quotes its name."""
    (root / "sources").mkdir(parents=True)
    (root / "eras").mkdir()
    sources = []
    for document in documents:
        source_id = f"doc-{document.era}"
        path = root / "sources" / f"{source_id}.txt"
        path.write_text(document.text, encoding="utf-8")
        entry: dict[str, object] = {
            "id": source_id,
            "file": f"sources/{source_id}.txt",
            "title": f"Document of {document.era}",
            "publisher": "Example Agency",
            "url": None,
            "date": {
                "start": document.start,
                "end": document.end,
                "precision": "day" if document.start == document.end else "range",
                "reason": "Written for the test.",
            },
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        if document.breaks_off:
            entry["complete"] = False
            entry["breaks_off"] = document.breaks_off
        sources.append(entry)
        text = era_yaml(document.era, document.nodes, document.edges).replace("doc-one", source_id)
        (root / "eras" / f"{document.era}.yaml").write_text(text, encoding="utf-8")
    (root / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}, sort_keys=False), encoding="utf-8")
    if default_era:
        (root / "dataset.yaml").write_text(f"default_era: {default_era}\n", encoding="utf-8")
    return root
