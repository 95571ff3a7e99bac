"""Deduplication: text signatures (MinHash over character shingles), official document numbers,
and their index in SQLite. Signatures and numbers are computed per page (pure, in
``signature.py`` and ``docnumbers.py``); matching against what is stored happens in the single
database writer (``index.py``)."""
