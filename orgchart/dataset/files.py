"""Reading a dataset's files within bounds: regular files inside the dataset, of bounded size.

Every file a dataset names (sources.yaml, the era files, the lineage file, the archived documents)
is read through `read_bounded`, which refuses, before reading a byte:

- a path that resolves outside the dataset directory (`file: ../../etc/hostname`, an absolute
  path, a symbolic link that points elsewhere), since a dataset is a directory a user can hand
  to someone else, and a command must read and write nothing beyond it;
- anything but a regular file (a directory, a FIFO, a device such as /dev/zero, a socket),
  which could hang a command or feed it without end;
- a file larger than `MAX_FILE_BYTES`;

and then reads at most `MAX_FILE_BYTES + 1` bytes, so even a file that grows while it is read
(or a /proc file that reports size 0) cannot exhaust memory. `decode_utf8` turns bytes into text
and names the line and column of the first byte that is not UTF-8.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from orgchart.errors import DataError, Problem, display_path

MAX_FILE_BYTES: Final = 256 * 1024 * 1024
"""The largest file a dataset may hold (era, sources.yaml, lineage, document): 256 MiB."""


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link and `..` resolved, lies within `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def file_problem(path: Path, *, root: Path | None = None, max_bytes: int = MAX_FILE_BYTES) -> Problem | None:
    """What makes `path` unfit to read as a dataset file, or None when it is a regular file of
    bounded size inside `root` (when `root` is given)."""
    shown = display_path(path)
    if root is not None and not inside(path, root):
        target = _link_target(path, root)
        how = f"is a symbolic link to {target}" if target else "lies"
        return Problem(
            shown,
            0,
            0,
            f"{how} outside the dataset directory {display_path(root)}",
            "copy the file into the dataset directory and name it by a path relative to it",
        )
    try:
        status = path.stat()
    except FileNotFoundError:
        dangling = _link_target(path, root)
        if dangling:
            return Problem(shown, 0, 0, f"is a symbolic link to {dangling}, which does not exist", "fix the link")
        return Problem(shown, 0, 0, "file not found", "create it, or pass --data DIR")
    except OSError as error:
        return Problem(shown, 0, 0, f"cannot read file: {error.strerror or error}", "check the path and permissions")
    if stat.S_ISDIR(status.st_mode):
        return Problem(shown, 0, 0, "is a directory, not a file", "name the file inside it, or remove the directory")
    if not stat.S_ISREG(status.st_mode):
        return Problem(
            shown,
            0,
            0,
            f"is a {_kind_of(status.st_mode)}, not a regular file",
            "give a regular file (save a stream or device output to a file first)",
        )
    if status.st_size > max_bytes:
        return _too_large(shown, status.st_size, max_bytes)
    return None


def input_files(root: Path, source_files: list[str]) -> list[Path]:
    """Every file a dataset in `root` is read from: sources.yaml, the lineage file, the era files
    and the documents (`source_files`, relative to `root`). Commands refuse to write over them."""
    eras = sorted((root / "eras").glob("*.yaml")) if (root / "eras").is_dir() else []
    return [root / "sources.yaml", root / "lineage.yaml", *eras, *(root / name for name in source_files)]


def read_bounded(path: Path, *, root: Path | None = None, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, refusing what `file_problem` refuses and stopping at `max_bytes`.

    Raises:
        DataError: the file is outside `root`, not a regular file, missing, unreadable or too large.
    """
    problem = file_problem(path, root=root, max_bytes=max_bytes)
    if problem is not None:
        raise DataError([problem])
    shown = display_path(path)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the check, open does not wait.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise DataError([Problem(shown, 0, 0, "is not a regular file", "replace it with the file itself")])
            content = stream.read(max_bytes + 1)
    except OSError as error:
        raise DataError(
            [Problem(shown, 0, 0, f"cannot read file: {error.strerror or error}", "check the path and permissions")]
        ) from None
    if len(content) > max_bytes:
        raise DataError([_too_large(shown, len(content), max_bytes, at_least=True)])
    return content


def decode_utf8(content: bytes, shown: str) -> str:
    """`content` as UTF-8 text.

    Raises:
        DataError: a byte is not UTF-8; the problem names its line and column and what it looks like.
    """
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line = content.count(b"\n", 0, start) + 1
        column = start - (content.rfind(b"\n", 0, start) + 1) + 1
        byte = content[start]
        guess = " (the file looks like Latin-1 or Windows-1252)" if byte >= 0xA0 else ""
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    column,
                    f"byte 0x{byte:02X} is not UTF-8{guess}",
                    "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
                )
            ]
        ) from None


def _too_large(shown: str, size: int, max_bytes: int, *, at_least: bool = False) -> Problem:
    more = "more than " if at_least else ""
    return Problem(
        shown,
        0,
        0,
        f"is {more}{_mebibytes(size)}; files larger than {_mebibytes(max_bytes)} are refused",
        "split it (one era per file, one document per source), or check that it is the file you meant",
    )


def _mebibytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MiB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _link_target(path: Path, root: Path | None) -> str | None:
    """Where the first symbolic link on `path` (below `root`) points, or None when there is none."""
    for part in (path, *path.parents):
        if root is not None and part == root:
            break
        if part.is_symlink():
            try:
                return str(part.readlink())
            except OSError:
                return None
    return None
