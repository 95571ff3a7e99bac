"""Crawl every fixture site with the real spider and pipelines, then check every article
against the site's expected.json; crawl again and check that nothing is stored twice."""

from __future__ import annotations

import json
import tomllib
from urllib.parse import urlsplit

import pytest

from newscrawler.extract.urls import article_url
from tests.conftest import FAST, SITE_IDS, SITES_DIR, load_expected, query, run_cli, server_hits

EXPECTED = load_expected()
ARTICLES = [(site, path) for site, exp in EXPECTED.items() for path in exp["articles"]]
NOT_ARTICLES = [(site, path) for site, exp in EXPECTED.items() for path in exp["not_articles"]]


def url_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def canon(path: str) -> str:
    """The path as the crawler stores it (query parameters sorted, no listing navigation)."""
    return url_path(article_url("http://fixture" + path))


# the expected.json spelling of every path, keyed by its canonical form
AS_WRITTEN = {(site, canon(p)): p for site, exp in EXPECTED.items()
              for p in [*exp["articles"], *exp["not_articles"], *sum(exp.get("url_variants", []), [])]}


def as_written(site: str, path: str) -> str:
    return AS_WRITTEN.get((site, path), path)


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
    """{(site name, URL path): row}; a row stored under another URL of its expected.json
    url_variants group (whichever the crawl met first) is filed under the group's first URL."""
    by_source = {v: k for k, v in SITE_IDS.items()}
    variants = {(site, other): (site, group[0]) for site, exp in EXPECTED.items()
                for group in exp.get("url_variants", []) for other in group[1:]}
    rows = {}
    for r in crawl["rows"]:
        site = by_source[r["source"]]
        key = (site, as_written(site, url_path(r["url"])))
        rows[variants.get(key, key)] = r
    return rows


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
def test_nothing_but_expected_articles_is_stored(crawl, stored, site):
    paths = {p for s, p in stored if s == site}
    assert paths == set(EXPECTED[site]["articles"])
    assert len([r for r in crawl["rows"] if r["source"] == SITE_IDS[site]]) == len(paths)


def test_every_article_page_is_stored_or_counted(crawl):
    """fetched == stored + dropped for every source and run, and no article page of the fixture
    web is dropped (short notices included)."""
    runs = query(crawl["db"], "SELECT * FROM crawl_runs ORDER BY id")
    first = [r for r in runs if r["run_id"] == runs[0]["run_id"]]
    assert len(first) == len(SITE_IDS)
    for run in runs:
        assert run["articles_fetched"] == run["articles_stored"] + run["articles_dropped"], run
    by_source = {v: k for k, v in SITE_IDS.items()}
    for run in first:
        assert run["articles_dropped"] == 0 and json.loads(run["drops"]) == {}, run
        assert run["articles_fetched"] >= len(EXPECTED[by_source[run["source"]]]["articles"]), run
        assert json.loads(run["pages_by_kind"])["article"] == run["articles_fetched"]


@pytest.mark.parametrize("site,path", [(s, p) for s, p in ARTICLES if EXPECTED[s]["articles"][p].get("short_notice")])
def test_a_short_notice_is_stored(stored, site, path):
    assert (site, path) in stored and len(stored[(site, path)]["text"]) < 200


def test_every_row_meets_the_contract(crawl):
    for row in crawl["rows"]:
        assert row["url"].startswith("http://127.0.0.")
        assert row["content_hash"] and row["version"] == 1
        assert row["first_seen_at"] == row["updated_at"] <= row["last_seen_at"]
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
    # every article seen again (an article reached through two URLs is seen twice)
    assert sum(r["articles_unchanged"] for r in last_run) >= len(first)


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_second_crawl_fetches_no_article_page(crawl, site):
    """An unchanged site costs its listing pages, feeds and sitemaps, not its archived articles."""
    articles = set(EXPECTED[site]["articles"])   # requested as the site links them
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
    fetched = query(crawl["db"], "SELECT url, etag, last_fetched_at FROM article_urls WHERE last_fetched_at IS NOT NULL")
    assert len(fetched) >= len(refresh["rows"]) and all(r["etag"] for r in fetched)


def test_crawl_runs_count_pages_articles_and_errors(crawl):
    runs = query(crawl["db"], "SELECT * FROM crawl_runs ORDER BY id")
    first_run = [r for r in runs if r["run_id"] == runs[0]["run_id"]]
    by_source = {r["source"]: r for r in first_run}
    for name, site_id in SITE_IDS.items():
        run = by_source[site_id]
        assert run["articles_new"] + run["articles_duplicate"] - exact_copies(crawl, site_id) == \
            len(EXPECTED[name]["articles"])
        assert run["pages_fetched"] > run["articles_new"]
        statuses = tomllib.loads((SITES_DIR / name / "_server.toml").read_text(encoding="utf-8")).get("status", {})
        assert '"http_404": 1' in run["errors"], run["errors"]
        assert ('"http_500": 1' in run["errors"]) == (500 in statuses.values()), run["errors"]
        assert run["finish_reason"] == "finished"


def exact_copies(crawl, site_id: str) -> int:
    """Exact copies met in the first crawl: counted as duplicates, not stored."""
    events = query(crawl["db"], "SELECT payload FROM events WHERE kind = 'article_duplicate'")
    return sum(1 for e in events if f'"source": "{site_id}"' in e["payload"] and '"exact": true' in e["payload"])


def test_events_log_every_stored_article(crawl):
    """Each stored row has one creation event: article_new, or article_duplicate for a near copy."""
    created = [e["article_id"] for e in query(
        crawl["db"], "SELECT article_id FROM events WHERE kind = 'article_new' "
                     "OR (kind = 'article_duplicate' AND payload LIKE '%\"exact\": false%') ORDER BY id")]
    assert sorted(created) == sorted(r["id"] for r in crawl["rows"])


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


def _expected_links():
    for site, exp in EXPECTED.items():
        for path, article in exp["articles"].items():
            yield (site, path), article.get("duplicate_of")


@pytest.mark.parametrize("key,original", list(_expected_links()), ids=[f"{s}{p}" for (s, p), _ in _expected_links()])
def test_republished_copies_are_linked_to_their_original(stored, key, original):
    """duplicate_of names the earliest published copy, the ministry's notice, whichever site the
    crawl reached first (tests/e2e/test_original_first.py forces the reposts first)."""
    want = stored[tuple(original.split(":", 1))]["id"] if original else None
    assert stored[key]["duplicate_of"] == want


def test_url_variants_are_stored_once(crawl):
    for site, exp in EXPECTED.items():
        for group in exp.get("url_variants", []):
            rows = query(crawl["db"], "SELECT a.url FROM article_urls u JOIN articles a ON a.id = u.article_id "
                                      "WHERE u.url LIKE ?", ["%" + group[0].split("?")[0] + "%"])
            assert len({r["url"] for r in rows}) == 1, rows


def test_discovery_only_pages_are_found(stored):
    only = [(s, p, a["only_in"]) for s, exp in EXPECTED.items() for p, a in exp["articles"].items() if a.get("only_in")]
    assert {o for _, _, o in only} >= {"sitemap", "feed"}
    for site, path, _ in only:
        assert (site, path) in stored


def test_full_text_search_finds_articles_in_every_script(crawl):
    for word in ("кластер", "产业集群", "클러스터", "cluster"):
        hits = query(crawl["db"], "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"'])
        assert hits, word
