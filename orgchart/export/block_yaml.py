"""Block YAML exactly as `yaml.dump(..., Dumper=CSafeDumper, sort_keys=False, allow_unicode=True,
width=100)` writes it, written as text where that is provably the same, by PyYAML elsewhere.

Why: an imported era of 100,000 rows is 1.2 million scalars, and PyYAML's representer (pure
Python even under `CSafeDumper`, which only makes the emitter C) took 14.8 of the 37 s an import
of a 100,000-row table spent under cProfile (16.6 s unprofiled), the serializer's 2.6 million
resolver calls another 2.1 s. Almost every scalar of an import (ids, kinds, names of a few words) is one that the
dumper writes plain, as it is, so they are written here directly.

Exactness is kept per record: a list item (a node, an edge, a claim) is written here only when
every value in it is a string that `plain` proves the dumper would write plain and unwrapped, a
bool, an int, or a non-empty list or mapping of such; any other item (a name with `: `, a quote,
a leading `-`, `yes`, `2024-01-01`, a long text that would wrap at width 100, a line break) is
handed to PyYAML as a one-item list, which at the top level is written with the same indentation
as the same item of a top-level mapping's list (tests compare both writers byte for byte).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

import yaml

# libyaml's emitter when PyYAML has it: the same text as the pure-Python one (checked on the
# bundled eras), and what made a 10,000-row import take 26 of its 32 s under the profiler.
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
WIDTH: Final = 100
"""The line width both writers are given (`width=100`)."""

# A plain scalar may not start with an indicator character or white space (libyaml's
# `yaml_emitter_analyze_scalar`); `-`, `?` and `:` may in some contexts, but not provably
# here, so they go to PyYAML too.
_BAD_FIRST: Final = frozenset("-?:,[]{}#&*!|>'\"%@` .")
# The dumper's own implicit resolvers (YAML 1.1: bools, null, ints, floats, timestamps, ...) as
# its `resolve` tries them: those of the text's first character, then those of any (None).
_ANY_FIRST: Final = tuple(regexp for _, regexp in _DUMPER.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS: Final = {
    first: tuple(regexp for _, regexp in pairs) + _ANY_FIRST
    for first, pairs in _DUMPER.yaml_implicit_resolvers.items()
    if first is not None
}


class _NotPlain(Exception):
    """A value that this writer cannot prove it writes as the dumper would."""


def plain(text: str, column: int) -> bool:
    """Whether the dumper writes `text`, starting at `column`, as a plain scalar, as it is, on one line.

    Conservative: False may be wrong (PyYAML then writes it), True never is. True needs every
    character printable by Python's definition (which excludes every character libyaml escapes
    or breaks a line at, tabs, U+0085, U+2028, U+FEFF, no-break spaces among them) and within
    the Basic Multilingual Plane (libyaml escapes the rest, emoji among them), no indicator
    where libyaml forbids one in block context (first character, `: `, ` #`, a final `:` or
    space), a text the resolver reads as a string (not `yes`, `null`, `12`, `2024-01-01`), and
    the whole text within the width, so that no space in it is at a column where the emitter
    breaks the line.
    """
    if not text or column + len(text) > WIDTH or text[0] in _BAD_FIRST or not text.isprintable():
        return False
    if text[-1] in " :" or ": " in text or " #" in text:
        return False
    if not text.isascii() and max(text) > "\uffff":
        return False  # libyaml escapes characters beyond the Basic Multilingual Plane
    resolvers = _RESOLVERS.get(text[0], _ANY_FIRST)
    return not resolvers or not any(regexp.match(text) for regexp in resolvers)


def dump(document: Mapping[str, Any]) -> str:
    """`document` (a mapping of str keys) as the dumper writes it: each top-level value that is a
    non-empty list written item by item, each item here when it can be, else by PyYAML.

    No list or mapping may appear twice in `document` (the dumper would write an anchor and an
    alias for it; an era document is built fresh, so it never does).
    """
    if not document:
        return pyyaml_dump({})  # `{}`, in flow style
    out: list[str] = []
    for key, value in document.items():
        if type(value) is list and value and _key(key):
            out.append(f"{key}:\n")
            out.extend(_item(item) for item in value)
        else:
            out.append(pyyaml_dump({key: value}))
    return "".join(out)


def pyyaml_dump(value: Any) -> str:
    """`value` as PyYAML's safe dumper writes it with the options both writers use (the C
    dumper where there is one, keys in the given order, Unicode as written, `WIDTH`)."""
    return yaml.dump(value, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=WIDTH)


def _item(item: Any) -> str:
    """One item of a top-level list (`- ...` at column 0)."""
    lines: list[str] = []
    try:
        _write_item(item, 0, lines)
    except _NotPlain:
        return pyyaml_dump([item])
    return "".join(lines)


@functools.lru_cache(maxsize=256)
def _key(key: Any) -> bool:
    """Whether `key` is written as it is, a simple key (remembered: an era repeats a few keys)."""
    return type(key) is str and key.isidentifier() and key.isascii() and plain(key, 0)


def _scalar(value: Any, column: int) -> str:
    # Exact types, as the safe representer looks them up (a subclass of str is refused there).
    if type(value) is str and plain(value, column):
        return value
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    raise _NotPlain


def _write_item(item: Any, indent: int, lines: list[str]) -> None:
    """`- item` at `indent`, as libyaml writes a block sequence's entry."""
    prefix = " " * indent + "- "
    if type(item) is dict:
        _write_mapping(item, indent + 2, lines, prefix)
    elif isinstance(item, (list, tuple, Mapping)):
        raise _NotPlain  # a list in a list: never in an era, not worth proving
    else:
        lines.append(f"{prefix}{_scalar(item, indent + 2)}\n")


def _write_mapping(mapping: dict[Any, Any], indent: int, lines: list[str], first: str | None = None) -> None:
    """A block mapping at `indent`; `first` replaces the indentation of its first key (`- `)."""
    if not mapping:
        raise _NotPlain  # written `{}` in flow style
    for n, (key, value) in enumerate(mapping.items()):
        if not _key(key):
            raise _NotPlain
        lead = first if n == 0 and first is not None else " " * indent
        if type(value) is dict:
            lines.append(f"{lead}{key}:\n")
            _write_mapping(value, indent + 2, lines)
        elif type(value) is list:
            if not value:
                raise _NotPlain  # written `[]` in flow style
            lines.append(f"{lead}{key}:\n")
            for entry in value:
                _write_item(entry, indent, lines)  # libyaml's indentless sequence in a mapping
        else:
            lines.append(f"{lead}{key}: {_scalar(value, indent + len(key) + 2)}\n")
