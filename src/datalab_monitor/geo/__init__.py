"""CBS boundaries: reading, validating and downloading TopoJSON files (no Django needed to read)."""
