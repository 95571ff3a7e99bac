"""Whole-database: write articles, and what they change, to SQLite in batched transactions.

The single writer: for each item, the article row (db.store_article: new / updated / unchanged /
duplicate), then — for a stored article that is new, changed or a near copy — the change
detector's update of cluster lists and its alerts (detect/changes.py), all in the same
transaction, so an alert is never committed without its article nor lost with it.

Each item is written as it arrives, inside a transaction that commits every
``NEWSCRAWLER_COMMIT_EVERY`` items or ``NEWSCRAWLER_COMMIT_SECONDS`` seconds and when the
crawl closes, so the decision new / updated / unchanged / duplicate is known at once (later
stages read ``item.store_status``) while the database sees few, large transactions. A crawl
killed mid-way loses at most the open batch, never half an article.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone

import numpy as np

from newscrawler.db import mark_seen, open_db, store_article, utcnow
from newscrawler.dedup.signature import Signature
from newscrawler.detect.changes import ArticleFacts, in_baseline, record_analysis
from newscrawler.items import NotModified

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, db_path: str, stats, commit_every: int = 200, commit_seconds: float = 5.0,
                 alert_window: int | None = 30, crawler=None):
        self.db_path = db_path
        self.crawler = crawler
        self.alert_window = alert_window       # days; None: alert on everything, even on a first crawl
        self.first_crawl: set[str] = set()     # sources never crawled before this run
        self.primary_sources: set[str] = set()  # registry entries marked primary (for items without hints)
        self.stats = stats
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.db = None
        self.pending = 0
        self.last_commit = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        window = str(s.get("NEWSCRAWLER_ALERT_WINDOW", "30")).strip().lower()
        return cls(s.get("NEWSCRAWLER_DB"), crawler.stats, s.getint("NEWSCRAWLER_COMMIT_EVERY"),
                   s.getfloat("NEWSCRAWLER_COMMIT_SECONDS"), None if window == "all" else int(window), crawler)

    def open_spider(self):
        self.db = open_db(self.db_path)
        crawled = {r[0] for r in self.db.execute("SELECT DISTINCT source FROM crawl_runs WHERE finished_at IS NOT NULL")}
        spider = self.crawler.spider if self.crawler is not None else None
        sites = getattr(spider, "sites", {}) or {}
        self.first_crawl = set(sites) - crawled
        self.primary_sources = {sid for sid, site in sites.items() if getattr(site, "primary", False)}
        logger.info("storing articles in %s", self.db_path)

    def close_spider(self):
        if self.db is not None:
            self._commit()
            self.db.close()
            self.db = None

    def _commit(self):
        if self.db.conn.in_transaction:
            self.db.commit()
        self.pending = 0
        self.last_commit = time.monotonic()

    def process_item(self, item):
        if not self.db.conn.in_transaction:
            self.db.begin()
        now = utcnow()
        if isinstance(item, NotModified):
            mark_seen(self.db, item.url, item.seen_at, item.fetched)
            self.stats.inc_value(f"newscrawler/source/{item.source}/articles_unchanged")
            self._count_and_maybe_commit()
            return item
        row = {
            "url": item.url, "source": item.source, "title": item.title, "text": item.text,
            "published_at": item.published_at, "modified_at": item.modified_at,
            "published_raw": item.published_raw, "date_source": item.date_source,
            "language": item.language, "language_confidence": item.language_confidence,
            "content_hash": item.content_hash, "fetched_url": item.fetched_url, "encoding": item.encoding,
            "listing_raw": item.listing_raw, "etag": item.etag, "last_modified": item.last_modified,
            "last_fetched_at": item.fetched_at,   # the fetch's validators go to article_urls
            "primary_source": int(self._is_primary(item)),
        }
        signature = Signature(np.asarray(item.signature, dtype=np.uint32), item.signature_size) \
            if item.signature else None
        before = self.db.execute("SELECT cluster FROM articles WHERE url = ?", [item.url]).fetchone()
        previous = json.loads(before[0]) if before and before[0] else None
        row["cluster_label"] = (item.cluster or {}).get("label")
        row["cluster"] = json.dumps(item.cluster, ensure_ascii=False) if item.cluster else None
        item.store_status, item.article_id = store_article(self.db, row, now, signature=signature,
                                                           doc_numbers=item.doc_numbers)
        self.stats.inc_value(f"newscrawler/source/{item.source}/articles_{item.store_status}")
        if item.store_status in ("new", "updated", "near_duplicate") and item.cluster:
            self._detect_changes(item, now, previous)
        self._count_and_maybe_commit()
        return item

    def _is_primary(self, item) -> bool:
        """The registry's ``primary`` flag, carried in the item's hints (or the crawl's registry)."""
        return bool((item.hints or {}).get("primary", item.source in self.primary_sources))

    def _detect_changes(self, item, now: str, previous: dict | None):
        duplicate_of = self.db.execute("SELECT duplicate_of FROM articles WHERE id = ?", [item.article_id]).fetchone()
        facts = ArticleFacts(item.article_id, item.url, item.title, item.source, item.language, item.published_at,
                             item.store_status, duplicate_of[0] if duplicate_of else None)
        baseline = in_baseline(item.published_at, item.source in self.first_crawl, self.alert_window,
                               datetime.now(timezone.utc))
        for alert in record_analysis(self.db, facts, item.cluster, now, baseline=baseline, previous=previous):
            self.stats.inc_value(f"newscrawler/source/{item.source}/alerts/{alert['kind']}")
            logger.info("alert %s: %s (%s)", alert["kind"], item.title, item.url)
        if baseline and item.cluster.get("label") == "announcement":
            self.stats.inc_value(f"newscrawler/source/{item.source}/baseline_announcements")

    def _count_and_maybe_commit(self):
        self.pending += 1
        if self.pending >= self.commit_every or time.monotonic() - self.last_commit >= self.commit_seconds:
            self._commit()
