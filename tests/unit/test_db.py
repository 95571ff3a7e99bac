"""db: schema contract, migrations, FTS, and the store_article upsert (real SQLite in tmp_path)."""

import json

import pytest

from newscrawler.db import MIGRATIONS, open_db, store_article
from newscrawler.extract.text import content_hash

CONTRACT = {
    "articles": "id url source title published_at modified_at published_raw language text date_source content_hash "
                "duplicate_of first_seen_at last_seen_at updated_at version",
    "alerts": "id kind created_at article_url title payload delivered_at attempts last_error",
    "clusters": "id name normalized_name country region first_seen_at first_article_url",
    "cluster_lists": "id title issuer year count article_url first_seen_at",
    "events": "id at kind article_id payload",
    "crawl_runs": "id run_id source started_at finished_at pages_fetched articles_new articles_updated "
                  "articles_unchanged articles_duplicate errors_total errors finish_reason",
    "attachments": "id article_id url filename content_type size sha256 text tables pages error",
    "article_versions": "id article_id version title text published_at content_hash seen_at",
}
EN = "Widgets are great for regional industry clusters, the ministry said on Thursday."
ZH = "工业和信息化部发布通知，要求各地加快推进先进制造业集群发展"
T1, T2, T3, T4 = (f"2024-09-1{i}T10:00:00+00:00" for i in range(2, 6))


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "sub" / "news.db")


def row(url, text, title="Title"):
    return {"url": url, "source": "site", "title": title, "text": text, "content_hash": content_hash(text),
            "published_at": "2024-09-12", "language": "en"}


def events(db):
    return [(e["kind"], e["article_id"], json.loads(e["payload"])["url"]) for e in db["events"].rows]


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns(db, table):
    assert set(CONTRACT[table].split()) <= set(db[table].columns_dict)


def test_user_version_and_wal(db):
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopen_does_not_migrate_again(tmp_path):
    first = open_db(tmp_path / "n.db")
    store_article(first, row("https://ex.org/a", EN), T1)
    first.conn.commit()
    again = open_db(tmp_path / "n.db")
    assert again.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) and again["articles"].count == 1


def test_url_is_unique(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    with pytest.raises(Exception, match="UNIQUE"):
        db["articles"].insert({"url": "https://ex.org/a", "source": "x"})


def _search(db, phrase):
    return [r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [phrase])]


def test_fts_english(db):
    _, article_id = store_article(db, row("https://ex.org/a", EN), T1)
    assert _search(db, '"industry clusters"') == [article_id] and _search(db, '"steel mills"') == []


@pytest.mark.parametrize("substring", ["制造业", "先进制造业集群", "信息化"])
def test_fts_chinese_substring(db, substring):
    _, article_id = store_article(db, row("https://ex.org/zh", ZH), T1)
    assert _search(db, f'"{substring}"') == [article_id]


def test_fts_follows_updates(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    store_article(db, row("https://ex.org/a", ZH), T2)
    assert _search(db, '"industry clusters"') == [] and _search(db, '"制造业"') == [1]


def test_store_new(db):
    assert store_article(db, row("https://ex.org/a", EN), T1) == ("new", 1)
    stored = db["articles"].get(1)
    assert (stored["version"], stored["first_seen_at"], stored["last_seen_at"], stored["updated_at"],
            stored["text"]) == (1, T1, T1, T1, EN)
    assert events(db) == [("article_new", 1, "https://ex.org/a")]


def test_store_unchanged_moves_only_last_seen(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    before = db["articles"].get(1)
    assert store_article(db, row("https://ex.org/a", EN.upper() + "  "), T2) == ("unchanged", 1)
    after = db["articles"].get(1)
    assert after == {**before, "last_seen_at": T2}
    assert db["article_versions"].count == 0 and [e[0] for e in events(db)] == ["article_new"]


def test_store_updated_keeps_old_version(db):
    store_article(db, row("https://ex.org/a", EN, title="Old title"), T1)
    assert store_article(db, row("https://ex.org/a", ZH, title="New title"), T2) == ("updated", 1)
    now = db["articles"].get(1)
    assert (now["version"], now["text"], now["title"], now["first_seen_at"], now["updated_at"], now["last_seen_at"]) \
        == (2, ZH, "New title", T1, T2, T2)
    old = list(db["article_versions"].rows)
    assert [(v["article_id"], v["version"], v["text"], v["title"], v["content_hash"], v["seen_at"]) for v in old] \
        == [(1, 1, EN, "Old title", content_hash(EN), T2)]
    assert events(db)[-1] == ("article_updated", 1, "https://ex.org/a")
    assert json.loads(list(db["events"].rows)[-1]["payload"])["version"] == 2


def test_second_update_is_version_three(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    store_article(db, row("https://ex.org/a", ZH), T2)
    store_article(db, row("https://ex.org/a", "Third text entirely."), T3)
    assert db["articles"].get(1)["version"] == 3
    assert [v["version"] for v in db["article_versions"].rows] == [1, 2]


def test_same_text_under_another_url_is_duplicate(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    assert store_article(db, row("https://ex.org/print/a", EN + "!"), T2) == ("duplicate", 1)
    assert db["articles"].count == 1
    assert events(db) == [("article_new", 1, "https://ex.org/a"), ("article_duplicate", 1, "https://ex.org/print/a")]


def test_events_for_every_status(db):
    store_article(db, row("https://ex.org/a", EN), T1)
    store_article(db, row("https://ex.org/a", EN), T2)
    store_article(db, row("https://ex.org/a", ZH), T3)
    store_article(db, row("https://ex.org/b", ZH), T4)
    assert [(e["kind"], e["at"]) for e in db["events"].rows] == [
        ("article_new", T1), ("article_updated", T3), ("article_duplicate", T4)]


def test_old_database_is_migrated_in_place(tmp_path):
    """A file made by the first schema gains the new columns and keeps its rows."""
    import sqlite_utils

    from newscrawler.db import _migration_1

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    _migration_1(old)
    old.execute("PRAGMA user_version = 1")
    old["articles"].insert({"url": "https://ex.org/1", "source": "ex", "title": "kept"})
    old.conn.commit()
    old.close()
    db = open_db(path)
    assert "listing_raw" in db["articles"].columns_dict
    assert [r["title"] for r in db["articles"].rows] == ["kept"]
