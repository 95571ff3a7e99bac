"""Which of two copies of one text is the original: the earliest *published*, not the first met.

A crawl meets a ministry's notice and a portal's republication of it in whatever order its
queue happens to fetch them, and a later crawl may find an earlier copy than any stored. So
the original is decided by what the copies say about themselves, in this order:

1. a dated copy beats an undated one (an undated copy cannot prove it came first);
2. the earlier publication day, as each source printed it (``2024-05-20`` or
   ``2024-05-24T15:08:12+08:00`` → its date part): a date-only value has no instant to compare,
   and a day is the precision at which "a day or more later" republication is told apart;
3. on the same day, a source registered ``primary = true`` (a ministry) beats a republisher;
4. then the copy stored first (``first_seen_at``, then the row id): the crawl's order decides
   only what the pages themselves leave open.

Pure: the store reads the claims from SQLite (``storage/originals.py``) and applies this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Claim:
    """What one copy says about its own age."""
    article_id: int
    published_at: str | None     # as stored: ISO 8601 with the source's offset, or a bare date
    primary: bool                # the source is registered primary (a ministry, not a republisher)
    first_seen_at: str           # UTC ISO 8601, when the archive first stored it


def publication_day(published_at: str | None) -> str | None:
    """The day the source printed (``YYYY-MM-DD``), or None for no or an unreadable date."""
    found = _DAY.match(published_at or "")
    return found.group(1) if found else None


def precedence(claim: Claim) -> tuple:
    """A sort key: the smallest key is the original (see the module docstring for the order)."""
    day = publication_day(claim.published_at)
    return (day is None, day or "", not claim.primary, claim.first_seen_at, claim.article_id)


def precedes(candidate: Claim, original: Claim) -> bool:
    """True when ``candidate`` should be the original in place of ``original``."""
    return precedence(candidate) < precedence(original)


def why_first(candidate: Claim, original: Claim) -> str:
    """The rule that made ``candidate`` the original, in words for the events log."""
    mine, theirs = publication_day(candidate.published_at), publication_day(original.published_at)
    if theirs is None and mine is not None:
        return "dated"
    if mine != theirs:
        return "published_earlier"
    if candidate.primary and not original.primary:
        return "primary_source"
    return "seen_earlier"
