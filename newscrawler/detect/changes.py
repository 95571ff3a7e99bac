"""What is new: compare an announcement with what the database knows, and write alerts.

Runs in the single database writer, inside the transaction that stores the article, so an
article and its alerts are committed together (the outbox). ``record_analysis`` is called for
every stored article the crawl met as new, updated or a near duplicate:

* a list page that changed is compared with what the same page said before, item by item by the
  names' normalised keys (never line by line): ``updated_cluster_list`` with the names added and
  removed, and the known list follows;
* an article about a known list (a near copy or a text about the same document, or a text naming
  mostly the same clusters) adds its new names to that list, and only names never seen anywhere
  raise ``new_clusters`` — the list itself is not alerted again;
* otherwise a new list: ``new_cluster_list`` with all its names (those never seen marked new);
* an original met after its copies (a ministry's notice stored after a portal's repost: the
  store made it the original, ``status`` new, and the copies point at it) takes their place: a
  list a copy announced becomes the original's, the clusters first met through a copy and the
  alerts naming a copy that no sink has received yet name the original; the list is not alerted
  again (an alert already delivered stays as it was; the ``article_original`` event records the
  change);
* a source's first crawl is a baseline: announcements dated more than ``alert_window`` days before
  the crawl are recorded as known without an alert (``None`` alerts on all).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newscrawler.db import record_alert
from newscrawler.detect.analysis import ANNOUNCEMENT, normalise_name
from newscrawler.storage.originals import (copies_of, list_of_copies, repoint_alert, repoint_clusters,
                                           repoint_list, undelivered_alerts_naming)

SAME_LIST_OVERLAP = 0.5   # share of the smaller list's names that makes two lists one


@dataclass
class ArticleFacts:
    article_id: int
    url: str
    title: str | None
    source: str
    language: str | None
    published_at: str | None
    status: str                      # new, updated, near_duplicate (a stored near copy)
    duplicate_of: int | None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value[:10])
    except ValueError:
        return None


def in_baseline(published_at: str | None, first_crawl: bool, alert_window: int | None, now: datetime) -> bool:
    """True when this announcement is old news on a source's first crawl: recorded, not alerted."""
    if not first_crawl or alert_window is None:
        return False
    day = _day(published_at)
    return day is not None and day < (now - timedelta(days=alert_window)).date()


def _list_of(db, article_id: int) -> dict | None:
    row = db.execute("SELECT id, items, article_url FROM cluster_lists WHERE article_id = ?", [article_id]).fetchone()
    return {"id": row[0], "items": json.loads(row[1] or "[]"), "article_url": row[2]} if row else None


def _same_list(db, facts: ArticleFacts, keys: set[str]) -> dict | None:
    """A known list this announcement is about: its own (a changed page), its original's (a copy or
    a text about the same document), a copy's (an original met after its copy), or one sharing
    most of its names."""
    for article_id in (facts.article_id, facts.duplicate_of):
        if article_id:
            found = _list_of(db, article_id)
            if found:
                return found
    if facts.duplicate_of is None:
        found = list_of_copies(db, facts.article_id)
        if found:
            return found
    if not keys:
        return None
    placeholders = ",".join("?" * len(keys))
    counts: dict[int, int] = {}
    for (list_id,) in db.execute(f"SELECT first_list_id FROM clusters WHERE normalized_name IN ({placeholders})",
                                 sorted(keys)):
        if list_id:
            counts[list_id] = counts.get(list_id, 0) + 1
    for list_id, shared in sorted(counts.items(), key=lambda kv: -kv[1]):
        row = db.execute("SELECT id, items, article_url FROM cluster_lists WHERE id = ?", [list_id]).fetchone()
        items = json.loads(row[1] or "[]")
        if shared >= SAME_LIST_OVERLAP * min(len(items), len(keys)):
            return {"id": row[0], "items": items, "article_url": row[2]}
    return None


def _new_names(db, names: list[str]) -> list[str]:
    """Names no list has carried before."""
    out = []
    for name in names:
        if db.execute("SELECT 1 FROM clusters WHERE normalized_name = ?", [normalise_name(name)]).fetchone() is None:
            out.append(name)
    return out


def _remember_clusters(db, names: list[str], list_id: int, facts: ArticleFacts, country: str | None, now: str):
    for name in names:
        db.execute("INSERT OR IGNORE INTO clusters (name, normalized_name, country, first_seen_at, "
                   "first_article_url, first_list_id) VALUES (?, ?, ?, ?, ?, ?)",
                   [name, normalise_name(name), country, now, facts.url, list_id])


def _alert(db, kind: str, facts: ArticleFacts, payload: dict, now: str) -> dict:
    payload = {"source": facts.source, "language": facts.language, "article_url": facts.url,
               "published_at": facts.published_at, **payload}
    alert_id = record_alert(db, kind, title=facts.title, article_url=facts.url, source=facts.source,
                            payload=payload, now=now, article_id=facts.article_id)
    return {"id": alert_id, "kind": kind, **payload}


COUNTRY_BY_LANGUAGE = {"zh": "CN", "ru": "RU", "ko": "KR"}


def record_analysis(db, facts: ArticleFacts, analysis: dict, now: str, *, baseline: bool,
                    previous: dict | None = None) -> list[dict]:
    """Update clusters / cluster_lists for one analysed article and write its alerts (if any).
    ``previous``: the article's analysis before this change, for a page that changed."""
    taken_over = facts.status == "new" and facts.duplicate_of is None and _follow_the_original(db, facts, analysis, now)
    if analysis.get("label") != ANNOUNCEMENT or taken_over:
        return []
    names = analysis.get("clusters") or []
    keys = {normalise_name(n) for n in names}
    country = COUNTRY_BY_LANGUAGE.get(facts.language or "")
    known = _same_list(db, facts, keys)
    common = {"clusters": names, "count": analysis.get("count") or len(names), "year": analysis.get("year"),
              "issuer": analysis.get("issuer")}
    was_listing = previous is not None and previous.get("label") == ANNOUNCEMENT
    if facts.status == "updated" and was_listing:
        # the same page changed: compare its names item by item with what it said before
        before = {normalise_name(n): n for n in previous.get("clusters") or []}
        added = [n for n in names if normalise_name(n) not in before]
        removed = [n for k, n in before.items() if k not in keys]
        if known is not None:
            items = [n for n in known["items"] if normalise_name(n) not in {normalise_name(r) for r in removed}]
            items += [n for n in added if normalise_name(n) not in {normalise_name(i) for i in items}]
            db["cluster_lists"].update(known["id"], {"items": json.dumps(items, ensure_ascii=False),
                                                     "count": common["count"], "updated_at": now})
        fresh = _new_names(db, added)
        if known is not None:
            _remember_clusters(db, added, known["id"], facts, country, now)
        if not (added or removed) or baseline:
            return []
        return [_alert(db, "updated_cluster_list", facts,
                       {**common, "diff": {"added": added, "removed": removed}, "new_clusters": fresh,
                        "list_id": known["id"] if known else None}, now)]
    if known is None:
        fresh = _new_names(db, names)
        list_id = db["cluster_lists"].insert({
            "title": facts.title, "issuer": analysis.get("issuer"), "year": analysis.get("year"),
            "count": common["count"], "article_url": facts.url, "first_seen_at": now,
            "article_id": facts.article_id, "source": facts.source, "items": json.dumps(names, ensure_ascii=False),
            "language": facts.language, "updated_at": now, "alerted": 0 if baseline else 1,
        }).last_pk
        _remember_clusters(db, names, list_id, facts, country, now)
        if baseline:
            return []
        return [_alert(db, "new_cluster_list", facts, {**common, "new_clusters": fresh, "list_id": list_id}, now)]
    # another page about a known list (a repost, a news report): it adds to the list, and alerts
    # only on names never seen anywhere
    old_keys = {normalise_name(n) for n in known["items"]}
    added = [n for n in names if normalise_name(n) not in old_keys]
    fresh = _new_names(db, added)
    if added:
        db["cluster_lists"].update(known["id"], {"items": json.dumps(known["items"] + added, ensure_ascii=False),
                                                 "updated_at": now})
        _remember_clusters(db, added, known["id"], facts, country, now)
    if not fresh or baseline:
        return []
    return [_alert(db, "new_clusters", facts, {**common, "clusters": fresh, "count": len(fresh),
                                               "list_id": known["id"], "list_url": known["article_url"]}, now)]


def _follow_the_original(db, facts: ArticleFacts, analysis: dict, now: str) -> bool:
    """An article stored as the original of copies met before it (the store re-pointed them): the
    list a copy announced becomes the original's (its names join the list), and the alerts not yet
    delivered that name a copy name the original. True when a list was taken over: nothing is
    alerted for it again."""
    copies = copies_of(db, facts.article_id)
    if not copies:
        return False
    copy_urls = [url for _, url in copies]
    taken = list_of_copies(db, facts.article_id)
    items, fresh = [], []
    if taken is not None:
        names = (analysis.get("clusters") or []) if analysis.get("label") == ANNOUNCEMENT else []
        old_keys = {normalise_name(n) for n in taken["items"]}
        added = [n for n in names if normalise_name(n) not in old_keys]
        fresh = _new_names(db, added)
        items = taken["items"] + added
        db["cluster_lists"].update(taken["id"], {"items": json.dumps(items, ensure_ascii=False)})
        _remember_clusters(db, added, taken["id"], facts, COUNTRY_BY_LANGUAGE.get(facts.language or ""), now)
        repoint_list(db, taken["id"], {"id": facts.article_id, "url": facts.url, "title": facts.title,
                                       "source": facts.source, "language": facts.language}, analysis, now)
    repoint_clusters(db, copy_urls, facts.url)
    for alert_id, kind, copy_url, payload in undelivered_alerts_naming(db, copy_urls):
        payload.update(source=facts.source, language=facts.language, article_url=facts.url,
                       published_at=facts.published_at, copy_url=copy_url)
        if kind == "new_cluster_list" and taken is not None and payload.get("list_id") == taken["id"]:
            # the list's own alert: the list as now known
            payload.update(clusters=items, count=analysis.get("count") or payload.get("count"),
                           new_clusters=payload.get("new_clusters", []) + fresh)
        repoint_alert(db, alert_id, facts.url, facts.title, facts.source, payload)
    return taken is not None
