"""Crawl-run bookkeeping: one ``crawl_runs`` row per crawl and source, written when the crawl
closes, from the per-source counters the spider, middleware and pipelines keep in Scrapy's
stats (``newscrawler/source/<id>/...``).

Every article page is accounted for: the spider counts ``articles_fetched`` and the drops it
makes (``dropped/<reason>``); this extension counts the articles that went through every
pipeline (``articles_stored``, Scrapy's ``item_scraped``) and those a pipeline dropped or
failed on (``dropped/<reason>``, ``dropped/pipeline_error``), so that
``articles_fetched == articles_stored + articles_dropped`` holds for every run."""

from __future__ import annotations

import json
import logging
import uuid

from scrapy import signals

from newscrawler.db import open_db, utcnow
from newscrawler.items import Article

logger = logging.getLogger(__name__)
PREFIX = "newscrawler/source/"
PAGE_KINDS = ("article", "listing", "static")


def per_source_counts(stats: dict) -> dict[str, dict]:
    """{source: {"pages": n, "articles_new": n, ..., "errors": {kind: n}}} from flat stats keys."""
    out: dict[str, dict] = {}
    for key, value in stats.items():
        if not key.startswith(PREFIX):
            continue
        source, _, rest = key[len(PREFIX):].partition("/")
        entry = out.setdefault(source, {"errors": {}})
        if rest.startswith("errors/"):
            entry["errors"][rest[len("errors/"):]] = value
        elif rest.startswith("dropped/"):
            entry.setdefault("drops", {})[rest[len("dropped/"):]] = value
        else:
            entry[rest] = value
    return out


class CrawlRunRecorder:
    def __init__(self, crawler, db_path: str, run_id: str):
        self.crawler = crawler
        self.db_path = db_path
        self.run_id = run_id
        self.started_at = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(crawler, s.get("NEWSCRAWLER_DB"), s.get("NEWSCRAWLER_RUN_ID") or uuid.uuid4().hex[:12])

    def spider_opened(self, spider):
        """A row per source at once (finish_reason NULL while running), so a crawl that is killed
        is visible as one that never finished."""
        self.started_at = utcnow()
        self.crawler.stats.set_value("newscrawler/run_id", self.run_id)
        rows = [{"run_id": self.run_id, "source": source, "started_at": self.started_at}
                for source in getattr(spider, "sites", {}) or {}]
        self._write(lambda db: db["crawl_runs"].insert_all(rows))

    def _count_article(self, item, name: str) -> None:
        if isinstance(item, Article):
            self.crawler.stats.inc_value(f"{PREFIX}{item.source}/{name}")

    def item_scraped(self, item, response=None, spider=None):
        self._count_article(item, "articles_stored")

    def item_dropped(self, item, response=None, exception=None, spider=None):
        reason = getattr(exception, "reason", None) or "dropped_by_pipeline"
        self._count_article(item, f"dropped/{reason}")
        if isinstance(item, Article):
            logger.warning("article not stored (%s): %s", reason, item.fetched_url)

    def item_error(self, item, response=None, spider=None, failure=None):
        self._count_article(item, "dropped/pipeline_error")
        if isinstance(item, Article):
            logger.error("article not stored (pipeline_error: %s): %s",
                         failure.getErrorMessage() if failure else "?", item.fetched_url)

    def spider_closed(self, spider, reason):
        counts = per_source_counts(self.crawler.stats.get_stats())
        finished = utcnow()
        rows = []
        for source in getattr(spider, "sites", {}) or counts:
            c = counts.get(source, {"errors": {}})
            rows.append({
                "run_id": self.run_id, "source": source, "started_at": self.started_at,
                "finished_at": finished, "pages_fetched": c.get("pages", 0),
                "articles_new": c.get("articles_new", 0), "articles_updated": c.get("articles_updated", 0),
                "articles_unchanged": c.get("articles_unchanged", 0),
                "articles_duplicate": c.get("articles_duplicate", 0) + c.get("articles_near_duplicate", 0),
                "articles_fetched": c.get("articles_fetched", 0), "articles_stored": c.get("articles_stored", 0),
                "articles_dropped": sum(c.get("drops", {}).values()),
                "drops": json.dumps(c.get("drops", {}), sort_keys=True),
                "pages_by_kind": json.dumps({k: c[f"{k}_pages"] for k in PAGE_KINDS if f"{k}_pages" in c}),
                "errors_total": sum(c["errors"].values()),
                "errors": json.dumps(c["errors"], sort_keys=True), "finish_reason": reason,
            })

        def finish(db):
            for row in rows:
                updated = db.execute("UPDATE crawl_runs SET finished_at = :finished_at, pages_fetched = :pages_fetched, "
                                     "articles_new = :articles_new, articles_updated = :articles_updated, "
                                     "articles_unchanged = :articles_unchanged, articles_duplicate = :articles_duplicate, "
                                     "errors_total = :errors_total, errors = :errors, finish_reason = :finish_reason, "
                                     "articles_fetched = :articles_fetched, articles_stored = :articles_stored, "
                                     "articles_dropped = :articles_dropped, drops = :drops, "
                                     "pages_by_kind = :pages_by_kind "
                                     "WHERE run_id = :run_id AND source = :source", row).rowcount
                if not updated:
                    db["crawl_runs"].insert(row)

        self._write(finish)
        logger.info("recorded crawl run %s for %d source(s)", self.run_id, len(rows))

    def _write(self, work) -> None:
        db = open_db(self.db_path)
        try:
            with db.atomic():
                work(db)
        finally:
            db.close()
