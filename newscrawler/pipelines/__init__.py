"""Item pipelines, one job per file, ordered in ``newscrawler.settings.ITEM_PIPELINES``.

Per-page stages (language, dates, dedup keys, cluster analysis) need only the item and never touch
the database; the costly ones hand their pure function to the worker processes
(``newscrawler.workers``). The whole-database stage (the store: articles, dedup matching, cluster
lists, alerts) runs in the single writer. Extraction is no stage of its own: the spider reads
each page once, for its links and its article alike (``extract/reading.py``).
"""
