"""`extensions = ["orgchart.sphinx"]` in a Sphinx `conf.py`: the `.. orgchart::` directive.

A name Sphinx users can type; the directive lives in `orgchart.embed.sphinx`.
"""

from orgchart.embed.sphinx import OrgChartDirective, setup

__all__ = ["OrgChartDirective", "setup"]
