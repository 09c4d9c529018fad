"""The progress display of the command line: the library's steps (`orgchart.dataset.progress`)
as a Rich progress display on standard error, only when standard error is a terminal.

Each step is a line: what is being done, a bar, n of N, and the time elapsed. Work that ends
within `ORGCHART_PROGRESS_AFTER` seconds (default 0.5) shows nothing, so small datasets stay
as quiet as before; past that, the display appears and stays when the command ends, each line
with its final count and time. `--quiet` (and any standard error that is not a terminal: a
pipe, a file, CI) shows none.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from orgchart.dataset import progress

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

DEFAULT_AFTER = 0.5
"""Seconds of work before the display appears."""


class _RichStep:
    def __init__(self, bars: "Progress", task_id: "TaskID", nested: bool) -> None:
        self.bars = bars
        self.task_id = task_id
        self.nested = nested

    def advance(self, amount: int = 1) -> None:
        self.bars.advance(self.task_id, amount)


class RichReporter:
    """A `progress.Reporter` drawing Rich progress bars on `console`.

    Steps come in bursts (from the first step started to the last one stopped); a burst draws
    nothing until it has lasted `after` seconds, and its lines stay on screen when it ends, so
    what the command prints next never mixes with the bars. A step started inside another is
    drawn while it runs and removed when it ends.
    """

    def __init__(self, console: "Console", after: float = DEFAULT_AFTER) -> None:
        self.console = console
        self.after = after
        self.lock = threading.Lock()
        self.bars: Progress | None = None
        self.shown = False
        self.active = 0
        self.timer: threading.Timer | None = None

    def _new_bars(self) -> "Progress":
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )

    def show(self) -> None:
        """Start drawing the current burst (from its timer, once `after` seconds have passed)."""
        with self.lock:
            if self.bars is not None and not self.shown:
                self.shown = True
                self.bars.start()

    def start(self, what: str, total: int | None) -> progress.Step:
        with self.lock:
            if self.bars is None:
                self.bars = self._new_bars()
                self.timer = threading.Timer(self.after, self.show)
                self.timer.daemon = True
                self.timer.start()
            nested = self.active > 0
            self.active += 1
            bars = self.bars
        return _RichStep(bars, bars.add_task(what, total=total), nested)

    def stop(self, step: progress.Step) -> None:
        assert isinstance(step, _RichStep)
        bars = step.bars
        task = next(t for t in bars.tasks if t.id == step.task_id)
        if task.total is not None:
            bars.update(step.task_id, completed=task.total)
        else:
            bars.update(step.task_id, total=task.completed)
        bars.stop_task(step.task_id)
        if step.nested:  # a step inside another leaves no line: the outer one tells the story
            bars.remove_task(step.task_id)
        with self.lock:
            self.active -= 1
            if self.active:
                return
            if self.timer is not None:
                self.timer.cancel()
            if self.shown:
                bars.stop()
            self.bars, self.shown, self.timer = None, False, None


@contextmanager
def terminal_progress(quiet: bool = False) -> Iterator[None]:
    """Show the library's progress on standard error inside this block when it is a terminal."""
    from orgchart.cli.shared import err_console

    console = err_console()
    if quiet or not console.is_terminal:
        with progress.reporting(None):
            yield
        return
    after = float(os.environ.get("ORGCHART_PROGRESS_AFTER") or DEFAULT_AFTER)
    with progress.reporting(RichReporter(console, after)):
        yield
