"""Every quote of a dataset looked up in its source in one pass over the source's text.

Looking each quote up on its own (`quote in text`) costs the length of the source per quote,
so a 100,000-entity era (200,000 quotes in an 8 MB document) would take hours. Instead the
quotes citing one source are put into an Aho-Corasick automaton (`ahocorasick-rs`, the Rust
`aho-corasick` crate: as fast as `pyahocorasick` here and a tenth of its memory, whose trie of
Python-sized nodes took 150 MB at 100,000 entities) and the folded text is read once: cost
linear in the text plus the quotes.

Quote matching folds runs of white space and nothing else (see `fold_white_space`); the
quotes are folded the same way before the search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from orgchart.dataset import progress

DIRECT_SEARCH_LIMIT: Final = 20_000_000
"""Below this many characters of text times quotes, each quote is looked up on its own
(`str.__contains__`): building an automaton costs more than it saves."""


def fold_white_space(text: str) -> str:
    """Collapse every run of white space to one space: the only folding quote matching does.
    (`str.split` splits at exactly the characters regular expressions call white space, `\\s`.)"""
    return " ".join(text.split())


def _folded(quote: str) -> str:
    """`fold_white_space(quote)`, without a copy when there is nothing to fold (printable ASCII
    without double or outer spaces: the common case, checked at C speed)."""
    if quote.isascii() and quote.isprintable() and "  " not in quote and quote[:1] != " " and quote[-1:] != " ":
        return quote
    return " ".join(quote.split())


ANCHOR: Final = 32
"""Bytes of each quote the automaton holds; a match of those is then checked whole."""

BATCH: Final = 100_000
"""Quotes searched for in one pass."""


def found_in(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of the (folded) `quotes` occur in the (folded) `text`.

    The search runs over UTF-8 bytes (a `str` haystack would make ahocorasick-rs map every
    byte offset to a character offset, an 8-byte table entry per byte of text). The automaton
    holds each quote's first ANCHOR bytes (fewer, shorter entries build several times faster
    than whole quotes); where one occurs, the text there is cut to the length of each quote
    starting with it, and the pieces that are quotes are the quotes found. Quotes are searched
    BATCH at a time, which bounds the memory of a search (another pass over the text costs
    little: the automaton reads about a gigabyte a second).
    """
    wanted = quotes if isinstance(quotes, set) else set(quotes)
    if len(wanted) * len(text) <= DIRECT_SEARCH_LIMIT:
        return {quote for quote in wanted if quote in text}
    import ahocorasick_rs

    data = text.encode("utf-8")
    found: set[str] = set()
    ordered = list(wanted)
    for first in range(0, len(ordered), BATCH):
        batch = {quote.encode("utf-8"): quote for quote in ordered[first : first + BATCH]}
        lengths: dict[bytes, set[int]] = {}
        for quote in batch:
            lengths.setdefault(quote[:ANCHOR], set()).add(len(quote))
        anchors = list(lengths)
        of_anchor = [tuple(lengths[anchor]) for anchor in anchors]
        del lengths
        automaton = ahocorasick_rs.BytesAhoCorasick(anchors, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        hits = automaton.find_matches_as_indexes(data, overlapping=True)
        # Where an anchor starts, each quote starting with it would be data[start : start + its
        # length]; the pieces are made and dropped one at a time.
        pieces = (data[start : start + n] for anchor, start, _ in hits for n in of_anchor[anchor])
        found.update(batch[piece] for piece in set(filter(batch.__contains__, pieces)))
    return found


class QuoteSearch:
    """The quotes of a dataset, gathered by source, then looked up together (one pass per
    source); `missing` says which are not there."""

    def __init__(self) -> None:
        self._wanted: dict[str, set[str]] = {}

    def add(self, source: str, quotes: Iterable[str]) -> None:
        """Look each of `quotes` (as written: they are folded here) up in `source`."""
        self._wanted.setdefault(source, set()).update([_folded(quote) for quote in quotes])

    def __len__(self) -> int:
        return sum(len(quotes) for quotes in self._wanted.values())

    def missing(self, texts: Mapping[str, str | None]) -> dict[str, set[str]]:
        """The folded quotes not found in their source's folded text, by source; a source whose
        text is None (unreadable, already reported) is skipped."""
        missing: dict[str, set[str]] = {}
        with progress.task("finding quotes in their sources", total=len(self._wanted)) as step:
            for source in sorted(self._wanted):
                quotes = self._wanted[source]
                text = texts.get(source)
                if text is not None:
                    lost = quotes - found_in(text, quotes)
                    if lost:
                        missing[source] = lost
                step.advance()
        return missing
