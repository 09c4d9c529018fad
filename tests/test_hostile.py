"""The hostile-input corpus: every case in `tests/hostile/` through every command that reads it.

Each case directory holds the files that differ from `tests/hostile/_base/` (a small valid
dataset of two eras) and an `expect.yaml`: the exit code, phrases the output must (and must
not) contain, the commands to run (default: every command that reads a dataset), setup steps
for what a repository cannot hold (links to devices, FIFOs, sparse 300 MiB files, 50 MB
names), and paths that must not exist afterwards. For every command the test checks:

- the exit code, and that no exception but the CLI's exit escaped (no traceback);
- the phrases (each error names its file, line and fix);
- no control character but line feed and tab in the output (nothing reaches a terminal raw);
- on failure nothing at all changed in the workspace (inputs, the canary beside the dataset,
  the output directory); on success nothing changed outside the output directory.

Commands run in-process through Typer's runner; only `test_build_killed_at_any_moment_*` needs
processes (to kill).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
import yaml
from typer.testing import CliRunner

from orgchart.cli import app

CORPUS = Path(__file__).parent / "hostile"
BASE = CORPUS / "_base"
CASES = sorted(path.name for path in CORPUS.iterdir() if (path / "expect.yaml").is_file())

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "--data", "{data}"],
    "eras": ["eras", "--data", "{data}"],
    "show": ["show", "era-one", "--data", "{data}"],
    "query": ["query", "subtree", "ea", "--era", "era-one", "--json", "--data", "{data}"],
    "export": ["export", "--era", "era-one", "--data", "{data}", "-o", "{out}/era.json"],
    "export-sqlite": ["export", "--data", "{data}", "-f", "sqlite", "-o", "{out}/all.sqlite"],
    "export-rdf": ["export", "--data", "{data}", "-f", "rdf", "--all-eras", "-o", "{out}/all.ttl"],
    "render": ["render", "--era", "era-one", "--data", "{data}", "-f", "dot", "-o", "{out}/era.dot"],
    "render-svg": ["render", "--era", "era-one", "--data", "{data}", "-o", "{out}/era.svg"],
    "render-mermaid": ["render", "--era", "era-one", "--data", "{data}", "-f", "mermaid", "-o", "{out}/era.mmd"],
    "history": ["history", "--data", "{data}", "-o", "{out}/history.md"],
    "diff": ["diff", "era-one", "era-two", "--data", "{data}", "-o", "{out}/diff.md"],
    "timeline": ["timeline", "ea", "--data", "{data}"],
    "coverage": ["coverage", "era-one", "--data", "{data}"],
    "site": ["site", "--data", "{data}", "-o", "{out}/site"],
    "build": ["build", "--data", "{data}", "-o", "{out}/build"],
}
"""Every command that reads a dataset, as run on each case (unless the case names some)."""
DEFAULT_COMMANDS = [
    "validate",
    "eras",
    "show",
    "query",
    "export",
    "render",
    "history",
    "diff",
    "timeline",
    "coverage",
    "site",
    "build",
]

runner = CliRunner()
COMMAND = typer.main.get_command(app)
"""The Click command built once: Typer's runner builds it anew per call, 80% of a case's time."""


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: COMMAND)
    case = CORPUS / name
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    workspace = tmp_path / "workspace"
    data, out = workspace / "data", workspace / "out"
    shutil.copytree(BASE, data, ignore=shutil.ignore_patterns("README.md"))
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if path.is_file() and relative.name != "expect.yaml":
            target = (workspace if relative.parts[0] == "input" else data) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    (workspace / "canary.txt").write_text("a file beside the dataset that no command may touch\n")
    places = {"workspace": str(workspace), "data": str(data), "out": str(out)}
    for step in expect.get("setup") or []:
        apply_setup(step, workspace, data, places)
    for command in expect.get("commands") or DEFAULT_COMMANDS:
        args = command_args(command, places)
        before = snapshot(workspace)
        result = runner.invoke(app, args)
        shown = f"{name}: orgchart {' '.join(args)[:300]}\n{result.output[-3000:]}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(shown) from result.exception
        assert result.exit_code == expect["exit"], shown
        for phrase in expect.get("phrases") or []:
            assert phrase in result.output, f"{phrase!r} missing in {shown}"
        for phrase in expect.get("not_phrases") or []:
            assert phrase not in result.output, f"{phrase!r} present in {shown}"
        raw = [c for c in set(result.output) if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
        assert not raw, f"control characters {raw!r} reached the output: {shown}"
        after = snapshot(workspace)
        if expect["exit"] != 0:
            assert after == before, f"a failed command changed {changed(before, after)}: {shown}"
        else:
            allowed = [out, data] if "--into-data" in str(command) else [out]
            outside = [p for p in changed(before, after) if not any(Path(p).is_relative_to(a) for a in allowed)]
            assert not outside, f"wrote outside its outputs: {outside}: {shown}"
        for path in expect.get("absent") or []:
            assert not os.path.lexists(workspace / path), f"{path} exists after {shown}"


def test_the_corpus_covers_every_category() -> None:
    """At least 100 cases, the 13 older bad-input cases among them, across the issue's categories."""
    categories: dict[str, int] = {}
    for name in CASES:
        category = yaml.safe_load((CORPUS / name / "expect.yaml").read_text(encoding="utf-8"))["category"]
        categories[category] = categories.get(category, 0) + 1
    assert len(CASES) >= 100
    assert sum(1 for name in CASES if name.startswith("existing-")) == 13
    wanted = {"yaml", "bytes", "depth", "length", "numbers", "dates", "names", "lookalike", "paths", "symlinks"}
    wanted |= {"files", "size", "terminal", "import", "outputs", "checksum", "lineage", "lookup", "urls"}
    assert wanted <= set(categories), sorted(wanted - set(categories))


def command_args(command: str | dict[str, Any], places: dict[str, str]) -> list[str]:
    """The argument list of a named command, an `{"args": [...]}` or an `{"import": ...}`."""
    if isinstance(command, str):
        args = COMMANDS[command]
    elif "args" in command:
        args = command["args"]
    else:
        spec = command["import"]
        extra = list(spec.get("args") or [])
        target = "{data}" if "--into-data" in extra else "{out}/data"
        extra = [arg for arg in extra if arg != "--into-data"]
        era = [] if "--era" in extra else ["--era", "mine"]
        args = ["import", "{workspace}/input/" + spec["input"], *era, "-o", target, *extra]
    return [arg.format(**places) for arg in args]


def apply_setup(step: dict[str, Any], workspace: Path, data: Path, places: dict[str, str]) -> None:
    """One setup step of a case (what a repository cannot hold, or what is easier made)."""
    [(kind, spec)] = step.items()

    def at(path: str) -> Path:
        text = path.format(**places)
        return Path(text) if os.path.isabs(text) else data / text

    if kind == "inflate":  # a marker replaced by `times` copies of `text` (50 MB names, deep JSON)
        base = workspace if spec["path"].startswith("input/") else data
        path = base / spec["path"]
        path.write_text(
            path.read_text(encoding="utf-8").replace(spec["marker"], spec["text"] * spec["times"]), encoding="utf-8"
        )
    elif kind == "symlink":
        base = workspace if spec["path"].startswith("input/") else data
        link = base / spec["path"]
        if link.is_file() or link.is_symlink():
            link.unlink()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(spec["to"].format(**places))
    elif kind == "fifo":
        os.mkfifo(data / spec)
    elif kind == "mkdir":
        (data / spec).mkdir(parents=True)
    elif kind == "mkdir_out":
        Path(places["out"]).mkdir(parents=True)
    elif kind == "sparse":
        with (data / spec["path"]).open("wb") as stream:
            stream.truncate(spec["bytes"])
    elif kind == "remove":
        target = data / spec
        target.rmdir() if target.is_dir() and not target.is_symlink() else target.unlink()
    elif kind == "remove_data":
        shutil.rmtree(data)
    elif kind == "data_file":
        data.write_text(spec, encoding="utf-8")
    elif kind == "outside":  # a file beside the dataset, copied from it or given
        target = workspace / spec["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if "copy" in spec:
            shutil.copyfile(data / spec["copy"], target)
        else:
            target.write_text(spec["text"], encoding="utf-8")
    elif kind in ("move", "copy"):
        target = data / spec["to"]
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.move if kind == "move" else shutil.copyfile)(data / spec["path"], target)
    elif kind == "write":
        target = at(spec["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(spec["text"], encoding="utf-8")
    elif kind == "replace":
        path = data / spec["path"]
        path.write_text(path.read_text(encoding="utf-8").replace(spec["old"], spec["new"], 1), encoding="utf-8")
    elif kind == "chain":
        shutil.rmtree(data)
        chain_dataset(data, spec)
    else:
        raise AssertionError(f"unknown setup step {kind!r}")


def chain_dataset(root: Path, depth: int) -> Path:
    """Two eras (`chain`, `chain-b`) of one chain `depth` parents deep, every 50th name changed
    in the second, every fact cited."""
    (root / "sources").mkdir(parents=True)
    (root / "eras").mkdir()
    text = "".join(f"Unit {i} contains unit {i + 1}.\n" for i in range(depth)) + f"Unit {depth}.\n"
    (root / "sources" / "doc.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (root / "sources.yaml").write_text(
        "sources:\n  - id: doc\n    file: sources/doc.txt\n    title: A chain\n    publisher: Tests\n"
        "    date: {start: 2020-01-01, end: 2020-01-01, precision: day, reason: Generated.}\n"
        f'    sha256: "{digest}"\n',
        encoding="utf-8",
    )
    for era, renamed in (("chain", False), ("chain-b", True)):
        lines = [f"id: {era}", f"label: Era {era}", "sources: [doc]", "nodes:"]
        for i in range(depth + 1):
            name = f"Unit {i}" + (" Office" if renamed and i % 50 == 25 else "")
            lines.append(f"  - {{id: u{i}, name: {name}, kind: unit, citations: [{{source: doc, quote: 'Unit {i}'}}]}}")
        lines.append("edges:")
        for i in range(depth):
            quote = f"Unit {i} contains unit {i + 1}."
            lines.append(
                f"  - {{kind: parent, superior: u{i}, subordinate: u{i + 1}, citations: [{{source: doc, quote: '{quote}'}}]}}"
            )
        (root / "eras" / f"{era}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every path under `root` with its kind and content hash (links by target; devices, FIFOs
    and files over 8 MiB by size and time: reading them would hang or take long)."""
    found: dict[str, tuple[Any, ...]] = {}
    for folder, directories, files in os.walk(root):
        for entry in [*directories, *files]:
            path = os.path.join(folder, entry)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found[path] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode) and info.st_size <= 8 * 2**20:
                found[path] = ("file", hashlib.sha256(Path(path).read_bytes()).hexdigest())
            elif stat.S_ISDIR(info.st_mode):
                found[path] = ("directory",)
            else:
                found[path] = ("other", info.st_mode, info.st_size, info.st_mtime_ns)
    return found


def changed(before: dict[str, tuple[Any, ...]], after: dict[str, tuple[Any, ...]]) -> list[str]:
    """The paths added, removed or changed between two snapshots."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


# --- a build killed at any moment leaves no partial file -----------------------------------------


def test_build_killed_at_any_moment_leaves_no_partial_file(tmp_path: Path) -> None:
    """SIGKILL a build after 2, 12 and 30 files: every output present is complete (equal to a full
    build's), and the next build into the directory removes the temporaries the kills left."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data, ignore=shutil.ignore_patterns("README.md"))
    reference = tmp_path / "reference"
    subprocess.run([sys.executable, "-m", "orgchart", "build", "--data", data, "-o", reference], check=True)
    expected = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()}
    out = tmp_path / "killed"
    for after_files in (2, 12, 30):
        shutil.rmtree(out, ignore_errors=True)
        process = subprocess.Popen([sys.executable, "-m", "orgchart", "build", "--data", data, "-o", out])
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if out.exists() and sum(1 for p in out.rglob("*") if p.is_file()) >= after_files:
                break
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in out.rglob("*"):
            relative = path.relative_to(out)
            if path.is_file() and relative.name != ".orgchart-build.lock" and not path.name.endswith(".tmp"):
                assert path.read_bytes() == expected[relative], f"{relative} is partial after a kill at {after_files}"
    (out / "charts").mkdir(parents=True, exist_ok=True)
    (out / "charts" / ".era-one.svg.k1ll3d0n.tmp").write_text("<svg what a kill leaves")
    subprocess.run([sys.executable, "-m", "orgchart", "build", "--data", data, "-o", out], check=True)
    assert not list(out.rglob("*.tmp")), "the next build removes what a killed one left"
