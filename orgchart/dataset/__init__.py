"""The data layer: what a dataset on disk holds and whether it holds up.

`model` defines the pydantic values (Source, Era, Node, Edge, Claim, Citation, Finding); `loader`
reads `sources.yaml`, the era files and the lineage file into them with file:line:column kept on
every value; `citations` checks sources and quotes; `validate` checks every invariant and computes
the findings. Modules here import only `orgchart.errors`, `orgchart.atomic` and each other
(model <- loader <- citations <- validate), never the graph or anything built on it.
"""
