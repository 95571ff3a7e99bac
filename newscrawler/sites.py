"""The site registry: one small declarative entry per site (``data/sites.toml``).

A site entry is plain data; the generic spider and the pipelines read it, no site
gets its own spider class. ``site_for_url`` builds an entry on the fly for
``newscrawler crawl --url``, so an unknown site needs no configuration at all.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_REGISTRY = Path(__file__).resolve().parent.parent / "data" / "sites.toml"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_IP_RE = re.compile(r"^[\d.]+$|:")
_SELECTOR_KEYS = {"title", "body", "date", "exclude"}


class RegistryError(ValueError):
    """A registry file or entry that cannot be used; the message names the site and field."""


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    start_urls: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    language: str | None = None          # ISO 639-1 hint, a prior for short texts
    timezone: str | None = None          # IANA zone for dates printed without an offset
    locale: str | None = None            # e.g. en-GB / en-US: decides day-first vs month-first
    date_format: str | None = None       # pinned strptime format, wins over guessing
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_url: str | None = None       # regex: URLs that are articles
    listing_url: str | None = None       # regex: URLs that are listing pages
    follow_url: str | None = None        # regex: only links matching it are followed (start URLs always are)
    deny_url: str | None = None          # regex: links never followed
    selectors: dict = field(default_factory=dict)   # optional CSS hints: title, body, date, exclude
    include_subdomains: bool = True      # False for --url crawls: that host (and its www twin) only
    refresh_after: str | None = None     # re-fetch stored articles this old ("7d"); None: the global setting
    every: str | None = None             # crawl interval for `newscrawler schedule` ("6h"); None: the default
    render: str | None = None            # "browser": every page through Chromium; "listing": listing pages only
    auto_render: bool = False            # render a page in the browser when its HTML is an empty script shell
    primary: bool = False                # a first-hand publisher (a ministry): wins same-day ties over republishers

    def allows(self, url: str) -> bool:
        """True when ``url`` is on one of the site's hosts (subdomains included)."""
        host = (urlsplit(url).hostname or "").lower()
        if not self.include_subdomains:
            return host in self.allowed_hosts
        return any(host == h or host.endswith("." + h) for h in self.allowed_hosts)

    def follows(self, url: str) -> bool:
        """A link the crawl may follow: on the site, matching follow_url, not matching deny_url."""
        if not self.allows(url):
            return False
        if self.follow_url and not re.search(self.follow_url, url):
            return False
        return not (self.deny_url and re.search(self.deny_url, url))

    def needs_browser(self) -> bool:
        return self.render is not None or self.auto_render

    def hints(self) -> dict:
        """The part of the entry that travels with each item: what per-page extraction needs, and
        ``primary`` for the store, which elects the original among copies (a writer fed from a
        queue has items, not the registry)."""
        data = asdict(self)
        return {k: data[k] for k in ("language", "timezone", "locale", "date_format",
                                     "article_url", "listing_url", "selectors", "primary")}


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.I)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@lru_cache(maxsize=64)
def parse_duration(value) -> timedelta | None:
    """'6h', '30d', '90m', '0' -> timedelta; 'never' or None -> None (no refresh)."""
    if value is None or str(value).strip().lower() == "never":
        return None
    if str(value).strip() == "0":
        return timedelta(0)
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(f"not a duration: {value!r} (use e.g. 90m, 6h, 30d, 0 or never)")
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2).lower()])


def _host(url: str) -> str:
    host = urlsplit(url).hostname
    if not host:
        raise RegistryError(f"not an absolute http(s) URL: {url!r}")
    return host.lower()


def site_for_url(url: str) -> Site:
    """A configuration-free entry for ``--url``: the URL's host is the site id, and the crawl
    stays on that host and its www/bare twin (example.org <-> www.example.org)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise RegistryError(f"not an http(s) URL: {url!r}")
    host = _host(url)
    hosts = (host,) if _IP_RE.match(host) else tuple(dict.fromkeys((host, _bare(host), "www." + _bare(host))))
    return Site(id=host, name=host, start_urls=(url,), allowed_hosts=hosts, include_subdomains=False,
                auto_render=True)


# field -> the type its value must have ("list" means a list of strings)
_FIELD_TYPES = {
    "name": str, "start_urls": list, "allowed_hosts": list, "language": str, "timezone": str,
    "locale": str, "date_format": str, "feeds": list, "sitemaps": list, "article_url": str,
    "listing_url": str, "follow_url": str, "deny_url": str, "selectors": dict,
    "include_subdomains": bool, "every": str, "refresh_after": str, "render": str, "auto_render": bool,
    "primary": bool,
}


def _bare(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _site_from_entry(site_id: str, entry) -> Site:
    def fail(msg: str) -> RegistryError:
        return RegistryError(f"site {site_id!r}: {msg}")

    if not _ID_RE.match(site_id):
        raise fail("id must be lower-case letters, digits, '.', '_' or '-'")
    if not isinstance(entry, dict):
        raise fail("must be a table of fields, [sites.<id>]")
    unknown = set(entry) - set(_FIELD_TYPES)
    if unknown:
        raise fail(f"unknown fields {sorted(unknown)}; known: {sorted(_FIELD_TYPES)}")
    for key, value in entry.items():
        kind = _FIELD_TYPES[key]
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str) for v in value)) \
                or (kind is dict and not all(isinstance(v, str) for v in value.values())):
            what = "a list of strings" if kind is list else f"a {kind.__name__}"
            raise fail(f"{key} must be {what}, not {value!r}")
    start_urls = entry.get("start_urls")
    if not start_urls:
        raise fail("start_urls must be a non-empty list")
    try:
        hosts = entry.get("allowed_hosts") or sorted({_bare(_host(u)) for u in start_urls})
    except RegistryError as exc:
        raise fail(str(exc)) from None
    tz = entry.get("timezone")
    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(f"unknown timezone {tz!r}") from None
    selectors = entry.get("selectors", {})
    if set(selectors) - _SELECTOR_KEYS:
        raise fail(f"unknown selectors {sorted(set(selectors) - _SELECTOR_KEYS)}; known: {sorted(_SELECTOR_KEYS)}")
    if entry.get("render") not in (None, "browser", "listing"):
        raise fail(f"render must be 'browser' or 'listing', not {entry['render']!r}")
    for key in ("refresh_after", "every"):
        if entry.get(key) is not None:
            try:
                parse_duration(entry[key])
            except ValueError as exc:
                raise fail(f"{key}: {exc}") from None
    for key in ("article_url", "listing_url", "follow_url", "deny_url"):
        if entry.get(key):
            try:
                re.compile(entry[key])
            except re.error as exc:
                raise fail(f"{key} is not a valid regex: {exc}") from None
    return Site(
        id=site_id,
        name=entry.get("name", site_id),
        start_urls=tuple(start_urls),
        allowed_hosts=tuple(h.lower() for h in hosts),
        language=entry.get("language"),
        timezone=tz,
        locale=entry.get("locale"),
        date_format=entry.get("date_format"),
        feeds=tuple(entry.get("feeds", ())),
        sitemaps=tuple(entry.get("sitemaps", ())),
        article_url=entry.get("article_url"),
        listing_url=entry.get("listing_url"),
        follow_url=entry.get("follow_url"),
        deny_url=entry.get("deny_url"),
        selectors=dict(selectors),
        include_subdomains=entry.get("include_subdomains", True),
        refresh_after=entry.get("refresh_after"),
        every=entry.get("every"),
        render=entry.get("render"),
        auto_render=entry.get("auto_render", False),
        primary=entry.get("primary", False),
    )


def parse_registry(text: str) -> dict[str, Site]:
    """Parse registry TOML (``[sites.<id>]`` tables) into sites keyed by id."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"registry is not valid TOML: {exc}") from None
    return {sid: _site_from_entry(sid, entry) for sid, entry in data.get("sites", {}).items()}


def load_registry(path: str | Path = DEFAULT_REGISTRY) -> dict[str, Site]:
    path = Path(path)
    if not path.exists():
        raise RegistryError(f"registry file not found: {path}")
    return parse_registry(path.read_text(encoding="utf-8"))


def select_sites(registry: dict[str, Site], ids: list[str]) -> list[Site]:
    """The entries named by ``ids`` (all when empty); unknown ids are an error listing the known ones."""
    if not ids:
        return list(registry.values())
    missing = [i for i in ids if i not in registry]
    if missing:
        raise RegistryError(f"unknown site id(s) {missing}; known: {sorted(registry)}")
    return [registry[i] for i in ids]
