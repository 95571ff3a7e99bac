"""The ministry's notice is the original, whichever the crawl meets first: crawls of the fixture
web in which the republishers (cn_province, en_regional) are met before the ministries (cn_miit,
en_ministry) — in an earlier crawl, and in the same crawl — end with every `duplicate_of` of the
expected.json files and with the alerts naming the ministries' notices."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from tests.conftest import FAST, REPO, SITE_IDS, SITES_DIR, load_expected, query, run_cli

EXPECTED = load_expected()
REPUBLISHERS = ("cn_province", "en_regional")
MINISTRIES = ("cn_miit", "en_ministry")
# (republisher site, path) -> (ministry site, path), as expected.json gives them
COPIES = {(site, path): tuple(article["duplicate_of"].split(":", 1))
          for site in REPUBLISHERS for path, article in EXPECTED[site]["articles"].items() if article["duplicate_of"]}
ORIGINALS = sorted(set(COPIES.values()))
SLOW_SECONDS = 5.0   # the ministries' reposted notices answer this late in the one-crawl case


def slowed_copy_of_the_fixture_web(root):
    """tests/sites copied, with the ministries' reposted notices answered late (``[delay]`` in their
    _server.toml), so a crawl of every site meets the reposts first."""
    sites = root / "sites"
    shutil.copytree(SITES_DIR, sites)
    for name in MINISTRIES:
        delays = "".join(f'"{path}" = {SLOW_SECONDS}\n' for site, path in ORIGINALS if site == name)
        with open(sites / name / "_server.toml", "a", encoding="utf-8") as conf:
            conf.write("\n[delay]\n" + delays)
    return sites


@pytest.fixture(scope="module")
def slow_web(tmp_path_factory):
    root = tmp_path_factory.mktemp("slow-web")
    registry = root / "sites.toml"
    proc = subprocess.Popen([sys.executable, "-m", "newscrawler.fixtureweb", "--sites-dir",
                             str(slowed_copy_of_the_fixture_web(root)), "--registry-out", str(registry)],
                            stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        json.loads(proc.stdout.readline())
        yield registry
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def crawl(registry, db, *site_names):
    run_cli("crawl", *(SITE_IDS[s] for s in site_names), "--registry", str(registry), "--db", str(db), *FAST,
            "--alert-window", "all", "--no-deliver")


def page_of(url: str) -> str:
    """A stored URL's path and query: as expected.json writes the pages of these four sites, but
    for a board URL whose query the crawler rewrites (not a copy nor an original: left unchecked)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def ids_by_page(db) -> dict[tuple[str, str], int]:
    """{(site name, path): article id}."""
    by_source = {v: k for k, v in SITE_IDS.items()}
    return {(by_source[r["source"]], page_of(r["url"])): r["id"] for r in query(db, "SELECT id, source, url FROM articles")}


@pytest.fixture(scope="module")
def two_crawls(fixture_web, tmp_path_factory):
    """The republishers alone, then the ministries alone, into one database."""
    db = tmp_path_factory.mktemp("two-crawls") / "news.db"
    crawl(fixture_web["registry"], db, *REPUBLISHERS)
    alerts_after_first = query(db, "SELECT * FROM alerts ORDER BY id")
    crawl(fixture_web["registry"], db, *MINISTRIES)
    return {"db": db, "alerts_after_first": alerts_after_first}


@pytest.fixture(scope="module")
def one_crawl(slow_web, tmp_path_factory):
    """Every site in one crawl, the ministries' reposted notices answered last."""
    db = tmp_path_factory.mktemp("one-crawl") / "news.db"
    crawl(slow_web, db, *SITE_IDS)
    return {"db": db}


@pytest.fixture(params=["two_crawls", "one_crawl"])
def result(request):
    return request.getfixturevalue(request.param)


def test_the_reposts_were_met_first(result):
    """Without this the other tests would pass by luck of the crawl order."""
    ids = ids_by_page(result["db"])
    for copy, original in COPIES.items():
        assert ids[copy] < ids[original], (copy, original)


def test_duplicate_of_is_as_expected(result):
    """Every stored article of the four sites (that every article is stored is
    test_fixture_crawl.py's to check; every copy and original is, see above)."""
    ids = ids_by_page(result["db"])
    rows = {r["id"]: r["duplicate_of"] for r in query(result["db"], "SELECT id, duplicate_of FROM articles")}
    checked = 0
    for site in (*REPUBLISHERS, *MINISTRIES):
        for path, article in EXPECTED[site]["articles"].items():
            if (site, path) not in ids:
                continue
            original = article.get("duplicate_of")
            want = ids[tuple(original.split(":", 1))] if original else None
            assert rows[ids[(site, path)]] == want, (site, path)
            checked += 1
    assert checked >= len(COPIES) + len(ORIGINALS)


def test_each_takeover_is_in_the_events_log(result):
    ids = ids_by_page(result["db"])
    events = {e["article_id"]: json.loads(e["payload"])
              for e in query(result["db"], "SELECT article_id, payload FROM events WHERE kind = 'article_original'")}
    assert set(events) == {ids[o] for o in ORIGINALS}
    for copy, original in COPIES.items():
        assert ids[copy] in events[ids[original]]["repointed"]


def test_alerts_name_the_ministries_notices_once(result):
    db = result["db"]
    page = {v: k for k, v in ids_by_page(db).items()}
    alerts = query(db, "SELECT a.kind, a.article_url, a.payload, r.id FROM alerts a JOIN articles r ON r.url = a.article_url "
                       "ORDER BY a.id")
    assert len(alerts) == query(db, "SELECT count(*) AS n FROM alerts")[0]["n"], "an alert names no stored article"
    named = [page[a["id"]] for a in alerts]
    assert not set(named) & set(COPIES), "an alert still names a repost"
    ids = ids_by_page(db)
    announcements = [o for o in ORIGINALS if query(db, "SELECT cluster_label FROM articles WHERE id = ?",
                                                   [ids[o]])[0]["cluster_label"] == "announcement"]
    assert announcements, "no reposted notice is a cluster list: nothing here would be alerted"
    for original in announcements:
        assert original in named, f"no alert names {original}"
    lists = [json.loads(a["payload"])["list_id"] for a in alerts if a["kind"] == "new_cluster_list"]
    assert len(lists) == len(set(lists)), "a list was alerted twice"
    for alert in alerts:
        assert json.loads(alert["payload"])["article_url"] == alert["article_url"]


def test_the_first_crawl_alerted_on_the_reposts(two_crawls):
    """The alerts re-pointed above named the reposts before the ministries were met."""
    hosts = {a["article_url"].split("/")[2].split(":")[0] for a in two_crawls["alerts_after_first"]
             if a["kind"] == "new_cluster_list"}
    assert hosts == {"127.0.0.7", "127.0.0.8"}


def test_the_registry_s_primary_flag_reaches_the_archive(result):
    """The demo registry marks the ministries primary; the flag travels in the items' hints."""
    ministries = {SITE_IDS[s] for s in MINISTRIES}
    rows = query(result["db"], "SELECT source, primary_source FROM articles")
    assert {r["source"] for r in rows} >= ministries | {SITE_IDS[s] for s in REPUBLISHERS}
    for row in rows:
        assert row["primary_source"] == (1 if row["source"] in ministries else 0), row["source"]
