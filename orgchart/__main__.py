"""`python -m orgchart`: the same as the `orgchart` command."""

from orgchart.cli import app

app(prog_name="orgchart")
