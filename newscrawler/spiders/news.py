"""The one generic spider: any registered site (``-a site=ID[,ID]``) or any URL (``-a url=URL``).

Discovery: start pages, robots.txt sitemaps, feeds (declared in the registry or announced by
<link rel=alternate>), and every same-site link of every page (listing pages and pagination).
Each HTML page is read once (``newscrawler.reader.read_page``, in a worker process:
newscrawler/workers.py): classified article, listing or static page, its links collected and, for
an article, everything the archive stores read from it; articles become ``Article`` items, all
pages yield their links. Every article page is either yielded or counted as dropped under a
named reason (``dropped/<reason>``), with its URL in the log: none disappears unaccounted. Counters go to Scrapy's stats; the registry entries it was given are configuration; its
only crawl state is the set of links it has met (see ``links_met``).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as TwistedTimeoutError

from newscrawler.db import utcnow
from newscrawler.extract.charset import looks_binary
from newscrawler.extract.feeds import feed_entries, robots_sitemaps, sitemap_entries, xml_kind
from newscrawler.browser import missing_browser_message, render_meta
from newscrawler.extract.urls import is_page_link, request_url
from newscrawler.incremental import AlreadyArchived
from newscrawler.items import ARTICLE_FIELDS, Article, NotModified
from newscrawler.reader import PARSE_FAILURE, PageReading, read_page
from newscrawler.sites import DEFAULT_REGISTRY, Site, load_registry, select_sites, site_for_url
from newscrawler.workers import page_workers

logger = logging.getLogger(__name__)


def _split_arg(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in re.split(r"[,\s]+", value) if v]


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def error_kind(failure) -> str:
    """A short, countable name for why a request failed."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DownloadTimeoutError, TwistedTimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused"
    if failure.check(ResponseDataLossError):
        return "data_loss"
    return failure.type.__name__.lower() if failure.type else "unknown"


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, site=None, url=None, sites=None, registry=None, *args, **kwargs):
        """``sites``: Site entries (programmatic use); ``site``: registry ids, comma-separated;
        ``url``: start URLs crawled without configuration. Nothing given: the whole registry."""
        super().__init__(*args, **kwargs)
        chosen: list[Site] = list(sites or [])
        if site or not (sites or url):
            chosen += select_sites(load_registry(registry or DEFAULT_REGISTRY), _split_arg(site))
        chosen += [site_for_url(u) for u in _split_arg(url)]
        self.sites: dict[str, Site] = {s.id: s for s in chosen}
        self.allowed_domains = sorted({h for s in chosen for h in s.allowed_hosts})
        # links already decided, per site and kind: a page repeats its menus and sidebars and
        # listing pages link each other, so ~95% of the links met were met before; skipping them
        # here saves building a request that Scrapy's dupefilter would drop
        self.links_met: dict[tuple[str, str], set[str]] = {}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        kwargs.setdefault("registry", crawler.settings.get("NEWSCRAWLER_REGISTRY"))
        return super().from_crawler(crawler, *args, **kwargs)

    # -- requests ---------------------------------------------------------------------------

    def _request(self, url: str, site: Site, kind: str, listing_raw: str | None = None, *, start: bool = False,
                 render: bool = False, **kwargs):
        meta = {"source": site.id, "kind": kind, "listing_raw": listing_raw}
        if kind == "page" and (render or site.render == "browser" or (
                site.render == "listing" and (start or (site.listing_url and re.search(site.listing_url, url))))):
            meta.update(render_meta((site.selectors or {}).get("body")))
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta, **kwargs)

    @property
    def browser(self) -> bool:
        return self.crawler.settings.getbool("NEWSCRAWLER_BROWSER")

    async def start(self):
        for site in self.sites.values():
            if site.render and not self.browser:
                logger.error(missing_browser_message(site.id))
                self.crawler.stats.inc_value(f"newscrawler/source/{site.id}/errors/no_browser")
                continue
            for url in site.start_urls:
                request = self._request(url, site, "page", start=True)
                request.meta["start"] = True   # always fetched, even when already archived
                yield request
            for url in site.feeds:
                yield self._request(url, site, "feed")
            for url in site.sitemaps:
                yield self._request(url, site, "sitemap")
            parts = urlsplit(site.start_urls[0])
            yield self._request(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")), site, "robots")

    def _follow(self, site: Site, url: str, kind: str, listing_raw: str | None = None):
        """A request for a discovered URL, or None when the site's rules say not to fetch it or
        the link was met before. Pages obey follow_url/deny_url; feeds and sitemaps only need to
        be on the site."""
        met = self.links_met.setdefault((site.id, kind), set())
        if url in met:
            return None
        met.add(url)
        allowed = site.follows(url) and is_page_link(url) if kind == "page" else site.allows(url)
        if allowed:
            return self._request(request_url(url), site, kind, listing_raw)
        return None

    # -- responses --------------------------------------------------------------------------

    async def parse(self, response):
        site = self.sites[response.meta["source"]]
        kind = response.meta["kind"]
        if response.status == 304:   # a conditional re-fetch of an archived article: unchanged
            yield NotModified(response.request.url, site.id, utcnow(), fetched=True)
            return
        if kind == "robots":
            for url in robots_sitemaps(response.text if isinstance(response, TextResponse) else "", response.url):
                request = self._follow(site, url, "sitemap")
                if request:
                    yield request
            return
        xml = xml_kind(response.body)
        if xml == "feed":
            for request in self._parse_feed(response, site):
                yield request
            return
        if xml == "sitemap":
            for request in self._parse_sitemap(response, site):
                yield request
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if (not isinstance(response, TextResponse) or "html" not in (content_type or "text/html")
                or looks_binary(response.body)):
            self.crawler.stats.inc_value(f"newscrawler/source/{site.id}/skipped/not_html")
            return
        listing_raw = response.meta.get("listing_raw")
        fetched_at = utcnow()
        try:   # decode, parse, classify, collect links, read the article: once, in a worker process
            reading = await page_workers(self.crawler).run(
                read_page, response.body, response.url, content_type, site.hints(), listing_raw, fetched_at,
                bool(site.auto_render and not response.meta.get("playwright")))
        except Exception as exc:   # a page that breaks the reader (or its worker) is counted, never fatal
            self.crawler.stats.inc_value(f"newscrawler/source/{site.id}/errors/{PARSE_FAILURE}")
            logger.warning("could not read %s: %r", response.url, exc)
            return
        for output in self._use_reading(response, site, reading, listing_raw, fetched_at):
            yield output

    def _count(self, site: Site, name: str) -> None:
        self.crawler.stats.inc_value(f"newscrawler/source/{site.id}/{name}")

    def _use_reading(self, response, site: Site, reading: PageReading, listing_raw: str | None, fetched_at: str):
        if reading.built_by_scripts:
            if self.browser:
                logger.info("%s builds its content with scripts: rendering it in the browser", response.url)
                self._count(site, "rendered_fallback")
                yield self._request(response.url, site, "page", listing_raw, render=True, dont_filter=True)
                return
            key = f"newscrawler/source/{site.id}/skipped/script_page"
            self.crawler.stats.inc_value(key)
            if self.crawler.stats.get_value(key) == 1:   # one clear message per site, not one per page
                logger.warning(missing_browser_message(site.id).replace(
                    "; the site is skipped", "; its script-built pages are read as they are"))
        self._count(site, f"{reading.kind}_pages")
        if reading.kind == "static":
            logger.info("not an article (no date, no item-shaped URL): %s", response.url)
        if reading.drop_reason:
            self._count(site, "articles_fetched")
            self._count(site, f"dropped/{reading.drop_reason}")
            logger.warning("article page not stored (%s): %s%s", reading.drop_reason, response.url,
                           f" ({reading.error})" if reading.error else "")
        elif reading.article is not None:
            self._count(site, "articles_fetched")
            page = reading.article
            if page["published_at"] is None:
                self._count(site, "errors/no_date")
                logger.info("no publication date found on %s (stored with published_at NULL)", response.url)
            self._count(site, f"cluster_{page['cluster']['label']}")
            yield Article(
                url=page["url"],
                fetched_url=response.url,
                source=site.id,
                encoding=reading.encoding,
                fetched_at=fetched_at,
                hints=site.hints(),
                listing_raw=listing_raw,
                etag=_header(response, "ETag"),
                last_modified=_header(response, "Last-Modified"),
                **{name: page[name] for name in ARTICLE_FIELDS},
            )
        for url in reading.feed_links:
            request = self._follow(site, url, "feed")
            if request:
                yield request
        for url, when in reading.page_links:
            request = self._follow(site, url, "page", when)
            if request:
                yield request

    def _parse_feed(self, response, site: Site):
        for url, when in feed_entries(response.body, response.url):
            request = self._follow(site, url, "page", when)
            if request:
                yield request

    def _parse_sitemap(self, response, site: Site):
        pages, nested = sitemap_entries(response.body, response.url)
        for url in nested:
            request = self._follow(site, url, "sitemap")
            if request:
                yield request
        for url in pages:
            request = self._follow(site, url, "page")
            if request:
                yield request

    def on_error(self, failure):
        request = failure.request
        source = request.meta.get("source", "unknown")
        if failure.check(AlreadyArchived):   # an archived article, not due for a refresh: seen again
            yield NotModified(request.url, source, utcnow(), fetched=False)
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):   # robots.txt or a limit said no
            self.crawler.stats.inc_value(f"newscrawler/source/{source}/skipped/ignored")
            logger.debug("not fetched (%s): %s", failure.value, request.url)
            return
        kind = error_kind(failure)
        if request.meta.get("kind") == "robots":
            # no robots.txt is normal; an unreachable site shows in its page requests
            logger.debug("robots.txt not read (%s): %s", kind, request.url)
            return
        self.crawler.stats.inc_value(f"newscrawler/source/{source}/errors/{kind}")
        logger.warning("fetch failed (%s): %s", kind, request.url)
