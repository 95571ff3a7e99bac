"""Broken input never crashes the crawl and never loses the rest of it: a truncated page, a
wrong charset declaration, a page without a date, a timeout, a 500, binary and empty bodies
are each stored correctly or counted, and the crawl exits 0."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FAST, query, run_cli


@pytest.fixture(scope="module")
def hostile(fixture_web, tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "news.db"
    base = fixture_web["bases"]["hostile"]
    result = run_cli("crawl", "--url", base + "/news/", "--db", str(db), *FAST,
                     "--set", "DOWNLOAD_TIMEOUT=2", "--log-level", "INFO", "--progress", "0.5")
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in query(db, "SELECT * FROM articles")}
    run = query(db, "SELECT * FROM crawl_runs")[0]
    return {"result": result, "rows": rows, "run": run, "errors": json.loads(run["errors"])}


def test_crawl_exits_zero_and_reports(hostile):
    assert hostile["result"].returncode == 0
    assert "127.0.0.6" in hostile["result"].stdout
    # a long crawl tells how it is going (the timeout makes this one last over two seconds)
    assert "progress: " in hostile["result"].stderr and "errors, 1 sources" in hostile["result"].stderr


def test_good_and_truncated_pages_are_stored(hostile):
    rows = hostile["rows"]
    assert rows["101.html"]["published_at"] == "2025-05-14"
    assert rows["102.html"]["title"] == "На заводе запущена линия станков с ЧПУ"
    assert rows["102.html"]["published_at"] == "2025-05-21"
    assert "фрезерных станков" in rows["102.html"]["text"]


def test_wrong_charset_declaration_is_overridden(hostile):
    row = hostile["rows"]["103.html"]
    assert row["title"] == "В библиотеке открылась выставка о купеческих династиях"
    assert "купеческих династий Смоленска" in row["text"]
    assert row["encoding"] == "cp1251"
    assert row["language"] == "ru"


def test_page_without_date_is_stored_with_null_and_counted(hostile):
    row = hostile["rows"]["104.html"]
    assert row["published_at"] is None and row["date_source"] is None
    assert hostile["errors"]["no_date"] == 1
    assert "no publication date found" in hostile["result"].stderr


def test_timeouts_and_server_errors_are_counted(hostile):
    assert "105.html" not in hostile["rows"] and "106.html" not in hostile["rows"]
    assert hostile["errors"]["timeout"] == 1
    assert hostile["errors"]["http_500"] == 1
    assert "fetch failed (timeout)" in hostile["result"].stderr


def test_binary_and_empty_bodies_are_not_articles(hostile):
    assert "107.html" not in hostile["rows"] and "108.html" not in hostile["rows"]
    assert len(hostile["rows"]) == 4
