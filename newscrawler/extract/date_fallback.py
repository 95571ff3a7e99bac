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

from newscrawler.extract.dates import DateCandidate, image_candidate, parse_date

logger = logging.getLogger(__name__)
FALLBACK_SOURCE = "htmldate"


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
    before pruning it, so the caller's tree is left as it was."""
    from htmldate import find_date   # imported on first use: most pages never need it

    latest = ((now or datetime.now(timezone.utc)) + timedelta(days=1)).date().isoformat()
    try:
        return find_date(root, url=url or None, extensive_search=True, original_date=True, max_date=latest)
    except Exception as exc:   # a library failure on one odd page must not cost the page
        logger.debug("htmldate failed on %s: %r", url, exc)
        return None


def with_fallback(root, url: str | None, candidates: list[DateCandidate], hints: dict | None = None,
                  now: datetime | None = None) -> list[DateCandidate]:
    """``candidates`` with htmldate's day added where the cheap steps found no date: after every
    other candidate, before the lead image's address (the weakest clue of all)."""
    weak = image_candidate(root)
    if not needs_fallback(candidates, hints, now, weak):
        return candidates
    day = htmldate_day(root, url, now)
    if not day:
        return candidates
    found = DateCandidate(day, FALLBACK_SOURCE)
    if weak is not None and weak in candidates:
        at = len(candidates) - 1 - candidates[::-1].index(weak)
        return candidates[:at] + [found] + candidates[at:]
    return candidates + [found]
