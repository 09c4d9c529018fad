"""Charts and reports inside documentation: a Markdown fence (Python-Markdown, MkDocs through
`pymdownx.superfences`), a Sphinx directive (`orgchart.sphinx`), and Jupyter display.

Layer: above the renderers, the reports and the page, below `build` and the command line.
`spec` reads a fence's or directive's options, `html` turns them into inline HTML, `markdown`
and `sphinx` plug that into the two documentation tools, `jupyter` tells `orgchart.dataset.display` how
charts, change sets and timelines show in a notebook. Python-Markdown, pymdown-extensions and
Sphinx are imported only by the module that needs them (they are optional: `pip install
orgchart[docs]`).
"""
