"""Deliver the alert outbox: every pending alert to every sink, at least once.

Delivery is tracked per alert and sink (``alert_deliveries``): a sink that succeeded is not sent
the alert again; a sink that fails keeps the alert pending with ``attempts``, ``last_error`` and a
``next_attempt_at`` that backs off (1 min, 2, 4 … up to 6 h). ``alerts.delivered_at`` is set when
every sink has it. Errors are recorded, never raised: one broken sink does not stop the others.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from newscrawler.alerts.sinks import AtomSink

logger = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def alert_rows(db, where: str = "", params=(), limit: int | None = None) -> list[dict]:
    sql = "SELECT id, kind, created_at, article_url, title, payload, delivered_at, attempts, last_error, source " \
          f"FROM alerts {where} ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    rows = []
    for r in db.execute(sql, list(params)):
        rows.append({"id": r[0], "kind": r[1], "created_at": r[2], "article_url": r[3], "title": r[4],
                     "payload": json.loads(r[5] or "{}"), "delivered_at": r[6], "attempts": r[7],
                     "last_error": r[8], "source": r[9]})
    return rows


def deliver_pending(db, sinks: list, now: datetime | None = None, *, ignore_backoff: bool = False) -> dict:
    """Send what is due; returns {"delivered": n, "failed": n, "pending": n}."""
    now = now or datetime.now(timezone.utc)
    stamp = now.isoformat(timespec="seconds")
    for sink in sinks:
        if isinstance(sink, AtomSink) and sink.latest is None:
            sink.latest = lambda: alert_rows(db, limit=100)
    pending = alert_rows(db, "WHERE delivered_at IS NULL")
    pending.reverse()   # oldest first
    delivered = failed = 0
    for alert in pending:
        due = db.execute("SELECT next_attempt_at FROM alerts WHERE id = ?", [alert["id"]]).fetchone()[0]
        if due and due > stamp and not ignore_backoff:
            continue
        done = {r[0] for r in db.execute(
            "SELECT sink FROM alert_deliveries WHERE alert_id = ? AND delivered_at IS NOT NULL", [alert["id"]])}
        errors = []
        for sink in sinks:
            if sink.name in done:
                continue
            try:
                sink.send(alert)
            except Exception as exc:   # recorded and retried; the other sinks still get the alert
                errors.append(f"{sink.name}: {exc}")
                db.execute("INSERT INTO alert_deliveries (alert_id, sink, attempts, last_error) VALUES (?, ?, 1, ?) "
                           "ON CONFLICT (alert_id, sink) DO UPDATE SET attempts = attempts + 1, last_error = ?",
                           [alert["id"], sink.name, str(exc), str(exc)])
                continue
            db.execute("INSERT INTO alert_deliveries (alert_id, sink, delivered_at, attempts) VALUES (?, ?, ?, 1) "
                       "ON CONFLICT (alert_id, sink) DO UPDATE SET delivered_at = ?, attempts = attempts + 1",
                       [alert["id"], sink.name, stamp, stamp])
        attempts = alert["attempts"] + 1
        if errors:
            failed += 1
            db.execute("UPDATE alerts SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                       [attempts, "; ".join(errors), (now + backoff(attempts)).isoformat(timespec="seconds"),
                        alert["id"]])
            logger.warning("alert %s not delivered: %s", alert["id"], "; ".join(errors))
        else:
            delivered += 1
            db.execute("UPDATE alerts SET attempts = ?, delivered_at = ?, last_error = NULL, next_attempt_at = NULL "
                       "WHERE id = ?", [attempts, stamp, alert["id"]])
        db.conn.commit()
    remaining = db.execute("SELECT count(*) FROM alerts WHERE delivered_at IS NULL").fetchone()[0]
    return {"delivered": delivered, "failed": failed, "pending": remaining}


def deliver(db_path, sinks: list, **kwargs) -> dict:
    from newscrawler.db import open_db

    db = open_db(db_path)
    try:
        return deliver_pending(db, sinks, **kwargs)
    finally:
        db.close()

