"""The item that flows from the spider through the pipelines.

Plain, JSON-serialisable data only (no parsed trees, no responses, no HTML: the spider has read
the page), so that per-page work can run in worker processes and items can go to a single
database writer over a queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(repr=False)
class Article:
    # set by the spider
    url: str                                  # canonical URL: the article's identity (reader.identity_url)
    fetched_url: str                          # the URL actually fetched
    source: str                               # site id, or host for --url crawls
    encoding: str                             # the charset the page was decoded with
    fetched_at: str                           # UTC ISO 8601
    hints: dict = field(default_factory=dict)  # the site's language/timezone/locale/selector hints
    listing_raw: str | None = None            # date shown beside the link on a listing page or feed
    etag: str | None = None                   # HTTP validators, for conditional re-fetches
    last_modified: str | None = None
    # read from the page by newscrawler.reader.read_page (ARTICLE_FIELDS)
    title: str | None = None
    text: str | None = None
    html_lang: str | None = None
    canonical_link: str | None = None         # rel=canonical, when the page declares one
    language: str | None = None
    language_confidence: float | None = None
    published_at: str | None = None
    published_raw: str | None = None
    modified_at: str | None = None
    date_source: str | None = None
    content_hash: str | None = None
    signature: list | None = None             # MinHash values (dedup/signature.py), None for short texts
    signature_size: int = 0                   # distinct shingles behind the signature
    doc_numbers: list = field(default_factory=list)   # official document numbers the text is about
    cluster: dict | None = None               # {label, clusters, count, year, issuer, evidence}
    # set by the store pipeline
    store_status: str | None = None           # new, updated, unchanged, duplicate
    article_id: int | None = None

    def __repr__(self) -> str:   # logs name the page, not its whole HTML
        return f"Article(url={self.url!r}, source={self.source!r}, status={self.store_status!r})"


# the fields the spider copies from the reading of an article page
ARTICLE_FIELDS = ("title", "text", "html_lang", "canonical_link", "language", "language_confidence",
                  "published_at", "published_raw", "modified_at", "date_source", "content_hash", "signature",
                  "signature_size", "doc_numbers", "cluster")


@dataclass
class NotModified:
    """An archived article met again, unchanged: its link was seen and not followed (``fetched``
    False), or a conditional re-fetch was answered 304 (``fetched`` True)."""
    url: str
    source: str
    seen_at: str
    fetched: bool
