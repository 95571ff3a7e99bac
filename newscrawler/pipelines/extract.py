"""Per-page: title, main text, the page's date strings and declared language."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from newscrawler.extract.page import read_page
from newscrawler.items import Article

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def open_spider(self):
        import trafilatura  # noqa: F401  loaded now: a first-page stall would time out downloads in flight

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        try:
            page = read_page(item.html, item.fetched_url, item.hints, listing_raw=item.listing_raw)
        except Exception as exc:   # one broken page must never stop the crawl
            self.stats.inc_value(f"newscrawler/source/{item.source}/errors/parse_failure")
            logger.warning("extraction failed for %s: %r", item.fetched_url, exc)
            raise DropItem(f"extraction failed: {exc!r}") from exc
        if not page["text"]:
            self.stats.inc_value(f"newscrawler/source/{item.source}/errors/no_text")
            raise DropItem(f"no main text found on {item.fetched_url}")
        item.title = page["title"]
        item.text = page["text"]
        item.date_candidates = page["date_candidates"]
        item.html_lang = page["html_lang"]
        item.canonical_link = page["canonical_link"]
        return item
