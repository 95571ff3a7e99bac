"""Downloader middleware that accounts for every source separately.

Counts responses per source (``newscrawler/source/<id>/pages``, read by the crawl-run recorder)
and stops a single site from eating the crawl: past ``NEWSCRAWLER_MAX_PAGES_PER_SITE`` requests
of a source, further requests of that source are dropped and counted.
"""

from __future__ import annotations

import logging
from collections import Counter

from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)


class SourceAccountingMiddleware:
    def __init__(self, stats, max_pages_per_site: int):
        self.stats = stats
        self.max_pages = max_pages_per_site
        self.requested: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getint("NEWSCRAWLER_MAX_PAGES_PER_SITE"))

    def process_request(self, request):
        source = request.meta.get("source")
        if source is None or request.meta.get("kind") == "robots":
            return None
        self.requested[source] += 1
        if self.max_pages and self.requested[source] > self.max_pages:
            self.stats.inc_value(f"newscrawler/source/{source}/skipped/page_limit")
            if self.requested[source] == self.max_pages + 1:
                logger.warning("source %s reached NEWSCRAWLER_MAX_PAGES_PER_SITE=%d; "
                               "further pages of it are skipped", source, self.max_pages)
            raise IgnoreRequest(f"page limit of {source}")
        return None

    def process_response(self, request, response):
        source = request.meta.get("source")
        if source is not None:
            self.stats.inc_value(f"newscrawler/source/{source}/pages")
        return response
