"""The setup step that `make` and `make test` run first: it installs Debian's graphviz and
chromium when they are missing, or stops with a message saying how. Tested with stand-ins for
apt-get, id and dot on a PATH of their own, so the test never installs anything."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-deps.sh"
BASH = "/bin/bash"


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def run(tmp_path: Path, *, tools: dict[str, str], chromium: bool) -> tuple[subprocess.CompletedProcess[str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for name, body in tools.items():
        stub(bin_dir, name, body.replace("LOG", str(log)))
    browser = tmp_path / "chromium"
    if chromium:
        stub(tmp_path, "chromium", "exit 0")
    env = {"PATH": str(bin_dir), "ORGCHART_CHROMIUM": str(browser), "HOME": str(tmp_path)}
    done = subprocess.run([BASH, str(SCRIPT)], env=env, capture_output=True, text=True, check=False)
    return done, log.read_text(encoding="utf-8") if log.exists() else ""


ROOT = {"id": "echo 0"}
APT = {"apt-get": 'echo "$@" >> LOG'}
DOT = {"dot": "exit 0"}


def test_nothing_to_do_when_everything_is_there(tmp_path: Path) -> None:
    done, log = run(tmp_path, tools={**ROOT, **APT, **DOT}, chromium=True)
    assert done.returncode == 0 and done.stderr == "" and log == ""


def test_installs_what_is_missing_with_apt_get(tmp_path: Path) -> None:
    done, log = run(tmp_path, tools={**ROOT, **APT}, chromium=False)
    assert done.returncode == 0, done.stderr
    assert "installing Debian packages: graphviz chromium" in done.stderr
    assert log.splitlines() == ["update -qq", "install -y -qq graphviz chromium"]


def test_without_apt_get_it_says_how_and_fails(tmp_path: Path) -> None:
    done, log = run(tmp_path, tools={**ROOT}, chromium=True)
    assert done.returncode == 1 and log == ""
    assert "missing graphviz and apt-get is not available" in done.stderr
    assert "Graphviz provides 'dot'" in done.stderr


def test_not_root_without_sudo_it_says_how_and_fails(tmp_path: Path) -> None:
    done, log = run(tmp_path, tools={"id": "echo 1000", **APT}, chromium=False)
    assert done.returncode == 1 and log == ""
    assert "run as root: apt-get update && apt-get install -y graphviz chromium" in done.stderr


def test_a_failing_install_fails_the_setup(tmp_path: Path) -> None:
    done, _ = run(tmp_path, tools={**ROOT, "apt-get": 'echo "E: no network" >&2; exit 100'}, chromium=True)
    assert done.returncode != 0
    assert "E: no network" in done.stderr


def test_script_is_what_the_makefile_runs() -> None:
    makefile = (SCRIPT.parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "scripts/system-deps.sh" in makefile
