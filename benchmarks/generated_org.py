"""A generated organization on disk, as a user would bring it: for the page and chart tests at
size and for the page and render benchmarks.

The shape is a real register's: one agency, directorates below it, then divisions, offices,
units and teams down to depth 8, fan-out 2 to 30, names of 2 to 6 words drawn from a small
vocabulary (so names repeat), a few generic names that recur everywhere ("Office of the
Director"), a few hostile names (markup, quotes, non-Latin text), about 5% oversight edges and
every node and edge cited by a verbatim quote from a source document (one document per
directorate, so no source grows with the whole organization).

A second era, when asked for, is the first with about `changed` of its entities added,
removed, renamed or moved, described by documents of its own.

The same `size` and `seed` always give the same files.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

KINDS_BY_DEPTH: Final[tuple[str, ...]] = (
    "agency",
    "directorate",
    "division",
    "sub-division",
    "office",
    "sub-office",
    "unit",
    "team",
    "team",
)
MAX_DEPTH: Final[int] = 8
WORDS: Final[tuple[str, ...]] = (
    "Field", "Regional", "Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Border",
    "Planning", "Budget", "Finance", "Records", "Training", "Policy", "Compliance", "Audit", "Legal",
    "Operations", "Logistics", "Intelligence", "Support", "Technology", "Data", "Facilities", "Safety",
    "Health", "Personnel", "Procurement", "Outreach", "Research", "Inspection", "Standards", "Review",
)  # fmt: skip
HEADS: Final[tuple[str, ...]] = ("Office", "Division", "Branch", "Section", "Unit", "Program", "Center", "Team")
GENERIC: Final[tuple[str, ...]] = ("Office of the Director", "Administrative Services", "Management Support Staff")
HOSTILE: Final[tuple[str, ...]] = (
    "Office <b>of</b> \"Quotes\" & 'Apostrophes'",
    "移民局 Ωμέγα Отдел مكتب",
    "</script><script>alert(1)</script> Unit",
)


@dataclass(frozen=True)
class Unit:
    """One generated entity: where it sits, what it is called, which document states it."""

    id: str
    name: str
    kind: str
    parent: str | None
    depth: int
    source: int
    acronym: str | None = None
    oversight: bool = False


def _name(rng: random.Random, serial: int) -> str:
    if serial % 40 == 7:
        return GENERIC[serial % len(GENERIC)]
    if serial % 997 == 13:
        return HOSTILE[serial % len(HOSTILE)]
    words = rng.sample(WORDS, rng.randint(1, 5))
    return " ".join([*words, rng.choice(HEADS)])


def _slug(name: str, serial: int) -> str:
    letters = "".join(c if c.isascii() and c.isalnum() else "-" for c in name.lower())
    stem = "-".join(part for part in letters.split("-") if part)[:24].strip("-") or "unit"
    return f"{stem}-{serial:x}"


def generate_units(size: int, seed: int = 17) -> list[Unit]:
    """`size` entities in a tree, parents before children."""
    rng = random.Random(seed)
    units = [Unit("agency-0", "Generated Agency", "agency", None, 0, 0, acronym="GA")]
    open_: list[int] = [0]
    while len(units) < size:
        if not open_:
            open_ = [i for i, unit in enumerate(units) if unit.depth < MAX_DEPTH]
        index = open_.pop(rng.randrange(len(open_)))
        parent = units[index]
        fan_out = rng.randint(2, 30) if parent.depth < 2 or rng.random() < 0.6 else 0
        for _ in range(min(fan_out, size - len(units))):
            serial = len(units)
            depth = parent.depth + 1
            name = _name(rng, serial)
            kind = KINDS_BY_DEPTH[depth]
            if depth >= 4 and rng.random() < 0.15:
                kind = "field office"
            source = serial if depth == 1 else parent.source
            acronym = "".join(w[0] for w in name.split() if w[:1].isupper())[:5] if depth <= 2 else None
            oversight = depth >= 2 and rng.random() < 0.05
            units.append(Unit(_slug(name, serial), name, kind, parent.id, depth, source, acronym, oversight))
            if depth < MAX_DEPTH:
                open_.append(len(units) - 1)
    return units


def changed_units(units: list[Unit], changed: float, seed: int = 17) -> list[Unit]:
    """The next era: about `changed` of the entities added, removed (leaves only), renamed or
    moved (a leaf under another parent of the same depth)."""
    rng = random.Random(seed + 1)
    parents = {unit.parent for unit in units}
    leaves = [i for i, unit in enumerate(units) if unit.id not in parents and unit.depth >= 2]
    count = max(4, int(len(units) * changed / 4))
    picked = rng.sample(leaves, min(len(leaves), 3 * count))
    removed = set(picked[:count])
    renamed = set(picked[count : 2 * count])
    moved = set(picked[2 * count :])
    by_depth: dict[int, list[str]] = {}
    for unit in units:
        if unit.id in parents:
            by_depth.setdefault(unit.depth, []).append(unit.id)
    after: list[Unit] = []
    for i, unit in enumerate(units):
        if i in removed:
            continue
        if i in renamed:
            unit = replace(unit, name=unit.name + " and Reporting")
        elif i in moved and by_depth.get(unit.depth - 1):
            unit = replace(unit, parent=rng.choice(by_depth[unit.depth - 1]))
        after.append(unit)
    sources = {unit.id: unit.source for unit in units}
    hosts = [unit for unit in units if unit.id in parents and unit.depth >= 2]
    for serial in range(len(units), len(units) + count):
        host = rng.choice(hosts)
        name = f"New {_name(rng, serial)}"
        kind = KINDS_BY_DEPTH[host.depth + 1]
        after.append(Unit(_slug(name, serial), name, kind, host.id, host.depth + 1, sources[host.id]))
    return _by_source_of_parent(after)


def _by_source_of_parent(units: list[Unit]) -> list[Unit]:
    """Moved units cite their new directorate's document; parents stay before children."""
    fixed: dict[str, Unit] = {}
    order = {unit.id: i for i, unit in enumerate(units)}
    for unit in sorted(units, key=lambda u: (u.depth, order[u.id])):
        source = unit.source if unit.parent is None or unit.depth <= 1 else fixed[unit.parent].source
        fixed[unit.id] = replace(unit, source=source)
    return [fixed[unit.id] for unit in units]


def _sentences(unit: Unit, names: dict[str, str]) -> tuple[str, str | None]:
    acronym = f" ({unit.acronym})" if unit.acronym else ""
    node = f"The {unit.name}{acronym} is a {unit.kind} [{unit.id}]."
    if unit.parent is None:
        return node, None
    verb = "oversees" if unit.oversight else "comprises"
    return node, f"The {names[unit.parent]} [{unit.parent}] {verb} the {unit.name} [{unit.id}]."


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_era(root: Path, era_id: str, label: str, date: str, units: list[Unit]) -> None:
    """Write one era file and its documents (one per directorate) under `root`."""
    names = {unit.id: unit.name for unit in units}
    texts: dict[int, list[str]] = {}
    node_lines: list[str] = []
    edge_lines: list[str] = []
    for unit in units:
        node_quote, edge_quote = _sentences(unit, names)
        source = f"{era_id}-doc-{unit.source}"
        texts.setdefault(unit.source, []).extend(q for q in (node_quote, edge_quote) if q)
        acronym = f", acronym: {_quoted(unit.acronym)}" if unit.acronym else ""
        node_lines.append(
            f"  - {{id: {unit.id}, name: {_quoted(unit.name)}, kind: {unit.kind}{acronym}, "
            f"citations: [{{source: {source}, quote: {_quoted(node_quote)}}}]}}"
        )
        if edge_quote:
            kind = "oversight" if unit.oversight else "parent"
            edge_lines.append(
                f"  - {{kind: {kind}, superior: {unit.parent}, subordinate: {unit.id}, "
                f"citations: [{{source: {source}, quote: {_quoted(edge_quote)}}}]}}"
            )
    entries = []
    for key in sorted(texts):
        text = "\n".join(texts[key]) + "\n"
        file = f"sources/{era_id}-doc-{key}.txt"
        (root / file).write_text(text, encoding="utf-8")
        entries.append(
            f"  - id: {era_id}-doc-{key}\n    file: {file}\n    title: {_quoted(f'{label}, part {key}')}\n"
            f"    publisher: Generated Agency\n"
            f"    date: {{start: {date}, end: {date}, precision: day, reason: generated}}\n"
            f'    sha256: "{hashlib.sha256(text.encode()).hexdigest()}"\n'
        )
    with (root / "sources.yaml").open("a", encoding="utf-8") as listing:
        listing.write("".join(entries))
    sources = ", ".join(f"{era_id}-doc-{key}" for key in sorted(texts))
    era = [f"id: {era_id}", f"label: {_quoted(label)}", f"sources: [{sources}]", "nodes:", *node_lines]
    era += ["edges:", *edge_lines] if edge_lines else ["edges: []"]
    (root / "eras" / f"{era_id}.yaml").write_text("\n".join(era) + "\n", encoding="utf-8")


def write_generated_dataset(root: Path, size: int, *, eras: int = 1, changed: float = 0.02, seed: int = 17) -> Path:
    """A dataset of `eras` (1 or 2) generated eras of about `size` entities under `root`:
    `gen-1` (2023-01-01) and, with two, `gen-2` (2024-01-01) with about `changed` of the
    entities changed. Returns `root`."""
    if eras not in (1, 2):
        raise ValueError(f"eras must be 1 or 2, not {eras}")
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "eras").mkdir(exist_ok=True)
    (root / "sources.yaml").write_text("sources:\n", encoding="utf-8")
    units = generate_units(size, seed)
    write_era(root, "gen-1", f"Generated Agency, {size:,} units", "2023-01-01", units)
    if eras == 2:
        write_era(root, "gen-2", "Generated Agency, a year later", "2024-01-01", changed_units(units, changed, seed))
    return root
