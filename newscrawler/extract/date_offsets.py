"""Showing a UTC instant in the source's own offset.

Many pages write ``datePublished`` in UTC (``…Z``, ``+00:00``) while the publisher's calendar
is local: a New York story of 22:28 on 8 November is ``2023-11-09T03:28Z``. The instant is kept;
only the offset it is written in changes, to the one the source states: another of its date
fields with an offset, the site's registered time zone, or a clock time the page prints for that
same instant (``Nov. 8, 2023, 10:28 p.m.``). With none of these the value stays in UTC.
Date-only values are never touched: they have no instant to convert.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

MAX_OFFSET = timedelta(hours=14)         # the widest real UTC offsets are -12:00 and +14:00
OFFSET_STEP = timedelta(minutes=15)
CLOCK_SLACK = timedelta(seconds=60)      # a printed clock time drops the seconds
# offsets in use that are not whole hours (India, Nepal, Iran, Afghanistan, Myanmar, Newfoundland,
# Marquesas, central Australia, Lord Howe, Chatham, Eucla): any other fraction is a coincidence
FRACTIONAL_OFFSETS = frozenset(timedelta(minutes=m) for m in (
    330, 345, 210, 270, 390, -210, -150, -570, 570, 630, 765, 825, 525))


def is_utc(value) -> bool:
    """An aware datetime written at offset zero."""
    return isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() == timedelta(0)


def offset_from_clock(instant: datetime, local: datetime) -> timezone | None:
    """The offset at which ``instant`` reads as the naive clock time ``local``, or None when no
    offset in use does (not a whole hour nor a known fraction, beyond ±14 h, or zero: nothing
    to learn)."""
    delta = local - instant.astimezone(timezone.utc).replace(tzinfo=None)
    offset = OFFSET_STEP * round(delta / OFFSET_STEP)
    if not offset or abs(offset) > MAX_OFFSET or abs(delta - offset) > CLOCK_SLACK:
        return None
    if offset % timedelta(hours=1) and offset not in FRACTIONAL_OFFSETS:
        return None
    return timezone(offset)


def source_offset(instants: list[datetime], others: list[datetime], zone_name: str | None):
    """The offset the source states, in order of trust: a date field of the page with a non-zero
    offset, the registry's zone, a printed clock time that shows one of the page's UTC ``instants``
    ("PUBLISHED 11:30 p.m." beside ``05:30Z``, or "UPDATED 12:21 a.m." beside ``06:21Z``)."""
    for other in others:
        if other.tzinfo is not None and other.utcoffset():
            return timezone(other.utcoffset())
    if zone_name:
        return ZoneInfo(zone_name)
    for other in others:
        if other.tzinfo is None:
            for instant in instants:
                found = offset_from_clock(instant, other)
                if found is not None:
                    return found
    return None


def in_source_offset(value: datetime, others: list[datetime], zone_name: str | None) -> datetime:
    """``value`` (a UTC instant) written in the source's offset; unchanged when none is known.
    ``others`` are the page's other dated values with a time, as written."""
    instants = [value] + [o for o in others if is_utc(o)]
    zone = source_offset(instants, others, zone_name)
    if zone is None:
        return value
    local = value.astimezone(zone)
    return local.replace(tzinfo=timezone(local.utcoffset()))   # a fixed offset prints cleanly
