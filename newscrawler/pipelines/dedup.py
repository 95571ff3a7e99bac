"""Per-page: the keys that make an article's identity — canonical URL and content hash.

A ``rel=canonical`` link on the same site replaces the fetched URL (print versions, board
URLs with page numbers), so one article reached through several URLs has one identity.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawler.extract.text import content_hash
from newscrawler.extract.urls import canonical_url


def same_host(a: str, b: str) -> bool:
    return (urlsplit(a).hostname or "").lower() == (urlsplit(b).hostname or "").lower()


class DedupKeysPipeline:
    def process_item(self, item):
        link = item.canonical_link
        if link and same_host(link, item.fetched_url):
            item.url = canonical_url(link)
        item.content_hash = content_hash(f"{item.title or ''}\n{item.text or ''}")
        return item
