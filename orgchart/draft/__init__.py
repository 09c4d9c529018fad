"""Drafting an era from a new document, and seeing what an era's documents say that it does not
cite yet: rules over the text, no network and no model.

`draft_era` segments the text (`segment`), finds the names of bodies (`mentions`, grouped by
`entities`, read in context by `reading`), the relations (`relations`) and the stated figures
(`figures`), reuses the ids of other eras through the diff's matcher (`identity`) and writes YAML
in data/CURATING.md's order (`writer`). This package sits above `orgchart.changes` (whose matcher
it reuses) and below the command line.
"""

from orgchart.draft.drafter import Draft, draft_era

__all__ = ["Draft", "draft_era"]
