"""Article, listing or other page: the spider's decision about what to store.

An article has a body (``html.has_article_body``) and some sign of being a dated item: a date
on the page, in its URL or beside its link on the listing page, or an item-shaped URL (a
numeric id, a long slug). A page with a body and none of these is a static page (about,
contacts, an organisation's card in a directory): the spider counts and logs it, and does not
store it. Site hints (URL regexes) decide before any of this.

A short notice — a title, a date line and two or three short paragraphs, the most common
ministry news item — has too little text for ``has_article_body``; it is still an article when
its own text outweighs its headline links, it does not list dated items the way a listing
page does, and it has a headline and a date of its own (``is_short_notice``).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawler.extract.dates import DATE_IN_TEXT, LABEL_LINE_MAX, date_candidates, date_labels
from newscrawler.extract.html import (
    HEADLINE_LINK_MIN,
    article_content_lines,
    find_title,
    has_article_body,
    index_after,
    page_shape,
)
from newscrawler.extract.text import collapse_ws, visual_length

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
    notice: bool = False   # a short notice: its text is its own lines below the headline (notice_text)


NOTICE_MIN_TEXT = 40        # visual characters of own text (a CJK character counts as three)
NOTICE_TEXT_PER_LINK = 30   # own text needed per headline link below the title
LISTING_ITEMS = 3           # headline links below the title: this many make a listing
# where a date of the page's own comes from (not its URL, which listing pages may carry too)
_OWN_DATE_SOURCES = frozenset(("selector", "jsonld", "meta", "time", "label", "text", "listing"))


def _is_link_line(el, line: str) -> bool:
    anchors = [el] if el.tag == "a" else el.findall(".//a")
    return sum(visual_length(collapse_ws(a.text_content())) for a in anchors) * 2 >= visual_length(line)


NOTICE_LABEL_MAX = 12   # visual characters: "From:", "Published" above a notice's first sentence
DATE_LINE_REST = 30     # ... and what a date line holds besides its date ("Дата публикации:")


def _is_date_line(line: str) -> bool:
    """A line that gives the date: little besides it, or a date label before it ("发布时间：… 来源：…")."""
    match = DATE_IN_TEXT.search(line)
    if not match:
        return False
    if visual_length(line) - visual_length(match.group(0)) <= DATE_LINE_REST:
        return True
    return len(line) <= LABEL_LINE_MAX and any(p.search(" " + line[:match.start()] + " 2000-01-01")
                                               for p in date_labels().values())


def notice_text(root, title_element) -> str:
    """A short notice's text: its own lines below the headline, without its date line and the
    labels above its first sentence, up to the first line of links after the text (a share
    bar, "back to the list", the related reading). Readers built for long articles take the
    page's sidebars and footer for the body of a page this short."""
    lines = article_content_lines(root)
    kept: list[str] = []
    for el, line in lines[index_after(lines, title_element):]:
        if _is_link_line(el, line):
            if kept:
                break
            continue
        if _is_date_line(line) or (not kept and visual_length(line) < NOTICE_LABEL_MAX):
            continue
        kept.append(line)
    return "\n".join(kept)


def below_title(root, title_element) -> tuple[int, int]:
    """(own text, headline links) of the content lines below the title and above the first stop
    heading: a notice's own measure, which menus and sidebars printed above its headline do not
    swell. A line that is mostly link text is a link (a headline link when long enough)."""
    lines = article_content_lines(root)
    own = links = 0
    for el, line in lines[index_after(lines, title_element):]:
        length = visual_length(line)
        if _is_link_line(el, line):
            links += length >= HEADLINE_LINK_MIN
        else:
            own += length
    return own, links


def is_short_notice(root, title_element, candidates) -> bool:
    """Too short for ``has_article_body``, yet an article: a headline of its own, a date of its
    own, and below the headline own text that outweighs its headline links, fewer of those than
    a listing has (related-reading lists below a stop heading are not counted)."""
    if title_element is None or title_element.tag == "a":
        return False
    if not any(c.source in _OWN_DATE_SOURCES for c in candidates):
        return False
    own, links = below_title(root, title_element)
    return links < LISTING_ITEMS and own >= max(NOTICE_MIN_TEXT, NOTICE_TEXT_PER_LINK * links)


def classify_page(root, url: str, hints: dict | None = None, listing_raw: str | None = None) -> Classification:
    hints = hints or {}
    if hints.get("article_url") and re.search(hints["article_url"], url):
        return Classification(ARTICLE)
    if hints.get("listing_url") and re.search(hints["listing_url"], url):
        return Classification(LISTING)
    shape = page_shape(root)
    if not has_article_body(shape):
        title = find_title(root, (hints.get("selectors") or {}).get("title"))
        candidates = date_candidates(root, url, hints, title_element=title[1], listing_raw=listing_raw)
        if shape.body_length >= NOTICE_MIN_TEXT and is_short_notice(root, title[1], candidates):
            return Classification(ARTICLE, title, candidates, notice=True)
        return _unmeasured_page(root, url, shape, title, candidates)
    if shape.declared_article or listing_raw:
        return Classification(ARTICLE)
    title = find_title(root, (hints.get("selectors") or {}).get("title"))
    candidates = date_candidates(root, url, hints, title_element=title[1])
    if any(c.source not in ("label", "text") or DATE_IN_TEXT.search(c.raw) for c in candidates) \
            or _item_shaped(url):
        return Classification(ARTICLE, title, candidates)
    return Classification(STATIC, title, candidates)


UNMEASURED_PAGE_TEXT = 1500   # visual characters of page text that the content lines did not keep
UNMEASURED_ARTICLE_TEXT = 300  # ... of which the article reader must find this much
_METADATA_DATE_SOURCES = frozenset(("selector", "jsonld", "meta", "time", "label", "listing"))


def _page_text_length(root) -> int:
    return visual_length(collapse_ws(" ".join(root.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"))))


def _unmeasured_page(root, url: str, shape, title, candidates) -> Classification:
    """A page whose content lines hold little of its text: its layout hid the body from the
    shape measures (the posts of a blog inside a "widget", a body of <div>s and <br>s). It is an
    article when it says so (JSON-LD or og:type article) or carries a date of its own in its
    metadata, and the article reader finds a body; otherwise a listing."""
    if not (shape.declared_article or any(c.source in _METADATA_DATE_SOURCES for c in candidates)):
        return Classification(LISTING)
    if _page_text_length(root) < UNMEASURED_PAGE_TEXT + 2 * shape.body_length:
        return Classification(LISTING)
    import trafilatura

    text = trafilatura.extract(copy.deepcopy(root), url=url, fast=True, favor_precision=True,
                               include_comments=False, with_metadata=False) or ""
    if visual_length(text) >= UNMEASURED_ARTICLE_TEXT:
        return Classification(ARTICLE, title, candidates)
    return Classification(LISTING)


def page_kind(root, url: str, hints: dict | None = None, listing_raw: str | None = None) -> str:
    return classify_page(root, url, hints, listing_raw).kind
