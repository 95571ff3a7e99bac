"""JavaScript-built pages through scrapy-playwright and the system Chromium (Debian's 'chromium',
installed by .ci/run): a portal whose list and articles are inserted by scripts from JSON is
crawled end to end; without a browser, such a site fails with one clear message and the others
crawl normally."""

from __future__ import annotations

import pytest

from newscrawler.browser import find_chromium
from tests.conftest import FAST, query, run_cli

ARTICLES = {
    "/article.html?id=1": ("Ministry designates three new advanced manufacturing clusters", "2025-09-18"),
    "/article.html?id=2": ("Manufacturing output rose in the second quarter", "2025-09-04"),
    "/article.html?id=3": ("Minister opens new vocational training centre for welders", "2025-08-21"),
}
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Debian package chromium not installed")


def portal_registry(tmp_path, base, render="browser"):
    path = tmp_path / "js.toml"
    path.write_text(f'[sites.js-portal]\nstart_urls = ["{base}/"]\nlanguage = "en"\ntimezone = "Europe/London"\n'
                    f'render = "{render}"\n', encoding="utf-8")
    return path


def stored(db):
    return {r["url"].split(":", 2)[2].split("/", 1)[1]: r for r in query(db, "SELECT * FROM articles")}


@needs_chromium
def test_registered_browser_site_is_crawled_end_to_end(fixture_web, tmp_path):
    db = tmp_path / "js.db"
    run_cli("crawl", "js-portal", "--registry", str(portal_registry(tmp_path, fixture_web["bases"]["js_portal"])),
            "--db", str(db), *FAST)
    rows = stored(db)
    assert set(rows) == {p.lstrip("/") for p in ARTICLES}
    for path, (title, published) in ARTICLES.items():
        row = rows[path.lstrip("/")]
        assert (row["title"], row["published_at"], row["language"]) == (title, published, "en")
        assert "Related content" not in row["text"] and "All rights reserved" not in row["text"]
    announcement = rows["article.html?id=1"]
    assert announcement["cluster_label"] == "announcement"
    assert "Northern Steel Transition Cluster" in announcement["cluster"]


@needs_chromium
def test_url_crawl_falls_back_to_the_browser_for_script_pages(fixture_web, tmp_path):
    db = tmp_path / "fallback.db"
    result = run_cli("crawl", "--url", fixture_web["bases"]["js_portal"] + "/", "--url",
                     fixture_web["bases"]["en_ministry"] + "/news/", "--db", str(db), *FAST, "--log-level", "INFO")
    assert "builds its content with scripts: rendering it in the browser" in result.stderr
    by_source = {r["source"]: r["n"] for r in query(db, "SELECT source, count(*) AS n FROM articles GROUP BY source")}
    assert by_source == {"127.0.0.9": 3, "127.0.0.5": 10}


def test_without_a_browser_the_site_fails_clearly_and_others_crawl(fixture_web, tmp_path):
    registry = portal_registry(tmp_path, fixture_web["bases"]["js_portal"])
    registry.write_text(registry.read_text(encoding="utf-8")
                        + fixture_web["registry"].read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "nobrowser.db"
    result = run_cli("crawl", "js-portal", "ko-industry", "--registry", str(registry), "--db", str(db), *FAST,
                     "--set", "NEWSCRAWLER_CHROMIUM=/nonexistent/chromium")
    assert result.returncode == 0
    assert result.stderr.count("needs a browser") == 1 and "apt-get install chromium" in result.stderr
    assert {r["source"] for r in query(db, "SELECT DISTINCT source FROM articles")} == {"ko-industry"}
    runs = {r["source"]: r for r in query(db, "SELECT source, errors FROM crawl_runs")}
    assert '"no_browser": 1' in runs["js-portal"]["errors"]


def test_sites_that_need_no_browser_never_start_one(fixture_web, tmp_path):
    db = tmp_path / "plain.db"
    result = run_cli("crawl", "--registry", str(fixture_web["registry"]), "ko-industry", "--db", str(db), *FAST,
                     "--log-level", "INFO")
    assert "scrapy-playwright" not in result.stderr and "Launching browser" not in result.stderr
    assert query(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 10
