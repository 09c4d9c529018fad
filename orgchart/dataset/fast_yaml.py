"""The fast path for YAML: yaml-rs, a Rust parser, where it reads a text exactly as
`orgchart.dataset.safe_yaml` does; otherwise nothing, and the caller uses `safe_yaml`.

`safe_yaml` builds values from libyaml's events in Python, with every position kept for error
messages: about 1 MB/s, 40 s for a 100,000-entity era file. yaml-rs reads the same file in
about a second without positions, and positions are needed only to report a problem: the
loader reads a file again with `safe_yaml` when its values fail the schema or a later check
(see `Located`). yaml-rs (YAML 1.2) and `safe_yaml` (the forms YAML 1.1 and 1.2 read alike)
differ on a few things, so the fast path is taken only when the text uses none of them:

- anchors, aliases and tags (`safe_yaml` refuses anchors and aliases and checks tags; yaml-rs
  would ignore a tag), and directives (`%YAML`);
- characters YAML does not allow (`safe_yaml` names them);
- plain scalars that look like numbers but are not plain decimals (`017`, `0x1F`, `1_000`,
  `1e5`, `-.5`): yaml-rs reads numbers there, `safe_yaml` text. Each candidate is compared
  through both readers; any disagreement sends the file to `safe_yaml`;
- nesting deep enough to matter (yaml-rs recurses, and deep block nesting would overflow
  its stack; `safe_yaml` bounds the depth with an explicit stack): very long lines and very
  deep indentation.

Duplicate keys and aliases are errors in both (the fast path then gives way, and `safe_yaml`
reports them with their lines); dates stay text in both, for pydantic to parse.
"""

from __future__ import annotations

import re
from typing import Any, Final

from orgchart.dataset.safe_yaml import NOT_PRINTABLE, plain_scalar

_DEEP_INDENT: Final = re.compile(r"\n[ \t]{512}")
_LONG_LINE: Final = re.compile(r"\n[^\n]{16384}")
"""Lines this long, or indented this deep, go to `safe_yaml`: nesting deep enough to overflow
yaml-rs's stack needs one or the other (it refuses deep flow nesting by itself); an era file
needs five levels."""

_SCALAR: Final = r"([-+.0-9][^\s,\[\]{}#]*+)"
_AFTER: Final = r"(?=[ \t]*(?:#[^\n]*)?$|\s*[,\]}])"  # the end of the line, or (flow) the next indicator
_NUMBER_LIKE: Final = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        r": ++" + _SCALAR + _AFTER,  # key: 017, {key: 017}
        r"- ++" + _SCALAR + _AFTER,  # - 017
        r":[ \t]*+(?:#[^\n]*)?\n\s++" + _SCALAR + _AFTER,  # key:\n  017
        r"-[ \t]*+(?:#[^\n]*)?\n\s++" + _SCALAR + _AFTER,  # -\n  017
        r"\[\s*+" + _SCALAR + _AFTER,  # [017, ...
        r",\s*+" + _SCALAR + _AFTER,  # ..., 017] (also where a flow collection wraps onto the next line)
    )
)
"""Plain scalars starting like a number, where a value can stand (a key like `{017: x}` is no
field of any model, so the schema sends its file to `safe_yaml`). Each pattern starts with a
literal, which keeps the search fast; inside quoted text they find harmless false candidates,
compared all the same. The quantifiers are possessive (`*+`, `++`): what each one takes is
white space or scalar text that what follows it cannot start with, so giving any back never
makes a match, and not trying keeps every `key:` line followed by `- item` (200,000 of them
in a 100,000-entity era file) from being retried once per space of indentation."""

_AGREED: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?")
"""Plain decimals, which both readers read as the same number."""


def parse_fast(text: str, encoded: bytes | None = None) -> tuple[bool, Any]:
    """(True, value) when yaml-rs reads `text` exactly as `safe_yaml` would; (False, None)
    when the text needs `safe_yaml` (something above, or a problem to locate).

    `encoded`, when given, is `text` as UTF-8 (the file's bytes it was decoded from). yaml-rs
    reads UTF-8 bytes faster than a `str` (1.3 s instead of 1.6 s for a 100,000-entity era
    file, whose letters outside Latin-1 make Python keep it two bytes per character), so the
    text is given to it as bytes, encoded here when not given.
    """
    if not _fast_enough(text):
        return False, None
    import yaml_rs

    candidates = {match.group(1) for pattern in _NUMBER_LIKE for match in pattern.finditer(text)}
    for candidate in candidates:
        if not _AGREED.fullmatch(candidate) and not _same_scalar(candidate, yaml_rs):
            return False, None
    try:
        value = yaml_rs.load(
            text.encode("utf-8") if encoded is None else encoded,
            encoding="utf-8",
            parse_datetime=False,
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=0),
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
        )
    except (yaml_rs.YAMLDecodeError, ValueError, OverflowError, RecursionError):
        return False, None
    if value is not None and not isinstance(value, dict):
        return False, None  # a list of documents, or a top-level list: `safe_yaml` says what is wrong
    return True, value


def _fast_enough(text: str) -> bool:
    """Whether `text` avoids what only `safe_yaml` reads right (see the module's docstring)."""
    if text.startswith("%") or "\n%" in text:  # a directive
        return False
    first_line = text.find("\n") % (len(text) + 1)  # its length (the whole text's when it has one line)
    if NOT_PRINTABLE.search(text) or _DEEP_INDENT.search(text) or first_line >= 16384 or _LONG_LINE.search(text):
        return False
    for indicator in "&!":  # an anchor (&a) or a tag (!t) starting a node; yaml-rs refuses aliases
        at = text.find(indicator)
        while at >= 0:
            if (at == 0 or text[at - 1] in " \t\r\n[{,") and text[at + 1 : at + 2].strip():
                return False
            at = text.find(indicator, at + 1)
    return True


def _same_scalar(text: str, yaml_rs: Any) -> bool:
    """Whether yaml-rs reads the plain scalar `text` as `safe_yaml` does (value and type)."""
    try:
        theirs = yaml_rs.loads("v: " + text, parse_datetime=False)
    except (yaml_rs.YAMLDecodeError, ValueError, OverflowError):
        return False
    if not isinstance(theirs, dict) or "v" not in theirs:
        return False
    ours = plain_scalar(text)
    value = theirs["v"]
    return type(value) is type(ours) and (value == ours or (value != value and ours != ours))
