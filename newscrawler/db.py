"""The SQLite database: schema (the data contract in docs/schema.md), migrations, and the
article upsert that decides new / updated / unchanged / duplicate.

Migrations are numbered functions recorded in ``PRAGMA user_version``; a database made by an
older release is brought forward on open, never rebuilt.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "news.db"


def utcnow() -> str:
    """Bookkeeping timestamps: UTC, ISO 8601, seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migration_1(db: sqlite_utils.Database) -> None:
    db["articles"].create({
        "id": int, "url": str, "source": str, "title": str,
        "published_at": str, "modified_at": str, "published_raw": str, "date_source": str,
        "language": str, "language_confidence": float, "text": str,
        "content_hash": str, "duplicate_of": int,
        "first_seen_at": str, "last_seen_at": str, "updated_at": str, "version": int,
        "fetched_url": str, "encoding": str,
    }, pk="id", not_null={"url", "source"}, defaults={"version": 1},
        foreign_keys=[("duplicate_of", "articles", "id")])
    db["articles"].create_index(["url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["source", "published_at"])
    # trigram tokens make Chinese, Japanese and Korean text searchable, which word tokens do not
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="trigram")
    db["article_versions"].create({
        "id": int, "article_id": int, "version": int, "title": str, "text": str,
        "published_at": str, "content_hash": str, "seen_at": str,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["article_versions"].create_index(["article_id", "version"], unique=True)
    db["alerts"].create({
        "id": int, "kind": str, "created_at": str, "article_url": str, "title": str, "payload": str,
        "delivered_at": str, "attempts": int, "last_error": str,
    }, pk="id", not_null={"kind", "created_at"}, defaults={"attempts": 0})
    db["alerts"].create_index(["delivered_at"])
    db["clusters"].create({
        "id": int, "name": str, "normalized_name": str, "country": str, "region": str,
        "first_seen_at": str, "first_article_url": str,
    }, pk="id")
    db["clusters"].create_index(["normalized_name"], unique=True)
    db["cluster_lists"].create({
        "id": int, "title": str, "issuer": str, "year": int, "count": int, "article_url": str,
        "first_seen_at": str,
    }, pk="id")
    db["events"].create({"id": int, "at": str, "kind": str, "article_id": int, "payload": str}, pk="id")
    db["crawl_runs"].create({
        "id": int, "run_id": str, "source": str, "started_at": str, "finished_at": str,
        "pages_fetched": int, "articles_new": int, "articles_updated": int, "articles_unchanged": int,
        "articles_duplicate": int, "errors_total": int, "errors": str, "finish_reason": str,
    }, pk="id", defaults={"pages_fetched": 0, "articles_new": 0, "articles_updated": 0,
                          "articles_unchanged": 0, "articles_duplicate": 0, "errors_total": 0})
    db["crawl_runs"].create_index(["source", "started_at"])
    db["attachments"].create({
        "id": int, "article_id": int, "url": str, "filename": str, "content_type": str, "size": int,
        "sha256": str, "text": str, "tables": str, "pages": int, "error": str,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["attachments"].create_index(["article_id", "url"], unique=True)


def _migration_2(db: sqlite_utils.Database) -> None:
    """Keep the date the listing page printed beside the link, even when the article has its own."""
    db["articles"].add_column("listing_raw", str)


MIGRATIONS = [_migration_1, _migration_2]


def open_db(path: str | Path = DEFAULT_DB) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database; WAL so readers never block the crawl."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 10000")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
    return db


def record_event(db: sqlite_utils.Database, kind: str, article_id: int | None, payload: dict, at: str) -> None:
    db["events"].insert({"at": at, "kind": kind, "article_id": article_id,
                         "payload": json.dumps(payload, ensure_ascii=False)})


ARTICLE_FIELDS = ("title", "published_at", "modified_at", "published_raw", "date_source", "language",
                  "language_confidence", "text", "content_hash", "fetched_url", "encoding", "listing_raw")


def store_article(db: sqlite_utils.Database, row: dict, now: str) -> tuple[str, int]:
    """Insert or update one article by canonical URL; returns (status, article id) where status is
    ``new``, ``updated`` (text changed: old text kept in article_versions, version + 1),
    ``unchanged`` (only last_seen_at moves) or ``duplicate`` (the same text is already stored
    under another URL: nothing is inserted, the existing id is returned).
    Runs inside the caller's transaction."""
    existing = db.execute(
        "SELECT id, content_hash, version, title, text, published_at, last_seen_at FROM articles WHERE url = ?",
        [row["url"]],
    ).fetchone()
    if existing is None:
        twin = db.execute("SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
                          [row["content_hash"]]).fetchone()
        if twin is not None:
            record_event(db, "article_duplicate", twin[0], {"url": row["url"], "source": row["source"]}, now)
            return "duplicate", twin[0]
        values = {k: row.get(k) for k in ARTICLE_FIELDS}
        values.update(url=row["url"], source=row["source"], first_seen_at=now, last_seen_at=now,
                      updated_at=now, version=1)
        article_id = db["articles"].insert(values).last_pk
        record_event(db, "article_new", article_id, {"url": row["url"], "source": row["source"]}, now)
        return "new", article_id
    article_id, old_hash, version, old_title, old_text, old_published, _ = existing
    if old_hash == row["content_hash"]:
        db.execute("UPDATE articles SET last_seen_at = ? WHERE id = ?", [now, article_id])
        return "unchanged", article_id
    db["article_versions"].insert({
        "article_id": article_id, "version": version, "title": old_title, "text": old_text,
        "published_at": old_published, "content_hash": old_hash, "seen_at": now,
    })
    values = {k: row.get(k) for k in ARTICLE_FIELDS}
    values.update(last_seen_at=now, updated_at=now, version=version + 1)
    db["articles"].update(article_id, values)
    record_event(db, "article_updated", article_id,
                 {"url": row["url"], "source": row["source"], "version": version + 1}, now)
    return "updated", article_id
