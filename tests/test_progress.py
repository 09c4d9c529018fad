"""Long work shows progress: the library announces its steps, the command line draws them on
standard error when it is a terminal (a real pseudo-terminal here), and shows nothing when it is
not one or with `--quiet`."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import orgchart
from benchmarks.synthetic import Generated, write_dataset
from orgchart.dataset import progress

ORGCHART = str(Path(sys.executable).parent / "orgchart")


class Recorder:
    """A reporter that remembers each step: what, its total, how far it advanced."""

    def __init__(self) -> None:
        self.steps: list[list[object]] = []

    def start(self, what: str, total: int | None) -> progress.Step:
        record: list[object] = [what, total, 0]
        self.steps.append(record)

        class Step:
            def advance(self, amount: int = 1) -> None:
                record[2] = int(str(record[2])) + amount

        return Step()

    def stop(self, step: progress.Step) -> None:
        return None


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return write_dataset(tmp_path_factory.mktemp("progress") / "data", 1000)


def test_nothing_is_reported_without_a_listener() -> None:
    with progress.task("work", total=3) as step:
        step.advance()  # no listener: a no-op, and no error


def test_a_diff_reports_its_steps_to_the_listener(generated: Generated) -> None:
    dataset = orgchart.load(generated.root)
    recorder = Recorder()
    with progress.reporting(recorder):
        orgchart.diff(dataset.era("gen-a"), dataset.era("gen-b"))
    assert ["comparing gen-a and gen-b", 4, 4] in recorder.steps
    with progress.reporting(None):
        orgchart.diff(dataset.era("gen-a"), dataset.era("gen-b"))
    assert len([s for s in recorder.steps if s[0] == "comparing gen-a and gen-b"]) == 1


def test_tracked_counts_every_item() -> None:
    recorder = Recorder()
    with progress.reporting(recorder):
        assert list(progress.tracked([1, 2, 3], "counting")) == [1, 2, 3]
    assert recorder.steps == [["counting", 3, 3]]


def run_in_terminal(args: list[str], env: dict[str, str]) -> tuple[str, str]:
    """Run `orgchart ARGS` with standard error on a pseudo-terminal; (stdout, terminal text)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [ORGCHART, *args], stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout = process.communicate()[0]
    os.close(leader)
    assert process.returncode == 0
    return stdout.decode(), b"".join(chunks).decode(errors="replace")


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "120", **extra}


def test_a_terminal_shows_what_n_of_n_and_elapsed(generated: Generated) -> None:
    args = ["diff", "gen-a", "gen-b", "--format", "json", "--data", str(generated.root)]
    stdout, terminal = run_in_terminal(args, environment(ORGCHART_PROGRESS_AFTER="0"))
    assert '"from": "gen-a"' in stdout  # the report itself is untouched on standard output
    assert "comparing gen-a and gen-b" in terminal
    assert "4/4" in terminal
    assert "0:00:0" in terminal  # elapsed time


def test_quiet_shows_nothing_on_a_terminal(generated: Generated) -> None:
    args = ["diff", "gen-a", "gen-b", "--format", "json", "--quiet", "--data", str(generated.root)]
    _, terminal = run_in_terminal(args, environment(ORGCHART_PROGRESS_AFTER="0"))
    assert "comparing" not in terminal
    _, terminal = run_in_terminal(["--quiet", *args[:-3], "--data", str(generated.root)], environment())
    assert "comparing" not in terminal


def test_short_work_shows_nothing_on_a_terminal(generated: Generated) -> None:
    args = ["diff", "gen-a", "gen-b", "--format", "json", "--data", str(generated.root)]
    _, terminal = run_in_terminal(args, environment(ORGCHART_PROGRESS_AFTER="600"))
    assert "comparing" not in terminal


def test_no_terminal_no_progress(generated: Generated) -> None:
    args = [ORGCHART, "diff", "gen-a", "gen-b", "--format", "json", "--data", str(generated.root)]
    result = subprocess.run(args, capture_output=True, text=True, env=environment(ORGCHART_PROGRESS_AFTER="0"))
    assert result.returncode == 0
    assert "comparing" not in result.stderr
