"""Crawl every fixture site with the real spider and pipelines, then check every article
against the site's expected.json; crawl again and check that nothing is stored twice."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import FAST, SITE_IDS, load_expected, query, run_cli, server_hits

EXPECTED = load_expected()
ARTICLES = [(site, path) for site, exp in EXPECTED.items() for path in exp["articles"]]
NOT_ARTICLES = [(site, path) for site, exp in EXPECTED.items() for path in exp["not_articles"]]


def url_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def crawl(fixture_web, tmp_path_factory):
    """Two crawls of the whole fixture web into one database; the rows after each."""
    db = tmp_path_factory.mktemp("crawl") / "news.db"
    args = ["crawl", "--registry", str(fixture_web["registry"]), "--db", str(db), *FAST]
    first = run_cli(*args)
    first_hits = server_hits(fixture_web, reset=True)
    rows_after_first = query(db, "SELECT * FROM articles ORDER BY id")
    second = run_cli(*args)
    return {"db": db, "first": first, "second": second, "rows": rows_after_first,
            "rows_after_second": query(db, "SELECT * FROM articles ORDER BY id"),
            "first_hits": first_hits, "second_hits": server_hits(fixture_web)}


@pytest.fixture(scope="module")
def stored(crawl):
    """{(site name, URL path): row}"""
    by_source = {v: k for k, v in SITE_IDS.items()}
    return {(by_source[r["source"]], url_path(r["url"])): r for r in crawl["rows"]}


@pytest.mark.parametrize("site,path", ARTICLES, ids=[f"{s}{p}" for s, p in ARTICLES])
def test_article_is_extracted_right(stored, site, path):
    expected = EXPECTED[site]["articles"][path]
    row = stored.get((site, path))
    assert row is not None, f"{path} was not stored"
    assert row["title"] == expected["title"]
    assert row["published_at"] == expected["published_at"]
    assert row["published_raw"] == expected["published_raw"]
    assert row["modified_at"] == expected.get("modified_at")
    assert row["language"] == expected["language"]
    for phrase in expected["contains"]:
        assert phrase in row["text"], f"body lost: {phrase!r}"
    for phrase in expected["excludes"]:
        assert phrase not in row["text"], f"boilerplate leaked: {phrase!r}"


@pytest.mark.parametrize("site,path", NOT_ARTICLES, ids=[f"{s}{p}" for s, p in NOT_ARTICLES])
def test_non_article_is_not_stored(stored, site, path):
    assert (site, path) not in stored


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_nothing_but_expected_articles_is_stored(stored, site):
    paths = {p for s, p in stored if s == site}
    assert paths == set(EXPECTED[site]["articles"])


def test_every_row_meets_the_contract(crawl):
    for row in crawl["rows"]:
        assert row["url"].startswith("http://127.0.0.")
        assert row["content_hash"] and row["version"] == 1 and row["duplicate_of"] is None
        assert row["first_seen_at"] == row["last_seen_at"] == row["updated_at"]
        assert row["date_source"] in ("jsonld", "meta", "time", "label", "listing", "url", "text", "selector")


def test_second_crawl_stores_nothing_twice(crawl):
    first, second = crawl["rows"], crawl["rows_after_second"]
    assert [r["id"] for r in second] == [r["id"] for r in first]
    assert [r["url"] for r in second] == [r["url"] for r in first]
    assert all(r["version"] == 1 for r in second)
    assert all(b["last_seen_at"] >= a["last_seen_at"] for a, b in zip(first, second))
    runs = query(crawl["db"], "SELECT run_id, source, articles_new, articles_unchanged FROM crawl_runs ORDER BY id")
    last_run = [r for r in runs if r["run_id"] == runs[-1]["run_id"]]
    assert len(last_run) == len(SITE_IDS)
    assert all(r["articles_new"] == 0 for r in last_run)
    assert sum(r["articles_unchanged"] for r in last_run) == len(first)


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_second_crawl_fetches_no_article_page(crawl, site):
    """An unchanged site costs its listing pages, feeds and sitemaps, not its archived articles."""
    articles = set(EXPECTED[site]["articles"])
    assert articles <= set(crawl["first_hits"][site]), "first crawl fetched every article"
    refetched = articles & set(crawl["second_hits"][site])
    assert refetched == set()
    assert crawl["second_hits"][site], "the listing pages were fetched again"


@pytest.fixture(scope="module")
def refresh(crawl, fixture_web):
    """A third crawl with every archived article due for a refresh."""
    server_hits(fixture_web, reset=True)
    args = ["crawl", "--registry", str(fixture_web["registry"]), "--db", str(crawl["db"]), *FAST,
            "--set", "NEWSCRAWLER_REFRESH_AFTER=0"]
    run_cli(*args)
    return {"hits": server_hits(fixture_web), "rows": query(crawl["db"], "SELECT * FROM articles ORDER BY id")}


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_refresh_is_conditional_and_costs_no_body(refresh, site):
    for path in EXPECTED[site]["articles"]:
        assert refresh["hits"][site].get("304 " + path) == 1, f"{path} was not revalidated with a 304"


def test_refresh_of_unchanged_web_changes_no_row(crawl, refresh):
    assert [(r["id"], r["content_hash"], r["version"]) for r in refresh["rows"]] == \
        [(r["id"], r["content_hash"], r["version"]) for r in crawl["rows"]]
    assert all(r["etag"] for r in refresh["rows"])


def test_crawl_runs_count_pages_articles_and_errors(crawl):
    runs = query(crawl["db"], "SELECT * FROM crawl_runs ORDER BY id")
    first_run = [r for r in runs if r["run_id"] == runs[0]["run_id"]]
    by_source = {r["source"]: r for r in first_run}
    for name, site_id in SITE_IDS.items():
        run = by_source[site_id]
        assert run["articles_new"] == len(EXPECTED[name]["articles"])
        assert run["pages_fetched"] > run["articles_new"]
        assert '"http_404": 1' in run["errors"] and '"http_500": 1' in run["errors"], run["errors"]
        assert run["errors_total"] >= 2
        assert run["finish_reason"] == "finished"


def test_events_log_every_new_article(crawl):
    events = query(crawl["db"], "SELECT kind, article_id FROM events ORDER BY id")
    assert sorted(e["article_id"] for e in events if e["kind"] == "article_new") == \
        sorted(r["id"] for r in crawl["rows"])


def test_summary_is_printed(crawl):
    out = crawl["first"].stdout
    for site_id in SITE_IDS.values():
        assert site_id in out
    assert "http_404:1" in out


def test_listing_dates_are_kept_beside_the_page_date(stored):
    """ru_smolensk lists 27.08.2025-style dates beside its links; the page prints 27-08-2025."""
    row = stored[("ru_smolensk", "/news/1187.html")]
    assert row["listing_raw"] and row["listing_raw"].endswith("2025")
    assert row["date_source"] == "label"


def test_discovery_only_pages_are_found(stored):
    only = [(s, p, a["only_in"]) for s, exp in EXPECTED.items() for p, a in exp["articles"].items() if a.get("only_in")]
    assert {o for _, _, o in only} >= {"sitemap", "feed"}
    for site, path, _ in only:
        assert (site, path) in stored


def test_full_text_search_finds_articles_in_every_script(crawl):
    for word in ("кластер", "产业集群", "클러스터", "cluster"):
        hits = query(crawl["db"], "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"'])
        assert hits, word
