"""Every quote of a dataset looked up in its source in one pass over the source's text.

Looking each quote up on its own (`quote in text`) costs the length of the source per quote,
so a 100,000-entity era (200,000 quotes in an 8 MB document) would take hours. Instead the
quotes citing one source are put into an Aho-Corasick automaton (`pyahocorasick`, a C
implementation) and the folded text is read once: cost linear in the text plus the quotes.

Quote matching folds runs of white space and nothing else (see `fold_white_space`); the
quotes are folded the same way before the search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from orgchart import progress

DIRECT_SEARCH_LIMIT: Final = 20_000_000
"""Below this many characters of text times quotes, each quote is looked up on its own
(`str.__contains__`): building an automaton costs more than it saves."""


def fold_white_space(text: str) -> str:
    """Collapse every run of white space to one space: the only folding quote matching does.
    (`str.split` splits at exactly the characters regular expressions call white space, `\\s`.)"""
    return " ".join(text.split())


ANCHOR: Final = 32
"""Characters of each quote the automaton holds; a match of those is then checked whole."""


def found_in(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of the (folded) `quotes` occur in the (folded) `text`.

    The automaton holds each quote's first ANCHOR characters (fewer, shorter entries build
    several times faster than whole quotes); where one occurs, the text there is cut to the
    length of each quote starting with it, and the pieces that are quotes are the quotes found.
    """
    wanted = set(quotes)
    if len(wanted) * len(text) <= DIRECT_SEARCH_LIMIT:
        return {quote for quote in wanted if quote in text}
    import ahocorasick

    lengths: dict[str, set[int]] = {}
    for quote in wanted:
        lengths.setdefault(quote[:ANCHOR], set()).add(len(quote))
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
    for anchor, of_quotes in lengths.items():
        # where the anchor ends at `end`, a quote of length n would be text[end - back : end - back + n]
        automaton.add_word(anchor, tuple((len(anchor) - 1, length) for length in of_quotes))
    automaton.make_automaton()
    return wanted.intersection(
        [text[end - back : end - back + length] for end, starts in automaton.iter(text) for back, length in starts]
    )


class QuoteSearch:
    """The quotes of a dataset, gathered by source, then looked up together (one pass per
    source); `missing` says which are not there."""

    def __init__(self) -> None:
        self._wanted: dict[str, set[str]] = {}

    def add(self, source: str, quotes: Iterable[str]) -> None:
        """Look each of `quotes` (as written: they are folded here) up in `source`."""
        self._wanted.setdefault(source, set()).update([" ".join(quote.split()) for quote in quotes])

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
