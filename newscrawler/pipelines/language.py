"""Per-page: the article's language (langdetect on the main text, page/site hints for short texts).
Runs in a worker process (~2 ms of CPU an article)."""

from __future__ import annotations

from newscrawler.extract.language import detect_language, load_profiles
from newscrawler.items import Article
from newscrawler.workers import page_workers


class LanguagePipeline:
    def __init__(self, workers):
        self.workers = workers

    @classmethod
    def from_crawler(cls, crawler):
        return cls(page_workers(crawler))

    def open_spider(self):
        if self.workers.pool is None:
            load_profiles()   # ~0.2 s once: at start, not in the middle of the first downloads

    async def process_item(self, item):
        if not isinstance(item, Article):
            return item
        lang = await self.workers.run(detect_language, item.text or item.title or "", item.html_lang,
                                      item.hints.get("language"))
        item.language = lang.code
        item.language_confidence = lang.confidence
        return item
