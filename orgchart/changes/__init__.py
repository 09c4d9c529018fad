"""The change engine: entities matched across eras and everything that changed between them.

`match` pairs the entities of two eras (id, lineage, acronym, name, alias, similar name; names
folded by `names`); the change families (`entities`, `groups`, `relations`, `figures`) and
`coverage` read the pairs; `diff` assembles one `ChangeSet`, `headlines` ranks what a reader
sees first, `history` every pair of a dataset and each entity through time. `branches` finds an
era's top-level branches, which coverage compares and `build` charts.
Modules here import the data layer and `orgchart.graph`/`orgchart.query`, never the renderers,
reports, exports or the command line, which all build on them.
"""

from orgchart.changes.changeset import Change, ChangeSet

__all__ = ["Change", "ChangeSet"]
