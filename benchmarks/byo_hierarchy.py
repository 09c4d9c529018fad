"""A generated hierarchy shaped like a real government register, in two snapshots, with the true
differences between them recorded as the generator makes them.

Real registers of units (a national government's federal hierarchy, for one) come as a table with
a path column and a name column, no id and no parent:

    path,name,type
    "/ROOT/DEPARTMENT OF MARINE SAFETY (100011942)","DEPARTMENT OF MARINE SAFETY","Department/Ind. Agency"
    "/ROOT/DEPARTMENT OF MARINE SAFETY (100011942)/DEFENSE POW/MIA OFFICE (100012075)",...

Every path segment is a name followed by the unit's code in parentheses; names may hold `/`
("DEFENSE POW/MIA OFFICE"), so splitting a path on `/` gives wrong parents. Names repeat: every
agency has its "OFFICE OF GENERAL COUNSEL" and its "DENVER FIELD OFFICE", and a bare title
("DIRECTOR") can name a unit. `/ROOT` itself is not a row: the departments are the roots.

`generate(size, seed)` builds snapshot A, then snapshot B from it by known operations:

- one large department loses everything below it (a department "mostly vanished");
- small subtrees elsewhere are removed, others added (with fresh names, or generic names placed
  under parents that never had them: the trap for a matcher that trusts a name alone);
- units are renamed (new distinctive words) and moved (to a parent outside their own subtree).

`Truth` records what the operations did, by code, independently of any importer or diff: which
codes were added, removed, renamed and moved, and the `traps` (a removed unit and an added one
with the same generic name and nothing structural in common, which must never be reported as a
move). `write_snapshots` writes the two tables; the importer then takes ids from the codes with
`--id-from '\\((\\d+)\\)$'`.

Used by tests/test_byo_hierarchy.py (a small size, in `make test`) and benchmarks/bench_byo.py
(the real size, about 2,700 units, in `make bench`).
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

TOPICS: Final[tuple[str, ...]] = tuple(
    [
        "ACQUISITION",
        "AGRICULTURAL",
        "AIRSPACE",
        "ARCTIC",
        "ASSESSMENT",
        "AVIATION",
        "BORDER",
        "BUDGET",
        "CENSUS",
        "CHEMICAL",
        "CLIMATE",
        "COASTAL",
        "COMMERCE",
        "COMPLIANCE",
        "CONSERVATION",
        "CONSUMER",
        "CUSTOMS",
        "CYBER",
        "DAIRY",
        "DESERT",
        "DIPLOMATIC",
        "DISASTER",
        "DROUGHT",
        "EDUCATION",
        "ELECTIONS",
        "ENERGY",
        "ENGINEERING",
        "ENVIRONMENTAL",
        "EXPORT",
        "FAMILY",
        "FISHERIES",
        "FLOOD",
        "FOOD",
        "FOREST",
        "FREIGHT",
        "GEOLOGICAL",
        "GEOSPATIAL",
        "GRAIN",
        "GRANTS",
        "HARBOR",
        "HERITAGE",
        "HIGHWAY",
        "HOUSING",
        "HYDROGRAPHIC",
        "IMMIGRATION",
        "INDUSTRIAL",
        "INFRASTRUCTURE",
        "INSURANCE",
        "IRRIGATION",
        "LABOR",
        "LAND",
        "LIBRARY",
        "LIVESTOCK",
        "LOGISTICS",
        "MARINE",
        "MARITIME",
        "MEDICAL",
        "METEOROLOGICAL",
        "METROLOGY",
        "MINERAL",
        "MINING",
        "MUSEUM",
        "NAVIGATION",
        "NUCLEAR",
        "NUTRITION",
        "OCEAN",
        "ORBITAL",
        "PANDEMIC",
        "PARKS",
        "PATENT",
        "PENSION",
        "PIPELINE",
        "PLANT",
        "POLAR",
        "PORT",
        "POSTAL",
        "PRISON",
        "RADIATION",
        "RAIL",
        "RANGELAND",
        "RECLAMATION",
        "REFUGEE",
        "RESERVOIR",
        "RIVER",
        "RURAL",
        "SATELLITE",
        "SEED",
        "SEISMIC",
        "SOIL",
        "SPACE",
        "SPECTRUM",
        "STATISTICS",
        "SURVEY",
        "TARIFF",
        "TELECOM",
        "TEXTILE",
        "TIMBER",
        "TOURISM",
        "TRADE",
        "TRANSIT",
        "TRIBAL",
        "TUNNEL",
        "VACCINE",
        "VETERANS",
        "VOLCANO",
        "WATERSHED",
        "WEATHER",
        "WETLANDS",
        "WILDFIRE",
        "WILDLIFE",
        "WORKFORCE",
        "YOUTH",
    ]
)
"""Words that make a name distinctive; two topics per name give thousands of distinct names."""

CITIES: Final[tuple[str, ...]] = (
    *["ATLANTA", "BOSTON", "CHICAGO", "DALLAS", "DENVER", "HONOLULU", "HOUSTON", "MIAMI", "PHOENIX", "SEATTLE"],
    "NEW YORK",
)

SLASHED: Final[tuple[str, ...]] = ("POW/MIA", "A/E", "EEO/DIVERSITY", "SMALL/DISADVANTAGED", "AIR/SEA", "R/D", "I/O")
"""Fragments with a `/` inside that real unit names carry ("DEFENSE POW/MIA ACCOUNTING AGENCY")."""

SLASHED_SHARE: Final[float] = 0.04
"""The share of names with a `/` inside (76 of 2,341 rows, 3%, in one real snapshot)."""

BARE_TITLES: Final[tuple[str, ...]] = ("DIRECTOR", "DEPUTY DIRECTOR", "OFFICE OF THE ADMINISTRATOR")
"""Titles that name a unit once per era at most: the trap where name alone would give a move."""

REPEATED_OFFICES: Final[tuple[str, ...]] = (
    "OFFICE OF GENERAL COUNSEL",
    "OFFICE OF THE CHIEF INFORMATION OFFICER",
    "OFFICE OF THE CHIEF FINANCIAL OFFICER",
    "OFFICE OF THE DIRECTOR",
    "HUMAN CAPITAL OFFICE",
)
"""Staff offices that nearly every sub-tier has: names that occur many times in one era."""

DEPARTMENT, SUB_TIER, OFFICE = "Department/Ind. Agency", "Sub-Tier", "Office"
"""The `type` column's values (a `/` in a value too); `--kind-map` maps them to kinds."""

KIND_MAP: Final[str] = f"{DEPARTMENT}=agency,{SUB_TIER}=division,{OFFICE}=office"
"""The `--kind-map` argument that imports these tables."""

ID_FROM: Final[str] = r"\((\d+)\)$"
"""The `--id-from` pattern: the code in parentheses at the end of a path segment."""


@dataclass(frozen=True)
class Unit:
    """One row of a snapshot: the unit's code, name, type and its parent's code (None: a root)."""

    code: str
    name: str
    type: str
    parent: str | None


@dataclass(frozen=True)
class Truth:
    """What snapshot B changed from snapshot A, by code, as the generator did it."""

    added: frozenset[str]
    removed: frozenset[str]
    renamed: frozenset[str]
    moved: frozenset[str]
    traps: tuple[tuple[str, str], ...]
    """(removed code, added code) pairs with the same generic name and no structure in common."""
    vanished: str
    """The code of the department whose whole branch below it is removed."""

    def counts(self) -> dict[str, int]:
        """Changes by kind, as `ChangeSet.counts()` gives them (kinds with none left out)."""
        counts = {"added": len(self.added), "removed": len(self.removed)}
        counts |= {"renamed": len(self.renamed), "moved": len(self.moved)}
        return {kind: n for kind, n in counts.items() if n}


@dataclass(frozen=True)
class Snapshots:
    """The two snapshots, each a code -> Unit mapping, and the truth between them."""

    before: dict[str, Unit]
    after: dict[str, Unit]
    truth: Truth

    def changed_share(self) -> float:
        """The share of all units (of either snapshot) that the truth counts as changed."""
        everything = set(self.before) | set(self.after)
        t = self.truth
        return len(t.added | t.removed | t.renamed | t.moved) / len(everything)


@dataclass
class _Builder:
    """Draws names and codes without repeats where a name must be distinctive."""

    rng: random.Random
    used_codes: set[str] = field(default_factory=set)
    used_names: set[str] = field(default_factory=set)

    def code(self) -> str:
        while True:
            code = str(self.rng.randrange(100_000_000, 999_999_999))
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def name(self, kind: str) -> str:
        """A distinctive name never drawn before (in either snapshot)."""
        while True:
            first, second = self.rng.sample(TOPICS, 2)
            if kind == DEPARTMENT:
                pattern = self.rng.choice(["DEPARTMENT OF {a} AND {b}", "{a} {b} COMMISSION", "NATIONAL {a} {b} BOARD"])
            elif self.rng.random() < SLASHED_SHARE:
                pattern = "{a} {s} {b} AGENCY" if kind == SUB_TIER else "{a} {s} {b} OFFICE"
            elif kind == SUB_TIER:
                pattern = self.rng.choice(
                    ["{a} {b} ADMINISTRATION", "BUREAU OF {a} {b}", "{a} {b} SERVICE", "NATIONAL {a} {b} AGENCY"]
                )
            else:
                pattern = self.rng.choice(
                    [
                        "{a} {b} DIVISION",
                        "OFFICE OF {a} {b}",
                        "{a} {b} CENTER",
                        "{a} {b} PROGRAM OFFICE",
                        "{a} {b} BRANCH",
                    ]
                )
            text = pattern.format(a=first, b=second, s=self.rng.choice(SLASHED))
            if text not in self.used_names:
                self.used_names.add(text)
                return text


def _department_sizes(size: int, rng: random.Random) -> list[int]:
    """How many units each department holds: one large one (a sixth of everything), a few
    medium ones, many small independent agencies, about size / 27 in all."""
    count = max(4, size // 27)
    sizes = [max(1, size // 6)]
    medium = max(1, count // 12)
    sizes += [max(2, size // 14)] * medium
    rest = size - sum(sizes)
    small = count - len(sizes)
    weights = [rng.paretovariate(1.6) for _ in range(small)]
    total = sum(weights)
    sizes += [max(1, int(rest * w / total)) for w in weights]
    sizes[0] += size - sum(sizes)
    return sizes


def _snapshot_a(size: int, builder: _Builder) -> dict[str, Unit]:
    rng = builder.rng
    units: dict[str, Unit] = {}

    def add(name: str, kind: str, parent: str | None) -> str:
        code = builder.code()
        units[code] = Unit(code, name, kind, parent)
        return code

    for budget in _department_sizes(size, rng):
        department = add(builder.name(DEPARTMENT), DEPARTMENT, None)
        budget -= 1
        subs = [
            add(builder.name(SUB_TIER), SUB_TIER, department)
            for _ in range(min(budget, max(1, round(budget**0.5 / 1.5))))
        ]
        budget -= len(subs)
        offices: dict[str, list[str]] = {sub: [] for sub in subs}
        for sub in subs:
            if budget > 2 and rng.random() < 0.45:
                for name in rng.sample(REPEATED_OFFICES, 2):
                    offices[sub].append(add(name, OFFICE, sub))
                    budget -= 1
        while budget > 0:
            sub = rng.choice(subs)
            name = f"{rng.choice(CITIES)} FIELD OFFICE" if rng.random() < 0.08 else builder.name(OFFICE)
            parent = rng.choice(offices[sub]) if offices[sub] and rng.random() < 0.2 else sub
            offices[sub].append(add(name, OFFICE, parent))
            budget -= 1
    return units


def _children(units: dict[str, Unit]) -> dict[str | None, list[str]]:
    children: dict[str | None, list[str]] = {}
    for unit in units.values():
        children.setdefault(unit.parent, []).append(unit.code)
    for codes in children.values():
        codes.sort()
    return children


def _subtree(code: str, children: dict[str | None, list[str]]) -> list[str]:
    out, stack = [], [code]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(children.get(current, ()))
    return out


def generate(size: int = 2700, seed: int = 12) -> Snapshots:
    """Two snapshots of a generated hierarchy of about `size` units, and the truth between them.

    The same `size` and `seed` give the same snapshots. About 35% of the units of either snapshot
    are added, removed, renamed or moved.
    """
    builder = _Builder(random.Random(seed))
    rng = builder.rng
    before = _snapshot_a(size, builder)
    builder.used_names.update(unit.name for unit in before.values())
    children = _children(before)
    roots = sorted(code for code, unit in before.items() if unit.parent is None)
    vanished = max(roots, key=lambda code: (len(_subtree(code, children)), code))
    removed = set(_subtree(vanished, children)) - {vanished}

    # Small subtrees elsewhere, each wholly removed (so no structure hints at a merge or split).
    candidates = sorted(
        code
        for code, unit in before.items()
        if unit.type == OFFICE and code not in removed and len(_subtree(code, children)) <= 3
    )
    for code in rng.sample(candidates, len(before) // 30):
        removed.update(_subtree(code, children))
    had_removals = {before[code].parent for code in removed} - {None}

    after = {code: unit for code, unit in before.items() if code not in removed}
    traps: list[tuple[str, str]] = []
    generic_names = (*BARE_TITLES, *REPEATED_OFFICES[:2])
    hosts = sorted(
        code
        for code, unit in after.items()
        if unit.type == SUB_TIER and code not in had_removals and code not in removed
    )
    for index, name in enumerate(generic_names):
        # Snapshot A has this name under `old_host` (once for a bare title); B has it under
        # `new_host` instead: two different units whose one common trait is a generic name.
        old_host, new_host = hosts[2 * index], hosts[2 * index + 1]
        old = builder.code()
        before[old] = Unit(old, name, OFFICE, old_host)
        removed.add(old)
        new = builder.code()
        after[new] = Unit(new, name, OFFICE, new_host)
        traps.append((old, new))
    children = _children(before)
    reserved = {host for index in range(len(generic_names)) for host in hosts[2 * index : 2 * index + 2]}

    # Additions: fresh names under parents that lost nothing (a removed and an added unit under
    # one parent with alike names could be one unit renamed; the truth would be unclear).
    parents = sorted(
        code
        for code, unit in after.items()
        if unit.type != OFFICE and code not in had_removals and code not in reserved
    )
    added = {new for _, new in traps}
    for _ in range(len(before) // 20):
        parent = rng.choice(parents)
        code = builder.code()
        after[code] = Unit(code, builder.name(OFFICE), OFFICE, parent)
        added.add(code)
        if rng.random() < 0.3:
            child = builder.code()
            after[child] = Unit(child, builder.name(OFFICE), OFFICE, code)
            added.add(child)

    # Renames: new distinctive words, kept id (code).
    survivors = sorted(code for code in after if code not in added and after[code].name not in generic_names)
    renamed = set(rng.sample(survivors, len(before) // 16))
    for code in sorted(renamed):
        after[code] = replace(after[code], name=builder.name(after[code].type))

    # Moves: an office to another sub-tier or office, a sub-tier to another department; never
    # into its own subtree or next to a trap.
    moved: set[str] = set()
    movable = [code for code in survivors if after[code].type != DEPARTMENT and after[code].parent != vanished]
    targets = {
        SUB_TIER: sorted(c for c, u in after.items() if u.type == DEPARTMENT and c != vanished),
        OFFICE: sorted(c for c, u in after.items() if u.type == SUB_TIER and c not in added and c not in reserved),
    }
    for code in rng.sample(movable, len(before) // 30):
        new_parent = rng.choice(targets[after[code].type])
        inside = set(_subtree(code, _children(after)))
        if new_parent == after[code].parent or new_parent in inside:
            continue
        after[code] = replace(after[code], parent=new_parent)
        moved.add(code)

    truth = Truth(
        added=frozenset(added),
        removed=frozenset(removed),
        renamed=frozenset(renamed),
        moved=frozenset(moved),
        traps=tuple(traps),
        vanished=vanished,
    )
    return Snapshots(before, after, truth)


def paths(units: dict[str, Unit]) -> dict[str, str]:
    """Each unit's path: `/ROOT/` then every ancestor's and its own `NAME (CODE)`."""
    out: dict[str, str] = {}
    for code in units:
        chain = []
        current: str | None = code
        while current is not None:
            unit = units[current]
            chain.append(f"{unit.name} ({unit.code})")
            current = unit.parent
        out[code] = "/ROOT/" + "/".join(reversed(chain))
    return out


def path_table(units: dict[str, Unit], seed: int = 0) -> str:
    """The snapshot as a CSV table (`path,name,type`), rows in a shuffled order (a real export's
    order is no help: a parent's row may come after its children's)."""
    by_code = paths(units)
    codes = sorted(units)
    random.Random(seed).shuffle(codes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["path", "name", "type"])
    for code in codes:
        writer.writerow([by_code[code], units[code].name, units[code].type])
    return buffer.getvalue()


def write_snapshots(directory: str | Path, size: int = 2700, seed: int = 12) -> tuple[Path, Path, Snapshots]:
    """Write `snapshot-a.csv` and `snapshot-b.csv` into `directory`; return their paths and the
    snapshots with their truth."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    snapshots = generate(size, seed)
    first, second = root / "snapshot-a.csv", root / "snapshot-b.csv"
    first.write_text(path_table(snapshots.before, seed), encoding="utf-8")
    second.write_text(path_table(snapshots.after, seed + 1), encoding="utf-8")
    return first, second, snapshots


SNAPSHOT_ERAS: Final[tuple[tuple[str, str], tuple[str, str]]] = (("register-a", "2023-06"), ("register-b", "2024-06"))
"""The era id and date each snapshot is imported as."""


def import_args(table: Path, era: str, date: str, data: Path) -> list[str | Path]:
    """`orgchart import` of one snapshot's path table into the dataset `data`, as a user of the
    register would run it (paths, ids in the names, kinds mapped)."""
    shape = ["--path-column", "path", "--id-from", ID_FROM, "--kind-key", "type", "--kind-map", KIND_MAP]
    return ["orgchart", "import", table, "--era", era, "--date", date, "--label", era, *shape, "-o", data]


def naive_parents(table: Iterable[dict[str, str]]) -> dict[str, str | None]:
    """Parents as splitting each path on `/` finds them (wrong for names with `/`): the mistake
    the importer must not make, for tests to show that the data would catch it."""
    out: dict[str, str | None] = {}
    for row in table:
        segments = row["path"].strip("/").split("/")
        out[row["path"]] = "/" + "/".join(segments[:-1]) if len(segments) > 2 else None
    return out
