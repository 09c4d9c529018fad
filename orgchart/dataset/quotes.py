"""Every quote of a dataset looked up in its source in one pass over the source's text.

Looking each quote up on its own (`quote in text`) costs the length of the source per quote,
so a 100,000-entity era (200,000 quotes in an 8 MB document) would take hours. Instead the
quotes citing one source are looked up in two steps, each bounded by the text plus the quotes:

- In citation order, from where the previous quote was found (`found_in_order`): curators quote
  a document as they read it, so the next quote is usually a little further on, and `str.find`
  reaches it having read only the text between them. A budget of a few readings of the whole
  text bounds what this step may cost when quotes are cited in no order; the quotes it does not
  find go to the second step.
- The rest in an Aho-Corasick automaton (`ahocorasick-rs`, the Rust `aho-corasick` crate: as
  fast as `pyahocorasick` here and a tenth of its memory, whose trie of Python-sized nodes took
  150 MB at 100,000 entities), the folded text read once (`found_by_automaton`).

Profile (py-spy, cold `validate` of 2 x 100,000 entities): with the automaton alone, finding
quotes was a quarter of the command (1.3 s CPU per era: building it, and checking each anchor's
hits); in order, the generated eras' 175,000 quotes each are found in 0.1 s, and cited in a
shuffled order they cost 0.05 s more than the automaton alone.

Quote matching folds runs of white space and nothing else (see `fold_white_space`); the
quotes are folded the same way before the search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from orgchart.dataset import progress

DIRECT_SEARCH_LIMIT: Final = 20_000_000
"""Below this many characters of text times quotes, each quote is looked up on its own
(`str.__contains__`): building an automaton costs more than it saves."""


def fold_white_space(text: str) -> str:
    """Collapse every run of white space to one space: the only folding quote matching does.
    (`str.split` splits at exactly the characters regular expressions call white space, `\\s`.)

    A document whose only white space is spaces and line breaks (wrapped text, paragraphs) is
    folded with `str.replace` at C speed instead of being split into a list of its words:
    `str.isprintable` is false for every white space character but the space, so once the
    line breaks are spaces it proves nothing else is white space.
    """
    folded = text.replace("\n", " ").strip(" ")
    if folded.isprintable():
        while "  " in folded:  # each pass halves every run of spaces
            folded = folded.replace("  ", " ")
        return folded
    return " ".join(text.split())


def _folded(quote: str) -> str:
    """`fold_white_space(quote)`, without a copy when there is nothing to fold (printable ASCII
    without double or outer spaces: the common case, checked at C speed)."""
    if quote.isascii() and quote.isprintable() and "  " not in quote and quote[:1] != " " and quote[-1:] != " ":
        return quote
    return " ".join(quote.split())


def _all_folded(quotes: list[str]) -> bool:
    """Whether no quote of `quotes` has anything to fold, checked on all of them joined (a
    call per quote costs more than the checks): joined by `|`, printable (`str.isprintable`
    is false for every white space character but the space), without two spaces together or
    a space beside a `|`. Conservative: a quote with a `|` of its own beside a space, or a
    character Unicode does not call printable, is folded one by one, as any other would be."""
    joined = "|".join(quotes)
    return (
        joined.isprintable()
        and "  " not in joined
        and " |" not in joined
        and "| " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
    )


ANCHOR: Final = 32
"""Bytes of each quote the automaton holds; a match of those is then checked whole."""

BATCH: Final = 100_000
"""Quotes searched for in one pass."""


IN_ORDER_BUDGET: Final = 4
"""How many times the length of the text `found_in_order` may read before it gives up."""


def found_in(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of the (folded) `quotes` occur in the (folded) `text` (quotes in citation order:
    see the module's docstring)."""
    ordered = list(dict.fromkeys(quotes))
    if len(ordered) * len(text) <= DIRECT_SEARCH_LIMIT:
        return {quote for quote in ordered if quote in text}
    found, rest = found_in_order(text, ordered)
    if rest:
        found |= found_by_automaton(text, rest)
    return found


def found_in_order(text: str, quotes: Sequence[str]) -> tuple[set[str], Sequence[str]]:
    """The `quotes` found in `text`, each looked for from where the previous one was found
    (onward, then before it); and the quotes left unread, for `found_by_automaton`.

    Each look is charged the characters `str.find` reads (a quote not found anywhere, the
    whole text: it is missing, and needs no other search); once IN_ORDER_BUDGET times the
    text's length has been read, the remaining quotes are left unread.
    """
    find, size = text.find, len(text)
    budget = IN_ORDER_BUDGET * size
    found: set[str] = set()
    at = 0
    for index, quote in enumerate(quotes):
        if budget <= 0:
            return found, quotes[index:]
        where = find(quote, at)
        if where >= 0:
            budget -= where - at
        else:
            budget -= size - at
            where = find(quote, 0, at + len(quote))
            budget -= where if where >= 0 else at
            if where < 0:
                continue
        at = where
        found.add(quote)
    return found, ()


def found_by_automaton(text: str, quotes: Iterable[str]) -> set[str]:
    """Which of the (folded) `quotes` occur in the (folded) `text`, read once by an automaton.

    The search runs over UTF-8 bytes (a `str` haystack would make ahocorasick-rs map every
    byte offset to a character offset, an 8-byte table entry per byte of text). The automaton
    holds each quote's first ANCHOR bytes (fewer, shorter entries build several times faster
    than whole quotes); where one occurs, the text there is cut to the length of each quote
    starting with it, and the pieces that are quotes are the quotes found. Quotes are searched
    BATCH at a time, which bounds the memory of a search (another pass over the text costs
    little: the automaton reads about a gigabyte a second).
    """
    wanted = quotes if isinstance(quotes, set) else set(quotes)
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
        self._wanted: dict[str, dict[str, None]] = {}
        """The folded quotes of each source, in the order they were first cited."""

    def add(self, source: str, quotes: Iterable[str]) -> None:
        """Look each of `quotes` (as written: they are folded here) up in `source`."""
        quotes = list(quotes)
        if not _all_folded(quotes):
            quotes = [_folded(quote) for quote in quotes]
        self._wanted.setdefault(source, {}).update(dict.fromkeys(quotes))

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
                    lost = quotes.keys() - found_in(text, quotes)
                    if lost:
                        missing[source] = lost
                step.advance()
        return missing
