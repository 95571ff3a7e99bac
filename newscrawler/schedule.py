"""Scheduled crawls: each registered site at its own interval, unattended, for months.

``Scheduler.run_once`` crawls the sites that are due (``every`` in the registry, else the
default), in one crawl process, then checks the sources' health and delivers pending alerts.
``run_forever`` repeats it until SIGTERM / Ctrl-C. Due times come from ``crawl_runs`` in the
database, so a restart picks up where it left off. A lock file beside the database keeps two
schedulers (or an overlapping cron run) from crawling at once, so a site is never crawled twice
at the same time. Each crawl runs in its own process: Twisted's reactor cannot restart, and a
crawl that crashes cannot take the scheduler down with it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newscrawler.alerts.delivery import deliver_pending
from newscrawler.crawl import format_errors
from newscrawler.db import open_db
from newscrawler.health import HealthPolicy, check_sources
from newscrawler.sites import Site, parse_duration

logger = logging.getLogger(__name__)


def due_sites(db, sites: list[Site], default_every: timedelta, now: datetime) -> list[Site]:
    """Sites whose last crawl started at least their interval ago (or never crawled)."""
    due = []
    for site in sites:
        row = db.execute("SELECT max(started_at) FROM crawl_runs WHERE source = ?", [site.id]).fetchone()
        every = parse_duration(site.every) if site.every else default_every
        if row[0] is None or datetime.fromisoformat(row[0]) + every <= now:
            due.append(site)
    return due


class SchedulerLock:
    """An exclusive, non-blocking lock on ``<db>.lock``; released when the process dies."""

    def __init__(self, db_path: Path):
        self.path = Path(str(db_path) + ".lock")
        self.handle = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("w")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            self.handle = None
            return False
        return True

    def release(self) -> None:
        if self.handle:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


class Scheduler:
    def __init__(self, registry: Path, db_path: Path, sites: list[Site], *, default_every: timedelta,
                 crawl_args: list[str] = (), sinks: list = (), policy: HealthPolicy = HealthPolicy(),
                 out=sys.stdout):
        self.registry = registry
        self.db_path = Path(db_path)
        self.sites = sites
        self.default_every = default_every
        self.crawl_args = list(crawl_args)
        self.sinks = list(sinks)
        self.policy = policy
        self.out = out
        self.stop = threading.Event()
        self.child: subprocess.Popen | None = None

    def log(self, message: str) -> None:
        print(f"{datetime.now(timezone.utc).isoformat(timespec='seconds')} {message}", file=self.out, flush=True)

    def request_stop(self, *_):
        """SIGTERM / Ctrl-C: stop after the running crawl, which is asked to finish cleanly."""
        self.stop.set()
        if self.child and self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)

    def _crawl(self, sites: list[Site]) -> tuple[int, float]:
        command = [sys.executable, "-m", "newscrawler.cli", "crawl", *[s.id for s in sites],
                   "--registry", str(self.registry), "--db", str(self.db_path), "--progress", "0",
                   "--no-deliver", *self.crawl_args]
        started = time.monotonic()
        self.child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, stderr = self.child.communicate()
        code = self.child.returncode
        self.child = None
        if code != 0:
            self.log(f"crawl process exited {code}: {(stderr or '').strip().splitlines()[-1:] or ''}")
        return code, time.monotonic() - started

    def _summaries(self, db, sites: list[Site]) -> list[str]:
        lines = []
        for site in sites:
            row = db.execute("SELECT pages_fetched, articles_new, articles_updated, articles_unchanged, errors_total, "
                             "errors, finish_reason FROM crawl_runs WHERE source = ? ORDER BY id DESC LIMIT 1",
                             [site.id]).fetchone()
            if row is None:
                lines.append(f"{site.id}: no crawl recorded")
                continue
            errors = format_errors(json.loads(row[5] or "{}"))
            lines.append(f"{site.id}: {row[0]} pages, {row[1]} new, {row[2]} updated, {row[3]} unchanged, "
                         f"errors: {errors}" + ("" if row[6] == "finished" else f" ({row[6] or 'unfinished'})"))
        return lines

    def run_once(self, now: datetime | None = None) -> list[str]:
        """Crawl what is due, check health, deliver alerts. Returns the crawled site ids."""
        lock = SchedulerLock(self.db_path)
        if not lock.acquire():
            self.log("another crawl of this database is running; nothing started")
            return []
        try:
            db = open_db(self.db_path)
            try:
                due = due_sites(db, self.sites, self.default_every, now or datetime.now(timezone.utc))
            finally:
                db.close()
            if not due:
                return []
            code, seconds = self._crawl(due)
            db = open_db(self.db_path)
            try:
                for line in self._summaries(db, due):
                    self.log(f"crawl {line} ({seconds:.1f}s)")
                for alert in check_sources(db, [s.id for s in due], policy=self.policy):
                    self.log(f"health: [{alert['kind']}] {alert['source']}: {alert['reason']}")
                if self.sinks:
                    result = deliver_pending(db, self.sinks)
                    if result["delivered"] or result["failed"]:
                        self.log(f"alerts: {result['delivered']} delivered, {result['failed']} failed, "
                                 f"{result['pending']} pending")
            finally:
                db.close()
            return [s.id for s in due]
        finally:
            lock.release()

    def run_forever(self, tick: float = 30.0) -> None:
        self.log(f"scheduling {len(self.sites)} site(s) into {self.db_path}")
        while not self.stop.is_set():
            try:
                self.run_once()
            except Exception as exc:   # a failing cycle is logged; the scheduler keeps going
                self.log(f"cycle failed: {type(exc).__name__}: {exc}")
            self.stop.wait(tick)
        self.log("stopped")
