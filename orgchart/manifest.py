"""The build's manifest: which files under an output directory the build wrote, so that the next
build can remove the ones it no longer writes (a report of an era pair that no longer exists) and
nothing else (a screenshot, a user's notes, another tool's output).

The manifest is `manifest.txt` in the output directory: one path a line, relative, sorted, so it
is deterministic and reads well in a git diff.

`guarded_build` holds an exclusive lock on `OUT/.orgchart-build.lock` while a build writes, so two
builds into one directory cannot interleave their files, and records there which dataset the
directory holds: building another dataset into it would replace one organization's outputs with
another's by accident (`orgchart build --data mine` into the bundled renders/), so that is
refused unless `force` is given. Entering, it removes the temporaries an interrupted build left.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Final

from orgchart.atomic import remove_stale_temporaries, write_text_atomic
from orgchart.errors import OutputError, display_path, printable

MANIFEST: Final = "manifest.txt"
_HEADER: Final = (
    "# Files written by `orgchart build`, relative to this directory. The next build removes the\n"
    "# files listed here that it no longer writes, and only those.\n"
)


def read_manifest(out: Path) -> list[PurePosixPath]:
    """The relative paths the previous build listed in `out`; none when there is no manifest.

    Lines that are not plain relative paths inside `out` (absolute, with `..`) are ignored, so a
    hand-edited manifest cannot make a build remove anything outside its directory.
    """
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise OutputError(f"cannot read {display_path(out / MANIFEST)}: {error}") from None
    paths = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path = PurePosixPath(line)
        if path.is_absolute() or ".." in path.parts or path.as_posix() == MANIFEST:
            continue
        paths.append(path)
    return paths


def relative_paths(out: Path, written: Iterable[Path]) -> list[PurePosixPath]:
    """`written` relative to `out`, sorted (files outside `out` are left out)."""
    base = out.resolve()
    found = set()
    for path in written:
        try:
            found.add(PurePosixPath(path.resolve().relative_to(base).as_posix()))
        except ValueError:
            continue
    return sorted(found)


def prune_and_record(out: Path, written: Iterable[Path]) -> list[Path]:
    """Remove the files the previous manifest of `out` lists that are not in `written`, then
    record `written` as the new manifest. Returns the removed files, sorted.

    Directories left empty by a removal are removed too (up to `out`, never `out` itself).

    Raises:
        OutputError: the manifest cannot be read or written, or a stale file cannot be removed.
    """
    now = relative_paths(out, written)
    keep = set(now)
    removed = []
    for stale in read_manifest(out):
        if stale in keep:
            continue
        target = out.joinpath(*stale.parts)
        if not (target.is_file() or target.is_symlink()):
            continue
        try:
            target.unlink()
        except OSError as error:
            raise OutputError(f"cannot remove the stale output {display_path(target)}: {error}") from None
        removed.append(target)
        _remove_empty_parents(target.parent, out)
    write_text_atomic(out / MANIFEST, _HEADER + "".join(f"{path}\n" for path in now))
    return sorted(removed)


def _remove_empty_parents(folder: Path, out: Path) -> None:
    top = out.resolve()
    while folder.resolve() != top and top in folder.resolve().parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


LOCK_FILE: Final = ".orgchart-build.lock"


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
                f"{display_path(out)} holds the build of another dataset ({printable(recorded)}); building "
                f"{printable(here)} into it "
                "would mix the two: build into another directory, or pass --force to replace it"
            )
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, (here + "\n").encode("utf-8"))
        yield remove_stale_temporaries(out)
    finally:
        os.close(descriptor)  # closing releases the lock


def _has_outputs(out: Path) -> bool:
    return any(entry.name != LOCK_FILE for entry in out.iterdir())
