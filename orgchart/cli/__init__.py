"""The command line: one Typer app, its commands grouped by family, one module each.

`main` holds the app and `validate`, `eras`, `show`; `interchange` (export, import), `charts`
(render, site, build), `changes` (diff, history, timeline) and `query` (the `query` group) add
their commands to it; `shared` holds the options, the dataset opening and the error output.
The command line is the top layer: it may import everything, and nothing imports it.
"""

from orgchart.cli.main import app

__all__ = ["app"]
