"""A small two-era dataset whose names are hard to carry through file formats.

Names hold quotes, commas, `<&>`, braces, `|`, a backslash, a newline and non-Latin text;
optional fields are left empty; one unit has a second parent; between the eras one division
is renamed and one unit moves; a lineage link records a succession.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_dataset

HARD_NAME = 'Ministry of "Things", Inc. <&> {Ops} | A\\B'
NEWLINE_NOTE = "first line\nsecond line, with a comma"

SOURCE = """The Ministry of "Things", Inc. <&> comprises the Département des opérations and the 情報技術課.
The Département des opérations also comprises the 情報技術課.
The 情報技術課 oversees the Patrol Program.
The Office of Old Things was succeeded by the Office of New Things.
The ministry has 2 divisions.
"""


def _cite(quote: str) -> str:
    escaped = quote.replace("\\", "\\\\").replace('"', '\\"')
    return f'    citations:\n      - source: doc-one\n        quote: "{escaped}"\n'


ERA_A = (
    "id: era-a\nlabel: First era, 第一\nsources: [doc-one]\ndescription: 'Has \"quotes\", commas, <&>.'\n"
    "nodes:\n"
    f'  - id: min\n    name: "{HARD_NAME.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"\n'
    "    kind: agency\n    acronym: MoT\n    aliases: ['the ministry', 'MoT, \"Things\"']\n"
    + _cite('The Ministry of "Things", Inc. <&>')
    + "  - id: ops\n    name: Département des opérations\n    kind: division\n"
    f'    note: "{NEWLINE_NOTE.replace(chr(10), chr(92) + "n")}"\n'
    + _cite("the Département des opérations")
    + "  - id: it\n    name: 情報技術課\n    kind: unit\n"
    + _cite("the 情報技術課")
    + "  - id: patrol\n    name: Patrol Program\n    kind: program\n"
    + _cite("oversees the Patrol Program")
    + "  - id: old\n    name: Office of Old Things\n    kind: office\n"
    + _cite("The Office of Old Things")
    + "edges:\n"
    + "  - kind: parent\n    superior: min\n    subordinate: ops\n"
    + _cite("comprises the Département des opérations")
    + "  - kind: parent\n    superior: min\n    subordinate: it\n"
    + _cite("and the 情報技術課")
    + "  - kind: parent\n    superior: ops\n    subordinate: it\n    note: a second parent\n"
    + _cite("The Département des opérations also comprises the 情報技術課.")
    + "  - kind: oversight\n    superior: it\n    subordinate: patrol\n"
    + _cite("The 情報技術課 oversees the Patrol Program.")
    + "  - kind: parent\n    superior: min\n    subordinate: old\n"
    + "claims:\n"
    + "  - id: min-divisions\n    subject: min\n    attribute: divisions\n    value: 2\n    counts: division\n"
    + _cite("The ministry has 2 divisions.")
    + "  - id: min-ratio\n    subject: min\n    attribute: ratio, \"odd\"\n    value: 2.5\n    unit: '%'\n"
    + "    qualifier: approximately\n    as_of: FY 2020\n"
    + "findings:\n"
    + "  - kind: other\n    subject: it\n    message: 'Two parents, <both> \"stated\".'\n"
    + _cite("also comprises the 情報技術課")
)

ERA_B = (
    "id: era-b\nlabel: Second era\nsources: [doc-one]\n"
    "nodes:\n"
    "  - id: min\n    name: The Ministry\n    kind: agency\n"
    + _cite('The Ministry of "Things", Inc. <&>')
    + "  - id: ops\n    name: Operations Directorate\n    kind: division\n"
    + _cite("the Département des opérations")
    + "  - id: it\n    name: 情報技術課\n    kind: unit\n"
    + _cite("the 情報技術課")
    + "  - id: new\n    name: Office of New Things\n    kind: office\n"
    + _cite("the Office of New Things")
    + "edges:\n"
    + "  - kind: parent\n    superior: min\n    subordinate: ops\n"
    + _cite("comprises the Département des opérations")
    + "  - kind: parent\n    superior: ops\n    subordinate: it\n"
    + _cite("The Département des opérations also comprises the 情報技術課.")
    + "  - kind: parent\n    superior: min\n    subordinate: new\n"
)

LINEAGE = """lineage:
  - kind: succeeded
    before: [old]
    after: [new]
    reason: The document says so.
    citations:
      - source: doc-one
        quote: The Office of Old Things was succeeded by the Office of New Things.
"""


def write_hard_dataset(root: Path) -> Path:
    """Write the two-era dataset under `root` and return it."""
    write_dataset(root, {"era-a.yaml": ERA_A, "era-b.yaml": ERA_B}, SOURCE)
    # Both eras cite one source, so they tie on date and are ordered by id: era-a, then era-b.
    (root / "lineage.yaml").write_text(LINEAGE, encoding="utf-8")
    return root
