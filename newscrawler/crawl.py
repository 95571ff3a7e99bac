"""Running crawls from Python: the library behind ``newscrawler crawl`` and ``newscrawler demo``."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from newscrawler.db import open_db
from newscrawler.sites import Site

# Loopback fixture sites need no politeness delays; real sites keep the defaults in settings.py.
LOOPBACK_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_ENABLED": False,
}


def crawl_settings(db_path: str | Path, overrides: dict | None = None, log_level: str = "WARNING",
                   sites: list[Site] = ()):
    """Scrapy settings for a crawl of ``sites``; the browser download handler only when one of
    them may need it and Chromium is installed."""
    from scrapy.settings import Settings

    from newscrawler.browser import browser_settings, find_chromium

    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    chromium = find_chromium((overrides or {}).get("NEWSCRAWLER_CHROMIUM") or settings.get("NEWSCRAWLER_CHROMIUM"))
    if chromium and any(site.needs_browser() for site in sites):
        for name, value in browser_settings(chromium).items():
            settings.set(name, value, priority="project")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    settings.set("NEWSCRAWLER_DB", str(db_path), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    if not settings.get("NEWSCRAWLER_RUN_ID"):
        settings.set("NEWSCRAWLER_RUN_ID", uuid.uuid4().hex[:12], priority="cmdline")
    return settings


def run_crawl(sites: list[Site], db_path: str | Path, overrides: dict | None = None,
              log_level: str = "WARNING") -> str:
    """Crawl ``sites`` into ``db_path`` in this process (once per process: Twisted's reactor
    cannot restart) and return the run id under which ``crawl_runs`` recorded it."""
    from scrapy.crawler import CrawlerProcess

    from newscrawler.spiders.news import NewsSpider

    settings = crawl_settings(db_path, overrides, log_level, sites)
    open_db(db_path).close()   # create and migrate before any component opens it
    process = CrawlerProcess(settings)
    process.crawl(NewsSpider, sites=sites)
    process.start()
    return settings.get("NEWSCRAWLER_RUN_ID")


def run_summary(db_path: str | Path, run_id: str) -> list[dict]:
    db = open_db(db_path)
    try:
        rows = list(db.query(
            "SELECT r.*, (SELECT count(*) FROM articles a WHERE a.source = r.source) AS articles_total "
            "FROM crawl_runs r WHERE run_id = ? ORDER BY source", [run_id]))
    finally:
        db.close()
    for row in rows:
        row["errors"] = json.loads(row["errors"] or "{}")
        row["drops"] = json.loads(row.get("drops") or "{}")
    return rows


def format_table(table: list[tuple]) -> str:
    """Rows of values as aligned columns, the first row a header underlined."""
    widths = [max(len(str(row[i])) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_errors(errors: dict) -> str:
    """{"http_404": 1, "timeout": 2} -> 'http_404:1, timeout:2' ('-' for none)."""
    return ", ".join(f"{k}:{v}" for k, v in sorted(errors.items())) or "-"


def format_summary(rows: list[dict]) -> str:
    table = [("source", "pages", "new", "updated", "unchanged", "dup", "stored", "not stored", "errors")]
    for r in rows:
        errors = format_errors(r["errors"])
        table.append((r["source"], r["pages_fetched"], r["articles_new"], r["articles_updated"],
                      r["articles_unchanged"], r["articles_duplicate"], r["articles_total"],
                      format_errors(r.get("drops") or {}), errors))
    return format_table(table)


def recent_alerts(db_path: str | Path, since: str | None = None) -> list[dict]:
    db = open_db(db_path)
    try:
        sql = "SELECT id, kind, created_at, title, article_url, payload FROM alerts"
        params: list = []
        if since:
            sql += " WHERE created_at >= ?"
            params.append(since)
        return list(db.query(sql + " ORDER BY id", params))
    finally:
        db.close()
