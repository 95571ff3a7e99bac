"""The SQLite database: schema (the data contract in docs/schema.md), migrations, and the
article upsert that decides new / updated / unchanged / duplicate.

Migrations are numbered functions recorded in ``PRAGMA user_version``; a database made by an
older release is brought forward on open, never rebuilt.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from newscrawler.dedup.originals import Claim, precedes, why_first
from newscrawler.storage.originals import claim_of, repoint_copies, same_text_elsewhere, same_text_in_source

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


def _migration_3(db: sqlite_utils.Database) -> None:
    """Near-duplicate index, document numbers, URL aliases and HTTP validators for re-crawls."""
    db.execute("CREATE TABLE dedup_bands (key INTEGER NOT NULL, article_id INTEGER NOT NULL, "
               "PRIMARY KEY (key, article_id)) WITHOUT ROWID")
    db.execute("CREATE TABLE dedup_signatures (article_id INTEGER PRIMARY KEY, signature BLOB NOT NULL, "
               "shingles INTEGER NOT NULL)")
    db.execute("CREATE TABLE doc_numbers (number TEXT NOT NULL, article_id INTEGER NOT NULL, "
               "PRIMARY KEY (number, article_id)) WITHOUT ROWID")
    db.execute("CREATE INDEX idx_doc_numbers_article ON doc_numbers (article_id)")
    db["article_urls"].create({"url": str, "article_id": int, "first_seen_at": str, "last_fetched_at": str,
                               "etag": str, "last_modified": str}, pk="url",
                              foreign_keys=[("article_id", "articles", "id")])
    db["article_urls"].create_index(["article_id"])


def _migration_4(db: sqlite_utils.Database) -> None:
    """The change detector's memory and the alert outbox's delivery state."""
    db["articles"].add_column("cluster_label", str)      # announcement, call, other
    db["articles"].add_column("cluster", str)            # the analysis, JSON
    for column, kind in (("article_id", int), ("source", str), ("items", str), ("language", str),
                         ("updated_at", str), ("alerted", int)):
        db["cluster_lists"].add_column(column, kind)
    db["cluster_lists"].create_index(["article_id"])
    db["clusters"].add_column("first_list_id", int)
    db["alerts"].add_column("source", str)
    db["alerts"].add_column("next_attempt_at", str)
    db["alert_deliveries"].create({"alert_id": int, "sink": str, "delivered_at": str, "attempts": int,
                                   "last_error": str}, pk=("alert_id", "sink"),
                                  foreign_keys=[("alert_id", "alerts", "id")], defaults={"attempts": 0})


def _migration_5(db: sqlite_utils.Database) -> None:
    """Every article page accounted for: fetched == stored + dropped, the drops by reason, and
    the pages of each kind (article, listing, static) a crawl read."""
    for column in ("articles_fetched", "articles_stored", "articles_dropped"):
        db["crawl_runs"].add_column(column, int, not_null_default=0)
    db["crawl_runs"].add_column("drops", str)           # {"empty_text": 1, ...}
    db["crawl_runs"].add_column("pages_by_kind", str)   # {"article": 12, "listing": 4, "static": 2}


def _migration_6(db: sqlite_utils.Database) -> None:
    """The original is the earliest published copy: the registry's ``primary`` flag is kept with
    each article (a same-day tie goes to the ministry), and copies are found by their original
    when a newly met, earlier copy takes its place."""
    db["articles"].add_column("primary_source", int)
    db["articles"].create_index(["duplicate_of"])


MIGRATIONS = [_migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6]


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


def record_alert(db: sqlite_utils.Database, kind: str, *, title: str | None, article_url: str | None,
                 source: str, payload: dict, now: str, article_id: int | None = None) -> int:
    """Put an alert in the outbox and log it in ``events``, in the caller's transaction."""
    alert_id = db["alerts"].insert({
        "kind": kind, "created_at": now, "article_url": article_url, "title": title,
        "payload": json.dumps(payload, ensure_ascii=False), "attempts": 0, "source": source,
    }).last_pk
    record_event(db, "alert", article_id, {"alert_id": alert_id, "kind": kind}, now)
    return alert_id


ARTICLE_FIELDS = ("title", "published_at", "modified_at", "published_raw", "date_source", "language",
                  "language_confidence", "text", "content_hash", "fetched_url", "encoding", "listing_raw",
                  "cluster_label", "cluster", "primary_source")


def remember_url(db: sqlite_utils.Database, url: str | None, article_id: int, now: str,
                 fetch: dict | None = None) -> None:
    """A URL under which this article is reached (canonical, fetched, exact-duplicate variant);
    ``fetch`` = the validators of a fetch of exactly this URL (etag, last_modified, last_fetched_at)."""
    if not url:
        return
    db.execute("INSERT OR IGNORE INTO article_urls (url, article_id, first_seen_at) VALUES (?, ?, ?)",
               [url, article_id, now])
    if fetch:
        db.execute("UPDATE article_urls SET article_id = ?, etag = ?, last_modified = ?, last_fetched_at = ? "
                   "WHERE url = ?", [article_id, fetch.get("etag"), fetch.get("last_modified"),
                                     fetch.get("last_fetched_at"), url])


def _newcomer_claim(row: dict, now: str) -> Claim:
    """The claim of a row about to be stored: it is met last, so on a full tie the stored copy stays."""
    return Claim(sys.maxsize, row.get("published_at"), bool(row.get("primary_source")), now)


def _store_new_url(db: sqlite_utils.Database, row: dict, now: str, signature, doc_numbers: list[str],
                   event: dict, fetch: dict) -> tuple[str, int]:
    """Insert an article under a URL never stored: an original, a copy of a stored original, or an
    earlier copy that takes the stored original's place (see ``store_article``)."""
    from newscrawler.dedup.index import Match, add_to_index, find_original

    original = find_original(db, signature, doc_numbers)
    if original is None:   # a text too short for a signature, published word for word by another source
        twin = same_text_elsewhere(db, row["content_hash"], row["source"])
        original = Match(twin, 1.0, "same_text") if twin is not None else None
    stored_first = claim_of(db, original.article_id) if original else None
    takes_over = stored_first is not None and precedes(_newcomer_claim(row, now), stored_first)
    values = {k: row.get(k) for k in ARTICLE_FIELDS}
    values.update(url=row["url"], source=row["source"], first_seen_at=now, last_seen_at=now, updated_at=now,
                  version=1, duplicate_of=original.article_id if original and not takes_over else None)
    article_id = db["articles"].insert(values).last_pk
    add_to_index(db, article_id, signature, doc_numbers)
    remember_url(db, row["url"], article_id, now)
    remember_url(db, row.get("fetched_url"), article_id, now, fetch)
    if original and not takes_over:
        record_event(db, "article_duplicate", article_id,
                     {**event, "duplicate_of": original.article_id, "exact": False,
                      "similarity": round(original.similarity, 3), "via": original.via}, now)
        return "near_duplicate", article_id
    record_event(db, "article_new", article_id, event, now)
    if takes_over:
        repointed = repoint_copies(db, original.article_id, article_id)
        record_event(db, "article_original", article_id,
                     {**event, "former_original": original.article_id, "repointed": repointed,
                      "reason": why_first(_newcomer_claim(row, now), stored_first),
                      "similarity": round(original.similarity, 3), "via": original.via}, now)
    return "new", article_id


def store_article(db: sqlite_utils.Database, row: dict, now: str, *, signature=None,
                  doc_numbers: list[str] = ()) -> tuple[str, int]:
    """Insert or update one article by canonical URL; returns (status, article id):

    ``new``        stored; not a duplicate of anything stored before;
    ``duplicate``  the same text is already stored under another URL of the same source: nothing
                   is inserted, the URL is remembered as an alias and the existing id returned
                   (another source's word-for-word copy is that source's article: a near duplicate);
    ``near_duplicate``  stored, ``duplicate_of`` = the original it copies;
    ``new`` too for a copy published *earlier* than the stored original it matches (or the same
                   day, from a primary source): it becomes the original, the former original and
                   its copies point at it, and an ``article_original`` event says so
                   (dedup/originals.py decides);
    ``updated``    same URL, changed text: old text kept in article_versions, version + 1;
    ``unchanged``  same URL, same text: only last_seen_at (and the HTTP validators) move.
    Every status but unchanged appends an event. Runs inside the caller's transaction."""
    from newscrawler.dedup.index import add_to_index, remove_from_index

    existing = db.execute(
        "SELECT id, content_hash, version, title, text, published_at, fetched_url FROM articles WHERE url = ?",
        [row["url"]],
    ).fetchone()
    event = {"url": row["url"], "source": row["source"]}
    fetch = {k: row.get(k) for k in ("etag", "last_modified", "last_fetched_at")}
    if existing is None:
        twin = same_text_in_source(db, row["content_hash"], row["source"])
        if twin is not None:
            remember_url(db, row["url"], twin, now)
            remember_url(db, row.get("fetched_url"), twin, now, fetch)
            record_event(db, "article_duplicate", twin, {**event, "duplicate_of": twin, "exact": True}, now)
            return "duplicate", twin
        return _store_new_url(db, row, now, signature, list(doc_numbers), event, fetch)
    article_id, old_hash, version, old_title, old_text, old_published, stored_from = existing
    remember_url(db, row.get("fetched_url"), article_id, now, fetch)
    # Another URL that declares this one canonical (a print version) is seen, but the text stays
    # the one fetched from the URL the article was stored from: two versions must not flap.
    from_elsewhere = row.get("fetched_url") not in (stored_from, row["url"])
    if old_hash == row["content_hash"] or from_elsewhere:
        db.execute("UPDATE articles SET last_seen_at = ? WHERE id = ?", [now, article_id])
        return "unchanged", article_id
    db["article_versions"].insert({
        "article_id": article_id, "version": version, "title": old_title, "text": old_text,
        "published_at": old_published, "content_hash": old_hash, "seen_at": now,
    })
    values = {k: row.get(k) for k in ARTICLE_FIELDS}
    values.update(last_seen_at=now, updated_at=now, version=version + 1)
    db["articles"].update(article_id, values)
    remove_from_index(db, article_id)
    add_to_index(db, article_id, signature, list(doc_numbers))
    record_event(db, "article_updated", article_id, {**event, "version": version + 1}, now)
    return "updated", article_id


def mark_seen(db: sqlite_utils.Database, url: str, now: str, fetched: bool) -> int | None:
    """An archived article met again unchanged: its link was seen (``fetched`` False) or a
    conditional re-fetch of ``url`` was answered 304 (``fetched`` True: its refresh clock restarts)."""
    row = db.execute("SELECT article_id FROM article_urls WHERE url = ?", [url]).fetchone()
    if row is None:
        return None
    db.execute("UPDATE articles SET last_seen_at = ? WHERE id = ?", [now, row[0]])
    if fetched:
        db.execute("UPDATE article_urls SET last_fetched_at = ? WHERE url = ?", [now, url])
    return row[0]
