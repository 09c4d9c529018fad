"""The package's shape: imports follow the data flow, checked by import-linter's contracts.

The contracts live in pyproject.toml (`[tool.importlinter]`); `make test` also runs
`lint-imports`. The second test proves the check can fail: a copy of the package where the model
imports the command line must break the contract.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orgchart

PACKAGE = Path(orgchart.__file__).parent
PROJECT = PACKAGE.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_imports_follow_the_data_flow() -> None:
    result = _lint(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_import_against_the_flow_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(PACKAGE, tmp_path / "orgchart", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "orgchart" / "dataset" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport orgchart.render.graphviz\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "orgchart.dataset.model -> orgchart.render.graphviz" in result.stdout
    assert "BROKEN" in result.stdout


def test_the_top_level_stays_small() -> None:
    """The folders show the architecture: besides the packages, a handful of modules (and
    `sphinx.py`, only the name `extensions = ["orgchart.sphinx"]` asks for)."""
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if not p.name.startswith("__") and p.name != "sphinx.py")
    assert len(modules) <= 8, modules
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    for name in packages:
        docstring = (PACKAGE / name / "__init__.py").read_text(encoding="utf-8").lstrip()
        assert docstring.startswith('"""'), f"orgchart/{name}/__init__.py needs a docstring saying what it owns"
