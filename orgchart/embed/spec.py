"""What one embed asks for: the options of a ```` ```orgchart ```` fence or an `.. orgchart::`
directive, read and checked in one place so both mean the same.

A fence body is `key: value` lines (blank lines and `#` comments allowed):

    era: ero-2023                 # default: the latest era
    root: Enforcement             # id, name or acronym; default: the whole era
    depth: 2                      # levels below the root (or the top)
    diff: ero-2020 ero-2023       # the change chart and the report's summary instead
    data: path/to/data            # another dataset (relative to where the build runs)
    full: true                    # the whole chart instead of the overview
    legend: false                 # no legend
    caption: false                # no title, date and sources drawn (the SVG keeps its <title>)
    link: https://example.org/units/{id}
    relations: parent,oversight
    id-prefix: ero23-
    summary: false                # with diff: the change chart alone, without the report's summary

An unknown key, a bad value or a repeated key is an `EmbedError` naming the line and the fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from orgchart.errors import OrgChartError
from orgchart.render.options import ChartOptionError, ChartOptions, parse_relations

KEYS: Final[tuple[str, ...]] = (
    "era",
    "root",
    "depth",
    "diff",
    "data",
    "full",
    "legend",
    "caption",
    "link",
    "relations",
    "id-prefix",
    "summary",
)
"""Every key an embed takes, in the order the documentation lists them."""

_TRUE: Final[frozenset[str]] = frozenset({"", "true", "yes", "on", "1"})
_FALSE: Final[frozenset[str]] = frozenset({"false", "no", "off", "0"})


class EmbedError(OrgChartError, ValueError):
    """A fence or directive that cannot be drawn; `line` is the line of the embed it concerns
    (1 for the first line of its body; 0 when unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class EmbedSpec:
    """One embed: an era chart (overview unless `full`) or, with `diff`, a change chart."""

    era: str | None = None
    root: str | None = None
    depth: int | None = None
    diff: tuple[str, str] | None = None
    data: str | None = None
    full: bool = False
    summary: bool = True
    options: ChartOptions = field(default_factory=lambda: ChartOptions(overview=True))
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    """The line of each key given, for errors found later (an era that does not exist)."""

    def line_of(self, key: str) -> int:
        """The line `key` was given on, or 0."""
        return self.lines.get(key, 0)


def _flag(key: str, value: str, line: int) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise EmbedError(f"{key}: {value!r} is not true or false", line)


def read_spec(items: Iterable[tuple[int, str, str]]) -> EmbedSpec:
    """An `EmbedSpec` from (line, key, value) items (a fence's lines or a directive's options).

    Raises:
        EmbedError: an unknown or repeated key, or a value the key cannot take.
    """
    seen: dict[str, tuple[int, str]] = {}
    for line, key, value in items:
        name = key.strip().lower().replace("_", "-")
        if name not in KEYS:
            raise EmbedError(f"unknown key {key!r}; valid keys: {', '.join(KEYS)}", line)
        if name in seen:
            raise EmbedError(f"{name} given twice (also on line {seen[name][0]})", line)
        seen[name] = (line, value.strip())

    def get(name: str) -> tuple[int, str] | None:
        return seen.get(name)

    depth = None
    if (found := get("depth")) is not None:
        line, value = found
        if not value.isdigit():
            raise EmbedError(f"depth: {value!r} is not a whole number of levels (0 or more)", line)
        depth = int(value)
    diff = None
    if (found := get("diff")) is not None:
        line, value = found
        parts = value.replace(",", " ").split()
        if len(parts) != 2:
            raise EmbedError(
                f"diff: give two era ids, the earlier first (diff: ero-2020 ero-2023), not {value!r}", line
            )
        diff = (parts[0], parts[1])
        for other in ("era", "root", "depth", "full", "link", "relations"):
            if other in seen:
                raise EmbedError(
                    f"{other} does not apply to a diff (the change chart of two whole eras)", seen[other][0]
                )

    def flag(name: str, default: bool) -> bool:
        found = get(name)
        return default if found is None else _flag(name, found[1], found[0])

    full = flag("full", False)
    summary = flag("summary", True)
    if "summary" in seen and diff is None:
        raise EmbedError("summary applies to a diff only", seen["summary"][0])
    options_given = {"relations": "relation", "link": "link", "id-prefix": "id prefix"}
    try:
        relations = parse_relations(seen["relations"][1]) if "relations" in seen else None
        options = ChartOptions(
            overview=not full,
            legend=flag("legend", True),
            caption=flag("caption", True),
            link=seen["link"][1] if "link" in seen else None,
            relations=relations,
            id_prefix=seen["id-prefix"][1] if "id-prefix" in seen else None,
        )
    except ChartOptionError as error:
        culprit = next((seen[k][0] for k, word in options_given.items() if k in seen and word in str(error)), 0)
        raise EmbedError(str(error), culprit) from None
    return EmbedSpec(
        era=seen["era"][1] if "era" in seen else None,
        root=seen["root"][1] if "root" in seen else None,
        depth=depth,
        diff=diff,
        data=seen["data"][1] if "data" in seen else None,
        full=full,
        summary=summary,
        options=options,
        lines={name: line for name, (line, _) in seen.items()},
    )


def parse_fence(body: str) -> EmbedSpec:
    """The `EmbedSpec` of a fence body (`key: value` lines).

    Raises:
        EmbedError: a line that is not `key: value`, or see `read_spec`.
    """
    items = []
    for number, raw in enumerate(body.splitlines(), start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key, colon, value = text.partition(":")
        if not colon or not key.strip():
            raise EmbedError(f"{text!r} is not 'key: value' (keys: {', '.join(KEYS)})", number)
        items.append((number, key, _without_comment(value)))
    return read_spec(items)


def _without_comment(value: str) -> str:
    """A value without a trailing ` # comment` (a `#` inside a URL stays)."""
    head, mark, _ = value.partition(" #")
    return head if mark else value
