"""Per-page: the keys that make an article's identity — canonical URL, content hash, MinHash
signature and the official document numbers it is about (matched by the store, see dedup/).

A ``rel=canonical`` link on the same site replaces the fetched URL (print versions, board
URLs with page numbers), so one article reached through several URLs has one identity.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawler.dedup.docnumbers import document_numbers
from newscrawler.dedup.signature import signature
from newscrawler.extract.text import content_hash
from newscrawler.extract.urls import canonical_url
from newscrawler.items import Article


def same_host(a: str, b: str) -> bool:
    return (urlsplit(a).hostname or "").lower() == (urlsplit(b).hostname or "").lower()


class DedupKeysPipeline:
    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        link = item.canonical_link
        if link and same_host(link, item.fetched_url):
            item.url = canonical_url(link)
        item.content_hash = content_hash(f"{item.title or ''}\n{item.text or ''}")
        sig = signature(item.text or "")
        if sig is not None:
            item.signature, item.signature_size = sig.values.tolist(), sig.size
        item.doc_numbers = sorted(document_numbers(item.title, item.text))
        return item
