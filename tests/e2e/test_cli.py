"""The command line as a user meets it: crawl --url with no configuration, scrapy crawl,
extract (one page, a batch, plain text), demo, and clear errors for bad arguments."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FAST, REPO, SITES_DIR, load_expected, query, run_cli

EXPECTED = load_expected()


def test_url_crawl_of_several_unconfigured_sites(fixture_web, tmp_path):
    bases = fixture_web["bases"]
    db = tmp_path / "url.db"
    run_cli("crawl", "--url", bases["ko_industry"] + "/index.html", "--url", bases["en_ministry"] + "/news/",
            "--db", str(db), *FAST)
    rows = query(db, "SELECT * FROM articles")
    sources = {r["source"] for r in rows}
    assert sources == {"127.0.0.4", "127.0.0.5"}
    for name in ("ko_industry", "en_ministry"):
        host = bases[name].split("//")[1].split(":")[0]
        got = {r["url"].split(bases[name])[1]: r for r in rows if r["source"] == host}
        assert set(got) == set(EXPECTED[name]["articles"])
        for path, exp in EXPECTED[name]["articles"].items():
            assert got[path]["title"] == exp["title"]
            assert got[path]["language"] == exp["language"]
            # no timezone hint without configuration: the local date and time must still be right
            assert got[path]["published_at"][:16] == exp["published_at"][:16]
    runs = query(db, "SELECT source, pages_fetched FROM crawl_runs")
    assert {r["source"] for r in runs} == {"127.0.0.4", "127.0.0.5"}


def test_url_crawl_stays_on_its_host(fixture_web, tmp_path):
    db = tmp_path / "one.db"
    run_cli("crawl", "--url", fixture_web["bases"]["ru_smolensk"] + "/news/", "--db", str(db), *FAST)
    assert {r["source"] for r in query(db, "SELECT DISTINCT source FROM articles")} == {"127.0.0.2"}


def test_scrapy_crawl_news_with_a_site_id(fixture_web, tmp_path):
    db = tmp_path / "scrapy.db"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "site=cn-miit",
         "-s", f"NEWSCRAWLER_REGISTRY={fixture_web['registry']}", "-s", f"NEWSCRAWLER_DB={db}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT count(*) AS n FROM articles")[0]["n"] == len(EXPECTED["cn_miit"]["articles"])
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True)
    assert listed.stdout.split() == ["news"]


def test_extract_one_saved_page():
    page = SITES_DIR / "cn_miit/zwgk/tzgg/art/2023/art_5c3b1f0e9a8d4c2e.html"
    expected = EXPECTED["cn_miit"]["articles"]["/zwgk/tzgg/art/2023/art_5c3b1f0e9a8d4c2e.html"]
    out = json.loads(run_cli("extract", str(page), "--url", "http://www.example.gov.cn/art_5c3b1f0e9a8d4c2e.html").stdout)
    assert set(out) >= {"url", "title", "published_at", "published_raw", "modified_at", "language", "text", "cluster"}
    assert out["title"] == expected["title"]
    assert out["language"] == "zh"
    assert out["published_raw"] == expected["published_raw"]
    assert out["published_at"][:16] == expected["published_at"][:16]   # no site timezone given
    assert all(phrase in out["text"] for phrase in expected["contains"])


def test_extract_with_site_hints_gives_the_offset(fixture_web):
    page = SITES_DIR / "ko_industry/news/view.php@no=3420"
    expected = EXPECTED["ko_industry"]["articles"]["/news/view.php?no=3420"]
    out = json.loads(run_cli("extract", str(page), "--site", "ko-industry",
                             "--registry", str(fixture_web["registry"])).stdout)
    assert out["published_at"] == expected["published_at"]


def test_extract_from_a_url(fixture_web):
    url = fixture_web["bases"]["ru_smolensk"] + "/news/1187.html"
    out = json.loads(run_cli("extract", url).stdout)
    assert out["published_at"] == "2025-08-27" and out["language"] == "ru"
    assert out["url"] == url


def test_extract_plain_text_file(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Промышленные кластеры Смоленщины\nДата публикации: 27-08-2025\n"
                    "Смоленская область обладает развитой промышленной базой, объединяющей традиционные "
                    "отрасли и современные технологические предприятия.\n", encoding="utf-8")
    out = json.loads(run_cli("extract", str(text)).stdout)
    assert out["title"] == "Промышленные кластеры Смоленщины"
    assert out["published_at"] == "2025-08-27"
    assert out["language"] == "ru"


def test_extract_batch_keeps_order_and_survives_bad_lines(tmp_path):
    pages = [SITES_DIR / "ru_smolensk/news/1187.html", tmp_path / "missing.html",
             SITES_DIR / "en_ministry/news/regional-innovation-clusters-designated"]
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text("\n".join(json.dumps({"path": str(p)}) for p in pages) + "\nnot json\n", encoding="utf-8")
    lines = [json.loads(x) for x in run_cli("extract", "--batch", str(jobs)).stdout.splitlines()]
    assert [x.get("path") for x in lines] == [str(p) for p in pages] + [None]
    assert lines[0]["published_at"] == "2025-08-27"
    assert "error" in lines[1] and "FileNotFoundError" in lines[1]["error"]
    assert lines[2]["published_at"] == "2024-09-12T09:30:00+01:00"
    assert "error" in lines[3]


@pytest.mark.parametrize("args,message", [
    (["crawl", "no-such-site"], "unknown site id"),
    (["crawl", "--url", "ftp://example.org/"], "not an http(s) URL"),
    (["crawl", "--url", "http://127.0.0.1:9/", "--set", "BROKEN"], "--set expects NAME=VALUE"),
    (["extract"], "extract needs"),
])
def test_bad_arguments_give_a_clear_message_and_nonzero_exit(args, message):
    result = run_cli(*args, check=False)
    assert result.returncode != 0
    assert message in result.stderr


def test_unreachable_site_is_counted_not_crashed(tmp_path):
    db = tmp_path / "down.db"
    result = run_cli("crawl", "--url", "http://127.0.0.1:9/news/", "--db", str(db), *FAST)
    assert result.returncode == 0
    run = query(db, "SELECT * FROM crawl_runs")[0]
    assert json.loads(run["errors"]) == {"connection_refused": 1}


def test_demo_crawls_the_bundled_sites(tmp_path):
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--db", str(db))
    total = sum(len(e["articles"]) for e in EXPECTED.values())
    assert query(db, "SELECT count(*) AS n FROM articles")[0]["n"] == total
    for site_id in ("ru-smolensk-67c", "cn-miit", "ko-industry", "en-ministry", "cn-province", "en-regional"):
        assert site_id in result.stdout
    alerts = query(db, "SELECT kind, title FROM alerts")
    assert alerts and f"alerts ({len(alerts)};" in result.stdout
    assert {a["kind"] for a in alerts} <= {"new_cluster_list", "new_clusters"}


def test_extract_refuses_what_is_not_a_page(tmp_path):
    """Binary bytes, a feed, robots.txt, an empty file, a directory: one clear line, exit 1, no
    traceback; in a batch, an error line each and the good page read."""
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>')
    robots = tmp_path / "robots.txt"
    robots.write_text("User-agent: *\nDisallow: /search\n")
    empty = tmp_path / "empty.html"
    empty.write_text("  \n")
    for path, why in ((sys.executable, "binary"), (feed, "feed"), (robots, "robots.txt"), (empty, "empty"),
                      (tmp_path, "directory")):
        result = run_cli("extract", str(path), check=False)
        assert result.returncode == 1 and why in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert result.stdout == ""
    good = SITES_DIR / "ru_smolensk/news/1187.html"
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"path": str(p)}) for p in (sys.executable, feed, good, robots)) + "\n")
    lines = [json.loads(line) for line in run_cli("extract", "--batch", str(batch)).stdout.splitlines()]
    assert ["error" in line for line in lines] == [True, True, False, True]
    assert lines[2]["page_kind"] == "article" and lines[2]["language"] == "ru"


def test_extract_says_a_listing_is_one():
    out = json.loads(run_cli("extract", str(SITES_DIR / "ru_smolensk/news/index.html")).stdout)
    assert out["page_kind"] == "listing"
