"""Atomic file output: write to a temporary file beside the target, then rename.

A failed or interrupted write leaves the target as it was (absent or old), never half-written.
A write killed outright (SIGKILL, a power cut) leaves its temporary `.NAME.XXXXXXXX.tmp`
behind; `remove_stale_temporaries` clears those (`orgchart build` does so as it starts, and
`.gitignore` keeps them out of commits).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Final

from orgchart.errors import OutputError, display_path

TEMPORARY: Final = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
"""The names of the temporaries `write_bytes_atomic` makes (`mkstemp` with the prefix `.NAME.`)."""


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files interrupted atomic writes left under `directory` (no write may
    be running there: `orgchart build` holds its lock); return the paths removed."""
    removed = []
    for path in sorted(directory.rglob(".*.tmp")):
        if TEMPORARY.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def write_bytes_atomic(path: str | Path, content: bytes) -> Path:
    """Write `content` to `path` atomically, creating parent directories.

    Raises:
        OutputError: the directory cannot be created or the file cannot be written.
    """
    with open_atomic(path) as stream:
        stream.write(content)
    return Path(path)


@contextmanager
def open_atomic(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes become the file `path` when the block ends without an error
    (parent directories created): for output written as it is made, too large to hold at once.
    An error in the block leaves `path` as it was.

    Raises:
        OutputError: the directory cannot be created or the file cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {display_path(target)}: it is a directory; give a file name")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write {display_path(target)}: {_why(target, error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {display_path(target)}: {error.strerror or error}") from None
        raise


def _why(target: Path, error: OSError) -> str:
    """What keeps `target` from being written, in words: a file where a folder must be, else the
    system's reason."""
    for folder in target.parents:
        if folder.exists() and not folder.is_dir():
            return f"{display_path(folder)} is a file, not a directory"
    return error.strerror or str(error)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write `text` as UTF-8 to `path` atomically (see `write_bytes_atomic`)."""
    return write_bytes_atomic(path, text.encode("utf-8"))
