"""One build at a time per output directory, of one dataset, and no temporary file left behind.

Every output is written atomically (`orgchart.atomic`): a temporary `.NAME.XXXXXXXX.tmp` beside
the target, renamed over it when complete. A build killed in the middle (SIGKILL, a power cut)
leaves its current temporary behind; `guarded_build` removes such leftovers when the next build
starts, so they never pile up (and `.gitignore` keeps them out of commits).

`guarded_build` also holds an exclusive lock on `OUT/.orgchart-build.lock` while a build writes,
so two builds into one directory cannot interleave their files, and records there which
dataset the directory holds: building another dataset into it would mix two organizations'
outputs, so that is refused unless `force` is given.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from orgchart.errors import OutputError, display_path

LOCK_FILE: Final = ".orgchart-build.lock"
_TEMPORARY: Final = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
"""What `tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")` names its files."""


@contextmanager
def guarded_build(out: Path, data_root: Path, *, force: bool = False) -> Iterator[list[Path]]:
    """Hold the build lock on `out` for a build of the dataset in `data_root`; yield the stale
    temporary files removed on entry.

    Raises:
        OutputError: another build holds the lock, or `out` holds another dataset's build (and
            not `force`), or the directory cannot be created.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(f"cannot write into {display_path(out)}: {error.strerror or error}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another `orgchart build` is writing into {display_path(out)}; wait for it to finish, "
                "or build into another directory"
            ) from None
        recorded = os.read(descriptor, 4096).decode("utf-8", "replace").strip()
        here = str(data_root.resolve())
        if recorded and recorded != here and not force and _has_outputs(out):
            raise OutputError(
                f"{display_path(out)} holds the build of another dataset ({recorded}); building {here} into it "
                "would mix the two: build into another directory, or pass --force to replace it"
            )
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, (here + "\n").encode("utf-8"))
        yield remove_stale_temporaries(out)
    finally:
        os.close(descriptor)  # closing releases the lock


def remove_stale_temporaries(out: Path) -> list[Path]:
    """Remove the temporary files an interrupted atomic write left under `out`; return them."""
    removed = []
    for path in sorted(out.rglob(".*.tmp")):
        if _TEMPORARY.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _has_outputs(out: Path) -> bool:
    return any(entry.name != LOCK_FILE for entry in out.iterdir())
