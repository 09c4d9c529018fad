"""The interactive chart: one self-contained HTML page for every era (`orgchart site`).

`data` turns eras and their change sets into the page's JSON; `page` fills the template with it
and the charts drawn by `orgchart.render`. Nothing here imports the exports, `build` or the
command line.
"""

from orgchart.site.data import MARKED_CHANGES, era_payload, site_payload, tree_parents
from orgchart.site.page import page_svg, script_json, site_html, write_site

__all__ = [
    "MARKED_CHANGES",
    "era_payload",
    "page_svg",
    "script_json",
    "site_html",
    "site_payload",
    "tree_parents",
    "write_site",
]
