"""Article, listing or other page: the spider's decision about what to store.

An article has a body (``html.has_article_body``) and some sign of being a dated item: a date
on the page, in its URL or beside its link on the listing page, or an item-shaped URL (a
numeric id, a long slug). A page with a body and none of these is a static page (about,
contacts, an organisation's card in a directory): the spider counts and logs it, and does not
store it. Site hints (URL regexes) decide before any of this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawler.extract.dates import DATE_IN_TEXT, date_candidates
from newscrawler.extract.html import find_title, has_article_body, page_shape

ARTICLE, LISTING, STATIC = "article", "listing", "static"
# /news/1187.html, /art_5c3b1f0e9a8d.html, /2024/some-long-article-slug, view.php?no=3421
ITEM_URL = re.compile(
    r"(?:\d{3,}|_[0-9a-f]{8,}|[^/?#]+(?:-[^/?#-]+){3,})(?:\.[a-z]{2,5})?/?(?:$|[?#])"
    r"|[?&](?:no|id|idx|seq|nid|aid|articleid|newsid|article_id|news_id)=\d+",
    re.I,
)


def _item_shaped(url: str) -> bool:
    parts = urlsplit(url)
    return bool(ITEM_URL.search(parts.path + (f"?{parts.query}" if parts.query else "")))


@dataclass
class Classification:
    kind: str
    # what the decision had to find, for the reader to reuse: the title (text, element) and the
    # page's date strings (without a listing date: with one, none of this is looked at)
    title: tuple | None = None
    candidates: list | None = None


def classify_page(root, url: str, hints: dict | None = None, listing_raw: str | None = None) -> Classification:
    hints = hints or {}
    if hints.get("article_url") and re.search(hints["article_url"], url):
        return Classification(ARTICLE)
    if hints.get("listing_url") and re.search(hints["listing_url"], url):
        return Classification(LISTING)
    shape = page_shape(root)
    if not has_article_body(shape):
        return Classification(LISTING)
    if shape.declared_article or listing_raw:
        return Classification(ARTICLE)
    title = find_title(root, (hints.get("selectors") or {}).get("title"))
    candidates = date_candidates(root, url, hints, title_element=title[1])
    if any(c.source not in ("label", "text") or DATE_IN_TEXT.search(c.raw) for c in candidates) \
            or _item_shaped(url):
        return Classification(ARTICLE, title, candidates)
    return Classification(STATIC, title, candidates)


def page_kind(root, url: str, hints: dict | None = None, listing_raw: str | None = None) -> str:
    return classify_page(root, url, hints, listing_raw).kind
