"""A cache of validated datasets, keyed by the content of every file they are read from.

Reading and checking a 100,000-entity era takes seconds (YAML, the schema, a million quotes'
worth of text); when no file has changed since the last run, none of that can give another
answer. So a validated dataset is recorded under a key computed from the bytes of every file
it was read from (sources.yaml, each era file, lineage.yaml, and each document sources.yaml
names), the code that reads and checks them, and the `strict` setting; the next run with the
same key rebuilds the models from the recorded values without parsing or checking anything.

- Invisible: nothing changes in any output; a cache that cannot be read or written is ignored.
- Never stale: the key is a content hash (BLAKE2b), not a time stamp, so any change to a file,
  however its time stamp was kept, is a miss; so is a new version of the reading code.
- Safe to delete: it holds nothing else; delete the directory at any time.
- Where: the user's cache directory (`platformdirs`: ~/.cache/orgchart on Linux), not beside
  the data, because data directories are often read-only (the bundled data in site-packages),
  under version control (no stray files to ignore) or shared between users. `ORGCHART_CACHE_DIR`
  moves it; `ORGCHART_CACHE=off` turns it off. The most recent `KEEP` entries are kept.

Entries are `marshal` data (plain values only: no code is loaded from the cache, and pydantic
checks the rebuilt models as on any load).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from orgchart.dataset.files import read_bounded
from orgchart.dataset.loader import ERAS_DIR, LINEAGE_FILE, SOURCES_FILE, Located, Reader, load_data, read_yaml
from orgchart.dataset.model import Finding
from orgchart.dataset.validate import ValidatedData, validate
from orgchart.errors import DataError, OrgChartError

FORMAT: Final = 1
"""The layout of an entry; part of the key."""

KEEP: Final = 8
"""How many entries (datasets or versions of one) are kept; older ones are deleted."""

_OFF: Final = frozenset({"0", "off", "no", "false"})


def cache_dir() -> Path | None:
    """Where entries are kept, or None when the cache is turned off."""
    if os.environ.get("ORGCHART_CACHE", "").strip().lower() in _OFF:
        return None
    configured = os.environ.get("ORGCHART_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("orgchart", appauthor=False)) / "datasets"


def _code_version() -> bytes:
    """The reading and checking code: the data layer's modules, byte for byte, and Python's version."""
    digest = hashlib.blake2b(f"{FORMAT} {sys.version}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.digest()


def dataset_key(root: Path, *, strict: bool = False) -> str | None:
    """The content hash of the dataset under `root`, or None when the cache is off or a file
    cannot be read as it should (the load that follows reports the problem)."""
    if cache_dir() is None:
        return None
    digest = hashlib.blake2b(_code_version() + (b"strict" if strict else b"lenient"), digest_size=24)
    try:
        files = [root / SOURCES_FILE, *sorted((root / ERAS_DIR).glob("*.yaml"))]
        if (root / LINEAGE_FILE).exists():
            files.append(root / LINEAGE_FILE)
        sources = read_yaml(root / SOURCES_FILE, root).value
        documents = sorted({str(item["file"]) for item in sources["sources"]})
        files += [root / document for document in documents]
        for path in files:
            content = read_bounded(path, root=root)
            digest.update(f"{path.relative_to(root)}\0{len(content)}\0".encode())
            digest.update(content)
    except (OrgChartError, OSError, KeyError, TypeError, ValueError):
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """What is recorded of a validated dataset: each file's parsed YAML values (marshalled), the
    findings of each era, and the folded text of each source."""

    values: Mapping[str, bytes]
    findings: Mapping[str, tuple[Finding, ...]]
    texts: Mapping[str, str]


def recording(values: dict[str, bytes]) -> Reader:
    """A reader that reads as `read_yaml` does and records each file's values into `values`
    (marshalled at once, so that an era's values can be dropped when its model is built)."""

    def read(path: Path, root: Path) -> Located:
        located = read_yaml(path, root)
        values[str(path.relative_to(root))] = marshal.dumps(located.value)
        return located

    return read


def replaying(values: Mapping[str, bytes]) -> Reader:
    """A reader that gives the recorded values of each file (positions, if a problem ever needed
    one, are read from the file itself)."""

    def read(path: Path, root: Path) -> Located:
        return Located(path, marshal.loads(values[str(path.relative_to(root))]), None, root)

    return read


def _entry_path(key: str, suffix: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / f"{key}.{suffix}"


def read_record(key: str, suffix: str) -> Any:
    """The value recorded under `key` (`suffix` names the kind of record), or None."""
    path = _entry_path(key, suffix)
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            value = marshal.load(stream)
        os.utime(path)  # recently used: kept when older entries are pruned
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value


def write_record(key: str, suffix: str, value: Any) -> None:
    """Record `value` under `key`, atomically; a cache that cannot be written is ignored."""
    path = _entry_path(key, suffix)
    if path is None:
        return
    from orgchart.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(path, marshal.dumps(value))
        _prune(path.parent)
    except (OrgChartError, OSError, ValueError):
        return


def _prune(directory: Path) -> None:
    """Delete all but the KEEP most recently used datasets' records."""
    by_key: dict[str, float] = {}
    for path in directory.iterdir():
        key = path.name.split(".", 1)[0]
        try:
            by_key[key] = max(by_key.get(key, 0.0), path.stat().st_mtime)
        except OSError:
            continue
    for key in sorted(by_key, key=lambda k: -by_key[k])[KEEP:]:
        for path in directory.glob(f"{key}.*"):
            path.unlink(missing_ok=True)


def load_validated(root: Path, *, strict: bool = False, key: str | None = None) -> ValidatedData:
    """`validate(load_data(root))`, from the cache when `key` (see `dataset_key`) was recorded
    before, recording it otherwise.

    Raises:
        DataError: the dataset is malformed or breaks an invariant (never from the cache: only
            valid datasets are recorded).
    """
    if key is not None:
        recorded = read_record(key, "dataset")
        if recorded is not None:
            restored = _restore(root, recorded)
            if restored is not None:
                return restored
    values: dict[str, bytes] = {}
    loaded = load_data(root, read=recording(values) if key is not None else read_yaml)
    validated = validate(loaded, strict=strict)
    if key is not None:
        findings = {era: [f.model_dump() for f in found] for era, found in validated.findings.items()}
        write_record(key, "dataset", {"values": values, "findings": findings, "texts": dict(validated.source_texts)})
    return validated


def _restore(root: Path, recorded: Any) -> ValidatedData | None:
    try:
        loaded = load_data(root, read=replaying(recorded["values"]))
        findings = {era: tuple(Finding.model_validate(f) for f in found) for era, found in recorded["findings"].items()}
        return ValidatedData(loaded, findings, recorded["texts"])
    except (DataError, KeyError, TypeError, ValueError):
        return None  # recorded by another version of the model, or damaged: read the files
