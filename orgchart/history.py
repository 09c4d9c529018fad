"""`orgchart.history`, as documented before the change engine became a package.

The history lives in `orgchart.changes.history`; this module keeps the documented import path
(`from orgchart.history import history`) working.
"""

from orgchart.changes.history import GapChange, GridRow, History, entity_timeline, history, history_of

__all__ = ["GapChange", "GridRow", "History", "entity_timeline", "history", "history_of"]
