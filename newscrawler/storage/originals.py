"""SQL that keeps ``duplicate_of`` pointing at the earliest published copy, and what follows
from it for the change detector's lists and the alert outbox.

Every copy points straight at its original (never a copy of a copy), so electing a new
original is one indexed UPDATE of the former original and its copies. All functions run inside
the caller's transaction.
"""

from __future__ import annotations

import json

from newscrawler.dedup.originals import Claim

# alert kinds that name a list's article, and follow the list when its original changes
LIST_ALERT_KINDS = ("new_cluster_list", "new_clusters", "updated_cluster_list")


def same_text_in_source(db, content_hash: str, source: str) -> int | None:
    """The article of ``source`` with this exact text (the same page under another URL)."""
    row = db.execute("SELECT id FROM articles WHERE content_hash = ? AND source = ? ORDER BY id LIMIT 1",
                     [content_hash, source]).fetchone()
    return row[0] if row else None


def same_text_elsewhere(db, content_hash: str, source: str) -> int | None:
    """The original of another source's article with this exact text (a word-for-word repost)."""
    row = db.execute("SELECT coalesce(duplicate_of, id) FROM articles WHERE content_hash = ? AND source != ? "
                     "ORDER BY id LIMIT 1", [content_hash, source]).fetchone()
    return row[0] if row else None


def claim_of(db, article_id: int) -> Claim | None:
    """What a stored article says about its own age."""
    row = db.execute("SELECT id, published_at, primary_source, first_seen_at FROM articles WHERE id = ?",
                     [article_id]).fetchone()
    return Claim(row[0], row[1], bool(row[2]), row[3] or "") if row else None


def repoint_copies(db, former: int, original: int) -> list[int]:
    """Make ``original`` the original of ``former`` and of every copy pointing at it; returns the
    ids re-pointed, the former original first."""
    copies = [r[0] for r in db.execute("SELECT id FROM articles WHERE duplicate_of = ? AND id != ? ORDER BY id",
                                       [former, original])]
    db.execute("UPDATE articles SET duplicate_of = ? WHERE (id = ? OR duplicate_of = ?) AND id != ?",
               [original, former, former, original])
    return [former, *copies]


def copies_of(db, article_id: int) -> list[tuple[int, str]]:
    """(id, url) of the articles pointing at ``article_id``."""
    return [(r[0], r[1]) for r in db.execute("SELECT id, url FROM articles WHERE duplicate_of = ? ORDER BY id",
                                             [article_id])]


def list_of_copies(db, article_id: int) -> dict | None:
    """The known list carried by an article that now points at ``article_id`` (the list its copy
    announced before the original was met), the earliest such list first."""
    row = db.execute("SELECT l.id, l.items, l.article_url FROM cluster_lists l JOIN articles a ON a.id = l.article_id "
                     "WHERE a.duplicate_of = ? ORDER BY l.id LIMIT 1", [article_id]).fetchone()
    return {"id": row[0], "items": json.loads(row[1] or "[]"), "article_url": row[2]} if row else None


def repoint_list(db, list_id: int, article: dict, analysis: dict, now: str) -> None:
    """The list is now the original's: its article, title, issuer and source follow it.
    ``article``: id, url, title, source, language."""
    db.execute("UPDATE cluster_lists SET article_id = ?, article_url = ?, title = ?, source = ?, language = ?, "
               "issuer = coalesce(?, issuer), year = coalesce(?, year), count = coalesce(?, count), updated_at = ? "
               "WHERE id = ?",
               [article["id"], article["url"], article["title"], article["source"], article["language"],
                analysis.get("issuer"), analysis.get("year"), analysis.get("count"), now, list_id])


def repoint_clusters(db, copy_urls: list[str], url: str) -> None:
    """Clusters first met through a copy were first met, as far as anyone reads, in its original."""
    db.execute(f"UPDATE clusters SET first_article_url = ? WHERE first_article_url IN ({_marks(copy_urls)})",
               [url, *copy_urls])


def undelivered_alerts_naming(db, urls: list[str]) -> list[tuple[int, str, str, dict]]:
    """(id, kind, article_url, payload) of the list alerts naming one of ``urls`` that no sink has
    received yet: those can still change without anyone having read the old version."""
    rows = db.execute(
        f"SELECT id, kind, article_url, payload FROM alerts WHERE article_url IN ({_marks(urls)}) "
        f"AND kind IN ({_marks(LIST_ALERT_KINDS)}) AND delivered_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM alert_deliveries d WHERE d.alert_id = alerts.id AND d.delivered_at IS NOT NULL) "
        "ORDER BY id", [*urls, *LIST_ALERT_KINDS]).fetchall()
    return [(r[0], r[1], r[2], json.loads(r[3] or "{}")) for r in rows]


def repoint_alert(db, alert_id: int, url: str, title: str | None, source: str, payload: dict) -> None:
    db.execute("UPDATE alerts SET article_url = ?, title = ?, source = ?, payload = ? WHERE id = ?",
               [url, title, source, json.dumps(payload, ensure_ascii=False), alert_id])


def _marks(values) -> str:
    return ",".join("?" * len(values))
