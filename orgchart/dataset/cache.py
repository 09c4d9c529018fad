"""A cache of validated datasets, keyed by the content of every file they are read from.

Reading and checking a 100,000-entity era takes seconds (YAML, the schema, a million quotes'
worth of text); when no file has changed since the last run, none of that can give another
answer. So a validated dataset is recorded under a key computed from the bytes of every file
it was read from (sources.yaml, each era file, lineage.yaml, dataset.yaml, and each document
sources.yaml names), the code that reads and checks them, and the `strict` setting; the next run with the
same key rebuilds the models from the recorded values without parsing or checking anything.

- Invisible: nothing changes in any output; a cache that cannot be read or written is ignored.
- Never stale: the key is a content hash (BLAKE2b), not a time stamp, so any change to a file,
  however its time stamp was kept, is a miss; so is a new version of the reading code.
- Safe to delete: it holds nothing else; delete the directory at any time.
- Where: the user's cache directory (`platformdirs`: ~/.cache/orgchart on Linux), not beside
  the data, because data directories are often read-only (the bundled data in site-packages),
  under version control (no stray files to ignore) or shared between users. `ORGCHART_CACHE_DIR`
  moves it; `ORGCHART_CACHE=off` turns it off. The most recent `KEEP` entries are kept.

Entries are `marshal` data (plain values only: no code is loaded from the cache). The small
files' values are recorded as read and go through pydantic again on the next load; each era is
recorded as its validated models, packed (`orgchart.dataset.packed`), and rebuilt without
validating them again, which is what makes a warm load of 2 x 100,000 entities take about a
second instead of three. Only a dataset that passed validation is recorded, and the key covers
the code that reads it, so a record is never read by code that packs differently; a damaged
record is ignored (the files are read instead).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Final

from orgchart.dataset.files import read_bounded
from orgchart.dataset.loader import (
    ERAS_DIR,
    LINEAGE_FILE,
    SETTINGS_FILE,
    SOURCES_FILE,
    Located,
    Reader,
    load_data,
    read_yaml,
)
from orgchart.dataset.model import Era, Finding
from orgchart.dataset.packed import DAMAGED, pack_era, unpack_era
from orgchart.dataset.validate import ValidatedData, validate
from orgchart.errors import DataError, OrgChartError

FORMAT: Final = 2
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
        files += [root / name for name in (LINEAGE_FILE, SETTINGS_FILE) if (root / name).exists()]
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


def _is_era_file(path: Path, root: Path) -> bool:
    return path.parent == root / ERAS_DIR


class _Recording:
    """Each small file's values, marshalled as it is read and written at once to a temporary
    file in the cache directory; when the dataset has passed validation, each era packed and
    each source's text after them, and the file made the entry `KEY.values` (deleted when
    validation fails)."""

    def __init__(self, directory: Path, key: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=directory)
        self.stream = os.fdopen(handle, "wb")
        self.temporary = Path(name)
        self.key = key
        self.index: dict[str, tuple[int, int]] = {}

    def add(self, name: str, value: Any) -> None:
        blob = marshal.dumps(value)
        self.index[name] = (self.stream.tell(), len(blob))
        self.stream.write(blob)

    def reader(self) -> Reader:
        """A reader that reads as `read_yaml` does and records what it read."""

        def read(path: Path, root: Path) -> Located:
            located = read_yaml(path, root)
            if not _is_era_file(path, root):  # eras are recorded as models, once validated
                self.add(str(path.relative_to(root)), located.value)
            return located

        return read

    def commit(self, validated: ValidatedData) -> None:
        loaded = validated.loaded
        for era in loaded.eras:
            self.add(str(era.origin.path.relative_to(loaded.root)), pack_era(era.era))
        for source, text in validated.source_texts.items():
            self.add(f"text:{source}", text)
        self.stream.close()
        os.replace(self.temporary, self.temporary.parent / f"{self.key}.values")
        findings = {era: [f.model_dump() for f in found] for era, found in validated.findings.items()}
        write_record(self.key, "dataset", {"index": self.index, "findings": findings})

    def discard(self) -> None:
        self.stream.close()
        self.temporary.unlink(missing_ok=True)


def _replaying(stream: BinaryIO, index: Mapping[str, tuple[int, int]]) -> tuple[Reader, Callable[[str], Any]]:
    """A reader that gives the recorded values of each file (an era file's: its packed era, for
    `unpack_era`; positions, if a problem ever needed one, are read from the file itself), and a
    lookup of any other recorded value."""

    def recorded(name: str) -> Any:
        offset, length = index[name]
        stream.seek(offset)
        blob = stream.read(length)
        if len(blob) != length:
            raise ValueError("the recorded values are cut short")
        return marshal.loads(blob)

    def read(path: Path, root: Path) -> Located:
        return Located(path, recorded(str(path.relative_to(root))), None, root)

    return read, recorded


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
    """Delete all but the KEEP most recently used datasets' records (a record being written,
    a dot file, is left to its writer)."""
    by_key: dict[str, float] = {}
    for path in directory.iterdir():
        if path.name.startswith("."):
            continue
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
    directory = cache_dir() if key is not None else None
    if key is None or directory is None:
        return validate(load_data(root), strict=strict)
    recorded = read_record(key, "dataset")
    if recorded is not None:
        restored = _restore(root, directory / f"{key}.values", recorded)
        if restored is not None:
            return restored
    try:
        recording = _Recording(directory, key)
    except OSError:  # an unwritable cache directory: load without it
        return validate(load_data(root), strict=strict)
    try:
        validated = validate(load_data(root, read=recording.reader()), strict=strict)
        recording.commit(validated)
    except OSError:
        recording.discard()
        return validate(load_data(root), strict=strict)
    except BaseException:
        recording.discard()
        raise
    return validated


def _restore(root: Path, values: Path, recorded: Any) -> ValidatedData | None:
    try:
        index = recorded["index"]
        with values.open("rb") as stream:
            read, lookup = _replaying(stream, index)
            loaded = load_data(root, read=read, build=_unpacked)
            texts = {name.removeprefix("text:"): lookup(name) for name in index if name.startswith("text:")}
        findings = {era: tuple(Finding.model_validate(f) for f in found) for era, found in recorded["findings"].items()}
        os.utime(values)  # recently used: kept when older entries are pruned
        return ValidatedData(loaded, findings, texts)
    except (DataError, OSError, EOFError, *DAMAGED):
        return None  # damaged: read the files


def _unpacked(located: Located) -> Era:
    return unpack_era(located.value)
