"""Scrapy settings for newscrawler. Every value can be overridden the usual Scrapy ways
(``-s NAME=VALUE``, a settings module, or ``newscrawler crawl --set NAME=VALUE``)."""

from pathlib import Path

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"

# --- the project's own settings -------------------------------------------------------------
NEWSCRAWLER_DB = str(Path(__file__).resolve().parent.parent / "data" / "news.db")
NEWSCRAWLER_REGISTRY = str(Path(__file__).resolve().parent.parent / "data" / "sites.toml")
NEWSCRAWLER_RUN_ID = None               # set by the CLI so it can report on the run it started
NEWSCRAWLER_MAX_PAGES_PER_SITE = 2000   # requests per source and crawl; 0 = no limit
NEWSCRAWLER_COMMIT_EVERY = 200          # items per SQLite transaction
NEWSCRAWLER_COMMIT_SECONDS = 5.0        # ... or this long, whichever comes first
NEWSCRAWLER_PROGRESS_INTERVAL = 0       # seconds between progress lines on stderr; 0 = off
NEWSCRAWLER_INCREMENTAL = True          # skip article pages already archived (newscrawler/incremental.py)
NEWSCRAWLER_REFRESH_AFTER = "30d"       # ... unless this old: then re-fetch conditionally ("never", "0")
NEWSCRAWLER_REFRESH_ANNOUNCEMENTS_AFTER = "1d"   # cluster-list pages are re-checked sooner: lists get corrected
NEWSCRAWLER_CHROMIUM = None            # path of the system Chromium; default: /usr/bin/chromium if present
NEWSCRAWLER_BROWSER = False             # set (with the download handlers) by newscrawler.browser when usable
NEWSCRAWLER_WORKERS = "auto"            # processes for per-page work (newscrawler/workers.py); 0 = none
NEWSCRAWLER_ALERT_WINDOW = "30"         # days; a source's first crawl alerts only on newer announcements; "all"

# --- politeness -------------------------------------------------------------------------------
USER_AGENT = "newscrawler/0.1 (industrial-policy news archive; Scrapy)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
TELNETCONSOLE_ENABLED = False
# items are processed a few at a time: measured faster here than Scrapy's default of 100
CONCURRENT_ITEMS = 10

# --- components -----------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "newscrawler.middlewares.SourceAccountingMiddleware": 50,
    "newscrawler.incremental.IncrementalMiddleware": 60,
}
# Every page is read once, per-page work included (title, text, dates, language, dedup keys,
# cluster analysis: newscrawler.reader.read_page, in worker processes); the pipelines are the
# whole-database steps, which run in one writer.
ITEM_PIPELINES = {
    # the writer: article, dedup index, cluster lists and alerts in one transaction
    "newscrawler.pipelines.store.StorePipeline": 500,
}
EXTENSIONS = {
    "newscrawler.workers.PageWorkers": 0,
    "newscrawler.runs.CrawlRunRecorder": 500,
    "newscrawler.progress.ProgressReporter": 510,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
