"""Finding and parsing an article's dates.

``find_dates`` is a cascade over one parsed page, cheapest and most reliable first:
site-pinned selector, JSON-LD, <meta>, <time datetime>, a label next to the date
(``data/date_labels.toml``), a date in the URL, a date just below the title, and last the
date the listing page showed next to the link. Dates in navigation, sidebars, related
lists and footers are never read: the search walks only content lines (``html.content_lines``).

``parse_date`` turns one isolated date string into the stored form: ISO 8601 with the
source's own UTC offset when the page gives a time, a bare ``YYYY-MM-DD`` when it does not,
None when it is not a plausible publication date (before 1995 or after tomorrow).
Strict regular expressions handle the common numeric and CJK forms; dateparser, with the
page's language as a hint, handles the rest.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newscrawler.extract.date_offsets import in_source_offset, is_utc
from newscrawler.extract.html import article_content_lines, holds_headline_link, index_after, is_boilerplate
from newscrawler.extract.text import collapse_ws

LABELS_FILE = Path(__file__).resolve().parents[2] / "data" / "date_labels.toml"
EARLIEST = date(1995, 1, 1)
LABEL_LINE_MAX = 200   # characters; lines longer than this are body text and are not searched for labels

# Month names that the fast path reads (lower case, genitive and nominative forms).
MONTHS = {
    # en
    **{m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    # ru, genitive ("27 августа 2025") and nominative
    **{m: i for i, m in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)},
    **{m: i for i, m in enumerate(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(), 1)},
    # de
    **{m: i for i, m in enumerate(
        "januar februar märz april mai juni juli august september oktober november dezember".split(), 1)},
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# a time after the date: "T10:52", ", 10:28 p.m.", " | 9:25pm", " at 11:30", " um 16:45 Uhr"
_TIME = (r"(?:(?:\s*[|,]\s*|\s+(?:at|um|à)\s+|[T\s]+)(?P<H>\d{1,2})[:：時시](?P<M>\d{2})"
         r"(?:[:：](?P<S>\d{2})(?:[.,]\d+)?)?\s*(?:분|(?P<ampm>[ap])\.?\s?m\.?|uhr)?)?")
_OFFSET = r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"

# Each fast pattern must match the whole (stripped) string; named groups y, m, d (or a, b for
# day/month in locale order) and optional time and offset.
FAST_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + _OFFSET, re.I),
    re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\.?" + _TIME + _OFFSET, re.I),
    re.compile(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일号號]?" + _TIME + _OFFSET),
    re.compile(r"(?P<a>\d{1,2})(?P<sep>[-./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?:\s*г\.?)?" + _TIME + _OFFSET,
               re.I),
    re.compile(r"(?P<d>\d{1,2})\.?\s+(?P<mon>" + _MONTH_ALT + r")\.?,?\s+(?P<y>\d{4})(?:\s*(?:г\.?|года))?"
               + _TIME + _OFFSET, re.I),
    re.compile(r"(?P<mon>" + _MONTH_ALT + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
               + _TIME + _OFFSET, re.I),
]

_TEXT_TIME = r"(?:(?:,?\s+|\s*\|\s*|\s+(?:at|um)\s+)\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?(?!\w))?)?"
# A date inside running text: the shapes above, unanchored, for isolating a date string.
DATE_IN_TEXT = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일号號]?(?:\s*\d{1,2}[:：]\d{2}(?::\d{2})?)?"
    r"|\d{1,2}([-./])\d{1,2}\1\d{4}(?:\s*г\.?)?(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}\.?\s+(?:" + _MONTH_ALT + r")\.?,?\s+\d{4}" + _TEXT_TIME +
    r"|(?:" + _MONTH_ALT + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + _TEXT_TIME,
    re.I,
)
# /2024/09/13/, /2024-09-13-slug, t20230424_123.html; and an id that opens with the date
# (A2026012914320005196, 20240913000123): a letter or slash before, more digits after
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:199[5-9]|20\d\d))(?:[/_-]?)(?P<m>0[1-9]|1[0-2])(?:[/_-]?)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<=[A-Za-z/_=])(?P<y2>(?:199[5-9]|20\d\d))(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=\d{4,12}(?:\D|$))"
)
_ARCHIVE_PREFIX = re.compile(r"/web/\d{8,14}[a-z_]*/(?P<original>.+)")
IMAGE_SOURCE = "image"   # a candidate's source; stored as date_source "url", as the contract names it
_SCRIPT_DATE_PUBLISHED = re.compile(r'\\?"datePublished\\?"\s*:\s*\\?"(\d{4}-\d{2}-\d{2}[^"\\]{0,30})')
_AMBIGUOUS_NUMERIC = re.compile(r"(?P<a>\d{1,2})[-./](?P<b>\d{1,2})[-./]\d{4}\b")
_RFC822 = re.compile(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}")
MONTH_FIRST_LOCALES = ("en-us", "en-ph", "en-ca")


@dataclass(frozen=True)
class ParsedDate:
    value: datetime | date
    has_time: bool

    def iso(self) -> str:
        return self.value.isoformat()


def _tzinfo(offset: str | None):
    if not offset:
        return None
    if offset.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _month_first(locale: str | None) -> bool:
    return bool(locale) and locale.lower() in MONTH_FIRST_LOCALES


def _fast_parse(raw: str, locale: str | None) -> tuple[datetime, bool, bool] | None:
    """(naive-or-aware datetime, has_time, has_offset) for the common forms, or None."""
    for pattern in FAST_PATTERNS:
        m = pattern.fullmatch(raw)
        if not m:
            continue
        g = m.groupdict()
        if g.get("mon"):
            month, day = MONTHS[g["mon"].lower()], int(g["d"])
        elif g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            month_first = _month_first(locale) if a <= 12 and b <= 12 else b > 12
            month, day = (a, b) if month_first else (b, a)
        else:
            month, day = int(g["m"]), int(g["d"])
        has_time = g.get("H") is not None
        tz = _tzinfo(g.get("tz"))
        hour = int(g["H"] or 0)
        if g.get("ampm"):
            hour = hour % 12 + (12 if g["ampm"].lower() == "p" else 0)
        try:
            value = datetime(int(g["y"]), month, day, hour, int(g["M"] or 0), int(g["S"] or 0), tzinfo=tz)
        except ValueError:
            return None
        return value, has_time, tz is not None
    return None


@lru_cache(maxsize=32)
def _dateparser(language: str | None, month_first: bool, base: datetime):
    """A parser per language, day order and minute of fetch time (relative dates count from it)."""
    from dateparser.date import DateDataParser   # slow to import: only pages that need it pay

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "DATE_ORDER": "MDY" if month_first else "DMY",
    }
    languages = [language] if language else None
    try:
        return DateDataParser(languages=languages, settings=settings)
    except ValueError:   # a language dateparser does not know: let it guess
        return DateDataParser(settings=settings)


# a clock time in any of the usual spellings: 16:45, 16:45:10, 4:45 pm, 16h45, 16 Uhr, 16時45分, 오후 4시 45분
_NUMERIC_DAY = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")   # 1/1/16, 26.10.21: a day, whatever the order
_CLOCK = re.compile(
    r"(?:오전|오후|午前|午後|上午|下午)?\s*\d{1,2}\s*(?:[:：h時时시]\s*\d{2}(?:[:：]\d{2})?\s*[分분]?|uhr|時(?!間)|时(?!间)|시(?!간))"
    r"(?:\s*(?:[ap]\.?\s?m\.?(?!\w)|uhr|h\b|ч\.?))?"
    r"(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?",
    re.I)


@lru_cache(maxsize=4096)
def _slow_parse(raw: str, language: str | None, month_first: bool, base: datetime) -> tuple[datetime, bool] | None:
    """dateparser's reading of a string. A string that is only a clock time ("16:45", "16:45 Uhr")
    gives None: dateparser would put it on some day of its choosing, and a time is not a date.
    A time beside a relative day ("今天 16:45", "heute, 16:45 Uhr") keeps that day."""
    data = _dateparser(language, month_first, base).get_date_data(raw)
    if data is None or data.date_obj is None:
        return None
    if data.period == "time" and not _has_day(raw, language, month_first, base):
        return None
    return data.date_obj, data.period == "time"


def _has_day(raw: str, language: str | None, month_first: bool, base: datetime) -> bool:
    """Whether ``raw`` still names a day once its clock times are taken out ("2 hours ago" has
    no clock time: it counts from the fetch time and keeps its reading)."""
    rest = _CLOCK.sub(" ", raw).strip(" ,.-|/")
    if rest == raw.strip(" ,.-|/"):
        return True
    if not any(ch.isalnum() for ch in rest):
        return False
    if DATE_IN_TEXT.search(rest) or _NUMERIC_DAY.search(rest):
        return True
    data = _dateparser(language, month_first, base).get_date_data(rest)
    return data is not None and data.date_obj is not None and data.period != "time"


def parse_date_value(
    raw: str | None,
    *,
    language: str | None = None,
    locale: str | None = None,
    timezone_name: str | None = None,
    date_format: str | None = None,
    now: datetime | None = None,
    slow: bool = True,
) -> ParsedDate | None:
    """One date string -> ParsedDate (no plausibility bounds), or None when nothing parses.

    Order: the pinned ``date_format``; the strict fast patterns; RFC 822; dateparser with the
    language hint and the locale's day order, relative dates counted from ``now`` in the site's
    zone. A time without an offset takes ``timezone_name``'s offset on that day. ``slow=False``
    stops before dateparser (the strict parsers only)."""
    if not raw:
        return None
    raw = collapse_ws(raw)[:80]
    now = now or datetime.now(timezone.utc)
    zone = ZoneInfo(timezone_name) if timezone_name else None
    parsed = None
    if date_format:
        try:
            value = datetime.strptime(raw, date_format)
            parsed = (value, any(c in date_format for c in "HIMS"), value.tzinfo is not None)
        except ValueError:
            parsed = None
    if parsed is None:
        parsed = _fast_parse(raw, locale)
    if parsed is None and _RFC822.match(raw):
        try:
            value = parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            value = None
        if value is not None:
            if value.tzinfo is None and raw.endswith("-0000"):   # RFC 5322: UTC, local zone unknown
                value = value.replace(tzinfo=timezone.utc)
            parsed = (value, True, value.tzinfo is not None)
    if parsed is None and not slow:
        return None
    if parsed is None:
        local_now = now.astimezone(zone) if zone else now
        base = local_now.replace(tzinfo=None, second=0, microsecond=0)
        slow = _slow_parse(raw, (language or "").split("-")[0] or None, _month_first(locale), base)
        if slow is None:
            return None
        value, has_time = slow
        parsed = (value, has_time, value.tzinfo is not None)
    value, has_time, has_offset = parsed
    if not has_time:
        return ParsedDate(value.date(), False)
    if not has_offset and zone:
        value = value.replace(tzinfo=zone)
    if value.tzinfo is not None:
        value = value.replace(tzinfo=timezone(value.utcoffset()))   # a fixed offset prints cleanly
    return ParsedDate(value, True)


def parse_date(raw: str | None, *, now: datetime | None = None, **hints) -> ParsedDate | None:
    """``parse_date_value`` limited to plausible publication dates: from 1995 to tomorrow."""
    now = now or datetime.now(timezone.utc)
    parsed = parse_date_value(raw, now=now, **hints)
    if parsed is None:
        return None
    day = parsed.value if not parsed.has_time else parsed.value.date()
    if day < EARLIEST or day > (now + timedelta(days=1)).date():
        return None
    return parsed


def _label_match(pattern: re.Pattern, line: str) -> re.Match | None:
    """A label that starts a field, not a word inside a sentence: "Published 12 September 2024"
    or "… | Posted on …" count, "minutes are published quarterly" does not. CJK labels need no
    such care: their prose has no spaces to confuse."""
    for m in pattern.finditer(" " + line):
        before = (" " + line)[:m.start("label")].rstrip()
        if before and before[-1].isalpha() and (m.group("label")[0].isascii() or _is_cyrillic(m.group("label")[0])):
            continue
        return m
    return None


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


_LABEL_REST_END = re.compile(r"\s*(?:[|｜•·/]|\s{2,}|来源|來源|出处|作者|Автор|Источник|조회|By\s)", re.I)


def _date_after_label(rest: str) -> str | None:
    """The date string right after a label: a date shape starting within three characters,
    or the short phrase up to the next field ("вчера", "3 hours ago") for dateparser.
    A label followed by other words ("Дата проведения форума: 15 мая") gives nothing."""
    m = DATE_IN_TEXT.search(rest)
    if m and m.start() <= 3:
        return m.group(0)
    phrase = _LABEL_REST_END.split(rest, maxsplit=1)[0].strip()
    return phrase if 0 < len(phrase) <= 30 and not DATE_IN_TEXT.search(phrase) else None


def url_date(url: str) -> str | None:
    """The date a URL spells, as YYYY-MM-DD, or None. In a web archive's address
    (``/web/20140109030403/http://…/2013/12/09/…``) the stamp is the day of the snapshot, not of
    the article: only the archived address is read."""
    parts = urlsplit(url)
    archived = _ARCHIVE_PREFIX.match(parts.path)
    if archived:
        return url_date(archived.group("original") + ("?" + parts.query if parts.query else ""))
    m = _URL_DATE.search(parts.path + "?" + parts.query)
    if not m:
        return None
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    return f"{y}-{mo}-{d}"


def find_date_in_text(text: str) -> str | None:
    """The first date-shaped substring of ``text``."""
    m = DATE_IN_TEXT.search(text)
    return m.group(0).strip() if m else None


# ---------------------------------------------------------------------------------------------
# The cascade


@dataclass(frozen=True)
class DateFindings:
    published_raw: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    date_source: str | None = None


@lru_cache(maxsize=1)
def date_labels(path: Path = LABELS_FILE) -> dict[str, re.Pattern]:
    """kind -> regex matching '<label>[:：] <date…>' with the text after the label in group 'rest'."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for kind, labels in data.items():
        alternation = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
        out[kind] = re.compile(r"(?:^|[\s\[(（【|])(?P<label>" + alternation + r")\s*[:：]?\s*(?P<rest>.{4,60})",
                               re.I)
    return out


def jsonld_objects(root) -> list[dict]:
    """Every JSON object in the page's JSON-LD blocks, @graph members flattened."""
    objects: list[dict] = []

    def collect(node):
        if isinstance(node, list):
            for n in node:
                collect(n)
        elif isinstance(node, dict):
            objects.append(node)
            if "@graph" in node:
                collect(node["@graph"])

    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            collect(json.loads(script.text or "", strict=False))
        except ValueError:
            continue
    return objects


_META_PUBLISHED = ("article:published_time", "og:article:published_time", "datePublished", "pubdate",
                   "publishdate", "PubDate", "publish-date", "publication_date", "date", "DC.date",
                   "DC.date.issued", "dc.date", "dcterms.created", "dcterms.issued", "sailthru.date",
                   "parsely-pub-date", "OriginalPublicationDate", "firstpublishedtime")
_META_MODIFIED = ("article:modified_time", "og:updated_time", "dateModified", "DC.date.modified",
                  "dcterms.modified", "lastmodifiedtime")


def _meta_values(root, names) -> list[str]:
    wanted = {n.lower() for n in names}
    found = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and (meta.get("content") or "").strip():
            found.append(meta.get("content").strip())
    return found


@dataclass(frozen=True)
class DateCandidate:
    raw: str
    source: str          # selector, jsonld, meta, time, label, url, text, listing
    kind: str = "published"


def date_candidates(root, url: str, hints: dict | None = None, *, title_element=None,
                    listing_raw: str | None = None) -> list[DateCandidate]:
    """Every date string the page offers, in cascade order. Pure and cheap (no parsing), so the
    per-page stage can collect them before the language is known."""
    hints = hints or {}
    found: list[DateCandidate] = []

    def add(raw, source, kind="published"):
        if raw and raw.strip():
            found.append(DateCandidate(collapse_ws(raw)[:80], source, kind))

    # 1. the site's own pinned selector
    if (hints.get("selectors") or {}).get("date"):
        for el in root.cssselect(hints["selectors"]["date"]):
            text = collapse_ws(el.text_content())
            add(el.get("datetime") or find_date_in_text(text) or text, "selector")
    # 2. JSON-LD
    for obj in jsonld_objects(root):
        for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
            if isinstance(obj.get(key), str):
                add(obj[key], "jsonld", kind)
    # 2b. the same keys in a script's own JSON state (__NEXT_DATA__, Apollo): many pages built by
    # scripts keep their structured data only there
    if not any(c.source == "jsonld" and c.kind == "published" for c in found):
        for script in root.iter("script"):
            if script.text and "datePublished" in script.text:   # also JSON-LD that json.loads refused
                m = _SCRIPT_DATE_PUBLISHED.search(script.text)
                if m:
                    add(m.group(1), "jsonld")
                    break
    # 3. <meta>
    for raw in _meta_values(root, _META_PUBLISHED):
        add(raw, "meta")
    for raw in _meta_values(root, _META_MODIFIED):
        add(raw, "meta", "modified")
    # 4. <time datetime> outside boilerplate and outside list items of other articles
    for el in root.iter("time"):
        if not any(is_boilerplate(a) or _is_other_item(a) for a in el.iterancestors()):
            kind = "modified" if "modified" in (el.get("itemprop") or "").lower() else "published"
            add(el.get("datetime") or collapse_ws(el.text_content()), "time", kind)
    # 5. a label right before the date, outside boilerplate
    lines = article_content_lines(root)
    labels = date_labels()
    labelled = set()
    for i, (_, line) in enumerate(lines):
        if len(line) > LABEL_LINE_MAX:   # a paragraph of body text, not a "label: date" line
            continue
        # "PUBLISHED: 8 Nov 2023 | UPDATED: 9 Nov 2023" gives both; "Дата изменения" is not "Дата"
        updated = _label_match(labels["modified"], line)
        if updated:
            labelled.add(i)
            add(_date_after_label(updated.group("rest")), "label", "modified")
        published = _label_match(labels["published"], line)
        if published and not (updated and updated.start("label") <= published.start("label") < updated.end("label")):
            labelled.add(i)
            add(_date_after_label(published.group("rest")), "label")
    # 6. the URL
    add(url_date(url), "url")
    # 7. the first date just below the title
    start = index_after(lines, title_element)
    # lines that carry a headline link are list items (latest news, related reading), not the header
    # labelled lines ("Last updated …", "Дата проведения форума: …") said what their date is
    header = [line for i, (el, line) in enumerate(lines[start:start + 4], start)
              if i not in labelled and not holds_headline_link(el)]
    add(find_date_in_text(" ".join(header)[:300]), "text")
    # 8. the date the listing page showed beside the link
    add(listing_raw, "listing")
    # 9. the lead image's URL (/2026/01/29/photo.jpg): uploaded for the article, usually that day
    image = image_candidate(root)
    if image is not None:
        found.append(image)
    return found


def image_candidate(root) -> DateCandidate | None:
    """The date in the lead image's address (``og:image`` …/2026/01/29/…), the weakest clue."""
    image = _meta_values(root, ("og:image",))
    day = url_date(image[0]) if image else None
    return DateCandidate(day, IMAGE_SOURCE) if day else None


def _is_other_item(el) -> bool:
    """A list item or teaser card with its own headline link: another article's entry."""
    return el.tag in ("li", "article", "tr", "dd") and holds_headline_link(el)


def resolve_dates(candidates: list[DateCandidate], hints: dict | None = None, *,
                  language: str | None = None, now: datetime | None = None) -> DateFindings:
    """The first candidate of each kind that parses to a plausible date wins."""
    hints = hints or {}
    opts = dict(language=language or hints.get("language"), locale=hints.get("locale"),
                timezone_name=hints.get("timezone"), date_format=hints.get("date_format"), now=now)
    published: tuple[DateCandidate, ParsedDate] | None = None
    modified: ParsedDate | None = None
    for cand in candidates:
        if cand.kind == "published" and published is None:
            value = parse_date(cand.raw, **opts)
            if value is not None:
                published = (cand, value)
        elif cand.kind == "modified" and modified is None:
            modified = parse_date(cand.raw, **opts)
        if published is not None and modified is not None:
            break
    if published is None:
        return DateFindings(modified_at=modified.iso() if modified else None)
    cand, value = published
    value = _day_order_from_url(cand, value, candidates)
    if is_utc(value.value):
        others = _clock_values(candidates, cand, opts)
        value = ParsedDate(in_source_offset(value.value, others, opts["timezone_name"]), True)
        if modified is not None and is_utc(modified.value):
            modified = ParsedDate(in_source_offset(modified.value, others, opts["timezone_name"]), True)
    url_day = next((c for c in candidates if c.source == "url"), None)
    if url_day is not None and cand.source != "url" and _url_day_wins(value, date.fromisoformat(url_day.raw)):
        cand, value = url_day, ParsedDate(date.fromisoformat(url_day.raw), False)
    source = "url" if cand.source == IMAGE_SOURCE else cand.source
    return DateFindings(cand.raw, value.iso(), modified.iso() if modified else None, source)


def _url_day_wins(value: ParsedDate, url_day: date) -> bool:
    """The day the article's address spells is the publisher's calendar day: it beats a UTC
    instant that midnight pushed onto the next or previous day when the page states no offset to
    show the instant in (a bare day is stored then: the local time is not known)."""
    day = value.value.date() if value.has_time else value.value
    return day != url_day and abs((day - url_day).days) == 1 and is_utc(value.value)


def _day_order_from_url(cand: DateCandidate, value: ParsedDate, candidates: list[DateCandidate]) -> ParsedDate:
    """"4/6/2016" reads either way; when the page's URL spells the other reading
    (/2016/04/06/), the URL settles the order the locale could only guess."""
    m = _AMBIGUOUS_NUMERIC.match(cand.raw)
    if not m or m["a"] == m["b"] or int(m["a"]) > 12 or int(m["b"]) > 12:
        return value
    try:
        swapped = value.value.replace(month=value.value.day, day=value.value.month)
    except ValueError:
        return value
    day = swapped.date() if isinstance(swapped, datetime) else swapped
    if any(c.source == "url" and c.raw == day.isoformat() for c in candidates):
        return ParsedDate(swapped, value.has_time)
    return value


def _clock_values(candidates: list[DateCandidate], chosen: DateCandidate, opts: dict) -> list[datetime]:
    """The other candidates that carry a time, as written (no site zone applied), for
    ``date_offsets.source_offset``. Strict parsers only: this runs on every UTC answer."""
    found = []
    for cand in candidates:
        if cand is chosen:
            continue
        parsed = parse_date_value(cand.raw, **{**opts, "timezone_name": None}, slow=False)
        if parsed is not None and parsed.has_time:
            found.append(parsed.value)
    return found


def find_dates(root, url: str, hints: dict | None = None, *, language: str | None = None,
               title_element=None, listing_raw: str | None = None,
               now: datetime | None = None) -> DateFindings:
    """The whole cascade on one parsed page, htmldate's search last where nothing else was found."""
    from newscrawler.extract.date_fallback import with_fallback   # it imports this module

    candidates = date_candidates(root, url, hints, title_element=title_element, listing_raw=listing_raw)
    candidates = with_fallback(root, url, candidates, hints, now, title_element)
    return resolve_dates(candidates, hints, language=language, now=now)
