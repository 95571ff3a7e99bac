"""The last step of the date cascade: htmldate's extensive search, only where the cheap steps
found nothing.

htmldate (installed with trafilatura) reads a whole page for dates — header metadata, JSON-LD,
abbr/time elements, then every text segment, then the raw HTML — and picks the most plausible
one. It is right more often than our cheap steps on pages with no metadata, but it costs ~4 ms a
page against ~0.1 ms for reading the candidates already collected, so it runs only when no
candidate but the lead image's address parses with the strict parsers. Its answer is a bare day
(``YYYY-MM-DD``): it never invents a time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

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
YEAR_ONLY_DAY = "-01-01"   # what htmldate answers for a page that only prints a year


def needs_fallback(candidates: list[DateCandidate], hints: dict | None = None,
                   now: datetime | None = None, weak: DateCandidate | None = None) -> bool:
    """True when no published candidate other than ``weak`` is a plausible date by the strict
    parsers. Relative phrases ("vor 2 Tagen") need dateparser and count as missing here: the
    fallback's answer is then put after them, so they still win when they parse."""
    hints = hints or {}
    opts = dict(locale=hints.get("locale"), date_format=hints.get("date_format"), now=now, slow=False)
    return not any(c.kind == "published" and c != weak and parse_date(c.raw, **opts) for c in candidates)


def htmldate_day(root, url: str | None, now: datetime | None = None) -> str | None:
    """htmldate's original publication day for a parsed page, or None. htmldate copies the tree
    before pruning it, so the caller's tree is left as it was. It reads the whole page,
    navigation included: measured, a copy without boilerplate made it right less often
    (htmldate_dev 0.901 -> 0.871), as its own pruning already leaves out the usual suspects."""
    from htmldate import find_date   # imported on first use: most pages never need it

    latest = ((now or datetime.now(timezone.utc)) + timedelta(days=1)).date().isoformat()
    try:
        return find_date(root, url=url or None, extensive_search=True, original_date=True, max_date=latest)
    except Exception as exc:   # a library failure on one odd page must not cost the page
        logger.debug("htmldate failed on %s: %r", url, exc)
        return None


def _days_in(text: str) -> set[str]:
    days = set()
    for m in DATE_IN_TEXT.finditer(text):
        parsed = parse_date_value(m.group(0), slow=False)
        if parsed is not None:
            days.add((parsed.value.date() if parsed.has_time else parsed.value).isoformat())
    return days


def _excluded_days(root, candidates: list[DateCandidate]) -> tuple[set[str], set[str]]:
    """Days htmldate may not answer: those printed only where every other step refuses to read —
    navigation, sidebars, footers (``html.is_boilerplate``), lines after a stop heading (related
    reading, previous/next links), other articles' entries — or given only as the page's
    modification date. A day printed in the article's own lines stays allowed.
    Returns (excluded days, days printed in the article's lines)."""
    content, excluded = set(), {c.raw[:10] for c in candidates if c.kind == "modified"}
    updated = date_labels()["modified"]
    article = article_content_lines(root)
    for el, line in article:
        if holds_headline_link(el) or _label_match(updated, line):
            excluded.update(_days_in(line))
        else:
            content.update(_days_in(line))
    for _, line in content_lines(root)[len(article):]:
        excluded.update(_days_in(line))
    body = root.find("body")
    for el in body.iter() if body is not None else ():
        if isinstance(el.tag, str) and is_boilerplate(el):
            excluded.update(_days_in(el.text_content()) | _days_in(" ".join(el.xpath(".//time/@datetime"))))
    return excluded - content, content


def with_fallback(root, url: str | None, candidates: list[DateCandidate], hints: dict | None = None,
                  now: datetime | None = None) -> list[DateCandidate]:
    """``candidates`` with htmldate's day added where the cheap steps found no date: after every
    other candidate, before the lead image's address (the weakest clue of all)."""
    weak = image_candidate(root)
    if not needs_fallback(candidates, hints, now, weak):
        return candidates
    day = htmldate_day(root, url, now)
    if not day or (weak is not None and day == weak.raw):
        return candidates
    excluded, printed = _excluded_days(root, candidates)
    # a bare year (a copyright line, "© 2025") comes back as 1 January: not a day the page gives
    if day in excluded or (day.endswith(YEAR_ONLY_DAY) and day not in printed):
        return candidates
    found = DateCandidate(day, FALLBACK_SOURCE)
    if weak is not None and weak in candidates:
        at = len(candidates) - 1 - candidates[::-1].index(weak)
        return candidates[:at] + [found] + candidates[at:]
    return candidates + [found]
