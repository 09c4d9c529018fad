"""Turtle text written as it is made: prefixes, then one block per resource (see `orgchart.export.rdf`,
which says what the blocks are).

Terms are Turtle text already: `TurtleWriter.iri(...)` gives a prefixed name where a prefix
allows one, `literal` and `string_literal` give literals. Nothing is kept but the text, and
that only until it is handed on (to a file, as it is made): an rdflib graph of the same triples
took 114 s for 5,016 entities, and the era's hundreds of thousands of blocks are written a few
microseconds each (`block`, `under`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final
from urllib.parse import quote

from orgchart.changes.changeset import Quote
from orgchart.dataset.model import Citation

_LOCAL: Final = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.%-]*[A-Za-z0-9_%-])?")
"""A segment that Turtle can write after a prefix as it is (percent escapes included)."""
_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TO_ESCAPE: Final = re.compile('[\\\\"\x00-\x1f\x7f]')
_IRI_UNSAFE: Final = re.compile('[\x00-\x20<>"{}|^`\\\\]')
_UNRESERVED: Final = re.compile(r"[A-Za-z0-9._~-]*")
"""Text that percent-encoding leaves as it is (ids, mostly)."""
_PLAIN: Final = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""Text both `_UNRESERVED` and `_LOCAL`: written after a prefix as it is (every valid id)."""
SEPARATOR: Final = " ;\n    "
"""Between the pairs of a block."""
SPILL: Final = 4096
"""Pieces of text kept before `TurtleWriter.spill` hands them on."""


def string_literal(text: str) -> str:
    """A Turtle string literal."""
    # The first test (C loops) passes for almost every text and is a third faster than the search.
    if (text.isprintable() and '"' not in text and "\\" not in text) or _TO_ESCAPE.search(text) is None:
        return f'"{text}"'
    escaped = _TO_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)
    return f'"{escaped}"'


def literal(value: object) -> str:
    """`value` as a Turtle literal with the datatype rdflib gives it (str: plain, int: integer,
    float: double, bool: boolean, date: date)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f'"{value!r}"^^xsd:double'
    if isinstance(value, dt.date):
        return f'"{value.isoformat()}"^^xsd:date'
    return string_literal(str(value))


def full_iri(iri: str) -> str:
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


class TurtleWriter:
    """Turtle text written as it is made: `statement(subject, [(predicate, object), ...])`
    writes one block. Terms are Turtle text already: `iri(...)` gives a prefixed name where the
    era prefixes allow one, `literal` a literal. The prefixes come first; they are known from
    the eras before any statement is made.

    The text is kept as pieces (`write`) and handed to `sink` joined (`flush`, `spill`), so a
    file is written as the statements are made: the Turtle of two 100,000-entity eras is 200 MB,
    and a string of it, its copy from a buffer and its UTF-8 bytes each cost a fifth of a
    second and that much memory again."""

    def __init__(
        self, base: str, era_ids: Sequence[str], prefixes: Mapping[str, str], sink: Callable[[str], object]
    ) -> None:
        self.base = verify_base(base)
        self.sink = sink
        self.pieces: list[str] = []
        self.write = self.pieces.append
        self.prefixes: dict[str, str] = {}  # namespace IRI -> prefix
        for prefix, namespace in prefixes.items():
            self.prefixes[namespace] = prefix
        self.prefixes[base + "source/"] = "source"
        self.prefixes[base + "entity/"] = "entity"
        for number, era_id in enumerate(era_ids, start=1):
            era = f"{base}era/{segment(era_id)}/"
            for suffix, part in (("", ""), ("r", "edge/"), ("c", "claim/"), ("f", "finding/")):
                self.prefixes[era + part] = f"e{number}{suffix}"
        for namespace, prefix in self.prefixes.items():
            self.write(f"@prefix {prefix}: {full_iri(namespace)} .\n")
        self.write(f"@prefix data: {full_iri(base)} .\n")
        self.sources = _Terms(lambda source_id: self.iri("source", source_id))

    def flush(self) -> None:
        """Hand what is written so far to the sink."""
        if self.pieces:
            self.sink("".join(self.pieces))
            self.pieces.clear()

    def spill(self) -> None:
        """`flush` once enough pieces are waiting (called between blocks of a long loop)."""
        if len(self.pieces) >= SPILL:
            self.flush()

    def iri(self, *parts: str) -> str:
        """`BASE/part/part/...`, each part percent-encoded, as a prefixed name when it can be."""
        segments = [part if _UNRESERVED.fullmatch(part) else segment(part) for part in parts]
        for split in range(len(segments) - 1, 0, -1):
            namespace = self.base + "/".join(segments[:split]) + "/"
            prefix = self.prefixes.get(namespace)
            if prefix is not None:
                local = "/".join(segments[split:])
                if _LOCAL.fullmatch(local):
                    return f"{prefix}:{local}"
                break
        return full_iri(self.base + "/".join(segments))

    def term(self, iri: str) -> str:
        """A full IRI as a term (`source.url`)."""
        return full_iri(iri)

    def under(self, *parts: str) -> Callable[[str], str]:
        """A function giving `iri(*parts, last)` for any `last`, with the namespace's prefix
        looked up once (the eras' nodes and edges are hundreds of thousands of terms)."""
        prefix = self.prefixes.get(self.base + "".join(segment(part) + "/" for part in parts))
        plain = _PLAIN.fullmatch

        def term(last: str) -> str:
            if prefix is not None and plain(last):
                return f"{prefix}:{last}"
            return self.iri(*parts, last)

        return term

    def statement(self, subject: str, pairs: Iterable[tuple[str, str | None]]) -> None:
        """`subject predicate object ; ... .`, leaving out pairs whose object is None and
        repeated pairs (an RDF graph is a set)."""
        self.block(subject, [f"{predicate} {value}" for predicate, value in pairs if value is not None])

    def block(self, subject: str, parts: list[str]) -> None:
        """`statement` of pairs already written as `predicate object` (the predicate has no
        space, so equal texts are equal pairs)."""
        if parts:
            body = SEPARATOR.join(dict.fromkeys(parts))
            self.write(f"\n{subject} {body} .\n")

    def citations(self, subject: str, citations: Iterable[Citation | Quote]) -> list[tuple[str, str | None]]:
        """Each citation as a `prov:Derivation` (`SUBJECT_CITATION_N`) from its source, with the
        quote (a diff's quote also names the era it comes from, `oc:era`): the subject's pairs
        returned, the derivations written."""
        return [tuple(part.split(" ", 1)) for part in self.cited(subject, citations)]  # type: ignore[misc]

    def cited(self, subject: str, citations: Iterable[Citation | Quote]) -> list[str]:
        """`citations`, with the subject's pairs as `block` parts (a source cited twice named
        once)."""
        parts: list[str] = []
        write, sources = self.write, self.sources
        stem, end = (subject[:-1], ">") if subject.endswith(">") else (subject, "")
        for index, citation in enumerate(citations):
            derivation = f"{stem}_CITATION_{index}{end}"
            source = sources[citation.source]
            parts += (f"prov:wasDerivedFrom {source}", f"prov:qualifiedDerivation {derivation}")
            quoted = string_literal(citation.quote)
            if type(citation) is Quote and citation.era != "lineage":
                era = self.iri("era", citation.era)
                write(
                    f"\n{derivation} a prov:Derivation ;\n    prov:entity {source} ;\n    oc:quote {quoted} ;\n"
                    f"    oc:era {era} .\n"
                )
            else:
                write(f"\n{derivation} a prov:Derivation ;\n    prov:entity {source} ;\n    oc:quote {quoted} .\n")
        return parts if len(parts) == 2 else list(dict.fromkeys(parts))


class _Terms(dict[str, str]):
    """Terms made once each by `make`, on first use (the sources every citation names)."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        term = self[key] = self.make(key)
        return term


def suffixed(term: str, suffix: str) -> str:
    """The term of `term`'s IRI with `suffix` added (both forms: prefixed and <full>)."""
    if term.startswith("<"):
        return term[:-1] + suffix + ">"
    return term + suffix


def segment(text: str) -> str:
    return quote(text, safe="-._~")


def verify_base(base: str) -> str:
    """`base` if it can start IRIs: absolute (a scheme), no spaces or quotes, ending in `/` or
    `#` (without one, `https://example.org/org` + `era/x` runs together as `orgera/x`).

    Raises:
        ValueError: saying what is wrong and giving an example.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", base):
        raise ValueError(f"--base {base!r} is not an absolute IRI without spaces (e.g. https://example.org/org/)")
    if not base.endswith(("/", "#")):
        raise ValueError(f"--base {base!r} must end in / or # (e.g. {base}/), or the IRIs run together")
    return base
