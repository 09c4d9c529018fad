"""YAML text -> plain values and the line and column of each, refusing what a dataset never needs.

libyaml's parser (PyYAML's C binding, or PyYAML's own parser where it was built without it)
turns the text into events; `parse_yaml` builds dicts, lists and scalars from them with an
explicit stack, so nesting costs no Python recursion, and records where every value starts.
It refuses, at the event where each appears:

- anchors and aliases anywhere, mapping keys included (a few lines of aliases expand into
  gigabytes); keys that are not plain scalars; a second document in one file;
- nesting deeper than `MAX_DEPTH` levels (an era file needs five);
- tags other than the core scalar ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
  `!!timestamp`), and a tagged scalar whose text is not of its type (`!!int abc`);
- characters YAML does not allow (NUL, other control characters), named with their line;
- duplicate keys (collected, so one run lists them all).

Plain scalars are resolved as YAML 1.2's core schema does: null, true/false, decimal, octal
and hexadecimal integers, floats. Everything else stays text, dates included: pydantic parses a
date from text where a field is a date, so `start: 2023-02-30` is a located schema error, not a
traceback, and YAML 1.1's surprises (`acronym: NO` read as false, `1:20` as 80) cannot happen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Final

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from orgchart.dataset.text import describe_character
from orgchart.errors import DataError, Problem

Loc = tuple[str | int, ...]
Positions = dict[Loc, tuple[int, int]]

MAX_DEPTH: Final = 32
"""The deepest nesting of mappings and sequences accepted in a YAML file."""

# libyaml's parser when PyYAML was built with it (about 20 times faster), else the pure one.
_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What YAML 1.1 allows in a stream (PyYAML's Reader.NON_PRINTABLE, negated).
_NOT_PRINTABLE: Final = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_CORE: Final = "tag:yaml.org,2002:"
_NULL: Final = re.compile(r"~|null|Null|NULL|")
_BOOL: Final = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT: Final = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT: Final = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT: Final = re.compile(r"([-+]?)\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_DECIMAL: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,3000})")
_DECIMAL_FLOAT: Final = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")
# PyYAML's YAML 1.1 resolver, used only to ask which type a plain scalar has.
_RESOLVER: Final = yaml.resolver.Resolver()
# Plain scalars that PyYAML's resolver may read as something other than text start with one of these.
_MAYBE_TYPED: Final = frozenset("0123456789-+.~nNtTfFyYoO<=")


class _Fatal(Exception):
    """A problem after which the rest of the file cannot be read meaningfully."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Frame:
    """An open mapping or sequence: where its values go and the key awaiting its value."""

    __slots__ = ("container", "discard", "key", "key_discard", "loc")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc, discard: bool) -> None:
        self.container = container
        self.loc = loc
        self.discard = discard
        self.key: str | None = None
        self.key_discard = False


def parse_yaml(text: str, shown: str, *, max_depth: int = MAX_DEPTH) -> tuple[Any, Positions]:
    """The value of the one YAML document in `text` and the 1-based (line, column) of each part.

    `shown` is the file name used in problems. An empty document gives None.

    Raises:
        DataError: the text is not valid YAML, or uses anything this module refuses; every
            problem is located.
    """
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise DataError(
            [Problem(shown, line, column, f"{describe_character(bad.group())} is not allowed in YAML", _BINARY_FIX)]
        )
    parser = _Parser(text)
    positions: Positions = {}
    problems: list[Problem] = []
    try:
        value = _build(parser.get_event, shown, positions, problems, max_depth)
    except _Fatal as fatal:
        raise DataError([fatal.problem]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise DataError([Problem(shown, line, column, f"invalid YAML: {what}", _syntax_fix(what))]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(shown, 0, 0, f"invalid YAML: {error}", "fix the YAML syntax")]) from None
    finally:
        parser.dispose()
    if problems:
        raise DataError(problems)
    return value, positions


_BINARY_FIX: Final = "remove the character; if the file is binary or damaged, restore the text file"


def _syntax_fix(what: str) -> str:
    if "nesting depth" in what:
        return "flatten the structure: an era file needs five levels"
    if "mapping values" in what or "found character" in what:
        return 'put text containing ":" or "#" in double quotes'
    return "fix the YAML syntax at this position"


def _build(
    next_event: Callable[[], Event], shown: str, positions: Positions, problems: list[Problem], max_depth: int
) -> Any:
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    while True:
        event = next_event()
        if isinstance(event, NodeEvent):
            if isinstance(event, AliasEvent) or event.anchor is not None:
                raise _Fatal(_located(shown, event, *_ALIAS))
            if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                _take_key(stack[-1], event, shown, problems)
                continue
            loc, discard = _next_place(stack)
            if not discard:
                positions[loc] = _where(event)
            if isinstance(event, ScalarEvent):
                value = _scalar(event, shown, problems)
            else:
                assert isinstance(event, CollectionStartEvent)
                if len(stack) >= max_depth:
                    raise _Fatal(
                        _located(
                            shown,
                            event,
                            f"nesting deeper than {max_depth} levels",
                            "flatten the structure: an era file needs five levels",
                        )
                    )
                if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
                    raise _Fatal(_located(shown, event, f"tag {event.tag!r} is not supported", "remove the tag"))
                value = {} if isinstance(event, MappingStartEvent) else []
            if stack:
                _place(stack[-1], value)
            else:
                root = value
            if isinstance(event, CollectionStartEvent):
                stack.append(_Frame(value, loc, discard))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            stack.pop()
        elif isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Fatal(
                    _located(
                        shown,
                        event,
                        "a second YAML document (after `---`) in one file",
                        "keep one document per file: one era per file",
                    )
                )
        elif isinstance(event, StreamEndEvent):
            return root


_ALIAS: Final = (
    "YAML aliases (*name) are not allowed, nor the anchors (&name) they refer to",
    "write the value out in full instead of referring to it",
)


def _where(event: Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _located(shown: str, event: Event, message: str, fix: str) -> Problem:
    return Problem(shown, *_where(event), message, fix)


def _take_key(frame: _Frame, event: NodeEvent, shown: str, problems: list[Problem]) -> None:
    if not isinstance(event, ScalarEvent):
        raise _Fatal(
            _located(shown, event, "a mapping key must be plain text, not a list or mapping", "write the key as text")
        )
    key = event.value
    container = frame.container
    assert isinstance(container, dict)
    duplicate = key in container
    if duplicate and not frame.discard:
        problems.append(_located(shown, event, f"duplicate key {key!r}", "keep one of the two entries"))
    frame.key = key
    frame.key_discard = duplicate


def _next_place(stack: list[_Frame]) -> tuple[Loc, bool]:
    """Where the next value goes (its loc) and whether it is thrown away (a duplicate key's)."""
    if not stack:
        return (), False
    frame = stack[-1]
    if isinstance(frame.container, dict):
        assert frame.key is not None
        return (*frame.loc, frame.key), frame.discard or frame.key_discard
    return (*frame.loc, len(frame.container)), frame.discard


def _place(frame: _Frame, value: Any) -> None:
    container = frame.container
    if isinstance(container, list):
        container.append(value)
        return
    assert frame.key is not None
    if not frame.key_discard:
        container[frame.key] = value
    frame.key = None
    frame.key_discard = False


def _scalar(event: ScalarEvent, shown: str, problems: list[Problem]) -> Any:
    text = event.value
    tag = event.tag
    if tag is None:
        if event.implicit[0] and text[:1] in _MAYBE_TYPED:
            return _plain(text)
        return text if text or not event.implicit[0] else None
    if tag == "!" or tag == _CORE + "str":
        return text
    convert = _TYPED.get(tag)
    if convert is None:
        problems.append(_located(shown, event, f"tag {tag!r} is not supported", "remove the tag"))
        return text
    try:
        return convert(text)
    except (ValueError, OverflowError) as error:
        kind = tag.removeprefix(_CORE)
        detail = f": {error}" if str(error) and "invalid literal" not in str(error) else ""
        problems.append(
            _located(
                shown,
                event,
                f"{_short(text)} is not a valid {kind}{detail}",
                _TYPED_FIX.get(kind, "correct the value, or remove the tag"),
            )
        )
        return text


def _plain(text: str) -> Any:
    """A plain scalar's value: a number, bool or null where PyYAML's own (YAML 1.1) resolver
    would make one, in the forms both YAML 1.1 and 1.2 read alike; else the text itself.

    Staying within the 1.1 resolver's types keeps files written by `yaml.safe_dump` (which
    quotes only what 1.1 would not read as text) reading back as written: `08` and `1e5` are
    text. Within them, the forms that 1.1 and 1.2 read differently stay text too: `yes`/`no`/
    `on`/`off`, `1_000`, `0x1F`, `012`, `1:20`, and dates (pydantic parses a date from text
    where a field is a date, and reports a bad one at its line).
    """
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return _BOOL.get(text, text)
    if tag == _CORE + "int":
        return int(text) if _DECIMAL.fullmatch(text) else text
    if tag == _CORE + "float":
        if _SPECIAL_FLOAT.fullmatch(text):
            return _float(text)
        return float(text) if _DECIMAL_FLOAT.fullmatch(text) else text
    return text


def _int(text: str) -> int:
    if not _INT.fullmatch(text):
        raise ValueError("")
    if text.startswith(("0o", "0x")):
        return int(text, 0)
    return int(text, 10)


def _float(text: str) -> float:
    special = _SPECIAL_FLOAT.fullmatch(text)
    if special is not None:
        return float("nan") if "nan" in text.lower() else float(special.group(1) + "inf")
    if not (_FLOAT.fullmatch(text) or _INT.fullmatch(text)):
        raise ValueError("")
    return float(int(text, 0)) if text.startswith(("0o", "0x")) else float(text)


def _bool(text: str) -> bool:
    if text not in _BOOL:
        raise ValueError("")
    return _BOOL[text]


def _null(text: str) -> None:
    if not _NULL.fullmatch(text):
        raise ValueError("")


def _timestamp(text: str) -> dt.date | dt.datetime:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)


_TYPED: Final[dict[str, Callable[[str], Any]]] = {
    _CORE + "int": _int,
    _CORE + "float": _float,
    _CORE + "bool": _bool,
    _CORE + "null": _null,
    _CORE + "timestamp": _timestamp,
}
_TYPED_FIX: Final = {
    "int": "write digits only (e.g. 25), or remove the tag to keep the text",
    "float": "write a number (e.g. 2.5), or remove the tag to keep the text",
    "bool": "write true or false, or remove the tag",
    "null": "write null, or remove the tag",
    "timestamp": "write a real date as YYYY-MM-DD (years 0001 to 9999), or remove the tag",
}


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
