"""Per-page: the keys that make an article's identity — canonical URL, content hash, MinHash
signature and the official document numbers it is about (matched by the store, see dedup/).
The hash, signature and numbers are computed in a worker process (~4 ms of CPU an article).

A ``rel=canonical`` link on the same site replaces the fetched URL (print versions, board
URLs with page numbers), so one article reached through several URLs has one identity.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.signature import signature_of_normalised
from newscrawler.extract.text import hash_normalised, normalised
from newscrawler.extract.urls import canonical_url
from newscrawler.items import Article
from newscrawler.workers import page_workers


def same_host(a: str, b: str) -> bool:
    return (urlsplit(a).hostname or "").lower() == (urlsplit(b).hostname or "").lower()


def dedup_keys(title: str | None, text: str | None) -> tuple[str, list | None, int, list[str]]:
    """(content hash, MinHash values or None for a short text, shingle count, document numbers)."""
    norm = normalised(text or "")   # once for both: content_hash(title + "\n" + text), same value
    sig = signature_of_normalised(norm)
    return (hash_normalised(normalised(title or "") + norm), sig.values.tolist() if sig is not None else None,
            sig.size if sig is not None else 0, sorted(document_numbers(title, text)))


class DedupKeysPipeline:
    def __init__(self, workers):
        self.workers = workers

    @classmethod
    def from_crawler(cls, crawler):
        return cls(page_workers(crawler))

    async def process_item(self, item):
        if not isinstance(item, Article):
            return item
        link = item.canonical_link
        if link and same_host(link, item.fetched_url):
            item.url = canonical_url(link)
        item.content_hash, item.signature, item.signature_size, item.doc_numbers = await self.workers.run(
            dedup_keys, item.title, item.text)
        return item
