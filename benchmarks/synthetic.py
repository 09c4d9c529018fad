"""A generated organization of any size, in two eras, written as a dataset a user could bring.

The shape follows issue 17's benchmark: a tree of depth up to 8 with fan-out 2-30, names of 2-6
words (distinctive words, then a word saying what kind of body it is; many names repeat, as
"Logistics Section" does in a real register), oversight edges for 5% of the entities, every
node and edge cited by a verbatim quote of a generated source document (sentences wrap across
lines, so quote matching must fold white space). The second era is the first with about 2% of
the entities changed, one change kind in four each: leaves added, leaves removed, renamed (one
distinctive word replaced), moved (to another parent at the same depth, never into its own
subtree). What was changed is recorded in `Truth`, so a benchmark can check that `diff` finds
every change and claims no rename or move that did not happen.

Deterministic: the same size and seed give byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Final

MAX_DEPTH: Final = 8
FAN_OUT: Final = (2, 30)
OVERSIGHT_SHARE: Final = 0.05
CHANGE_SHARE: Final = 0.02

KIND_BY_DEPTH: Final = ("agency", "directorate", "division", "sub-division", "office", "unit", "team", "team", "team")
KIND_WORD: Final = {
    "agency": "Agency",
    "directorate": "Directorate",
    "division": "Division",
    "sub-division": "Branch",
    "office": "Office",
    "unit": "Unit",
    "team": "Team",
}

_PLAIN_WORDS: Final = """
    Northern Southern Eastern Western Central Regional National Coastal Border Inland
    Metropolitan Rural Urban Pacific Atlantic Gulf Mountain Plains Valley Harbor Logistics
    Procurement Finance Budget Payroll Personnel Training Recruitment Safety Security
    Intelligence Analysis Research Statistics Records Archives Compliance Audit Inspection
    Oversight Policy Planning Strategy Operations Support Services Maintenance Facilities Fleet
    Aviation Marine Transport Supply Detention Removal Custody Enforcement Investigations
    Forensics Laboratory Medical Health Legal Counsel Litigation Appeals Claims Benefits
    Pensions Housing Education Outreach Media Communications Liaison Partnerships Grants
    Contracts Acquisitions Property Assets Information Technology Systems Networks Data Cyber
    Infrastructure Engineering Construction Environmental Energy Water Agriculture Fisheries
    Forestry Wildlife Parks Tourism Trade Customs Revenue Tax Treasury Accounting Reporting
    Quality Standards Certification Licensing Permits Registry Identity Passports Visas Asylum
    Refugees Integration Citizenship Naming Ceremonial Protocol Emergency Response Recovery
    Preparedness Resilience Continuity Fire Rescue Ambulance Patrol Surveillance Monitoring
    Evaluation Innovation Digital Transformation Modernization Reform Veterans Youth Elderly
    Disability Family Children Women Indigenous Minority Language Culture Heritage Museums
    Libraries Sports Science Space Nuclear Chemical Biological Radiological Weather Climate
    Ocean Geology Survey Mapping Census Elections Ethics Integrity Whistleblower Ombudsman
    Mediation Arbitration Tribunal Prosecution Defense Corrections Probation Parole Victims
    Witnesses Fugitive Apprehension Targeting Screening Vetting Adjudication Review Executive
    Administrative General Special Joint Integrated Strategic Tactical Field
"""

WORDS: Final = (*_PLAIN_WORDS.split(), "R&D", "Überwachung", "Ōkubo", "Kraków", "Québec")
"""The distinctive words of generated names (a few with `&` and letters outside ASCII)."""


@dataclass(frozen=True)
class Unit:
    """One entity of a generated era: its parent is None for the root only."""

    id: str
    name: str
    kind: str
    depth: int
    parent: str | None
    acronym: str | None = None


@dataclass(frozen=True)
class Truth:
    """What changed from the first era to the second, as the generator made it."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[tuple[str, str, str], ...]
    """(id, name before, name after)."""
    moved: tuple[tuple[str, str, str], ...]
    """(id, parent before, parent after)."""

    def as_dict(self) -> dict[str, list[object]]:
        """The truth as JSON-ready lists."""
        return {key: [list(v) if isinstance(v, tuple) else v for v in values] for key, values in asdict(self).items()}


@dataclass(frozen=True)
class Generated:
    """A generated dataset on disk: its root, its two era ids and what changed between them."""

    root: Path
    before: str
    after: str
    size: int
    truth: Truth


def _name(rng: random.Random, kind: str) -> str:
    """1-5 distinctive words and the kind's word: 2-6 words in all."""
    count = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))
    return " ".join([*rng.sample(WORDS, count), KIND_WORD[kind]])


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isalpha()).upper()


def organization(size: int, rng: random.Random) -> list[Unit]:
    """`size` units in one tree: parents drawn at random from those still able to take children,
    each taking 2-30 children, none deeper than MAX_DEPTH."""
    root = Unit("u0", "Generated " + _name(rng, "agency"), "agency", 0, None)
    units = [replace(root, acronym=_acronym(root.name))]
    open_parents = [root]
    while len(units) < size:
        parent = open_parents.pop(rng.randrange(len(open_parents)))
        for _ in range(min(rng.randint(*FAN_OUT), size - len(units))):
            depth = parent.depth + 1
            kind = KIND_BY_DEPTH[depth]
            name = _name(rng, kind)
            unit = Unit(f"u{len(units)}", name, kind, depth, parent.id, _acronym(name) if depth <= 2 else None)
            units.append(unit)
            if depth < MAX_DEPTH:
                open_parents.append(unit)
    return units


def oversight(units: list[Unit], rng: random.Random) -> list[tuple[str, str]]:
    """OVERSIGHT_SHARE of len(units) oversight pairs (superior, subordinate), none a parent edge."""
    pairs: set[tuple[str, str]] = set()
    want = int(len(units) * OVERSIGHT_SHARE)
    while len(pairs) < want and len(units) > 2:
        a, b = rng.sample(units, 2)
        if b.parent != a.id and a.parent != b.id:
            pairs.add((a.id, b.id))
    return sorted(pairs, key=lambda pair: (int(pair[0][1:]), int(pair[1][1:])))


def evolve(units: list[Unit], rng: random.Random) -> tuple[list[Unit], Truth]:
    """The second era: about CHANGE_SHARE of the units added, removed, renamed or moved."""
    each = max(1, round(len(units) * CHANGE_SHARE / 4))
    by_id = {u.id: u for u in units}
    has_children = {u.parent for u in units if u.parent}
    leaves = [u for u in units if u.id not in has_children and u.parent]
    removed = {u.id for u in rng.sample(leaves, min(each, len(leaves)))}
    untouched = [u for u in units if u.parent and u.id not in removed]
    picked = rng.sample(untouched, min(2 * each, len(untouched)))
    renamed_ids, moved_ids = picked[:each], picked[each:]
    changed: dict[str, Unit] = {}
    renamed = []
    for unit in renamed_ids:
        words = unit.name.split(" ")
        position = rng.randrange(len(words) - 1)
        replacement = rng.choice([w for w in WORDS if w not in words])
        name = " ".join([*words[:position], replacement, *words[position + 1 :]])
        changed[unit.id] = replace(unit, name=name, acronym=_acronym(name) if unit.acronym else None)
        renamed.append((unit.id, unit.name, name))
    by_depth: dict[int, list[Unit]] = {}
    for unit in units:
        if unit.id not in removed:
            by_depth.setdefault(unit.depth, []).append(unit)
    moved = []
    for unit in moved_ids:
        assert unit.parent is not None
        candidates = [p for p in by_depth[unit.depth - 1] if p.id != unit.parent]
        for _ in range(20):
            if not candidates:
                break
            target = rng.choice(candidates)
            if not _within(by_id, target.id, unit.id):
                changed[unit.id] = replace(changed.get(unit.id, unit), parent=target.id)
                moved.append((unit.id, unit.parent, target.id))
                break
    after = [changed.get(u.id, u) for u in units if u.id not in removed]
    open_parents = [u for u in after if u.depth < MAX_DEPTH]
    added = []
    for number in range(len(units), len(units) + each):
        parent = rng.choice(open_parents)
        kind = KIND_BY_DEPTH[parent.depth + 1]
        unit = Unit(f"u{number}", _name(rng, kind), kind, parent.depth + 1, parent.id)
        after.append(unit)
        added.append(unit.id)
    truth = Truth(
        tuple(sorted(added)), tuple(sorted(removed)), tuple(sorted(renamed)), tuple(sorted(moved, key=lambda m: m[0]))
    )
    return after, truth


def _within(by_id: dict[str, Unit], node: str, ancestor: str) -> bool:
    """Whether `node` is `ancestor` or below it (an iterative walk: depth is bounded anyway)."""
    current: str | None = node
    while current is not None:
        if current == ancestor:
            return True
        current = by_id[current].parent
    return False


def _sentences(units: list[Unit], names: dict[str, str], pairs: Iterable[tuple[str, str]]) -> tuple[str, dict, dict]:
    """The source document, and the quote behind each node and each edge.

    Every seventh sentence breaks its line inside the node's quote and every twelfth sentence
    ends a paragraph, so a quote matches only once white space is folded."""
    lines: list[str] = []
    node_quotes: dict[str, str] = {}
    edge_quotes: dict[tuple[str, str, str], str] = {}
    for number, unit in enumerate(units):
        subject = f"The {unit.name}" + (f" ({unit.acronym})" if unit.acronym else "")
        if unit.parent is None:
            sentence = f"{subject} is the organization this register describes."
            node_quotes[unit.id] = sentence
        else:
            sentence = f"{subject} is part of the {names[unit.parent]}."
            node_quotes[unit.id] = f"{subject} is part"
            edge_quotes[("parent", unit.parent, unit.id)] = sentence
        if number % 7 == 3:
            sentence = sentence.replace(" is part", "\nis part", 1)
        lines.append(sentence + ("\n\n" if number % 12 == 11 else " "))
    for superior, subordinate in pairs:
        sentence = f"The {names[superior]} oversees the {names[subordinate]}."
        edge_quotes[("oversight", superior, subordinate)] = sentence
        lines.append(sentence + "\n")
    return "".join(lines), node_quotes, edge_quotes


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def era_yaml(era_id: str, label: str, units: list[Unit], pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """The era file (block style, as a curator writes one) and its source document."""
    names = {u.id: u.name for u in units}
    text, node_quotes, edge_quotes = _sentences(units, names, pairs)
    out = [f"id: {era_id}", f"label: {_q(label)}", f"sources: [{era_id}]", "nodes:"]
    for unit in units:
        out += [f"  - id: {unit.id}", f"    name: {_q(unit.name)}", f"    kind: {unit.kind}"]
        if unit.acronym:
            out.append(f"    acronym: {_q(unit.acronym)}")
        out += ["    citations:", f"      - source: {era_id}", f"        quote: {_q(node_quotes[unit.id])}"]
    out.append("edges:")
    edges = [("parent", u.parent, u.id) for u in units if u.parent] + [("oversight", a, b) for a, b in pairs]
    for kind, superior, subordinate in edges:
        out += [
            f"  - kind: {kind}",
            f"    superior: {superior}",
            f"    subordinate: {subordinate}",
            "    citations:",
            f"      - source: {era_id}",
            f"        quote: {_q(edge_quotes[(kind, superior, subordinate)])}",
        ]
    return "\n".join(out) + "\n", text


def write_dataset(root: Path, size: int, seed: int = 17) -> Generated:
    """Write a two-era dataset of `size` entities per era (about) under `root`, with its truth
    in `root/truth.json`."""
    rng = random.Random(f"{seed}:{size}")
    before = organization(size, rng)
    pairs = oversight(before, rng)
    after, truth = evolve(before, rng)
    kept = {u.id for u in after}
    pairs_after = [(a, b) for a, b in pairs if a in kept and b in kept]
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "eras").mkdir(exist_ok=True)
    source_lines = ["sources:"]
    for era_id, year, units, era_pairs in (("gen-a", 2020, before, pairs), ("gen-b", 2024, after, pairs_after)):
        era_text, source_text = era_yaml(era_id, f"Generated organization, {year}", units, era_pairs)
        (root / "eras" / f"{era_id}.yaml").write_text(era_text, encoding="utf-8")
        data = source_text.encode("utf-8")
        (root / "sources" / f"{era_id}.txt").write_bytes(data)
        source_lines += [
            f"  - id: {era_id}",
            f"    file: sources/{era_id}.txt",
            f"    title: Generated register of units, {year}",
            "    publisher: orgchart benchmarks",
            "    date:",
            f"      start: {year}-01-01",
            f"      end: {year}-01-01",
            "      precision: day",
            "      reason: generated",
            f"    sha256: {hashlib.sha256(data).hexdigest()}",
        ]
    (root / "sources.yaml").write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    (root / "truth.json").write_text(json.dumps(truth.as_dict(), indent=1) + "\n", encoding="utf-8")
    return Generated(root, "gen-a", "gen-b", size, truth)


FALSE_IF_UNTRUE: Final = ("renamed", "moved", "merged", "split", "kind_changed")
"""Change kinds the generator never makes except as recorded: any other one is a false claim."""


def report_problems(report: dict[str, object], truth: Truth) -> list[str]:
    """What a JSON change report (`orgchart diff --format json`) gets wrong against `truth`:
    injected changes it misses, and renames, moves, merges, splits or kind changes it claims
    that were not made."""
    found: dict[str, set[str]] = {}
    changes = report.get("changes")
    assert isinstance(changes, list)
    for change in changes:
        found.setdefault(change["kind"], set()).add(change["id"])
    expected = {
        "added": set(truth.added),
        "removed": set(truth.removed),
        "renamed": {unit_id for unit_id, _, _ in truth.renamed},
        "moved": {unit_id for unit_id, _, _ in truth.moved},
    }
    problems = []
    for kind, ids in expected.items():
        missed = sorted(ids - found.get(kind, set()))
        if missed:
            problems.append(f"{len(missed)} {kind} change(s) not found, e.g. {missed[:5]}")
    for kind in FALSE_IF_UNTRUE:
        false = sorted(found.get(kind, set()) - expected.get(kind, set()))
        if false:
            problems.append(f"{len(false)} false {kind} change(s), e.g. {false[:5]}")
    return problems
