"""Drafting an era from a new document, and seeing what an era's documents say that it does not
cite yet: rules over the text, no network and no model.

`draft_era` segments the text (`segment`), finds the names of bodies (`mentions`, `acronyms`,
`collectives`, `partners`, `places`, the forms they recur under in `variants`; grouped by
`entities`, read in context by `reading`), the relations the sentences state (`relations`,
`owners`, sharing `edges`), those the layout states (`layout`, `sections`) and the weakest
placements (`fallback`: other eras' structure, the document's own organization), the stated
figures (`figures`), reuses the ids of other eras through the diff's matcher (`identity`) and
writes YAML in data/CURATING.md's order (`writer`). Each parent relation carries the strength
of its evidence (`edges.Tier`); a body takes its parents from the strongest evidence found for
it. `score` measures a draft against a curated era. This package sits above `orgchart.changes`
(whose matcher it reuses) and below the command line.
"""

from orgchart.draft.drafter import Draft, draft_era

__all__ = ["Draft", "draft_era"]
