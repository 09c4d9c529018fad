"""Progress of long work: the library says what it is doing, whoever listens shows it.

Loading 100,000 entities, matching two eras or building every output takes seconds; the command
line shows that in a terminal (`orgchart.cli.progress`), and nothing anywhere else. The library
only announces steps:

    with progress.task("checking quotes", total=len(sources)) as step:
        for source in sources:
            ...
            step.advance()

With no listener (the default, and always in library use unless a caller installs one with
`reporting`), a step costs one method call. The listener is held in a `ContextVar` rather than
passed through every function: progress crosses every layer (loader, validation, matching,
exports, the page), and a parameter on each of them would be noise in every signature.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol, TypeVar

T = TypeVar("T")


class Step(Protocol):
    """One step under way: `advance` moves it on by `amount` of its total."""

    def advance(self, amount: int = 1) -> None: ...


class Reporter(Protocol):
    """Who shows progress: told when a step starts (what, of how many) and when it ends."""

    def start(self, what: str, total: int | None) -> Step: ...

    def stop(self, step: Step) -> None: ...


class _Silent:
    """The step when nobody listens."""

    def advance(self, amount: int = 1) -> None:
        return None


_SILENT = _Silent()
_REPORTER: ContextVar[Reporter | None] = ContextVar("orgchart_progress_reporter", default=None)


@contextmanager
def task(what: str, total: int | None = None) -> Iterator[Step]:
    """A step of work named `what` (lower case, "checking quotes"), `total` units long if known."""
    reporter = _REPORTER.get()
    if reporter is None:
        yield _SILENT
        return
    step = reporter.start(what, total)
    try:
        yield step
    finally:
        reporter.stop(step)


def tracked(items: Iterable[T], what: str, total: int | None = None) -> Iterator[T]:
    """`items`, one by one, as a step `what` advanced by each item."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with task(what, total) as step:
        for item in items:
            yield item
            step.advance()


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Show the progress of the work done inside this block with `reporter` (None: show none)."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def silence() -> None:
    """Show no progress from here to the end of the enclosing `reporting` block (`--quiet`)."""
    _REPORTER.set(None)
