"""Source health: notice, from the crawl history in the database, when a source stops working.

``check_sources`` looks at each source's finished runs (``crawl_runs``) and articles, and raises
alerts through the same outbox as cluster alerts:

* ``source_broken`` — unreachable for ``unreachable_runs`` crawls in a row (nothing fetched, only
  errors); or no article seen in the last crawl when the earlier ones saw some (a changed layout
  or a moved news section); or an error rate above one half after runs below one in five;
* ``source_quiet`` — no new article for far longer than the source's own rhythm: more than
  ``quiet_factor`` times its median gap between publication dates (at least ``min_quiet_days``),
  learnt from its last articles.

A condition is alerted once: not again while no healthy crawl has passed since its alert.
Spidermon's monitors judge one run from its stats; these judgements need the history across runs,
which lives in the database, so they are written here.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timezone

from newscrawler.db import record_alert, utcnow


@dataclass(frozen=True)
class HealthPolicy:
    unreachable_runs: int = 3
    quiet_factor: float = 4.0
    min_quiet_days: float = 7.0
    min_history: int = 5


def _runs(db, source: str, limit: int = 10) -> list[dict]:
    rows = db.execute(
        "SELECT started_at, pages_fetched, articles_new, articles_updated, articles_unchanged, articles_duplicate, "
        "errors_total, errors FROM crawl_runs WHERE source = ? AND finished_at IS NOT NULL "
        "ORDER BY started_at DESC, id DESC LIMIT ?", [source, limit]).fetchall()
    keys = ("started_at", "pages", "new", "updated", "unchanged", "duplicate", "errors", "by_kind")
    return [dict(zip(keys, r)) for r in rows]


def _seen(run: dict) -> int:
    return run["new"] + run["updated"] + run["unchanged"] + run["duplicate"]


def _unreachable(run: dict) -> bool:
    return _seen(run) == 0 and run["errors"] > 0 and run["pages"] <= run["errors"]


def diagnose_runs(runs: list[dict], policy: HealthPolicy) -> str | None:
    """Why the source looks broken, from its runs (newest first), or None."""
    if len(runs) >= policy.unreachable_runs and all(_unreachable(r) for r in runs[:policy.unreachable_runs]):
        kinds = json.loads(runs[0]["by_kind"] or "{}")
        return f"unreachable for {policy.unreachable_runs} crawls in a row ({', '.join(sorted(kinds)) or 'errors'})"
    if len(runs) >= 3 and _seen(runs[0]) == 0 and not _unreachable(runs[0]) \
            and statistics.median(_seen(r) for r in runs[1:]) > 0:
        return "no article found in the last crawl, where earlier crawls found some (layout changed?)"
    if len(runs) >= 3 and runs[0]["pages"]:
        rate = runs[0]["errors"] / runs[0]["pages"]
        before = [r["errors"] / r["pages"] for r in runs[1:] if r["pages"]]
        if rate > 0.5 and before and statistics.fmean(before) < 0.2:
            return f"error rate jumped to {rate:.0%} (was {statistics.fmean(before):.0%})"
    return None


def _day(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value[:10])
    except ValueError:
        return None


def diagnose_rhythm(published: list[str], now: datetime, policy: HealthPolicy) -> str | None:
    """Silent far longer than usual, from publication dates (any order), or None."""
    days = sorted({d for d in (_day(p) for p in published if p) if d})
    if len(days) < policy.min_history:
        return None
    recent = days[-20:]
    gap = statistics.median((b - a).days for a, b in zip(recent, recent[1:]))
    limit = max(policy.quiet_factor * gap, policy.min_quiet_days)
    silent = (now.date() - days[-1]).days
    if silent > limit:
        return f"no new article for {silent} days; it usually publishes every {gap:g} days"
    return None


def _already_alerted(db, kind: str, source: str, since: str | None) -> bool:
    row = db.execute("SELECT created_at FROM alerts WHERE kind = ? AND source = ? ORDER BY id DESC LIMIT 1",
                     [kind, source]).fetchone()
    return row is not None and (since is None or row[0] >= since)


def _last_healthy(runs: list[dict]) -> str | None:
    return next((r["started_at"] for r in runs if _seen(r) > 0), None)


def check_sources(db, sources: list[str], now: datetime | None = None,
                  policy: HealthPolicy = HealthPolicy()) -> list[dict]:
    """Write source_broken / source_quiet alerts for these sources; returns them."""
    now = now or datetime.now(timezone.utc)
    raised = []
    for source in sources:
        runs = _runs(db, source)
        checks = [("source_broken", diagnose_runs(runs, policy))]
        published = [r[0] for r in db.execute(
            "SELECT published_at FROM articles WHERE source = ? AND published_at IS NOT NULL "
            "ORDER BY published_at DESC LIMIT 40", [source])]
        checks.append(("source_quiet", diagnose_rhythm(published, now, policy)))
        for kind, reason in checks:
            if not reason or _already_alerted(db, kind, source, _last_healthy(runs)):
                continue
            payload = {"source": source, "reason": reason, "clusters": [], "count": 0, "language": None,
                       "last_runs": [{k: r[k] for k in ("started_at", "pages", "new", "errors")} for r in runs[:3]]}
            with db.atomic():
                alert_id = record_alert(db, kind, title=f"{source}: {reason}", article_url=None, source=source,
                                        payload=payload, now=utcnow())
            raised.append({"id": alert_id, "kind": kind, **payload})
    return raised
