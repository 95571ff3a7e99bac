"""Per-page: published_at / modified_at from the date strings the page offered."""

from __future__ import annotations

import logging
from datetime import datetime

from newscrawler.extract.page import resolve_page_dates
from newscrawler.items import Article

logger = logging.getLogger(__name__)


class DatesPipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        found = resolve_page_dates(item.date_candidates, item.hints, item.language,
                                   datetime.fromisoformat(item.fetched_at), item.html_lang)
        item.published_at = found["published_at"]
        item.published_raw = found["published_raw"]
        item.modified_at = found["modified_at"]
        item.date_source = found["date_source"]
        if item.published_at is None:
            self.stats.inc_value(f"newscrawler/source/{item.source}/errors/no_date")
            logger.info("no publication date found on %s (stored with published_at NULL)", item.fetched_url)
        return item
