"""Item pipelines, one job per file, ordered in ``newscrawler.settings.ITEM_PIPELINES``.

Per-page work is no pipeline: the spider reads each page once (``newscrawler.reader.read_page``,
in a worker process), and the item it yields carries everything the archive stores. The
pipelines are the whole-database steps (the store: articles, dedup matching, cluster lists,
alerts), which run in the single writer.
"""
