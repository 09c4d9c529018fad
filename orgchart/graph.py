"""OrgChart (one era as a networkx graph) and Dataset (all eras, in chronological order).

`OrgChart.graph` is a real `networkx.MultiDiGraph` whose edges point from superior to
subordinate and are keyed by edge kind, so every networkx algorithm works on it. Both classes
are built once from validated data and never change afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from orgchart import query
from orgchart.dataset import progress
from orgchart.dataset.cache import dataset_key, load_validated, read_record, write_record
from orgchart.dataset.display import bundle
from orgchart.dataset.gcpause import paused_gc
from orgchart.dataset.model import Citation, Claim, Edge, Era, Finding, LineageLink, Node, Source
from orgchart.dataset.validate import ValidatedData
from orgchart.errors import AmbiguousError, NotFoundError
from orgchart.query import Subtree
from orgchart.timeline import Timeline, timeline_of

if TYPE_CHECKING:  # networkx is imported where a graph is built: most commands need none
    import networkx as nx

T = TypeVar("T")

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
"""The bundled dataset (ICE ERO and DRO), used when no data directory is given."""


def default_data_dir() -> Path:
    """The data directory to use when none is given: `$ORGCHART_DATA`, else the bundled one."""
    return Path(os.environ.get("ORGCHART_DATA") or BUNDLED_DATA)


@dataclass(frozen=True)
class EraDate:
    """When an era's documents were written: the span of its sources' dates."""

    start: dt.date
    end: dt.date
    precision: str
    label: str
    reason: str

    def __repr__(self) -> str:
        return f"<EraDate {self.label} ({self.precision})>"


@dataclass(frozen=True)
class EraAt:
    """The era in force at a date, and why the choice is uncertain ("" when it is not)."""

    era: OrgChart
    uncertain: str


def parse_as_of(date: str | dt.date) -> dt.date:
    """A date from `2021-05-17`, or the last day of `2021-05` or `2021`.

    Raises:
        ValueError: not one of those forms.
    """
    if isinstance(date, dt.date):
        return date
    text = date.strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 12, 31)
        if len(text) == 7:
            first = dt.date(int(text[:4]), int(text[5:]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{date!r} is not a date; write 2021-05-17, 2021-05 or 2021") from None


def citation_dicts(citations: tuple[Citation, ...]) -> list[dict[str, str]]:
    """Citations as plain `{source, quote}` dicts, the form every output uses."""
    return [{"source": c.source, "quote": c.quote} for c in citations]


class OrgChart:
    """One era: its nodes, edges, claims and findings, over a `networkx.MultiDiGraph`.

    Example:
        >>> chart = orgchart.load().era("ero-2023")
        >>> chart.get("ERO").name
        'Enforcement and Removal Operations'
    """

    def __init__(self, era: Era, sources: tuple[Source, ...], findings: tuple[Finding, ...]) -> None:
        self.era = era
        self.sources = sources
        self.findings = findings
        self._nodes = {node.id: node for node in era.nodes}
        self._main_parent: dict[str, str] = {}
        for edge in era.edges:
            if edge.kind == "parent":
                self._main_parent.setdefault(edge.subordinate, edge.superior)
        # Children by main parent, in the order of the era file: built once, so walking a
        # 5,000-node tree does not rescan every node at every step.
        self._children: dict[str, list[Node]] = {}
        for node in era.nodes:
            if node.id in self._main_parent:
                self._children.setdefault(self._main_parent[node.id], []).append(node)

    def __repr__(self) -> str:
        return f"<OrgChart {self.id!r} {self.date.label}: {len(self._nodes)} nodes, {len(self.era.edges)} edges>"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter: the era's overview chart (SVG with its title and description), see
        `orgchart.dataset.display`."""
        return bundle("era", self)

    @property
    def id(self) -> str:
        """The era's id."""
        return self.era.id

    @property
    def label(self) -> str:
        """The era's short title."""
        return self.era.label

    @cached_property
    def date(self) -> EraDate:
        """The span of the era's sources' dates, with their precision and reasons."""
        dates = [source.date for source in self.sources]
        start, end = min(d.start for d in dates), max(d.end for d in dates)
        if len(dates) == 1:
            precision, label = dates[0].precision, dates[0].label
        else:
            precision = "range"
            label = f"{start.isoformat()}..{end.isoformat()}"
        reason = " ".join(f"{s.id}: {s.date.reason}" for s in self.sources) if len(dates) > 1 else dates[0].reason
        return EraDate(start, end, precision, label, reason)

    @property
    def incomplete_sources(self) -> tuple[Source, ...]:
        """The era's sources whose archived text stops short (`complete: false`)."""
        return tuple(source for source in self.sources if not source.complete)

    @property
    def complete(self) -> bool:
        """Whether every source of the era is complete: what it does not mention lies nowhere
        beyond its archived text."""
        return not self.incomplete_sources

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every node, in the order of the era file."""
        return self.era.nodes

    @property
    def edges(self) -> tuple[Edge, ...]:
        """Every edge, in the order of the era file."""
        return self.era.edges

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every stated figure, in the order of the era file."""
        return self.era.claims

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self.era.nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def node(self, node_id: str) -> Node:
        """The node with exactly this id.

        Raises:
            NotFoundError: no such id in this era; the message suggests the closest ids.
        """
        try:
            return self._nodes[node_id]
        except KeyError:
            raise NotFoundError(f"node in era {self.id!r} with id", node_id, self._nodes, era=self.id) from None

    def get(self, ref: str | Node) -> Node:
        """The node named by `ref`: an id, name, acronym or alias, case-insensitively.

        An exact id wins; otherwise every node whose name, acronym or alias matches is a
        candidate. Case and Unicode normalization are ignored (`query.fold_name`).

        Raises:
            NotFoundError: nothing matches; the message lists the closest names.
            AmbiguousError: several nodes match; the message lists their ids.
        """
        if isinstance(ref, Node):
            return self.node(ref.id)
        if ref in self._nodes:
            return self._nodes[ref]
        wanted = query.fold_name(ref)
        matches = [
            node
            for node in self.era.nodes
            if wanted in {query.fold_name(name) for name in (node.id, node.name, node.acronym or "", *node.aliases)}
        ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousError(f"name in era {self.id!r}", ref, (n.id for n in matches))
        names = [n.id for n in self.era.nodes] + [n.name for n in self.era.nodes]
        names += [n.acronym for n in self.era.nodes if n.acronym]
        raise NotFoundError(f"node in era {self.id!r} named", ref, names, era=self.id)

    def parent(self, ref: str | Node) -> Node | None:
        """The main parent (the first `parent` edge the era file states), or None for a root."""
        parent_id = self._main_parent.get(self.get(ref).id)
        return self._nodes[parent_id] if parent_id else None

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute()` says of this era, computed once: for structure derived from the era
        (its branches, by the change engine) that many steps of one command ask for. An era
        never changes, so what is derived from it never goes stale."""
        store = self.__dict__.setdefault("_derived", {})
        if key not in store:
            store[key] = compute()
        return store[key]

    @property
    def parent_ids(self) -> Mapping[str, str]:
        """Each placed entity's id and its main parent's id, for loops over every entity: the
        era's own index, typed read-only and not to be changed. Not wrapped in a
        `MappingProxyType`: a diff at 100,000 entities asks it 400,000 times, and a proxy's
        `get` took twice a dict's (0.22 s of a 2.8 s diff, cProfile)."""
        return self._main_parent

    @property
    def nodes_by_id(self) -> Mapping[str, Node]:
        """Each node by its id (typed read-only, as `parent_ids`): `node` without its error
        handling, for loops over every entity (a diff at 100,000 entities looks up 200,000
        nodes, and the method call cost as much as the lookup)."""
        return self._nodes

    @property
    def children_of(self) -> Mapping[str, Sequence[Node]]:
        """Each parent's id and its children by main parent, in file order (typed read-only, as
        `parent_ids`): `children` without resolving names, for walks over every entity."""
        return self._children

    def parent_id(self, node_id: str) -> str | None:
        """The id of the main parent of the node with id `node_id`, or None (for a root, or an id
        not in this era): `parent` without resolving names, for loops over every entity."""
        return self._main_parent.get(node_id)

    def parents(self, ref: str | Node) -> tuple[Node, ...]:
        """Every parent the document states: more than one is a `second_parent` finding."""
        return tuple(self._nodes[e.superior] for e in self._parent_edges.get(self.get(ref).id, ()))

    def parent_edge(self, child: str, parent: str) -> Edge | None:
        """The parent edge from `parent` to `child`, if the era states one."""
        return next((e for e in self._parent_edges.get(child, ()) if e.superior == parent), None)

    def parent_edges_of(self, children: Iterable[str]) -> dict[str, list[Edge]]:
        """The parent edges of each of `children` (ids) that has one, in the order of the era
        file: one pass over the edges that indexes only these entities. A diff asks this for
        the few entities it moved; indexing every entity of both eras for them (`parent_edge`)
        was 0.13 s of a 1.7 s diff at 100,000 entities (cProfile)."""
        if "_parent_edges" in self.__dict__:  # the whole index is built already: use it
            index = self._parent_edges
            return {child: index[child] for child in children if child in index}
        wanted = set(children)
        found: dict[str, list[Edge]] = {}
        for edge in self.era.edges:
            if edge.subordinate in wanted and edge.kind == "parent":
                found.setdefault(edge.subordinate, []).append(edge)
        return found

    @cached_property
    def _parent_edges(self) -> dict[str, list[Edge]]:
        """The parent edges of each entity, in the order of the era file (indexed once: asking
        every edge of a 100,000-entity era per question would make a diff quadratic)."""
        index: dict[str, list[Edge]] = {}
        for edge in self.era.edges:
            if edge.kind == "parent":
                index.setdefault(edge.subordinate, []).append(edge)
        return index

    def children(self, ref: str | Node) -> tuple[Node, ...]:
        """The nodes whose main parent is `ref`, in the order of the era file."""
        return tuple(self._children.get(self.get(ref).id, ()))

    def roots(self) -> tuple[Node, ...]:
        """Nodes without a parent, in the order of the era file."""
        return tuple(n for n in self.era.nodes if n.id not in self._main_parent)

    def level(self, ref: str | Node) -> int:
        """How many main parents lie above `ref` (0 for a root): walked up once per entity and
        remembered, so a question costs O(1) on average at any depth, and a few questions cost
        no pass over the whole era."""
        node_id = self.get(ref).id
        levels = self.__dict__.setdefault("_levels", {})
        path: list[str] = []
        current: str | None = node_id
        while current is not None and current not in levels and current not in path:
            path.append(current)
            current = self._main_parent.get(current)
        level = levels.get(current, 0) if current is not None else -1
        for step in reversed(path):
            level += 1
            levels[step] = level
        return int(levels[node_id])

    def is_below(self, ref: str | Node, ancestor: str | Node) -> bool:
        """Whether `ancestor` is a main parent of `ref`, or a parent of one (not `ref` itself)."""
        enter, leave, _ = self._tree_spans[self.get(ref).id]
        above_enter, above_leave, _ = self._tree_spans[self.get(ancestor).id]
        return above_enter < enter and leave <= above_leave

    @cached_property
    def _tree_spans(self) -> dict[str, tuple[int, int, int]]:
        """For every node: when a depth-first walk of the main-parent tree enters and leaves it,
        and its level. One iterative pass, so ancestry and depth questions cost O(1) at any
        depth (a 2,000-deep chain asked per node by walking was quadratic)."""
        spans: dict[str, tuple[int, int, int]] = {}
        clock = 0
        for root in self.roots():
            stack: list[tuple[str, int, bool]] = [(root.id, 0, False)]
            while stack:
                node_id, level, leaving = stack.pop()
                if leaving:
                    enter, _, _ = spans[node_id]
                    spans[node_id] = (enter, clock, level)
                    continue
                clock += 1
                spans[node_id] = (clock, clock, level)
                stack.append((node_id, level, True))
                stack.extend((child.id, level + 1, False) for child in reversed(self._children.get(node_id, ())))
        for node in self.era.nodes:  # only in a chart built without validation: a parent cycle
            if node.id not in spans:
                clock += 1
                spans[node.id] = (clock, clock, 0)
        return spans

    def path(self, ref: str | Node) -> tuple[Node, ...]:
        """From a root down to `ref`, both included: main parents, or the overseer of an
        entity no unit contains (see `query.path`)."""
        return query.path(self, ref)

    def path_steps(self, ref: str | Node) -> tuple[query.PathStep, ...]:
        """The path to `ref`, each step saying whether it hangs by `parent` or `oversight`
        (see `query.path_steps`)."""
        return query.path_steps(self, ref)

    def subtree(self, ref: str | Node, depth: int | None = None) -> Subtree:
        """`ref` and everything below it, `depth` levels deep (see `query.subtree`)."""
        return query.subtree(self, ref, depth)

    def oversees(self, ref: str | Node) -> tuple[Node, ...]:
        """What `ref` oversees directly, by `oversight` edges (see `query.oversees`)."""
        return query.oversees(self, ref)

    def overseen_by(self, ref: str | Node) -> tuple[Node, ...]:
        """Who oversees `ref` directly, by `oversight` edges (see `query.overseen_by`)."""
        return query.overseen_by(self, ref)

    def relations(
        self, ref: str | Node, other: str | Node | None = None, *, kind: str | None = None
    ) -> tuple[Edge, ...]:
        """The edges touching `ref`, or joining `ref` and `other` (see `query.relations`)."""
        return query.relations(self, ref, other, kind=kind)

    def find(self, text: str | None = None, *, kind: str | None = None) -> tuple[Node, ...]:
        """Nodes whose names contain `text`, of kind `kind` (see `query.find`)."""
        return query.find(self, text, kind=kind)

    def citations(
        self, ref: str | Node, other: str | Node | None = None, *, kind: str | None = None
    ) -> tuple[Citation, ...]:
        """The quotes behind a node, or behind the edges joining two (see `query.citations`)."""
        return query.citations(self, ref, other, kind=kind)

    def is_second_parent(self, edge: Edge) -> bool:
        """Whether `edge` is a parent edge other than its subordinate's main one."""
        return edge.kind == "parent" and self._main_parent.get(edge.subordinate) != edge.superior

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The era as a `networkx.MultiDiGraph` (edges from superior to subordinate, keyed by
        kind, with every attribute), built the first time it is asked for."""
        import networkx as nx

        graph = nx.MultiDiGraph(era=self.era.id, label=self.era.label)
        for node in self.era.nodes:
            graph.add_node(
                node.id,
                name=node.name,
                kind=node.kind,
                acronym=node.acronym,
                aliases=list(node.aliases),
                citations=citation_dicts(node.citations),
            )
        for edge in self.era.edges:
            graph.add_edge(
                edge.superior,
                edge.subordinate,
                key=edge.kind,
                kind=edge.kind,
                citations=citation_dicts(edge.citations),
                second_parent=self.is_second_parent(edge),
            )
        return graph


class Dataset:
    """Every era of a dataset, in chronological order, with its sources and lineage."""

    def __init__(self, validated: ValidatedData) -> None:
        loaded = validated.loaded
        self.root = loaded.root
        self.sources: Mapping[str, Source] = {s.id: s for s in loaded.sources}
        self.lineage: tuple[LineageLink, ...] = loaded.lineage
        charts = [
            OrgChart(le.era, tuple(self.sources[s] for s in le.era.sources), validated.findings[le.era.id])
            for le in loaded.eras
        ]
        charts.sort(key=lambda c: (c.date.start, c.date.end, c.id))
        self.eras: tuple[OrgChart, ...] = tuple(charts)
        self._by_id = {chart.id: chart for chart in charts}
        self._source_texts = validated.source_texts
        self.settings = loaded.settings

    def __repr__(self) -> str:
        return f"<Dataset {str(self.root)!r}: {len(self.eras)} eras>"

    def __iter__(self) -> Iterator[OrgChart]:
        return iter(self.eras)

    def __len__(self) -> int:
        return len(self.eras)

    @property
    def latest(self) -> OrgChart:
        """The most recent era."""
        return self.eras[-1]

    @property
    def default(self) -> OrgChart:
        """The era used when none is named: `default_era` in `dataset.yaml`, else the latest era
        whose sources are all complete (a truncated newest page is not the default), else the
        latest."""
        if self.settings.default_era:
            return self.era(self.settings.default_era)
        return next((chart for chart in reversed(self.eras) if chart.complete), self.latest)

    @property
    def default_reason(self) -> str:
        """Why `default` is the default, in words (for messages)."""
        if self.settings.default_era:
            return "named by default_era in dataset.yaml"
        if self.default is self.latest:
            return "the latest era"
        return "the latest era whose archived text is complete"

    def at(self, date: str | dt.date) -> OrgChart:
        """The era in force at `date`: the latest era dated on or before it (see `era_at`)."""
        return self.era_at(date).era

    def era_at(self, date: str | dt.date) -> EraAt:
        """The era in force at `date` (a date, or `2021`, `2021-05`, `2021-05-17`), with a note
        when the eras' date ranges make the choice uncertain.

        An era counts from the start of its date range; a year or month means its last day.

        Raises:
            NotFoundError: no era is dated on or before `date`.
        """
        day = parse_as_of(date)
        before = [chart for chart in self.eras if chart.date.start <= day]
        if not before:
            first = self.eras[0]
            raise NotFoundError(
                "era dated on or before",
                day.isoformat(),
                (),
                hint=f"(the earliest era, {first.id}, is dated {first.date.label})",
            )
        chart = before[-1]
        doubts = []
        if chart.date.end > day:
            doubts.append(f"{chart.id} is dated {chart.date.label}, which may be after {day.isoformat()}")
        overlapping = [c.id for c in before[:-1] if c.date.end >= day]
        if overlapping:
            doubts.append(f"the date ranges of {', '.join(overlapping)} also reach {day.isoformat()}")
        return EraAt(chart, "; ".join(doubts))

    def era(self, era_id: str) -> OrgChart:
        """The era with this id (case-insensitive).

        Raises:
            NotFoundError: no such era; the message suggests the closest ids.
        """
        if era_id in self._by_id:
            return self._by_id[era_id]
        for chart in self.eras:
            if chart.id.casefold() == era_id.casefold():
                return chart
        raise NotFoundError("era", era_id, self._by_id)

    def previous(self, chart: OrgChart) -> OrgChart | None:
        """The era before `chart`, or None for the first."""
        index = self.eras.index(chart)
        return self.eras[index - 1] if index else None

    def timeline(self, ref: str | Node, *, era: str | None = None) -> Timeline:
        """The entity `ref` in every era, oldest first: its node there (or absence) and main
        parent, following `lineage` links to predecessors and successors.

        `ref` is an id, or a name resolved in every era that knows it (or only in `era`).
        See `orgchart.timeline.timeline_of` for what it raises.
        """
        return timeline_of(self.eras, ref, lineage=self.lineage, within=self.era(era) if era else None)

    @property
    def findings(self) -> dict[str, tuple[Finding, ...]]:
        """The findings of every era, by era id."""
        return {chart.id: chart.findings for chart in self.eras}


def load(data_dir: str | Path | None = None, *, strict: bool = False) -> Dataset:
    """Read, validate and build a dataset: the bundled one unless `data_dir` is given.

    A dataset none of whose files changed since it was last loaded is rebuilt from a cache
    without being read and checked again (see `orgchart.dataset.cache`; invisible, and never
    stale: it is keyed by the files' content).

    Args:
        data_dir: a directory holding `sources.yaml`, `sources/` and `eras/`.
        strict: treat uncited facts as errors instead of findings.

    Raises:
        DataError: the data is malformed or breaks an invariant; lists every problem.

    Example:
        >>> ds = orgchart.load()
        >>> [era.id for era in ds.eras][:1]
        ['dro-2008']
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    return _load(root, strict, dataset_key(root, strict=strict))


def _load(root: Path, strict: bool, key: str | None) -> Dataset:
    with paused_gc():
        validated = load_validated(root, strict=strict, key=key)
        with progress.task("building the eras", total=len(validated.loaded.eras)):
            return Dataset(validated)


@dataclass(frozen=True)
class EraVerdict:
    """One era as `orgchart validate` reports it: its id, findings and (as `len`) node count."""

    id: str
    nodes: int
    findings: tuple[Finding, ...]

    def __len__(self) -> int:
        return self.nodes


@dataclass(frozen=True)
class Verdict:
    """What `orgchart validate` reports of a valid dataset, shaped like the `Dataset` it
    summarizes: its eras in chronological order, and its sources' ids."""

    eras: tuple[EraVerdict, ...]
    sources: tuple[str, ...]


def _verdict(validated: ValidatedData) -> Verdict:
    """What `orgchart validate` says of `validated`, without building its eras' charts (their
    indexes cost more than the rest of a verdict): the eras in `Dataset`'s order."""
    loaded = validated.loaded
    sources = {source.id: source for source in loaded.sources}

    def chronological(era: Era) -> tuple[dt.date, dt.date, str]:
        dates = [sources[source].date for source in era.sources]  # as `OrgChart.date` spans them
        return (min(d.start for d in dates), max(d.end for d in dates), era.id)

    eras = sorted((loaded_era.era for loaded_era in loaded.eras), key=chronological)
    return Verdict(tuple(EraVerdict(e.id, len(e.nodes), validated.findings[e.id]) for e in eras), tuple(sources))


def check(data_dir: str | Path | None = None, *, strict: bool = False) -> Verdict:
    """Validate a dataset and say what `orgchart validate` says of it.

    When no file changed since the dataset was last checked, the cache's record answers
    without building the eras at all (a warm `orgchart validate` of 2 x 100,000 entities).

    Raises:
        DataError: the data is malformed or breaks an invariant; lists every problem.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    key = dataset_key(root, strict=strict)
    if key is not None:
        recorded = read_record(key, "verdict")
        if recorded is not None:
            try:
                eras = tuple(
                    EraVerdict(era, count, tuple(Finding.model_validate(f) for f in found))
                    for era, count, found in recorded["eras"]
                )
                return Verdict(eras, tuple(recorded["sources"]))
            except (KeyError, TypeError, ValueError):
                pass
    with paused_gc():
        validated = load_validated(root, strict=strict, key=key)
        verdict = _verdict(validated)
        # Freed while the collector is paused: re-enabled with the dataset's millions of objects
        # alive, its next full pass would walk them all (0.4 s at 2 x 100,000 entities).
        del validated
    if key is not None:
        eras_record = [(e.id, e.nodes, [f.model_dump() for f in e.findings]) for e in verdict.eras]
        write_record(key, "verdict", {"eras": eras_record, "sources": list(verdict.sources)})
    return verdict
