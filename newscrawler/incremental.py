"""Incremental re-crawls: article pages already in the archive are not fetched again.

A downloader middleware. Listing pages, feeds and sitemaps are always fetched (that is where new
articles appear); a link to a URL in ``article_urls`` is skipped unless its article is due for a
refresh (``refresh_after`` of the site, else ``NEWSCRAWLER_REFRESH_AFTER``; cluster announcements
after ``NEWSCRAWLER_REFRESH_ANNOUNCEMENTS_AFTER``, since lists get corrected), and a refresh is a
conditional request (If-None-Match / If-Modified-Since from the stored validators), so an
unchanged page costs a 304 and no body. Reads the database only; the store writes it.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta, timezone

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured

from newscrawler.sites import parse_duration

logger = logging.getLogger(__name__)


class AlreadyArchived(IgnoreRequest):
    """The page is an archived article not yet due for a refresh; the spider reports it as seen."""


class IncrementalMiddleware:
    def __init__(self, crawler, db_path: str, refresh_after: timedelta | None,
                 refresh_announcements_after: timedelta | None = None):
        self.crawler = crawler
        self.db_path = db_path
        self.refresh_after = refresh_after
        # cluster lists get corrected and extended: their pages are re-checked sooner
        self.refresh_announcements_after = refresh_announcements_after
        self.conn: sqlite3.Connection | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("NEWSCRAWLER_INCREMENTAL"):
            raise NotConfigured
        return cls(crawler, s.get("NEWSCRAWLER_DB"), parse_duration(s.get("NEWSCRAWLER_REFRESH_AFTER")),
                   parse_duration(s.get("NEWSCRAWLER_REFRESH_ANNOUNCEMENTS_AFTER")))

    def spider_opened(self, spider):
        from newscrawler.db import open_db

        open_db(self.db_path).close()   # exists and is migrated
        self.conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False)

    def spider_closed(self, spider):
        if self.conn is not None:
            self.conn.close()

    def _refresh_after(self, source: str) -> timedelta | None:
        site = getattr(self.crawler.spider, "sites", {}).get(source)
        if site is not None and site.refresh_after is not None:
            return parse_duration(site.refresh_after)
        return self.refresh_after

    def process_request(self, request):
        meta = request.meta
        if meta.get("kind") != "page" or meta.get("start") or self.conn is None:
            return None
        row = self.conn.execute(
            "SELECT u.last_fetched_at, u.etag, u.last_modified, a.cluster_label FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id WHERE u.url = ?", [request.url]).fetchone()
        if row is None:
            return None
        source = meta.get("source")
        last_fetched, etag, last_modified, label = row
        refresh = self._refresh_after(source)
        if label == "announcement" and self.refresh_announcements_after is not None:
            refresh = min(refresh, self.refresh_announcements_after) if refresh is not None \
                else self.refresh_announcements_after
        due = refresh is not None and (
            not last_fetched
            or datetime.fromisoformat(last_fetched) + refresh <= datetime.now(timezone.utc))
        if not due:
            self.crawler.stats.inc_value(f"newscrawler/source/{source}/skipped/known")
            raise AlreadyArchived(request.url)
        self.crawler.stats.inc_value(f"newscrawler/source/{source}/refreshed")
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        meta["handle_httpstatus_list"] = [*meta.get("handle_httpstatus_list", []), 304]
        return None
