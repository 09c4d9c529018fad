"""Start-up stays light: `import orgchart` and the command line's `--help` and `--version`
import no heavy library (each command imports what it needs), and the lazy public API still
offers every name of `__all__`. The time itself is measured by `make bench` (bench_startup)."""

from __future__ import annotations

import subprocess
import sys

import orgchart

HEAVY = ("networkx", "pydantic", "yaml", "rdflib", "jinja2", "graphviz", "rapidfuzz", "rich")


def imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_import_orgchart_imports_no_heavy_library() -> None:
    assert imported_after("import orgchart") == []


def test_the_command_line_help_and_version_import_no_heavy_library() -> None:
    for flag in ("--help", "--version"):
        code = (
            "import sys, contextlib, io\nsys.argv = ['orgchart', " + repr(flag) + "]\n"
            "from orgchart.cli import app\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    app()"
        )
        assert imported_after(code) == [], flag


def test_every_public_name_resolves_to_its_module_object() -> None:
    import importlib

    assert set(orgchart.__all__) == {*orgchart._EXPORTS, "__version__"}
    for name, module in orgchart._EXPORTS.items():
        assert getattr(orgchart, name) is getattr(importlib.import_module(module), name), name
    assert set(orgchart.__all__) <= set(dir(orgchart))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        orgchart.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "no_such_thing" in str(error)
    else:
        raise AssertionError("expected AttributeError")
