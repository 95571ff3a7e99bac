"""The one reading of a page: bytes in, everything the archive stores about it out.

``read_page`` is what the crawl runs on every HTML response (in a worker process,
newscrawler/workers.py) and what ``newscrawler extract`` and every evaluation in ``bench/`` run
on a saved page, so a figure measured with ``extract`` is a figure of the crawl. It decodes,
parses once, classifies the page (article, listing, static), collects its links and, for an
article, reads title, main text, dates, language, dedup keys and the cluster analysis.

It is pure: plain data in (bytes, URL, the site's hints, the date a listing showed, the time of
the fetch), plain data out, no database and no Scrapy, so it can run anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from newscrawler.extract.charset import decode_html, looks_binary
from newscrawler.extract.feeds import xml_kind
from newscrawler.extract.html import built_by_scripts, feed_links, page_links, parse_html
from newscrawler.extract.page import read_tree, resolve_page_dates
from newscrawler.extract.pagekind import ARTICLE, classify_page
from newscrawler.extract.urls import article_url

# why a fetched page that was meant to be read is not stored: counted per source in crawl_runs
EMPTY_TEXT = "empty_text"       # an article page with no main text
PARSE_FAILURE = "parse_failure"  # the reader broke on this page (its links still count)


class NotAPage(ValueError):
    """Bytes that are not an HTML or text document: binary data, an image, a feed, robots.txt,
    an empty file. ``newscrawler extract`` says so instead of inventing an article."""


_NON_PAGE_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                   "application/octet-stream", "application/json", "application/javascript", "text/css")
_ROBOTS_LINE = ("user-agent:", "disallow:", "allow:", "sitemap:", "crawl-delay:")


def refusal(body: bytes, content_type: str | None = None) -> str | None:
    """Why these bytes are not a page to read, or None. The crawl has already routed feeds,
    sitemaps and robots.txt elsewhere; a saved file given to ``extract`` has not."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if any(kind.startswith(t) for t in _NON_PAGE_TYPES):
        return f"not a page: its content type is {kind}"
    if not body.strip():
        return "not a page: the document is empty"
    if looks_binary(body):
        return "not a page: binary data, not HTML or text"
    xml = xml_kind(body)
    if xml:
        return f"not a page: an XML {xml}"
    head = body[:2000].decode("latin-1").lstrip().lower()
    lines = [line.strip() for line in head.splitlines() if line.strip() and not line.strip().startswith("#")]
    if lines and all(line.startswith(_ROBOTS_LINE) for line in lines[:5]):
        return "not a page: a robots.txt file"
    return None


@dataclass
class PageReading:
    kind: str                                  # article, listing or static (extract/pagekind.py)
    encoding: str                              # the charset the body was decoded with
    built_by_scripts: bool = False             # only looked at when asked (auto_render sites)
    feed_links: list[str] = field(default_factory=list)
    page_links: list[tuple[str, str | None]] = field(default_factory=list)   # (URL, date beside it)
    article: dict | None = None                # the stored fields (``read_article``), for an article
    drop_reason: str | None = None             # an article page that yields no article: why
    error: str | None = None                   # what broke, with PARSE_FAILURE


def identity_url(fetched_url: str, canonical_link: str | None) -> str:
    """The URL an article is archived under: the page's own rel=canonical when it stays on the
    same host (print versions, board links carrying a page number), else the fetched URL;
    always in canonical form without the listing's navigation parameters (extract/urls.py)."""
    if canonical_link and (urlsplit(canonical_link).hostname or "").lower() == \
            (urlsplit(fetched_url).hostname or "").lower():
        return article_url(canonical_link)
    return article_url(fetched_url)


def analyse_article(fields: dict, url: str, hints: dict, now: datetime) -> dict:
    """Language, dates, dedup keys and cluster analysis of an article's title and text, added to
    the fields the tree gave (title, text, date candidates, html_lang, canonical link)."""
    from newscrawler.dedup.keys import dedup_keys
    from newscrawler.detect.analysis import analyse_clusters
    from newscrawler.extract.language import detect_language

    lang = detect_language(fields["text"] or fields["title"] or "", html_lang=fields["html_lang"],
                           site_hint=hints.get("language"))
    dates = resolve_page_dates(fields["date_candidates"], hints, lang.code, now, fields["html_lang"])
    content_hash, signature, signature_size, doc_numbers = dedup_keys(fields["title"], fields["text"])
    return {
        **fields,
        "url": identity_url(url, fields["canonical_link"]),
        "fetched_url": url,
        "published_at": dates["published_at"],
        "published_raw": dates["published_raw"],
        "modified_at": dates["modified_at"],
        "date_source": dates["date_source"],
        "language": lang.code,
        "language_confidence": lang.confidence,
        "content_hash": content_hash,
        "signature": signature,
        "signature_size": signature_size,
        "doc_numbers": doc_numbers,
        "cluster": analyse_clusters(fields["title"], fields["text"], lang.code).as_dict(),
    }


def read_page(body: bytes, url: str, content_type: str | None = None, hints: dict | None = None,
              listing_raw: str | None = None, now: str | datetime | None = None,
              check_scripts: bool = False, force_article: bool = False) -> PageReading:
    """Decode, parse, classify, collect links and, for an article, read it: from one tree.

    ``now`` is the time of the fetch (relative dates count from it); ``force_article`` reads
    the page as an article whatever its shape (``newscrawler extract``, which is asked to)."""
    hints = hints or {}
    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    now = now or datetime.now(timezone.utc)
    html, encoding = decode_html(body, content_type)
    root = parse_html(html, base_url=url)
    found = classify_page(root, url, hints, listing_raw)
    reading = PageReading(found.kind, encoding, built_by_scripts=check_scripts and built_by_scripts(root),
                          feed_links=feed_links(root, url),
                          page_links=page_links(root, url, with_dates=found.kind != ARTICLE))
    if reading.kind != ARTICLE and not force_article:
        return reading
    try:
        fields = read_tree(root, url, hints, listing_raw=listing_raw, title_found=found.title,
                           candidates=found.candidates, notice=found.notice)
        if not fields["text"]:
            reading.drop_reason = EMPTY_TEXT
            return reading
        reading.article = analyse_article(fields, url, hints, now)
    except Exception as exc:   # one unreadable article must not cost the links of its page
        reading.drop_reason, reading.error = PARSE_FAILURE, repr(exc)
    return reading


def text_document_html(text: str) -> str:
    """A plain-text document as minimal HTML (its first line the title), so that a ``.txt``
    file goes through the same reading as a page."""
    import html as html_lib

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "<html><body></body></html>"
    title = html_lib.escape(lines[0])
    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines[1:])
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
