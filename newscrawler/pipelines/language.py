"""Per-page: the article's language (langdetect on the main text, page/site hints for short texts)."""

from __future__ import annotations

from newscrawler.extract.language import detect_language, load_profiles
from newscrawler.items import Article


class LanguagePipeline:
    def open_spider(self):
        load_profiles()   # ~1 s once: at start, not in the middle of the first downloads

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        lang = detect_language(item.text or item.title or "", html_lang=item.html_lang,
                               site_hint=item.hints.get("language"))
        item.language = lang.code
        item.language_confidence = lang.confidence
        return item
