"""Rendering pages in Chromium through scrapy-playwright, only where a site needs it.

Chromium comes from the system (Debian's ``chromium`` package), never from a download at run time.
``browser_settings`` gives the Scrapy settings that route requests marked ``playwright`` through
the browser — every other request keeps Scrapy's plain downloader — or ``{}`` when no browser is
installed, in which case sites that need one fail with one clear message (``missing_browser_message``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from scrapy_playwright.page import PageMethod

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium")
# Chromium's own background traffic (updates, sync, safe browsing) is refused on closed networks
FLAGS = ["--headless=new", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]
BLOCKED_RESOURCES = {"image", "font", "media"}


def find_chromium(configured: str | None = None) -> str | None:
    """The system Chromium: the configured path (NEWSCRAWLER_CHROMIUM), else a known location."""
    if configured:
        return configured if Path(configured).is_file() else None
    for path in CANDIDATES:
        if Path(path).is_file():
            return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing_browser_message(site_id: str) -> str:
    return (f"site {site_id} needs a browser (render = browser/listing, or its pages build their content "
            f"with scripts) but no Chromium was found: install the Debian package 'chromium' "
            f"(apt-get install chromium) or set NEWSCRAWLER_CHROMIUM to its path; the site is skipped")


def should_abort_request(request) -> bool:
    """Images, fonts and media are never needed to read the text."""
    return request.resource_type in BLOCKED_RESOURCES


def browser_settings(chromium: str, max_contexts: int = 2, pages_per_context: int = 4) -> dict:
    args = list(FLAGS) + (["--no-sandbox"] if os.geteuid() == 0 else [])   # the sandbox refuses root
    return {
        "DOWNLOAD_HANDLERS": {
            "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        },
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": chromium, "headless": True, "args": args},
        "PLAYWRIGHT_MAX_CONTEXTS": max_contexts,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": pages_per_context,
        "PLAYWRIGHT_ABORT_REQUEST": "newscrawler.browser.should_abort_request",
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        "NEWSCRAWLER_BROWSER": True,
    }


def render_meta(wait_selector: str | None = None) -> dict:
    """Request meta for a page read through the browser: wait for the article's selector when the
    site gives one, else until the network is idle (the scripts have fetched their data)."""
    meta = {"playwright": True}
    if wait_selector:
        meta["playwright_page_methods"] = [PageMethod("wait_for_selector", wait_selector, timeout=15_000)]
    else:
        meta["playwright_page_goto_kwargs"] = {"wait_until": "networkidle"}
    return meta
