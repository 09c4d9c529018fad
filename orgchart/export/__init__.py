"""Interchange formats, one module each, every one with a `to_*` (text or bytes) and a
`write_*` (atomic file) function."""
