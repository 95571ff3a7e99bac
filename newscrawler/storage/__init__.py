"""Storage: the SQL statements of the writer, grouped by what they keep. The project moves every
statement here over time; ``originals.py`` holds those that elect and re-point originals."""
