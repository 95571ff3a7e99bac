"""Whole-database: write articles to SQLite in batched transactions.

Each item is written as it arrives, inside a transaction that commits every
``NEWSCRAWLER_COMMIT_EVERY`` items or ``NEWSCRAWLER_COMMIT_SECONDS`` seconds and when the
crawl closes, so the decision new / updated / unchanged / duplicate is known at once (later
stages read ``item.store_status``) while the database sees few, large transactions. A crawl
killed mid-way loses at most the open batch, never half an article.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from newscrawler.db import mark_seen, open_db, store_article, utcnow
from newscrawler.dedup.signature import Signature
from newscrawler.items import NotModified

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, db_path: str, stats, commit_every: int = 200, commit_seconds: float = 5.0):
        self.db_path = db_path
        self.stats = stats
        self.commit_every = commit_every
        self.commit_seconds = commit_seconds
        self.db = None
        self.pending = 0
        self.last_commit = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.get("NEWSCRAWLER_DB"), crawler.stats, s.getint("NEWSCRAWLER_COMMIT_EVERY"),
                   s.getfloat("NEWSCRAWLER_COMMIT_SECONDS"))

    def open_spider(self):
        self.db = open_db(self.db_path)
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
            mark_seen(self.db, item.url, now, item.fetched)
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
        }
        signature = Signature(np.asarray(item.signature, dtype=np.uint32), item.signature_size) \
            if item.signature else None
        item.store_status, item.article_id = store_article(self.db, row, now, signature=signature,
                                                           doc_numbers=item.doc_numbers)
        self.stats.inc_value(f"newscrawler/source/{item.source}/articles_{item.store_status}")
        self._count_and_maybe_commit()
        return item

    def _count_and_maybe_commit(self):
        self.pending += 1
        if self.pending >= self.commit_every or time.monotonic() - self.last_commit >= self.commit_seconds:
            self._commit()
