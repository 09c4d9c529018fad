"""Citations checked against their sources: each archived document's checksum and folded text,
whether a quote occurs in it, and the finding for a fact that cites nothing.

Quote matching folds runs of white space and nothing else, so a quote is verbatim up to line
breaks. Split out of `orgchart.dataset.validate`, which applies these checks to every era and lineage link.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from orgchart.dataset.files import decode_utf8, read_bounded
from orgchart.dataset.loader import LoadedData, LoadedEra, Loc, Located
from orgchart.dataset.model import Citation, Finding
from orgchart.errors import DataError, Problem, closest, display_path

_WHITE_SPACE = re.compile(r"\s+")


def fold_white_space(text: str) -> str:
    """Collapse every run of white space to one space: the only folding quote matching does."""
    return _WHITE_SPACE.sub(" ", text).strip()


def quote_is_found(quote: str, folded_source: str) -> bool:
    """Whether `quote` occurs verbatim in a source already passed through `fold_white_space`."""
    return fold_white_space(quote) in folded_source


def check_sources(loaded: LoadedData, problems: list[Problem]) -> dict[str, str | None]:
    """The folded text of every declared source; None where the file could not be read
    (already reported, so quotes citing it are not reported again)."""
    origin = loaded.sources_origin
    texts: dict[str, str | None] = {}
    seen: set[str] = set()
    for index, source in enumerate(loaded.sources):
        loc: Loc = ("sources", index)
        if source.id in seen:
            problems.append(
                origin.problem((*loc, "id"), f"duplicate source id {source.id!r}", "give each source its own id")
            )
            continue
        seen.add(source.id)
        texts[source.id] = None
        path = loaded.root / source.file
        try:
            content = read_bounded(path, root=loaded.root)
        except DataError as error:
            problems.extend(
                origin.problem((*loc, "file"), f"source {source.id!r}: {display_path(path)} {p.message}", _fix(p))
                for p in error.problems
            )
            continue
        digest = hashlib.sha256(content).hexdigest()
        if digest != source.sha256:
            # The root cause, reported once: quotes citing a changed document are not checked
            # (each would be a follow-on error that hides this one).
            problems.append(
                origin.problem(
                    (*loc, "sha256"),
                    f"source {source.id!r}: {display_path(path)} has sha256 {digest}, not the recorded "
                    f"{source.sha256}; its quotes were not checked",
                    "restore the archived document byte for byte; if the new file is intended, record it as a new source",
                )
            )
            continue
        try:
            texts[source.id] = fold_white_space(decode_utf8(content, display_path(path)))
        except DataError as error:
            problems.extend(
                origin.problem(
                    (*loc, "file"), f"source {source.id!r}: {p.file}:{p.line}:{p.column}: {p.message}", p.fix
                )
                for p in error.problems
            )
            continue
        folded = texts[source.id]
        if source.breaks_off and folded is not None and not quote_is_found(source.breaks_off, folded):
            problems.append(
                origin.problem(
                    (*loc, "breaks_off"),
                    f"source {source.id!r}: `breaks_off` quote not found in the text: {source.breaks_off[:80]!r}",
                    quote_fix(source.breaks_off, folded),
                )
            )
    return texts


_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def closest_text(quote: str, folded_source: str) -> str:
    """The stretch of a (folded) source most like `quote`: what the curator probably meant to copy.

    rapidfuzz's `partial_ratio_alignment` finds the best-aligned substring of the source, so a
    retyped apostrophe or a dropped word still points at the right sentence.
    """
    from rapidfuzz import fuzz  # imported here: only a failed quote needs it

    wanted = fold_white_space(quote)
    if not wanted or not folded_source:
        return ""
    found = fuzz.partial_ratio_alignment(wanted, folded_source)
    if found is None or found.score < 60:
        return ""
    return folded_source[found.dest_start : found.dest_end]


def quote_fix(quote: str, folded_source: str) -> str:
    """How to fix a quote that is not in its source: the closest text there, and whether straight
    and curly quotes are the only difference."""
    nearest = closest_text(quote, folded_source)
    fix = "copy the quote verbatim from the source (only runs of white space may differ)"
    if not nearest:
        return fix
    if nearest.translate(_CURLY) == fold_white_space(quote).translate(_CURLY):
        return f"the source writes curly quotes or apostrophes here; copy it exactly: {nearest!r}"
    return f"{fix}; closest text in the source: {nearest[:160]!r}"


def _fix(problem: Problem) -> str:
    if problem.message == "file not found":
        return "put the document there, or correct `file` (relative to the data directory)"
    return problem.fix


def check_citations(
    loaded_era: LoadedEra,
    loc: Loc,
    citations: Iterable[Citation],
    texts: Mapping[str, str | None],
    problems: list[Problem],
) -> None:
    """Report every citation of `loaded_era` at `loc` whose source is unknown or not the era's,
    or whose quote is not in the source's text."""
    origin = loaded_era.origin
    for index, citation in enumerate(citations):
        here: Loc = (*loc, "citations", index)
        if citation.source not in texts:
            hint = closest(citation.source, texts)
            problems.append(
                origin.problem(
                    (*here, "source"),
                    f"unknown source {citation.source!r}",
                    f"use one of: {', '.join(hint or sorted(texts))}",
                )
            )
        elif citation.source not in loaded_era.era.sources:
            problems.append(
                origin.problem(
                    (*here, "source"),
                    f"source {citation.source!r} is not one of this era's sources",
                    "add it to the era's `sources`, or cite one of them",
                )
            )
        elif (text := texts[citation.source]) is not None and not quote_is_found(citation.quote, text):
            problems.append(
                origin.problem(
                    (*here, "quote"),
                    f"quote not found in source {citation.source!r}: {citation.quote[:80]!r}",
                    quote_fix(citation.quote, text),
                )
            )


def uncited_finding(
    origin: Located, loc: Loc, what: str, subject: str, strict: bool, problems: list[Problem]
) -> Finding:
    """The finding for a fact without a citation (`what`, about `subject`); under `strict` also a problem."""
    if strict:
        problems.append(
            origin.problem(
                loc, f"{what} has no citation", "add a citation with a verbatim quote, or run without --strict"
            )
        )
    return Finding(
        kind="uncited",
        subject=subject,
        message=f"{what} has no citation: it is not backed by a source",
        origin="computed",
    )
