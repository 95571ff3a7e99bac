"""One HTML response in, everything the crawl needs from it out: each page is parsed once.

The spider needs the page's kind (article, listing, static page) and its links; the archive needs
an article's title, main text, date strings, declared language and canonical link. All of it
comes from one parsed tree, in a pure function of bytes to plain data, so that the crawl can run
it in a worker process (``newscrawler.workers``) while its own thread keeps fetching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newscrawler.extract.charset import decode_html
from newscrawler.extract.html import built_by_scripts, feed_links, page_links, parse_html
from newscrawler.extract.page import read_tree
from newscrawler.extract.pagekind import ARTICLE, classify_page


@dataclass
class PageReading:
    kind: str                                  # article, listing or static (extract/pagekind.py)
    encoding: str                              # the charset the body was decoded with
    built_by_scripts: bool = False             # only looked at when asked (auto_render sites)
    feed_links: list[str] = field(default_factory=list)
    page_links: list[tuple[str, str | None]] = field(default_factory=list)   # (URL, date beside it)
    article: dict | None = None                # extract.page.read_tree's fields, for an article
    error: str | None = None                   # why an article could not be read; its links still count


def read_html_response(body: bytes, url: str, content_type: str | None, hints: dict | None = None,
                       listing_raw: str | None = None, check_scripts: bool = False) -> PageReading:
    """Decode, parse, classify, collect links and, for an article, extract it — from one tree."""
    hints = hints or {}
    html, encoding = decode_html(body, content_type)
    root = parse_html(html, base_url=url)
    found = classify_page(root, url, hints, listing_raw)
    reading = PageReading(found.kind, encoding,
                          built_by_scripts=check_scripts and built_by_scripts(root),
                          feed_links=feed_links(root, url), page_links=page_links(root, url))
    if reading.kind == ARTICLE:
        try:
            reading.article = read_tree(root, url, hints, listing_raw=listing_raw, title_found=found.title,
                                        candidates=found.candidates)
        except Exception as exc:   # one unreadable article must not cost the links of its page
            reading.error = repr(exc)
    return reading
