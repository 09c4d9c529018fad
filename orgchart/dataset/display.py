"""How the library's objects show themselves: one short `repr()` line, and rich output in
Jupyter, without the lower layers importing the renderers. It sits in the lowest package, the
one every object's module already imports.

`OrgChart`, `Subtree`, `ChangeSet` and `Timeline` live in layers that may not import
`orgchart.render` or `orgchart.report` (see the import contracts in pyproject.toml). Their
`_repr_mimebundle_` / `_repr_html_` ask this module, and `orgchart.embed.jupyter`, which
`import orgchart` loads, tells it how: it registers one function per kind of object, once, at
import. Without a registered function an object shows its plain `repr()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

Bundle = dict[str, str]
"""A MIME bundle: MIME type -> content (`image/svg+xml`, `text/html`, `text/plain`)."""

_DISPLAYS: dict[str, Callable[[object], Bundle]] = {}
"""Filled once by `orgchart.embed.jupyter` when `orgchart` is imported; read-only after that."""

CLIP: Final[int] = 48
"""Characters of free text (a quote, a message) a one-line repr shows before "…"."""


def register(kind: str, display: Callable[[object], Bundle]) -> None:
    """Say how objects of `kind` (`era`, `subtree`, `changes`, `timeline`) display in Jupyter."""
    _DISPLAYS[kind] = display


def bundle(kind: str, value: object) -> Bundle:
    """The MIME bundle of `value`, or its plain repr when nothing is registered for `kind`."""
    display = _DISPLAYS.get(kind)
    return display(value) if display is not None else {"text/plain": repr(value)}


def clip(text: object, width: int = CLIP) -> str:
    """`text` on one line, cut to `width` characters with "…" (for one-line reprs)."""
    folded = " ".join(str(text).split())
    return folded if len(folded) <= width else folded[: width - 1] + "…"
