"""The last step of the date cascade: htmldate's extensive search, only where the cheap steps
found nothing.

htmldate (installed with trafilatura) reads a whole page for dates — header metadata, JSON-LD,
abbr/time elements, then every text segment, then the raw HTML — and picks the most plausible
one. It is right more often than our cheap steps on pages with no metadata, but with the check of
where its day is written it costs ~8 ms a page against ~0.1 ms for reading the candidates already
collected, so it runs only when no candidate but the lead image's address parses with the strict
parsers (113 of the 638 pages of htmldate_dev, none of bench/extract_bench.py's 377). Its answer
is a bare day (``YYYY-MM-DD``): it never invents a time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import lxml.html
from lxml import etree

from newscrawler.extract.dates import (
    DATE_IN_TEXT,
    DateCandidate,
    _label_match,
    date_labels,
    image_candidate,
    parse_date,
    parse_date_value,
)
from newscrawler.extract.html import article_content_lines, content_lines, holds_headline_link, is_boilerplate

logger = logging.getLogger(__name__)
FALLBACK_SOURCE = "htmldate"
YEAR_WINDOW = 40          # characters searched on each side of the year for a whole date
YEAR_ONLY_DAY = "-01-01"    # what htmldate answers for a page that only prints a year ("© 2025")
UNPRINTED_TAGS = frozenset("script style noscript template svg canvas object embed map head iframe".split())
ARTICLE_TAGS = frozenset(("article", "main"))
LIST_ITEM_TAGS = frozenset(("li", "tr", "dd"))
_ARTICLE_MARKS = etree.XPath(
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')"
    " or @itemprop='headline' or @itemprop='articleBody']")
WRAPPER_SHARE = 0.5   # a "boilerplate" element with half the page's text is a layout wrapper, not a sidebar


def needs_fallback(candidates: list[DateCandidate], hints: dict | None = None,
                   now: datetime | None = None, weak: DateCandidate | None = None) -> bool:
    """True when no published candidate other than ``weak`` is a plausible date by the strict
    parsers. Relative phrases ("vor 2 Tagen") need dateparser and count as missing here: the
    fallback's answer is then put after them, so they still win when they parse."""
    hints = hints or {}
    opts = dict(locale=hints.get("locale"), date_format=hints.get("date_format"), now=now, slow=False)
    return not any(c.kind == "published" and c != weak and parse_date(c.raw, **opts) for c in candidates)


def htmldate_day(root, url: str | None, now: datetime | None = None) -> str | None:
    """htmldate's original publication day for a parsed page, or None. It is given the page
    serialised again, not the tree: measured on the 113 pages of htmldate_dev that reach this
    step, the same answers in 4.0 ms a page instead of 15.6 ms (its work on a tree passed in is
    slower than on one it parsed itself), and the caller's tree is left as it was."""
    from htmldate import find_date   # imported on first use: most pages never need it

    latest = ((now or datetime.now(timezone.utc)) + timedelta(days=1)).date().isoformat()
    try:
        return find_date(lxml.html.tostring(root, encoding="unicode"), url=url or None, extensive_search=True,
                         original_date=True, max_date=latest)
    except Exception as exc:   # a library failure on one odd page must not cost the page
        logger.debug("htmldate failed on %s: %r", url, exc)
        return None


def count_day(text: str, day: str) -> int:
    """How many times ``text`` writes ``day`` (YYYY-MM-DD) in a form the strict parsers read.
    Only the surroundings of the day's year are searched: a page's whole text is long, and the
    date patterns are slow to run over all of it."""
    year = day[:4]
    seen, count, at = set(), 0, text.find(year)
    while at >= 0:
        start = max(at - YEAR_WINDOW, 0)
        for m in DATE_IN_TEXT.finditer(text, start, at + len(year) + YEAR_WINDOW):
            span = (m.start(), m.end())
            if span in seen or not m.start() <= at < m.end():
                continue
            seen.add(span)
            parsed = parse_date_value(m.group(0), slow=False)
            if parsed is not None and (parsed.value.date() if parsed.has_time else parsed.value).isoformat() == day:
                count += 1
        at = text.find(year, at + len(year))
    return count


def refused(day: str, root, candidates: list[DateCandidate], title_element=None) -> bool:
    """Whether htmldate's ``day`` comes only from where every other step refuses to read:
    navigation, sidebars, footers (``html.is_boilerplate``), lines after a stop heading (related
    reading, previous/next links), other articles' list entries, a modification date — and
    nowhere else in the page (the article's lines, an attribute, a script's data). A bare year's
    1 January is refused unless the article prints that day."""
    outside = 0
    updated = date_labels()["modified"]
    article = article_content_lines(root)
    for el, line in article:
        found = count_day(line, day)
        if found and not (_other_item(el) or _label_match(updated, line)):
            return False
        outside += found
    if day.endswith(YEAR_ONLY_DAY):
        return True
    outside += sum(count_day(line, day) for _, line in content_lines(root)[len(article):])
    body = root.find("body")
    page_size = len(body.text_content()) if body is not None else 0
    for el in _page_boilerplate(body, title_element, page_size) if body is not None else ():
        outside += count_day(el.text_content(), day) + count_day(" ".join(el.xpath(".//time/@datetime")), day)
    modified = sum(c.kind == "modified" and count_day(c.raw, day) for c in candidates)
    if not outside and not modified:
        return False
    # written somewhere else too (an attribute, a script's data, the head)? then it is the page's own
    return count_day(lxml.html.tostring(root, encoding="unicode"), day) <= outside + modified


def _other_item(el) -> bool:
    """A list entry with a headline link: another article's, with that article's date."""
    return holds_headline_link(el) and any(a.tag in LIST_ITEM_TAGS for a in (el, *el.iterancestors()))


def _page_boilerplate(el, title_element, page_size: int):
    """The outermost boilerplate elements that a reader sees (``html.is_boilerplate``), outside the
    article: not scripts or styles (their dates are data, not print), nothing inside ``<article>``
    or ``<main>`` (an article's own footer or share bar carries its date), and no wrapper that
    holds the title, most of the page's text or the marks of an article (hAtom's ``hentry``,
    ``entry-title``, ``entry-content``; schema.org's ``headline``, ``articleBody``): Blogger's
    ``<div class="widget Blog">`` holds the whole post."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag in UNPRINTED_TAGS or child.tag in ARTICLE_TAGS:
            continue
        holds_title = title_element is not None and (child is title_element or title_element in child.iterdescendants())
        wrapper = holds_title or len(child.text_content()) >= WRAPPER_SHARE * page_size or _ARTICLE_MARKS(child)
        if is_boilerplate(child) and not wrapper:
            yield child
        else:
            yield from _page_boilerplate(child, title_element, page_size)


def with_fallback(root, url: str | None, candidates: list[DateCandidate], hints: dict | None = None,
                  now: datetime | None = None, title_element=None) -> list[DateCandidate]:
    """``candidates`` with htmldate's day added where the cheap steps found no date: after every
    other candidate, before the lead image's address (the weakest clue of all)."""
    weak = image_candidate(root)
    if not needs_fallback(candidates, hints, now, weak):
        return candidates
    day = htmldate_day(root, url, now)
    if not day or (weak is not None and day == weak.raw):
        return candidates
    if refused(day, root, candidates, title_element):
        return candidates
    found = DateCandidate(day, FALLBACK_SOURCE)
    if weak is not None and weak in candidates:
        at = len(candidates) - 1 - candidates[::-1].index(weak)
        return candidates[:at] + [found] + candidates[at:]
    return candidates + [found]
