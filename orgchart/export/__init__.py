"""Interchange formats, one module each, every one with a `to_*` (text or bytes) and a
`write_*` (atomic file) function, and the importer that turns other tools' files into an era.

Exports read eras, the change history (RDF) and the report sentences; `importer` writes a
dataset through the data layer's loader and validation. Nothing here imports the page, `build`
or the command line.
"""
