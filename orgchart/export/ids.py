"""Short, stable ids for imported entities, and one note that sums up how they were made.

Another tool's ids are kept when they are valid ids of reasonable length, and made valid
(`HR Dept` -> `hr-dept`) when that keeps them short and they hold no code. Otherwise (a table
without ids, a GraphML file whose ids are 190-character paths) an id is made from what the
record has, in this order:

1. the `--id-from` pattern's match in the path's last segment (or the given id), when given;
2. a code: the `(CODE)` that ends the record's last segment (`Agency Y (100012075)` ->
   `100012075`), when no other record has it;
3. a slug of the name capped at `SLUG_LENGTH` characters, with a hash of the whole given id or
   path as suffix (`office-of-the-director-3fa2c1`), so repeated names stay apart and the same
   input always gives the same id.

Short ids matter: they are what a user types (`orgchart query path 100012075`) and what every
chart, export and report carries.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from orgchart.dataset.model import ID_PATTERN
from orgchart.errors import DataError, Problem
from orgchart.export.records import normalize_id

MAX_ID_LENGTH: Final[int] = 48
"""Ids longer than this (after being made valid) are replaced by a code or a slug and hash."""

SLUG_LENGTH: Final[int] = 40
"""The most characters of a name a generated id keeps before its hash suffix."""

TRAILING_CODE: Final = re.compile(r"\(\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*\)\s*$")
"""A code in parentheses at the end of a segment; it must hold a digit to count as a code."""


@dataclass(frozen=True)
class IdSource:
    """What a record offers for its id: the given id (None for a table without ids), its key
    (the given id, or its path: unique in the file), the last segment of its path (or the given
    id), its name, and where it is (file:line) for errors."""

    given: str | None
    key: str
    segment: str
    name: str | None
    where: str


def _hash(text: str, length: int) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()[:length]


def _slug(text: str) -> str:
    slug = normalize_id(text)
    return slug[:SLUG_LENGTH].rstrip("-._") or "id"


def _code(segment: str) -> str | None:
    found = TRAILING_CODE.search(segment)
    if found is None or not any(ch.isdigit() for ch in found.group(1)):
        return None
    return normalize_id(found.group(1).lower())


def ids_from_pattern(records: Sequence[IdSource], pattern: str) -> dict[str, str]:
    """key -> the id `pattern` finds in each record's segment.

    Raises:
        DataError: a segment the pattern does not match (the first few named), or two records
            with one id.
    """
    compiled = re.compile(pattern)
    made: dict[str, str] = {}
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for record in records:
        found = compiled.search(record.segment)
        if found is None:
            if len(problems) < 5:
                problems.append(
                    Problem(
                        record.where,
                        0,
                        0,
                        f"--id-from {pattern!r} does not match {record.segment!r}",
                        "fix the pattern (its first group, or its whole match, is the id) or the row",
                    )
                )
            continue
        raw = found.group(1) if compiled.groups else found.group(0)
        new = normalize_id(raw.lower())
        if new in owner:
            problems.append(
                Problem(
                    record.where,
                    0,
                    0,
                    f"--id-from gives id {new!r} to {owner[new]!r} and {record.key!r}",
                    "use a pattern that tells them apart",
                )
            )
        owner[new] = record.key
        made[record.key] = new
    if problems:
        raise DataError(problems)
    return made


def short_ids(records: Sequence[IdSource], pattern: str | None = None) -> tuple[dict[str, str], list[str]]:
    """key -> id for every record (see the module docstring), and the notes that sum up how
    ids were made (one line per way, counted, with examples)."""
    if pattern is not None:
        made = ids_from_pattern(records, pattern)
        first = records[0] if records else None
        example = f" ({first.segment!r} -> {made[first.key]!r})" if first else ""
        return made, [f"ids of {len(made):,} node(s) from --id-from '{pattern}'{example}"]
    made = {}
    made_valid: list[tuple[str, str]] = []
    pending: list[IdSource] = []
    for record in records:
        if record.given is not None:
            valid = record.given if re.fullmatch(ID_PATTERN, record.given) else normalize_id(record.given)
            # an id that must change anyway takes its code when it has one (a path's last part)
            if len(valid) <= MAX_ID_LENGTH and (valid == record.given or _code(record.segment) is None):
                made[record.key] = valid
                if valid != record.given:
                    made_valid.append((record.given, valid))
                continue
        pending.append(record)
    notes = []
    if made_valid:
        examples = ", ".join(f"{a!r} -> {b!r}" for a, b in made_valid[:3])
        notes.append(f"{len(made_valid):,} id(s) made valid ({examples}{' ...' if len(made_valid) > 3 else ''})")
    if not pending:
        return made, notes
    codes = [_code(record.segment) for record in pending]
    taken = set(made.values())
    counted: dict[str, int] = {}
    for code in codes:
        if code:
            counted[code] = counted.get(code, 0) + 1
    rest: list[IdSource] = []
    coded: list[tuple[IdSource, str]] = []
    for record, code in zip(pending, codes, strict=True):
        if code and counted[code] == 1 and code not in taken:
            coded.append((record, code))
        else:
            rest.append(record)
    for record, code in coded:
        made[record.key] = code
    if coded:
        example = f"{clip(coded[0][0].segment)!r} -> {coded[0][1]!r}"
        notes.append(f"ids of {len(coded):,} node(s) from the code that ends their name or path ({example})")
    if not rest:
        return made, notes
    taken = set(made.values())
    slugs: dict[str, str] = {}
    for length in (6, 10, 16):
        slugs = {r.key: f"{_slug(r.name or r.segment)}-{_hash(r.key, length)}" for r in rest}
        if len(set(slugs.values())) == len(slugs) and not taken & set(slugs.values()):
            break
    made.update(slugs)
    why = "without an id" if all(r.given is None for r in rest) else "with a long or missing id"
    example = f"{clip(rest[0].key)!r} -> {slugs[rest[0].key]!r}"
    notes.append(
        f"ids of {len(rest):,} node(s) {why} made from the name (at most {SLUG_LENGTH} characters) "
        f"and a hash of the full id or path ({example})"
    )
    return made, notes


def clip(text: str, length: int = 60) -> str:
    """`text` cut to `length` characters with an ellipsis, for examples in notes."""
    return text if len(text) <= length else text[: length - 1] + "…"


def name_from_segment(segment: str, pattern: str | None, made: str) -> str:
    """A name from a path segment when the file gives none: the segment without the text the
    id came from (`Agency Y (100012075)` -> `Agency Y` when the id is `100012075`)."""
    if pattern is not None:
        found = re.search(pattern, segment)
        if found is not None:
            return (segment[: found.start()] + segment[found.end() :]).strip() or segment
    found = TRAILING_CODE.search(segment)
    if found is not None and normalize_id(found.group(1).lower()) == made:
        return segment[: found.start()].strip() or segment
    return segment.strip()
