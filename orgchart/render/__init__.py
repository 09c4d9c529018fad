"""Charts drawn with Graphviz: `changes.py` draws what changed between two eras."""
