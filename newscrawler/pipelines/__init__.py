"""Item pipelines, one job per file, ordered in ``newscrawler.settings.ITEM_PIPELINES``.

Per-page stages (extract, language, dates, dedup keys) need only the item and never touch the
database; whole-database stages (store, and later clusters) run in the single writer.
"""
