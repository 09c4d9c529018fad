"""How one chart is drawn for a page: overview or full, caption and legend, node links, which
relations, and the prefix of its SVG ids.

`ChartOptions` is a value: the fence, the Sphinx directive, Jupyter and `orgchart render` build
one and hand it to `orgchart.render.figure`. Every option is checked here, once, with an error
that lists the valid choices.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from orgchart.dataset.model import EDGE_KINDS
from orgchart.errors import OrgChartError

OVERVIEW_RELATIONS: Final[frozenset[str]] = frozenset({"parent", "oversight"})
"""The relations an overview draws unless asked for more: the hierarchy. Working relations
(partnership, coordination, support) mostly join outside bodies and widen a chart most."""

_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


class ChartOptionError(OrgChartError, ValueError):
    """An option a chart cannot take (an unknown relation kind, a bad link template or id
    prefix); the message says which values are valid."""


@dataclass(frozen=True)
class ChartOptions:
    """Everything about a chart besides its era, root and depth.

    Attributes:
        overview: draw the overview form: the top levels, each collapsed branch with a count
            of what it holds, the hierarchy only unless `relations` asks for more.
        legend: draw the legend of kinds under the caption.
        caption: draw the title and the date and source lines (the SVG keeps its accessible
            `<title>` and `<desc>` either way).
        link: a URL template for every node (`https://example.org/units/{id}`; `{id}` and
            `{era}` are filled in), or None for no links.
        relations: the edge kinds to draw; None for the default (every kind; the overview:
            `OVERVIEW_RELATIONS`).
        id_prefix: put before every id in the SVG so several charts share a page; None for
            the plain ids (`node-<id>`), "" is the same as None.
    """

    overview: bool = False
    legend: bool = True
    caption: bool = True
    link: str | None = None
    relations: frozenset[str] | None = None
    id_prefix: str | None = None

    def __post_init__(self) -> None:
        if self.relations is not None:
            unknown = sorted(set(self.relations) - set(EDGE_KINDS))
            if unknown:
                raise ChartOptionError(f"unknown relation kind {unknown[0]!r}; valid kinds: {', '.join(EDGE_KINDS)}")
            if not self.relations:
                raise ChartOptionError(f"no relation kind given; valid kinds: {', '.join(EDGE_KINDS)}")
        if self.link is not None:
            verify_link(self.link)
        if self.id_prefix and not _PREFIX.match(self.id_prefix):
            raise ChartOptionError(
                f"id prefix {self.id_prefix!r} is not usable in an SVG id; use a letter followed by "
                "letters, digits, '-', '_' or '.'"
            )

    @property
    def drawn_relations(self) -> frozenset[str]:
        """The edge kinds this chart draws."""
        if self.relations is not None:
            return self.relations
        return OVERVIEW_RELATIONS if self.overview else frozenset(EDGE_KINDS)


def parse_relations(text: str | Iterable[str]) -> frozenset[str]:
    """`parent,oversight` (or a list of kinds) as a set of edge kinds.

    Raises:
        ChartOptionError: a kind is not one of `orgchart.dataset.model.EDGE_KINDS`.
    """
    parts = text.split(",") if isinstance(text, str) else list(text)
    kinds = frozenset(part.strip() for part in parts if part.strip())
    return ChartOptions(relations=kinds).drawn_relations


def verify_link(template: str) -> str:
    """`template` if it is a usable node link: fields `{id}` and `{era}` only.

    Raises:
        ChartOptionError: another field, or a brace that does not close.
    """
    try:
        template.format(id="x", era="y")
    except (KeyError, IndexError, ValueError) as error:
        raise ChartOptionError(
            f"link template {template!r} cannot be filled in ({error}); use {{id}} and {{era}}, "
            "and double any other brace ({{ }})"
        ) from None
    return template


def node_link(template: str, era_id: str, node_id: str) -> str:
    """The link of one node: the template with `{id}` and `{era}` filled in (ids are already
    URL-safe: lower-case letters, digits, `.`, `_` and `-`)."""
    return template.format(id=node_id, era=era_id)


def automatic_prefix(era_id: str, root: str | None, depth: int | None, options: ChartOptions) -> str:
    """An id prefix for one embed, derived from what it draws: the era, a short form of the root,
    and a hash of everything else, so two different charts of one page never share an id and
    the same chart gets the same prefix on every build."""
    key = repr((era_id, root, depth, options.overview, options.legend, options.caption, options.link,
                sorted(options.drawn_relations)))  # fmt: skip
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    readable = re.sub(r"[^a-z0-9]+", "-", f"{era_id}-{root or 'all'}".lower()).strip("-")[:40]
    return f"oc-{readable}-{digest}-"
