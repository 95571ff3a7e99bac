"""Article, listing or other page: the spider's decision about what to store.

An article has a body (``html.has_article_body``) and a date somewhere — on the page, in its
URL, or beside its link on the listing page. A page with a body and no date at all is a
static page (about, contacts, an organisation's card in a directory) and is not stored; the
spider counts it. Site hints (URL regexes) decide before any of this.
"""

from __future__ import annotations

import re

from newscrawler.extract.dates import date_candidates
from newscrawler.extract.html import find_title, has_article_body, page_shape

ARTICLE, LISTING, STATIC = "article", "listing", "static"


def page_kind(root, url: str, hints: dict | None = None, listing_raw: str | None = None) -> str:
    hints = hints or {}
    if hints.get("article_url") and re.search(hints["article_url"], url):
        return ARTICLE
    if hints.get("listing_url") and re.search(hints["listing_url"], url):
        return LISTING
    shape = page_shape(root)
    if not has_article_body(shape):
        return LISTING
    if shape.declared_article or listing_raw:
        return ARTICLE
    _, title_element = find_title(root, (hints.get("selectors") or {}).get("title"))
    if date_candidates(root, url, hints, title_element=title_element):
        return ARTICLE
    return STATIC
