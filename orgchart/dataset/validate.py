"""Invariants and findings: what must hold for a dataset to be used, and what readers must know.

Errors (a `DataError` listing every problem) stop everything: unknown ids, duplicate ids, parent
cycles, quotes not found in their source, a source file whose sha256 changed. Findings do not
stop anything; they are facts about the documents (a count that differs from what is listed, a
second parent, two figures that disagree) and are part of every output. The checks of sources,
quotes and uncited facts are in `orgchart.dataset.citations`.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from orgchart.dataset import progress
from orgchart.dataset.citations import (
    check_citations,
    check_sources,
    fold_white_space,
    quote_is_found,
    report_missing_quotes,
    uncited_finding,
)
from orgchart.dataset.loader import LoadedData, LoadedEra, Loc
from orgchart.dataset.model import Finding
from orgchart.dataset.quotes import QuoteSearch
from orgchart.dataset.structure import scan_era
from orgchart.errors import DataError, Problem, closest, display_path

# fold_white_space and quote_is_found live in orgchart.dataset.citations; re-exported where they were.
__all__ = ["ValidatedData", "fold_white_space", "quote_is_found", "validate"]


@dataclass(frozen=True)
class ValidatedData:
    """Loaded data that passed every check, with the findings of each era (curated first,
    then computed), and the folded text of each source for quote lookups."""

    loaded: LoadedData
    findings: Mapping[str, tuple[Finding, ...]]
    source_texts: Mapping[str, str]


def validate(loaded: LoadedData, *, strict: bool = False) -> ValidatedData:
    """Check every invariant of `loaded` and compute its findings.

    Args:
        loaded: the output of `load_data`.
        strict: treat uncited facts as errors instead of findings.

    Raises:
        DataError: listing every problem found, each with file, line and fix.
    """
    problems: list[Problem] = []
    with progress.task("reading sources", total=len(loaded.sources)):
        texts = check_sources(loaded, problems)
    findings: dict[str, tuple[Finding, ...]] = {}
    era_ids: dict[str, LoadedEra] = {}
    for loaded_era in progress.tracked(loaded.eras, "checking eras"):
        era = loaded_era.era
        if era.id in era_ids:
            problems.append(
                loaded_era.origin.problem(
                    ("id",),
                    f"duplicate era id {era.id!r} (also in {display_path(era_ids[era.id].origin.path)})",
                    "give each era file its own id",
                )
            )
            continue
        era_ids[era.id] = loaded_era
        # Each era's quotes are looked up before the next era is checked, so that the memory
        # of one search is reused by the next (a 100,000-entity era cites 200,000 quotes).
        quotes = QuoteSearch()
        computed = _check_era(loaded_era, texts, problems, strict, quotes)
        report_missing_quotes(quotes.missing(texts), [loaded_era], None, texts, problems)
        findings[era.id] = tuple(era.findings) + tuple(computed)
    quotes = QuoteSearch()
    _check_lineage(loaded, era_ids, texts, problems, quotes)
    if loaded.lineage_origin is not None:
        lineage = (loaded.lineage_origin, loaded.lineage)
        report_missing_quotes(quotes.missing(texts), [], lineage, texts, problems)
    _check_settings(loaded, era_ids, problems)
    if problems:
        raise DataError(problems)
    return ValidatedData(loaded, findings, {k: v for k, v in texts.items() if v is not None})


def _check_era(
    loaded_era: LoadedEra,
    texts: Mapping[str, str | None],
    problems: list[Problem],
    strict: bool,
    quotes: QuoteSearch,
) -> list[Finding]:
    """The problems and computed findings of one era.

    The nodes and edges are read once (`scan_era`); when that finds a problem,
    `_report_entities` walks them one by one to say where. Findings are computed the same way
    in both cases.
    """
    era, origin = loaded_era.era, loaded_era.origin
    computed: list[Finding] = []
    scan = scan_era(era, texts)
    if scan.sound:
        for source, cited in scan.quotes.items():
            quotes.add(source, cited)
    else:
        _report_entities(loaded_era, texts, problems, quotes)
    for index in scan.uncited_nodes:
        node_id = era.nodes[index].id
        computed.append(uncited_finding(origin, ("nodes", index), f"node {node_id!r}", node_id, strict, problems))
    for index in scan.uncited_edges:
        edge = era.edges[index]
        what = f"{edge.kind} edge {edge.superior} -> {edge.subordinate}"
        computed.append(uncited_finding(origin, ("edges", index), what, edge.subordinate, strict, problems))
    node_ids, children_of, more_parents, parent_edges = (
        scan.node_ids,
        scan.children_of,
        scan.more_parents,
        scan.parent_edges,
    )
    for cycle in _parent_cycles(children_of, scan.main_parent, more_parents, parent_edges):
        first = min(parent_edges[(u, v)] for u, v in cycle)
        path = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
        problems.append(
            origin.problem(
                ("edges", first),
                f"parent edges form a cycle: {path}",
                "remove the parent edge that the document does not state",
            )
        )
    for child in sorted(more_parents):
        computed.append(
            Finding(
                kind="second_parent",
                subject=child,
                message=f"{child!r} is placed under {len(more_parents[child])} parents in one document: "
                + ", ".join(more_parents[child])
                + " (the first is drawn as the main parent)",
                citations=tuple(
                    c for parent in more_parents[child] for c in era.edges[parent_edges[(parent, child)]].citations
                ),
                origin="computed",
            )
        )
    check_reference = _reference_check(loaded_era, node_ids, problems)
    computed.extend(_check_claims(loaded_era, texts, problems, check_reference, children_of, strict, quotes))
    _check_lookup_collisions(loaded_era, node_ids if scan.sound else None, problems)
    for index, finding in enumerate(era.findings):
        check_reference(("findings", index, "subject"), finding.subject)
        check_citations(loaded_era, ("findings", index), finding.citations, texts, problems, quotes)
    return computed


def _reference_check(
    loaded_era: LoadedEra, node_ids: Mapping[str, int], problems: list[Problem]
) -> Callable[[Loc, str | None], bool]:
    """A check that a reference at a loc names a node of the era, reporting it if not."""
    era, origin = loaded_era.era, loaded_era.origin

    def check_reference(loc: Loc, ref: str | None) -> bool:
        if ref is None or ref in node_ids:
            return True
        nearest = closest(ref, node_ids)
        problems.append(
            origin.problem(
                loc,
                f"unknown node id {ref!r} in era {era.id!r}",
                f"did you mean {', '.join(repr(n) for n in nearest)}?"
                if nearest
                else "add the node first, or correct the id",
            )
        )
        return False

    return check_reference


def _report_entities(
    loaded_era: LoadedEra, texts: Mapping[str, str | None], problems: list[Problem], quotes: QuoteSearch
) -> None:
    """Walk an era's sources, nodes and edges one by one, reporting each problem where it is
    (unknown sources, no nodes, duplicate ids, unknown references, edges to themselves or
    stated twice, citations of a source that is unknown or not the era's)."""
    era, origin = loaded_era.era, loaded_era.origin
    for index, source_id in enumerate(era.sources):
        if source_id not in texts:
            problems.append(
                origin.problem(
                    ("sources", index), f"unknown source {source_id!r}", f"use one of: {', '.join(sorted(texts))}"
                )
            )
    if not era.nodes:
        problems.append(
            origin.problem(("nodes",), f"era {era.id!r} has no nodes", "add the entities its document names")
        )
    node_ids: dict[str, int] = {}
    for index, node in enumerate(era.nodes):
        if node.id in node_ids:
            problems.append(
                origin.problem(
                    ("nodes", index, "id"),
                    f"duplicate node id {node.id!r} (first at item {node_ids[node.id] + 1})",
                    "merge the two entries or give one another id",
                )
            )
        else:
            node_ids[node.id] = index
        check_citations(loaded_era, ("nodes", index), node.citations, texts, problems, quotes)
    check_reference = _reference_check(loaded_era, node_ids, problems)
    seen_edges: set[tuple[str, str, str]] = set()
    for index, edge in enumerate(era.edges):
        loc: Loc = ("edges", index)
        check_reference((*loc, "superior"), edge.superior)
        check_reference((*loc, "subordinate"), edge.subordinate)
        check_citations(loaded_era, loc, edge.citations, texts, problems, quotes)
        if edge.superior == edge.subordinate:
            problems.append(
                origin.problem(loc, f"edge from {edge.superior!r} to itself", "an entity cannot be its own superior")
            )
        elif edge.key in seen_edges:
            problems.append(
                origin.problem(
                    loc,
                    f"duplicate {edge.kind} edge {edge.superior} -> {edge.subordinate}",
                    "merge the two entries' citations into one edge",
                )
            )
        seen_edges.add(edge.key)


def _parent_cycles(
    children_of: Mapping[str, list[str]],
    main_parent: Mapping[str, str],
    more_parents: Mapping[str, list[str]],
    parent_edges: Mapping[tuple[str, str], int],
) -> list[list[tuple[str, str]]]:
    """One cycle per strongly connected group of parent edges (none in a valid era).

    Whether there is any cycle is found in one pass without recursion (Kahn's algorithm: peel
    off entities no remaining parent edge points to); only then, on what is left, does networkx
    name the cycles."""
    waiting = dict.fromkeys(main_parent, 1)  # how many parent edges point to each entity
    waiting.update((child, len(parents)) for child, parents in more_parents.items())
    free = [node for node in children_of if node not in waiting]
    while free:
        node = free.pop()
        for child in children_of.get(node, ()):
            count = waiting[child] - 1
            waiting[child] = count
            if not count:
                free.append(child)
    left = {node for node, count in waiting.items() if count}
    if not left:
        return []
    import networkx as nx

    parents = nx.DiGraph((u, v) for (u, v) in parent_edges if u in left and v in left)
    cycles = []
    for component in sorted(nx.strongly_connected_components(parents), key=min):
        if len(component) > 1:
            cycles.append(nx.find_cycle(parents.subgraph(component), source=min(component)))
    return cycles


def _check_claims(
    loaded_era: LoadedEra,
    texts: Mapping[str, str | None],
    problems: list[Problem],
    check_reference: Callable[[Loc, str | None], bool],
    children_of: Mapping[str, list[str]],
    strict: bool,
    quotes: QuoteSearch,
) -> list[Finding]:
    era, origin = loaded_era.era, loaded_era.origin
    computed: list[Finding] = []
    claim_ids: set[str] = set()
    by_figure: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    kinds = {node.id: node.kind for node in era.nodes} if any(c.counts for c in era.claims) else {}
    for index, claim in enumerate(era.claims):
        loc: Loc = ("claims", index)
        if claim.id in claim_ids:
            problems.append(
                origin.problem((*loc, "id"), f"duplicate claim id {claim.id!r}", "give each claim its own id")
            )
        claim_ids.add(claim.id)
        if not check_reference((*loc, "subject"), claim.subject):
            continue
        check_citations(loaded_era, loc, claim.citations, texts, problems, quotes)
        if not claim.citations:
            computed.append(uncited_finding(origin, loc, f"claim {claim.id!r}", claim.subject, strict, problems))
        by_figure[(claim.subject, claim.attribute, claim.as_of)].append(index)
        if claim.counts is not None:
            listed = sorted(
                child for child in dict.fromkeys(children_of.get(claim.subject, ())) if kinds.get(child) == claim.counts
            )
            if claim.qualifier == "exactly" and len(listed) != claim.value:
                computed.append(
                    Finding(
                        kind="count_mismatch",
                        subject=claim.subject,
                        message=f"the document states {_number(claim.value)} {claim.attribute} of {claim.subject!r} "
                        f"but lists {len(listed)} {claim.counts} entities under it"
                        + (f": {', '.join(listed)}" if listed else ""),
                        citations=claim.citations,
                        origin="computed",
                    )
                )
    for (subject, attribute, as_of), indexes in sorted(
        by_figure.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or "")
    ):
        claims = [era.claims[i] for i in indexes]
        values = sorted({(c.value, c.qualifier) for c in claims}, key=str)
        if len(values) > 1:
            stated = "; ".join(f"{c.qualifier} {_number(c.value)} ({c.id})" for c in claims)
            computed.append(
                Finding(
                    kind="conflicting_figures",
                    subject=subject,
                    message=f"the document gives different figures for {attribute} of {subject!r}"
                    + (f" as of {as_of}" if as_of else "")
                    + f": {stated}",
                    citations=tuple(c for claim in claims for c in claim.citations),
                    origin="computed",
                )
            )
    return computed


def _number(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _fold(text: str) -> str:
    # As lookups compare names (orgchart.query.fold_name): NFKC, case-folded, trimmed.
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _check_lookup_collisions(
    loaded_era: LoadedEra, node_ids: Mapping[str, int] | None, problems: list[Problem]
) -> None:
    """A node's name, acronym or alias that is another node's id makes a lookup by that text
    find one node by id and, typed in capitals, the other by acronym: refuse it.

    (`node_ids`: each id's node index when ids are unique, else None: the last node of an id
    is then the one named. ASCII text is folded as `_fold` folds it without `unicodedata`:
    NFKC leaves ASCII as it is, and `casefold` is `lower` there.)"""
    nodes = loaded_era.era.nodes
    if node_ids is None:
        node_ids = {node.id: index for index, node in enumerate(nodes)}
    for index, node in enumerate(nodes):
        texts = [("name", node.name)]
        if node.acronym:
            texts.append(("acronym", node.acronym))
        if node.aliases:
            texts += [("aliases", alias) for alias in node.aliases]
        for field, text in texts:
            at = node_ids.get(text.lower().strip() if text.isascii() else _fold(text))
            if at is None:
                continue
            other = nodes[at]
            if other.id != node.id:
                problems.append(
                    loaded_era.origin.problem(
                        ("nodes", index, field),
                        f"{field} {text!r} of node {node.id!r} is the id of node {other.id!r}: looking up "
                        f"{text!r} would find {other.id!r} by id and {node.id!r} by {field}",
                        f"give {other.id!r} an id that is not another entity's {field} (e.g. {other.id}-{other.kind.split()[0]})",
                    )
                )


def _check_lineage(
    loaded: LoadedData,
    eras: Mapping[str, LoadedEra],
    texts: Mapping[str, str | None],
    problems: list[Problem],
    quotes: QuoteSearch,
) -> None:
    origin = loaded.lineage_origin
    if origin is None:
        return
    import networkx as nx  # imported here: loading a dataset from the cache needs none

    known = {node.id for loaded_era in eras.values() for node in loaded_era.era.nodes}
    all_sources = set(texts)
    successors = nx.DiGraph()
    for index, link in enumerate(loaded.lineage):
        if set(link.before) & set(link.after):
            same = sorted(set(link.before) & set(link.after))[0]
            problems.append(
                origin.problem(
                    ("lineage", index),
                    f"lineage link from {same!r} to itself",
                    "an entity that keeps its id needs no lineage link: remove it from `before` or `after`",
                )
            )
        successors.add_edges_from((b, a, {"index": index}) for b in link.before for a in link.after if b != a)
        for side in ("before", "after"):
            for position, ref in enumerate(getattr(link, side)):
                if ref not in known:
                    nearest = closest(ref, known)
                    problems.append(
                        origin.problem(
                            ("lineage", index, side, position),
                            f"unknown node id {ref!r} in lineage (not in any era)",
                            f"did you mean {', '.join(repr(n) for n in nearest)}?"
                            if nearest
                            else "use an id from an era file",
                        )
                    )
        for number, citation in enumerate(link.citations):
            if citation.source not in all_sources:
                problems.append(
                    origin.problem(
                        ("lineage", index, "citations", number, "source"),
                        f"unknown source {citation.source!r}",
                        f"use one of: {', '.join(sorted(all_sources))}",
                    )
                )
            else:
                quotes.add(citation.source, [citation.quote])

    for component in sorted(nx.strongly_connected_components(successors), key=min):
        if len(component) > 1:
            cycle = nx.find_cycle(successors.subgraph(component), source=min(component))
            first = min(successors.edges[u, v]["index"] for u, v in cycle)
            path = " -> ".join([u for u, _ in cycle] + [cycle[0][0]])
            problems.append(
                origin.problem(
                    ("lineage", first),
                    f"lineage links form a cycle: {path}",
                    "an entity cannot succeed its own successor: remove the link the documents do not state",
                )
            )


def _check_settings(loaded: LoadedData, eras: Mapping[str, LoadedEra], problems: list[Problem]) -> None:
    """`dataset.yaml`'s default era must be one of the eras."""
    wanted = loaded.settings.default_era
    if wanted is None or wanted in eras or loaded.settings_origin is None:
        return
    nearest = closest(wanted, eras)
    problems.append(
        loaded.settings_origin.problem(
            ("default_era",),
            f"default_era {wanted!r} is not an era of this dataset",
            f"did you mean {', '.join(repr(n) for n in nearest)}?"
            if nearest
            else f"use one of: {', '.join(sorted(eras))}",
        )
    )
