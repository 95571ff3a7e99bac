"""``newscrawler extract``'s library side: a saved page, a text file or a URL, read by the crawl's
own reader (``newscrawler.reader.read_page``) into the JSON the command prints.

Anything that is not a page (binary data, an image, a feed, robots.txt, an empty file) raises
``NotAPage`` with the reason, instead of coming back as an "article".
"""

from __future__ import annotations

import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from newscrawler.reader import NotAPage, read_page, refusal, text_document_html

OUTPUT_FIELDS = ("url", "title", "published_at", "published_raw", "modified_at", "date_source", "language",
                 "language_confidence", "text", "cluster")


def load_document(path_or_url: str) -> tuple[bytes, str | None, str | None]:
    """(bytes, content type, the URL it came from) for a file path or an http(s) URL."""
    if path_or_url.startswith(("http://", "https://")):
        request = urllib.request.Request(path_or_url, headers={"User-Agent": "newscrawler-extract/0.1"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), response.headers.get("Content-Type"), response.geturl()
    path = Path(path_or_url)
    if path.is_dir():
        raise NotAPage(f"not a page: {path_or_url} is a directory")
    return path.read_bytes(), None, None


def extract_document(path_or_url: str, url: str | None = None, hints: dict | None = None,
                     now: datetime | None = None) -> dict:
    """The reading of one document as ``newscrawler extract`` prints it: the stored fields,
    ``page_kind`` (article, listing or static: what the crawl would decide) and ``cluster``."""
    body, content_type, fetched_url = load_document(path_or_url)
    reason = refusal(body, content_type)
    if reason:
        raise NotAPage(reason)
    if path_or_url.lower().endswith(".txt") or (content_type or "").startswith("text/plain"):
        from newscrawler.extract.charset import decode_html

        body = text_document_html(decode_html(body, content_type)[0]).encode("utf-8")
        content_type = "text/html; charset=utf-8"
    page_url = url or fetched_url or Path(path_or_url).resolve().as_uri()
    reading = read_page(body, page_url, content_type, hints, now=now or datetime.now(timezone.utc),
                        force_article=True)
    if reading.article is None:
        raise NotAPage(f"no article text: {reading.error or reading.drop_reason}")
    return {**{name: reading.article[name] for name in OUTPUT_FIELDS}, "page_kind": reading.kind}
