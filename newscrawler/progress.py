"""A one-line progress report on long crawls, printed to stderr every
``NEWSCRAWLER_PROGRESS_INTERVAL`` seconds (0, the Scrapy default here, switches it off;
``newscrawler crawl`` turns it on)."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawler.runs import per_source_counts


def progress_line(counts: dict[str, dict], elapsed: float) -> str:
    pages = sum(c.get("pages", 0) for c in counts.values())
    stored = sum(c.get("articles_new", 0) + c.get("articles_updated", 0) for c in counts.values())
    seen = sum(c.get("articles_unchanged", 0) + c.get("articles_duplicate", 0) for c in counts.values())
    stored += sum(c.get("articles_near_duplicate", 0) for c in counts.values())
    errors = sum(sum(c["errors"].values()) for c in counts.values())
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    return (f"progress: {pages} pages ({rate:.0f}/min), {stored} articles new or updated, "
            f"{seen} unchanged, {errors} errors, {len(counts)} sources, {elapsed:.0f}s")


class ProgressReporter:
    def __init__(self, stats, interval: float):
        self.stats = stats
        self.interval = interval
        self.started = None
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("NEWSCRAWLER_PROGRESS_INTERVAL")
        if not interval:
            raise NotConfigured
        reporter = cls(crawler.stats, interval)
        crawler.signals.connect(reporter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(reporter.spider_closed, signal=signals.spider_closed)
        return reporter

    def spider_opened(self, spider):
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def report(self):
        counts = per_source_counts(self.stats.get_stats())
        print(progress_line(counts, time.monotonic() - self.started), file=sys.stderr, flush=True)

    def spider_closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
